import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeRepository } from '@app/catalogue';

export interface OutboxRow {
  id: string;
  kind: 'programme' | 'settings' | 'reindex';
  programmeId: string | null;
  attempts: number;
}

export interface OutboxStatus {
  pending: number;
  /** Pending rows whose last FAILED_AFTER or more attempts failed (still retried, never dropped). */
  failed: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  lastError: { message: string; at: string; attempts: number } | null;
  processedLastHour: number;
}

export const FAILED_AFTER = 3;
const MAX_BACKOFF_SECONDS = 300;

/**
 * The search outbox: rows written in the same transaction as the change they
 * announce, claimed by the relay with FOR UPDATE SKIP LOCKED, marked processed
 * only after the engine confirmed. Failed rows wait (exponential backoff capped
 * at five minutes) and are retried forever; nothing deletes a pending row.
 */
@Injectable()
export class SearchOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async enqueueSettings(tx?: EntityManager): Promise<void> {
    await (tx ?? this.dataSource.manager).query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
  }

  /** The same insert the catalogue writes with every change (one place for it: the programme repository). */
  async enqueueProgrammes(ids: string[], tx?: EntityManager): Promise<void> {
    if (ids.length) await this.programmes.enqueueSearchSync(tx ?? this.dataSource.manager, ids);
  }

  /**
   * Asks for a full rebuild of the index by a process that may write to the engine (a worker), unless one is
   * already waiting. False when one was.
   */
  async enqueueReindex(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO search_outbox (kind)
       SELECT 'reindex' WHERE NOT EXISTS (SELECT 1 FROM search_outbox WHERE kind = 'reindex' AND processed_at IS NULL)
       RETURNING id`,
    );
    return rows.length > 0;
  }

  /**
   * Claims the due rebuild requests (another process skips them while this one rebuilds), runs `rebuild`, and
   * marks them processed, or failed with a backoff (retried later) when it throws.
   */
  serveReindexRequests(rebuild: () => Promise<void>): Promise<{ requests: number; error?: string }> {
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `SELECT id::text AS id FROM search_outbox
          WHERE kind = 'reindex' AND processed_at IS NULL AND next_attempt_at <= now()
          ORDER BY id
          FOR UPDATE SKIP LOCKED`,
      );
      const ids = rows.map((r) => r.id);
      if (!ids.length) return { requests: 0 };
      try {
        await rebuild();
        await this.markProcessed(tx, ids);
        return { requests: ids.length };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.markFailed(tx, ids, message);
        return { requests: ids.length, error: message };
      }
    });
  }

  /** Locks up to `limit` due rows for the caller's transaction; other relays skip them. Rebuild requests are left to the maintenance job. */
  claim(tx: EntityManager, limit: number): Promise<OutboxRow[]> {
    return tx.query(
      `SELECT id::text AS id, kind, programme_id AS "programmeId", attempts
         FROM search_outbox
        WHERE processed_at IS NULL AND next_attempt_at <= now() AND kind <> 'reindex'
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markProcessed(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`UPDATE search_outbox SET processed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async markFailed(tx: EntityManager, ids: string[], message: string): Promise<void> {
    if (!ids.length) return;
    await tx.query(
      `UPDATE search_outbox
          SET attempts = attempts + 1,
              last_error = $2,
              last_error_at = now(),
              next_attempt_at = now() + make_interval(secs => least($3, power(2, attempts)) * (0.75 + random() / 2))
        WHERE id = ANY($1::bigint[])`,
      [ids, message.slice(0, 1000), MAX_BACKOFF_SECONDS],
    );
  }

  /** Makes every waiting row due now (after an outage ends, or from the CLI). */
  async retryNow(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH due AS (UPDATE search_outbox SET next_attempt_at = now() WHERE processed_at IS NULL AND next_attempt_at > now() RETURNING 1)
       SELECT 1 FROM due`,
    );
    return rows.length;
  }

  async lastId(): Promise<string> {
    const [{ id }] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM search_outbox`);
    return id;
  }

  /** Programmes changed after outbox row `afterId` (replayed after a rebuild). */
  async programmesChangedSince(afterId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT programme_id AS id FROM search_outbox WHERE id > $1 AND kind = 'programme'`,
      [afterId],
    );
    return rows.map((r) => r.id);
  }

  async status(): Promise<OutboxStatus> {
    const [row] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE processed_at IS NULL)::int AS pending,
         count(*) FILTER (WHERE processed_at IS NULL AND attempts >= $1)::int AS failed,
         min(created_at) FILTER (WHERE processed_at IS NULL) AS oldest,
         extract(epoch FROM now() - min(created_at) FILTER (WHERE processed_at IS NULL))::float AS age,
         count(*) FILTER (WHERE processed_at > now() - interval '1 hour')::int AS recent
       FROM search_outbox`,
      [FAILED_AFTER],
    );
    const [last] = await this.dataSource.query(
      `SELECT last_error AS message, last_error_at AS at, attempts FROM search_outbox
        WHERE last_error IS NOT NULL AND processed_at IS NULL ORDER BY last_error_at DESC LIMIT 1`,
    );
    return {
      pending: row.pending,
      failed: row.failed,
      oldestPendingAt: row.oldest ? new Date(row.oldest).toISOString() : null,
      oldestPendingAgeSeconds: row.age === null ? null : Math.round(row.age),
      lastError: last ? { message: last.message, at: new Date(last.at).toISOString(), attempts: last.attempts } : null,
      processedLastHour: row.recent,
    };
  }

  /** Deletes processed rows older than `days` (pending rows are never deleted). */
  async prune(days: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM search_outbox WHERE processed_at < now() - make_interval(days => $1) RETURNING 1) SELECT 1 FROM gone`,
      [days],
    );
    return rows.length;
  }
}
