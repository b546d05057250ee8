import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgrammeRepository } from '@app/catalogue';
import { SearchEngine, SearchEngineUnavailableError } from '../search-engine';
import { toSearchDocument } from '../search-document';
import { SynonymsService } from '../synonyms/synonyms.service';
import { OutboxRow, SearchOutbox } from './search-outbox';

const BATCH = 200;

export interface RelayRun {
  claimed: number;
  processed: number;
  failed: number;
}

/**
 * Drains the search outbox into the engine. Each run claims due rows in a
 * transaction (FOR UPDATE SKIP LOCKED, so several relays never send the same
 * row), sends the current state of what they name, and marks them processed
 * only once the engine confirmed; a failure leaves them pending with a backoff.
 * A batch the engine rejects is retried row by row, so one bad document cannot
 * hold back the others.
 */
@Injectable()
export class SearchSyncRelay {
  private readonly logger = new Logger(SearchSyncRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: SearchOutbox,
    private readonly engine: SearchEngine,
    private readonly programmes: ProgrammeRepository,
    private readonly synonyms: SynonymsService,
  ) {}

  runOnce(limit = BATCH): Promise<RelayRun> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.outbox.claim(tx, limit);
      if (!rows.length) return { claimed: 0, processed: 0, failed: 0 };
      if (!this.engine.holdsCopy) {
        await this.outbox.markProcessed(
          tx,
          rows.map((r) => r.id),
        );
        return { claimed: rows.length, processed: rows.length, failed: 0 };
      }
      try {
        await this.deliver(rows);
        await this.outbox.markProcessed(
          tx,
          rows.map((r) => r.id),
        );
        return { claimed: rows.length, processed: rows.length, failed: 0 };
      } catch (error) {
        if (rows.length === 1 || error instanceof SearchEngineUnavailableError) {
          await this.outbox.markFailed(
            tx,
            rows.map((r) => r.id),
            describe(error),
          );
          this.logger.warn({ err: error, rows: rows.length }, 'Search sync failed; will retry');
          return { claimed: rows.length, processed: 0, failed: rows.length };
        }
        return this.oneByOne(tx, rows);
      }
    });
  }

  /** Records this process's engine as the one searches read (the server does, at start). */
  async bindReaders(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO search_binding (id, engine, target) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET engine = EXCLUDED.engine, target = EXCLUDED.target, bound_at = now()`,
      [this.engine.name, this.engine.target],
    );
  }

  /** Null when this process may drain the outbox; otherwise why not. */
  async mismatch(): Promise<string | null> {
    const [bound] = await this.dataSource.query<{ engine: string; target: string }[]>(
      `SELECT engine, target FROM search_binding WHERE id = 1`,
    );
    if (!bound || bound.target === this.engine.target) return null;
    return `this process sends search changes to ${this.engine.target}, but searches read ${bound.target}: it would mark changes done that the index never gets. Give it the same search configuration (MEILI_URL, MEILI_INDEX) or stop it`;
  }

  /** Runs until nothing is due; stops early when a run fails (the backoff decides when to try again). */
  async drain(): Promise<RelayRun> {
    const total: RelayRun = { claimed: 0, processed: 0, failed: 0 };
    const refused = await this.mismatch();
    if (refused) {
      this.logger.error({ engine: this.engine.target }, `Search sync refused: ${refused}`);
      return total;
    }
    for (;;) {
      const run = await this.runOnce();
      total.claimed += run.claimed;
      total.processed += run.processed;
      total.failed += run.failed;
      if (run.claimed === 0 || run.failed > 0) return total;
    }
  }

  /** Sends the current state of these programmes now: upsert the published ones, remove the rest. */
  async syncProgrammes(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (!unique.length || !this.engine.holdsCopy) return;
    const published = await this.programmes.findPublishedByIds(unique);
    const keep = new Set(published.map((p) => p.id));
    await this.engine.upsert(published.map(toSearchDocument));
    await this.engine.remove(unique.filter((id) => !keep.has(id)));
  }

  async applySettings(): Promise<void> {
    await this.engine.applySettings({ synonyms: await this.synonyms.groups(true) });
  }

  private async deliver(rows: OutboxRow[]): Promise<void> {
    if (rows.some((r) => r.kind === 'settings')) await this.applySettings();
    await this.syncProgrammes(rows.filter((r) => r.kind === 'programme').map((r) => r.programmeId as string));
  }

  private async oneByOne(tx: Parameters<SearchOutbox['claim']>[0], rows: OutboxRow[]): Promise<RelayRun> {
    let processed = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await this.deliver([row]);
        await this.outbox.markProcessed(tx, [row.id]);
        processed++;
      } catch (error) {
        await this.outbox.markFailed(tx, [row.id], describe(error));
        this.logger.warn({ err: error, outboxId: row.id, programmeId: row.programmeId }, 'Search sync of one row failed; will retry');
        failed++;
      }
    }
    return { claimed: rows.length, processed, failed };
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
