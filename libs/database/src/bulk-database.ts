import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';

/**
 * A second, small pool (DATABASE_BULK_POOL_SIZE connections) for bulk work that
 * holds a connection for minutes (an import), apart from the pool the site's
 * requests use: however many imports wait, pages and saves never wait for a
 * connection because of them. Opened on first use.
 */
@Injectable()
export class BulkDatabase implements OnApplicationShutdown {
  private opening: Promise<DataSource> | null = null;

  constructor(
    @InjectDataSource() private readonly main: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The bulk pool's data source, with the same entities as the main one. */
  dataSource(): Promise<DataSource> {
    this.opening ??= new DataSource({
      ...dataSourceOptions({
        url: this.config.database.url!,
        poolSize: this.config.database.bulkPoolSize,
        lockTimeoutMs: this.config.database.lockTimeoutMs,
        applicationName: 'support-navigator-bulk',
      }),
      entities: this.main.entityMetadatas.map((m) => m.target).filter((t): t is NonNullable<typeof t> => typeof t === 'function'),
    }).initialize();
    return this.opening;
  }

  /** After the HTTP server has closed and its requests have finished. */
  async onApplicationShutdown(): Promise<void> {
    if (this.opening) await (await this.opening).destroy();
  }
}
