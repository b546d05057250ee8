import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { BulkDatabase } from './bulk-database';
import { dataSourceOptions } from './data-source';

/** The TypeORM connection for a Nest process (entities come from each feature's forFeature), and the bulk pool beside it. */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.database.url) throw new Error('DatabaseModule needs a resolved database URL');
            return {
              ...dataSourceOptions({
                url: config.database.url,
                poolSize: config.database.poolSize,
                lockTimeoutMs: config.database.lockTimeoutMs,
              }),
              autoLoadEntities: true,
            };
          },
        }),
      ],
      providers: [BulkDatabase],
      exports: [BulkDatabase],
      global: true,
    };
  }
}
