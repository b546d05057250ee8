import { MigrationInterface, QueryRunner } from 'typeorm';

const DEFAULT_SYNONYMS: string[][] = [
  [
    'МСП',
    'малый и средний бизнес',
    'малое и среднее предпринимательство',
    'SME',
    'small and medium-sized enterprises',
    'small and medium businesses',
  ],
  ['ОЭЗ', 'особая экономическая зона', 'SEZ', 'special economic zone'],
  ['МИК', 'Московский инновационный кластер', 'инновационный кластер', 'Moscow Innovation Cluster', 'innovation cluster'],
  ['ИП', 'индивидуальный предприниматель', 'sole proprietor'],
  ['стартап', 'startup', 'start-up'],
];

/**
 * Search: the PostgreSQL engine's index (a narrow table of published programmes
 * kept by a trigger), a vocabulary of lexemes with trigrams for typo correction,
 * admin-editable synonyms, and the outbox that carries every change to an external engine.
 */
export class CreateSearch1764259200000 implements MigrationInterface {
  name = 'CreateSearch1764259200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS intarray`);
    // ё is folded into е; < and > become spaces, or the parser would take `<script>alert` for markup and drop the word
    await db.query(`
      CREATE FUNCTION search_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(coalesce(value, ''), 'ёЁ<>', 'еЕ  ') $$`);
    // The PostgreSQL engine's index, kept by a trigger in the same transaction as
    // every change, so it is never stale and never holds a draft. Facet values are
    // ids of 'param:code' keys (search_facet_key): one pass over small integer
    // arrays counts every facet, one GIN index serves every facet filter.
    // - programme_search: one narrow row per published, live programme, for
    //   listings without text (they never read a tsvector);
    // - programme_search_text: the same plus its weighted tsvector (title A,
    //   summary B, the rest C; the "russian" configuration stems Cyrillic words
    //   with the Russian Snowball stemmer and Latin ones with the English one), so
    //   a text query reads one table and joins nothing.
    await db.query(`CREATE TABLE search_facet_key (id serial PRIMARY KEY, key text NOT NULL UNIQUE)`);
    // the status keys exist from the start, so the status job (which changes only statuses,
    // many programmes in one transaction) never inserts a key and never waits on an editor's new one
    await db.query(`INSERT INTO search_facet_key (key) VALUES ('status:open'), ('status:upcoming'), ('status:ongoing'), ('status:closed')`);
    await db.query(`
      CREATE TABLE programme_search (
        id          uuid PRIMARY KEY REFERENCES programme(id) ON DELETE CASCADE,
        facets      int4[] NOT NULL,
        closes_at   timestamptz,
        updated_at  timestamptz NOT NULL,
        amount_min  bigint,
        amount_max  bigint,
        amount_sort bigint
      )`);
    await db.query(`CREATE INDEX programme_search_facets_idx ON programme_search USING gin (facets gin__int_ops)`);
    await db.query(`CREATE INDEX programme_search_updated_idx ON programme_search (updated_at DESC, id)`);
    await db.query(`CREATE INDEX programme_search_deadline_idx ON programme_search (closes_at ASC NULLS LAST, updated_at DESC, id)`);
    await db.query(`CREATE INDEX programme_search_amount_idx ON programme_search (amount_sort DESC NULLS LAST, updated_at DESC, id)`);
    await db.query(`
      CREATE TABLE programme_search_text (
        id            uuid PRIMARY KEY REFERENCES programme_search(id) ON DELETE CASCADE,
        search_vector tsvector NOT NULL,
        facets        int4[] NOT NULL,
        closes_at     timestamptz,
        updated_at    timestamptz NOT NULL,
        amount_min    bigint,
        amount_max    bigint,
        amount_sort   bigint
      )`);
    await db.query(`CREATE INDEX programme_search_text_idx ON programme_search_text USING gin (search_vector)`);
    await db.query(`
      CREATE FUNCTION programme_search_upsert(p programme) RETURNS void LANGUAGE plpgsql AS $$
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
          -- a new statement sees keys another transaction has just committed
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
            search_fold(p.eligibility_ru) || ' ' || search_fold(p.eligibility_en)), 'C'))
        ON CONFLICT (id) DO UPDATE SET
          search_vector = EXCLUDED.search_vector, facets = EXCLUDED.facets, closes_at = EXCLUDED.closes_at,
          updated_at = EXCLUDED.updated_at, amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max,
          amount_sort = EXCLUDED.amount_sort;
      END $$`);
    await db.query(`
      CREATE FUNCTION programme_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'DELETE' AND NEW.publication_state = 'published' AND NEW.deleted_at IS NULL THEN
          PERFORM programme_search_upsert(NEW);
        ELSIF TG_OP <> 'INSERT' THEN
          DELETE FROM programme_search WHERE id = OLD.id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER programme_search_sync AFTER INSERT OR UPDATE OR DELETE ON programme
      FOR EACH ROW EXECUTE FUNCTION programme_search_sync()`);

    // How many published programmes have each facet value, for the unfiltered listing
    // (the landing page) without counting 100k rows: every change appends +1 / -1
    // rows (no hot row to lock), and the worker folds them into one row per value.
    await db.query(`CREATE TABLE search_facet_delta (key_id int4 NOT NULL, delta int4 NOT NULL)`);
    await db.query(`
      CREATE FUNCTION programme_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO search_facet_delta (key_id, delta) SELECT unnest(OLD.facets), -1;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO search_facet_delta (key_id, delta) SELECT unnest(NEW.facets), 1;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER programme_search_count AFTER INSERT OR DELETE ON programme_search
      FOR EACH ROW EXECUTE FUNCTION programme_search_count()`);
    await db.query(`
      CREATE TRIGGER programme_search_recount AFTER UPDATE OF facets ON programme_search
      FOR EACH ROW WHEN (OLD.facets IS DISTINCT FROM NEW.facets) EXECUTE FUNCTION programme_search_count()`);

    // A number that moves with every change to the index, read in the same snapshot as a
    // search's answer: an answer computed at version v stays exact while the version is v.
    // Moved once per transaction, not per statement: updating one row thousands of times in a
    // transaction (an import, the status job) would make every later update walk a long chain.
    await db.query(`
      CREATE TABLE search_version (
        id      boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL,
        moved_by xid8
      )`);
    await db.query(`INSERT INTO search_version (version) VALUES (0)`);
    await db.query(`
      CREATE FUNCTION search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_version SET version = version + 1, moved_by = pg_current_xact_id()
         WHERE moved_by IS DISTINCT FROM pg_current_xact_id();
        RETURN NULL;
      END $$`);
    for (const table of ['programme_search', 'programme_search_text']) {
      await db.query(`
        CREATE TRIGGER ${table}_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION search_version_bump()`);
    }

    // Typo correction looks words up here: the lexemes of published programmes, trigram-indexed.
    await db.query(`CREATE TABLE search_lexeme (lexeme text PRIMARY KEY)`);
    await db.query(`CREATE INDEX search_lexeme_trgm_idx ON search_lexeme USING gin (lexeme gin_trgm_ops)`);
    await db.query(`
      CREATE FUNCTION search_lexeme_collect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.search_vector IS DISTINCT FROM OLD.search_vector THEN
          INSERT INTO search_lexeme (lexeme)
          SELECT unnest(tsvector_to_array(NEW.search_vector)) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER programme_search_lexemes AFTER INSERT OR UPDATE ON programme_search_text
      FOR EACH ROW EXECUTE FUNCTION search_lexeme_collect()`);
    await db.query(`SELECT programme_search_upsert(p) FROM programme p WHERE p.publication_state = 'published' AND p.deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE search_synonym (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        terms      text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
        version    integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Starting synonyms; admins edit them afterwards, so they are written once here and never re-seeded.
    for (const terms of DEFAULT_SYNONYMS) {
      await db.query(`INSERT INTO search_synonym (terms) VALUES ($1)`, [terms]);
    }

    // kind 'programme': re-send that programme's current state; 'settings': re-apply engine settings (synonyms).
    await db.query(`
      CREATE TABLE search_outbox (
        id              bigserial PRIMARY KEY,
        kind            text NOT NULL CHECK (kind IN ('programme','settings')),
        programme_id    uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        last_error_at   timestamptz,
        processed_at    timestamptz,
        CHECK ((kind = 'programme') = (programme_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX search_outbox_pending_idx ON search_outbox (next_attempt_at, id) WHERE processed_at IS NULL`);
    await db.query(`CREATE INDEX search_outbox_processed_idx ON search_outbox (processed_at) WHERE processed_at IS NOT NULL`);
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
    await db.query(`
      INSERT INTO search_outbox (kind, programme_id)
      SELECT 'programme', id FROM programme WHERE deleted_at IS NULL AND publication_state = 'published'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE search_outbox`);
    await db.query(`DROP TABLE search_synonym`);
    await db.query(`DROP TABLE search_lexeme`);
    await db.query(`DROP TRIGGER programme_search_sync ON programme`);
    await db.query(`DROP TABLE search_facet_delta`);
    await db.query(`DROP TRIGGER programme_search_version ON programme_search`);
    await db.query(`DROP TRIGGER programme_search_text_version ON programme_search_text`);
    await db.query(`DROP FUNCTION search_version_bump()`);
    await db.query(`DROP TABLE search_version`);
    await db.query(`DROP TABLE programme_search_text`);
    await db.query(`DROP TABLE programme_search`);
    await db.query(`DROP TABLE search_facet_key`);
    await db.query(`DROP FUNCTION search_lexeme_collect()`);
    await db.query(`DROP FUNCTION programme_search_sync()`);
    await db.query(`DROP FUNCTION programme_search_count()`);
    await db.query(`DROP FUNCTION programme_search_upsert(programme)`);
    await db.query(`DROP FUNCTION search_fold(text)`);
  }
}
