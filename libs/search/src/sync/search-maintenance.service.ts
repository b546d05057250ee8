import { Injectable, Logger } from '@nestjs/common';
import { ProgrammeRepository } from '@app/catalogue';
import { SearchEngine } from '../search-engine';
import { SearchDocument, toSearchDocument } from '../search-document';
import { SynonymsService } from '../synonyms/synonyms.service';
import { SearchOutbox } from './search-outbox';
import { SearchSyncRelay } from './search-sync.relay';

/** Programmes read (and sent to the engine) at a time when the whole index is built or checked. */
const BATCH = 2000;

export interface ReconcileReport {
  engine: string;
  checked: number;
  missing: number;
  stale: number;
  extra: number;
  queued: number;
}

export interface ReindexReport {
  engine: string;
  documents: number;
  replayed: number;
}

/** Full rebuilds and drift repair: the slow paths that keep the index honest. */
@Injectable()
export class SearchMaintenanceService {
  private readonly logger = new Logger(SearchMaintenanceService.name);

  constructor(
    private readonly engine: SearchEngine,
    private readonly programmes: ProgrammeRepository,
    private readonly outbox: SearchOutbox,
    private readonly relay: SearchSyncRelay,
    private readonly synonyms: SynonymsService,
  ) {}

  /**
   * Builds a new index from every published programme and swaps it in at once.
   * Changes saved while it was built are sent again after the swap (the live
   * index received them, the new one may not have).
   */
  async reindex(onProgress: (done: number, total: number) => void = () => undefined): Promise<ReindexReport> {
    const startedAfter = await this.outbox.lastId();
    const total = await this.programmes.countPublished();
    await this.engine.rebuild(
      { batches: () => this.documents(), total, onProgress: (done) => onProgress(done, total) },
      { synonyms: await this.synonyms.groups(true) },
    );
    const changed = await this.outbox.programmesChangedSince(startedAfter);
    await this.relay.syncProgrammes(changed);
    this.logger.log({ engine: this.engine.name, documents: total, replayed: changed.length }, 'Search index rebuilt');
    return { engine: this.engine.name, documents: total, replayed: changed.length };
  }

  /**
   * Rebuilds the index if a process that may not write to the engine asked for it (a server holding a
   * search-only key queues the request). Several workers may call this: one claims the request, the others
   * skip it. A process bound to another engine than searches read leaves it alone.
   */
  async reindexIfRequested(): Promise<ReindexReport | null> {
    if (await this.relay.mismatch()) return null;
    let report: ReindexReport | null = null;
    const served = await this.outbox.serveReindexRequests(async () => {
      report = await this.reindex();
    });
    if (served.error) this.logger.warn({ error: served.error }, 'Requested search index rebuild failed; will retry');
    return report;
  }

  /**
   * Compares what the engine holds (ids and content hashes) with the published
   * catalogue and queues every difference in the outbox, where the relay repairs it.
   */
  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { engine: this.engine.name, checked: 0, missing: 0, stale: 0, extra: 0, queued: 0 };
    if (!this.engine.holdsCopy) return report;
    const indexed = new Map<string, string>();
    for await (const page of this.engine.listIndexed()) for (const e of page) indexed.set(e.id, e.contentHash);
    const drifted: string[] = [];
    for await (const batch of this.documents()) {
      for (const doc of batch) {
        report.checked++;
        const hash = indexed.get(doc.id);
        if (hash === undefined) report.missing++;
        else if (hash !== doc.contentHash) report.stale++;
        if (hash !== doc.contentHash) drifted.push(doc.id);
        indexed.delete(doc.id);
      }
    }
    report.extra = indexed.size;
    drifted.push(...indexed.keys());
    await this.outbox.enqueueProgrammes(drifted);
    report.queued = drifted.length;
    if (drifted.length) this.logger.warn({ ...report }, 'Search index drift found; repairs queued');
    return report;
  }

  private async *documents(): AsyncIterable<SearchDocument[]> {
    let after: string | null = null;
    for (;;) {
      const batch = await this.programmes.listPublishedAfter(after, BATCH);
      if (!batch.length) return;
      yield batch.map(toSearchDocument);
      after = batch[batch.length - 1].id;
    }
  }
}
