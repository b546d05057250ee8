import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed reads programme revisions in commit-safe order: each
 * revision records the id of the transaction that wrote it, and the feed
 * only returns revisions of transactions older than every one still running,
 * so a later page can never reveal an event that sorts before an earlier page.
 */
export class CreateChangeFeed1764432000000 implements MigrationInterface {
  name = 'CreateChangeFeed1764432000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programme_revision ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await db.query(`CREATE INDEX programme_revision_feed_idx ON programme_revision (tx_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX programme_revision_feed_idx`);
    await db.query(`ALTER TABLE programme_revision DROP COLUMN tx_id`);
  }
}
