import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes become actionable and sourced: ordered key facts that each cite a
 * source, many dated sources (replacing the single source link and the blanket
 * "needs verification" flag), ordered application steps, and the shipped-catalogue
 * release an entry was written from, with suggested updates for entries an
 * editor has changed since. Key facts and steps become searchable text.
 */
export class AddKeyFactsAndSources1764518400000 implements MigrationInterface {
  name = 'AddKeyFactsAndSources1764518400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE programme
        ADD COLUMN key_facts jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN sources jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN application_steps jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN sources_newest_on date,
        ADD COLUMN sources_checked_on date,
        ADD COLUMN catalogue_release int`);
    // the single source becomes the first of many: nothing an editor entered is lost
    await db.query(`
      UPDATE programme SET
        sources = jsonb_build_array(jsonb_build_object(
          'key', 's1',
          'title', jsonb_build_object('ru', coalesce(source_name, source_url), 'en', NULL),
          'url', source_url,
          'publisher', coalesce(source_name, substring(source_url FROM '^https?://([^/]+)')),
          'publishedOn', NULL,
          'checkedOn', to_char(verified_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD'))),
        sources_checked_on = (verified_at AT TIME ZONE 'Europe/Moscow')::date
      WHERE source_url IS NOT NULL OR source_name IS NOT NULL`);
    // entries the shipped catalogue created are release 1
    await db.query(`
      UPDATE programme p SET catalogue_release = 1
       WHERE EXISTS (SELECT 1 FROM programme_revision r
                      WHERE r.programme_id = p.id AND r.action = 'create' AND r.actor_label = 'system:seed')`);
    await db.query(
      `ALTER TABLE programme DROP COLUMN source_url, DROP COLUMN source_name, DROP COLUMN verified_at, DROP COLUMN needs_verification`,
    );
    await db.query(`CREATE INDEX programme_sources_newest_idx ON programme (sources_newest_on) WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE programme_suggested_update (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id   uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        release        int NOT NULL,
        input          jsonb NOT NULL,
        changed_fields text[] NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        resolved_at    timestamptz,
        resolution     text CHECK (resolution IN ('applied', 'dismissed')),
        resolved_by    uuid REFERENCES app_user(id) ON DELETE SET NULL,
        UNIQUE (programme_id, release)
      )`);
    await db.query(
      `CREATE INDEX programme_suggested_update_pending_idx ON programme_suggested_update (programme_id) WHERE resolved_at IS NULL`,
    );
  }

  async down(_db: QueryRunner): Promise<void> {
    throw new Error('AddKeyFactsAndSources cannot be undone without losing sources and key facts; restore a backup instead');
  }
}
