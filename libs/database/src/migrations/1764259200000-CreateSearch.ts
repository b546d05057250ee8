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
    // Tables only: the functions and triggers that fill them are in libs/database/src/definitions.
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

    // How many published programmes have each facet value, for the unfiltered listing
    // (the landing page) without counting 100k rows: every change appends +1 / -1
    // rows (no hot row to lock), and the worker folds them into one row per value.
    await db.query(`CREATE TABLE search_facet_delta (key_id int4 NOT NULL, delta int4 NOT NULL)`);

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

    // Typo correction looks words up here: the lexemes of published programmes, trigram-indexed.
    await db.query(`CREATE TABLE search_lexeme (lexeme text PRIMARY KEY)`);
    await db.query(`CREATE INDEX search_lexeme_trgm_idx ON search_lexeme USING gin (lexeme gin_trgm_ops)`);

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
    await db.query(`DROP TRIGGER IF EXISTS programme_search_sync ON programme`);
    await db.query(`DROP TABLE search_outbox`);
    await db.query(`DROP TABLE search_synonym`);
    await db.query(`DROP TABLE search_lexeme`);
    await db.query(`DROP TABLE search_facet_delta`);
    await db.query(`DROP TABLE search_version`);
    await db.query(`DROP TABLE programme_search_text`);
    await db.query(`DROP TABLE programme_search`);
    await db.query(`DROP TABLE search_facet_key`);
    for (const fn of ['search_version_bump()', 'search_lexeme_collect()', 'programme_search_sync()', 'programme_search_count()']) {
      await db.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    await db.query(`DROP FUNCTION IF EXISTS programme_search_upsert(programme)`);
    await db.query(`DROP FUNCTION IF EXISTS search_fold(text)`);
  }
}
