import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending changes: an edit of a published programme is kept here, apart from the
 * live row, until an editor publishes it (or discards it), so the public page,
 * the API, search and the change feed show the published version meanwhile.
 * At most one is open per programme. Every save of one is kept with its content
 * (`programme_pending_revision`, keyed by the programme and a number that never
 * repeats for it: the `p<n>` ETag), for the conflict page's three-way merge.
 * `programme.stale_english` lists the localised texts whose Russian changed
 * after their English was written.
 */
export class CreatePendingChanges1765400000000 implements MigrationInterface {
  name = 'CreatePendingChanges1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme_pending_change (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id       uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        state              text NOT NULL CHECK (state IN ('open', 'published', 'discarded')),
        version            int NOT NULL,
        base_version       int NOT NULL,
        content            jsonb NOT NULL,
        english_checked    jsonb NOT NULL DEFAULT '[]',
        catalogue_hash     text,
        authors            jsonb NOT NULL DEFAULT '[]',
        created_by         uuid,
        created_by_label   text NOT NULL,
        updated_by_label   text NOT NULL,
        approved_by        uuid,
        approved_by_label  text,
        approved_version   int,
        approved_at        timestamptz,
        resolved_by_label  text,
        resolved_at        timestamptz,
        published_version  int,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX programme_pending_change_open_key ON programme_pending_change (programme_id) WHERE state = 'open'`);
    await db.query(
      `CREATE INDEX programme_pending_change_open_updated_idx ON programme_pending_change (updated_at DESC) WHERE state = 'open'`,
    );
    await db.query(`
      CREATE TABLE programme_pending_revision (
        programme_id  uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        version       int NOT NULL,
        change_id     uuid NOT NULL REFERENCES programme_pending_change(id) ON DELETE CASCADE,
        base_version  int NOT NULL,
        content       jsonb NOT NULL,
        actor_id      uuid,
        actor_label   text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, version)
      )`);
    await db.query(`ALTER TABLE programme ADD COLUMN stale_english jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programme DROP COLUMN stale_english`);
    await db.query(`DROP TABLE programme_pending_revision`);
    await db.query(`DROP TABLE programme_pending_change`);
  }
}
