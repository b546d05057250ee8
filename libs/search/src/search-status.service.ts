import { Injectable } from '@nestjs/common';
import { ProgrammeRepository } from '@app/catalogue';
import { SearchEngine } from './search-engine';
import { SearchService } from './search.service';
import { OutboxStatus, SearchOutbox } from './sync/search-outbox';
import { SearchSyncRelay } from './sync/search-sync.relay';

export interface SearchStatus {
  engine: SearchEngine['name'];
  /** Searches are being answered by PostgreSQL because the engine failed recently. */
  degraded: boolean;
  engineHealth: { ok: boolean; detail?: string };
  publishedProgrammes: number;
  /** Documents the engine holds (null when it could not say); should equal publishedProgrammes once sync caught up. */
  engineDocuments: number | null;
  /** Set when the process draining changes is configured for another engine than searches read. */
  syncMismatch: string | null;
  outbox: OutboxStatus;
}

/** What admins see of search sync: the engine, its health, and the outbox backlog. */
@Injectable()
export class SearchStatusService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly search: SearchService,
    private readonly outbox: SearchOutbox,
    private readonly programmes: ProgrammeRepository,
    private readonly relay: SearchSyncRelay,
  ) {}

  async status(): Promise<SearchStatus> {
    const [engineHealth, outbox, publishedProgrammes, engineDocuments, syncMismatch] = await Promise.all([
      this.engine.health().catch((error: unknown) => ({ ok: false, detail: (error as Error).message })),
      this.outbox.status(),
      this.programmes.countPublished(),
      this.engine.documentCount().catch(() => null),
      this.relay.mismatch(),
    ]);
    return {
      engine: this.engine.name,
      degraded: this.search.degraded,
      engineHealth,
      publishedProgrammes,
      engineDocuments,
      syncMismatch,
      outbox,
    };
  }

  retryNow(): Promise<number> {
    return this.outbox.retryNow();
  }
}
