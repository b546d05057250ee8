import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A full rebuild of the search index asked for by a process that may not write
 * to the engine (a server holding a search-only key): it queues a 'reindex' row,
 * and a worker, which holds the write key, claims it and rebuilds.
 */
export class AddSearchReindexRequests1765286400000 implements MigrationInterface {
  name = 'AddSearchReindexRequests1765286400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE search_outbox DROP CONSTRAINT search_outbox_kind_check`);
    await db.query(
      `ALTER TABLE search_outbox ADD CONSTRAINT search_outbox_kind_check CHECK (kind IN ('programme', 'settings', 'reindex'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM search_outbox WHERE kind = 'reindex'`);
    await db.query(`ALTER TABLE search_outbox DROP CONSTRAINT search_outbox_kind_check`);
    await db.query(`ALTER TABLE search_outbox ADD CONSTRAINT search_outbox_kind_check CHECK (kind IN ('programme', 'settings'))`);
  }
}
