import { MigrationInterface, QueryRunner } from 'typeorm';

const DEFAULT_SYNONYMS: string[][] = [
  ['МСП', 'малый и средний бизнес', 'малое и среднее предпринимательство', 'SME', 'small and medium-sized enterprises', 'small and medium businesses'],
  ['ОЭЗ', 'особая экономическая зона', 'SEZ', 'special economic zone'],
  ['МИК', 'Московский инновационный кластер', 'инновационный кластер', 'Moscow Innovation Cluster', 'innovation cluster'],
  ['ИП', 'индивидуальный предприниматель', 'sole proprietor'],
  ['стартап', 'startup', 'start-up'],
];

/**
 * Search: a weighted tsvector on every programme (the PostgreSQL engine's index),
 * a vocabulary of lexemes with trigrams for typo correction, admin-editable
 * synonyms, and the outbox that carries every change to the search engine.
 */
export class CreateSearch1764259200000 implements MigrationInterface {
  name = 'CreateSearch1764259200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // ё is folded into е; < and > become spaces, or the parser would take `<script>alert` for markup and drop the word
    await db.query(`
      CREATE FUNCTION search_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(coalesce(value, ''), 'ёЁ<>', 'еЕ  ') $$`);
    // Title A, summary B, the rest C; the "russian" configuration stems Cyrillic
    // words with the Russian Snowball stemmer and Latin ones with the English one.
    await db.query(`
      ALTER TABLE programme ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('russian'::regconfig, search_fold(title_ru) || ' ' || search_fold(title_en)), 'A') ||
        setweight(to_tsvector('russian'::regconfig, search_fold(summary_ru) || ' ' || search_fold(summary_en)), 'B') ||
        setweight(to_tsvector('russian'::regconfig,
          search_fold(description_ru) || ' ' || search_fold(description_en) || ' ' ||
          search_fold(benefit_ru) || ' ' || search_fold(benefit_en) || ' ' ||
          search_fold(eligibility_ru) || ' ' || search_fold(eligibility_en)), 'C')
      ) STORED`);
    await db.query(`CREATE INDEX programme_search_idx ON programme USING gin (search_vector)`);
    await db.query(`CREATE INDEX programme_updated_at_idx ON programme (updated_at DESC, id)`);

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
      CREATE TRIGGER programme_search_lexemes AFTER INSERT OR UPDATE ON programme
      FOR EACH ROW EXECUTE FUNCTION search_lexeme_collect()`);
    await db.query(`INSERT INTO search_lexeme (lexeme) SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM programme ON CONFLICT DO NOTHING`);

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
    await db.query(`DROP TRIGGER programme_search_lexemes ON programme`);
    await db.query(`DROP FUNCTION search_lexeme_collect()`);
    await db.query(`DROP TABLE search_lexeme`);
    await db.query(`DROP INDEX programme_updated_at_idx`);
    await db.query(`ALTER TABLE programme DROP COLUMN search_vector`);
    await db.query(`DROP FUNCTION search_fold(text)`);
  }
}
