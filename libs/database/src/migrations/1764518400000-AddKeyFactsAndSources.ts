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

    await db.query(`
      CREATE FUNCTION programme_facts_text(p programme) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(string_agg(
                 concat_ws(' ', f->'label'->>'ru', f->'label'->>'en', f->'value'->>'ru', f->'value'->>'en'), ' '), '')
          FROM jsonb_array_elements(p.key_facts) f
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION programme_search_upsert(p programme) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        keys text[] := ARRAY(SELECT 'supportType:' || x FROM unnest(p.support_types) x)
          || ARRAY(SELECT 'applicantType:' || x FROM unnest(p.applicant_types) x)
          || ARRAY(SELECT 'stage:' || x FROM unnest(p.stages) x)
          || ARRAY(SELECT 'size:' || x FROM unnest(p.sizes) x)
          || ARRAY(SELECT 'industry:' || x FROM unnest(p.industries) x)
          || ARRAY(SELECT 'objective:' || x FROM unnest(p.objectives) x)
          || ARRAY(SELECT 'territory:' || x FROM unnest(p.territories) x)
          || ARRAY(SELECT 'provider:' || o.slug FROM organisation o WHERE o.id = p.provider_id)
          || ARRAY['status:' || p.status];
        ids int4[];
      BEGIN
        ids := ARRAY(SELECT k.id FROM search_facet_key k WHERE k.key = ANY(keys) ORDER BY k.id);
        IF cardinality(ids) < cardinality(keys) THEN
          INSERT INTO search_facet_key (key) SELECT unnest(keys) ON CONFLICT DO NOTHING;
          ids := ARRAY(SELECT k.id FROM search_facet_key k WHERE k.key = ANY(keys) ORDER BY k.id);
        END IF;
        INSERT INTO programme_search (id, facets, closes_at, updated_at, amount_min, amount_max, amount_sort)
        VALUES (p.id, ids, p.closes_at, p.updated_at, p.amount_min, p.amount_max, coalesce(p.amount_max, p.amount_min))
        ON CONFLICT (id) DO UPDATE SET
          facets = EXCLUDED.facets, closes_at = EXCLUDED.closes_at, updated_at = EXCLUDED.updated_at,
          amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max, amount_sort = EXCLUDED.amount_sort;
        INSERT INTO programme_search_text (id, facets, closes_at, updated_at, amount_min, amount_max, amount_sort, search_vector)
        VALUES (
          p.id, ids, p.closes_at, p.updated_at, p.amount_min, p.amount_max, coalesce(p.amount_max, p.amount_min),
          setweight(to_tsvector('russian'::regconfig, search_fold(p.title_ru) || ' ' || search_fold(p.title_en)), 'A') ||
          setweight(to_tsvector('russian'::regconfig, search_fold(p.summary_ru) || ' ' || search_fold(p.summary_en)), 'B') ||
          setweight(to_tsvector('russian'::regconfig,
            search_fold(p.description_ru) || ' ' || search_fold(p.description_en) || ' ' ||
            search_fold(p.benefit_ru) || ' ' || search_fold(p.benefit_en) || ' ' ||
            search_fold(p.eligibility_ru) || ' ' || search_fold(p.eligibility_en) || ' ' ||
            search_fold(programme_facts_text(p))), 'C'))
        ON CONFLICT (id) DO UPDATE SET
          search_vector = EXCLUDED.search_vector, facets = EXCLUDED.facets, closes_at = EXCLUDED.closes_at,
          updated_at = EXCLUDED.updated_at, amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max,
          amount_sort = EXCLUDED.amount_sort;
      END $$`);
  }

  async down(_db: QueryRunner): Promise<void> {
    throw new Error('AddKeyFactsAndSources cannot be undone without losing sources and key facts; restore a backup instead');
  }
}
