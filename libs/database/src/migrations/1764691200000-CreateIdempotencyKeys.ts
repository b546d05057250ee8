import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin creates accept `Idempotency-Key`: a client that retries a POST after a
 * lost answer gets the first answer again instead of a second record. The row
 * is claimed before the work (`status` null while it runs) and holds the answer
 * after; rows older than a day are dropped when a new key is claimed.
 */
export class CreateIdempotencyKeys1764691200000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_key (
        principal    text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        status       integer,
        body         jsonb,
        location     text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      )`);
    await db.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_key`);
  }
}
