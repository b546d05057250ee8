import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key in progress is held by a lease its request renews while it
 * runs: a key whose holder died (a server killed mid-create) becomes retryable
 * once the lease runs out, seconds later, instead of answering 409 for a day.
 * `holder` names the claim, so a holder that lost its lease cannot overwrite
 * the answer of the request that took the key over.
 */
export class AddIdempotencyLease1765100000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_key ADD COLUMN lease_until timestamptz, ADD COLUMN holder uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_key DROP COLUMN lease_until, DROP COLUMN holder`);
  }
}
