import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';

/** An answer kept for a key: replayed to a retry with the same request. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  location: string | null;
}

interface KeyRow {
  request_hash: string;
  status: number | null;
  body: unknown;
  location: string | null;
  /** Seconds until an in-progress claim's lease runs out. */
  lease_left: number | null;
}

/** How long a claim on a key lasts without renewal, and how often a running request renews it. */
export const LEASE_SECONDS = 10;
export const RENEW_EVERY_MS = 2_000;

/**
 * The `idempotency_key` table: who holds a key, for which request, and the answer it left. Each
 * method is one atomic step, so two servers sharing the database agree on who does the work.
 * Keys are per principal and kept for a day; a claim is held by a lease its holder renews.
 */
export class IdempotencyKeys {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims `key` for the request `hash` under `holder` (null), or returns the answer an earlier request
   * with the same key and request left. A different request under the key is a 400; one still running
   * under a live lease, a 409 with when to retry; one whose holder stopped renewing is taken over.
   */
  async claim(principal: string, key: string, hash: string, holder: string): Promise<StoredAnswer | null> {
    await this.db.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, holder, lease_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING RETURNING key`,
      [principal, key, hash, holder, LEASE_SECONDS],
    );
    if (claimed.length) return null;
    const [stored] = await this.db.query<KeyRow[]>(
      `SELECT request_hash, status, body, location,
              ceil(extract(epoch FROM lease_until - now()))::int AS lease_left
         FROM idempotency_key WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    // freed between the two statements (the first request failed): this one may go ahead
    if (!stored) return this.claim(principal, key, hash, holder);
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'invalid',
        'IDEMPOTENCY_KEY.REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new request',
        [{ field: 'Idempotency-Key', messages: ['already used for a different request'] }],
      );
    }
    if (stored.status === null) {
      // its holder stopped renewing (its server died mid-request): the key is this request's now
      const [[takenOver]] = await this.db.query<[unknown[], number]>(
        `UPDATE idempotency_key SET holder = $3, lease_until = now() + make_interval(secs => $4), created_at = now()
          WHERE principal = $1 AND key = $2 AND status IS NULL
            AND (lease_until < now() OR (lease_until IS NULL AND created_at < now() - make_interval(secs => $4)))
          RETURNING key`,
        [principal, key, holder, LEASE_SECONDS],
      );
      if (takenOver) return null;
      throw new DomainError(
        'conflict',
        'IDEMPOTENCY_KEY.IN_PROGRESS',
        'A request with this Idempotency-Key is still running; retry in a moment',
        { retryAfterSeconds: Math.max(1, stored.lease_left ?? LEASE_SECONDS) },
      );
    }
    return { status: stored.status, body: stored.body, location: stored.location };
  }

  /** Extends a running request's lease (a holder that lost the key changes nothing). */
  async renew(principal: string, key: string, holder: string): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET lease_until = now() + make_interval(secs => $4)
        WHERE principal = $1 AND key = $2 AND holder = $3 AND status IS NULL`,
      [principal, key, holder, LEASE_SECONDS],
    );
  }

  /** Keeps the request's answer for retries. */
  async complete(principal: string, key: string, holder: string, answer: StoredAnswer): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET status = $4, body = $5, location = $6, lease_until = NULL
        WHERE principal = $1 AND key = $2 AND holder = $3`,
      [principal, key, holder, answer.status, JSON.stringify(answer.body ?? null), answer.location],
    );
  }

  /** Frees the key of a request that failed, so a retry does the work. */
  async release(principal: string, key: string, holder: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2 AND holder = $3`, [principal, key, holder]);
  }
}
