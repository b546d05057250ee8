import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nothing a long write (an import, even its dry run) does may make an unrelated save wait.
 *
 * 1. The search index's version without a hot row. Every transaction that changed
 * the index used to update the single `search_version` row, so one long
 * transaction (an import, even its dry run) held that row's lock and every
 * editor's save queued behind it until it timed out.
 *
 * Now each such transaction inserts its own row (its transaction id) into
 * `search_version_change`: no two writers touch the same row. The version a
 * reader sees is `search_version.version` plus the count of those rows, read in
 * one snapshot, so it moves exactly when a change commits. The worker folds the
 * rows into `search_version.version` (delete and add in one statement), which
 * leaves the sum unchanged.
 *
 * 2. The typo vocabulary without a unique key. `INSERT … ON CONFLICT DO NOTHING` waits
 * when another, uncommitted transaction inserted the same word, so an editor saving text
 * with a word an import had just introduced queued behind the whole import. Words are now
 * added only when no committed row has them (a rare duplicate from two writers at once is
 * harmless: lookups take distinct words, and the worker folds duplicates away).
 */
export class RemoveSearchWriteHotspots1764604800000 implements MigrationInterface {
  name = 'RemoveSearchWriteHotspots1764604800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE search_version_change (tx xid8 PRIMARY KEY)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_version_change (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION search_index_version() RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT (SELECT version FROM search_version) + (SELECT count(*) FROM search_version_change)
      $$`);
    await db.query(`ALTER TABLE search_version DROP COLUMN moved_by`);

    await db.query(`ALTER TABLE search_lexeme DROP CONSTRAINT search_lexeme_pkey`);
    await db.query(`CREATE INDEX search_lexeme_lexeme_idx ON search_lexeme (lexeme)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_lexeme_collect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.search_vector IS DISTINCT FROM OLD.search_vector THEN
          INSERT INTO search_lexeme (lexeme)
          SELECT x FROM unnest(tsvector_to_array(NEW.search_vector)) AS x
           WHERE NOT EXISTS (SELECT 1 FROM search_lexeme l WHERE l.lexeme = x);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM search_lexeme a USING search_lexeme b WHERE a.lexeme = b.lexeme AND a.ctid > b.ctid`);
    await db.query(`DROP INDEX search_lexeme_lexeme_idx`);
    await db.query(`ALTER TABLE search_lexeme ADD PRIMARY KEY (lexeme)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_lexeme_collect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.search_vector IS DISTINCT FROM OLD.search_vector THEN
          INSERT INTO search_lexeme (lexeme)
          SELECT unnest(tsvector_to_array(NEW.search_vector)) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`ALTER TABLE search_version ADD COLUMN moved_by xid8`);
    await db.query(`UPDATE search_version SET version = search_index_version()`);
    await db.query(`DROP FUNCTION search_index_version()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_version SET version = version + 1, moved_by = pg_current_xact_id()
         WHERE moved_by IS DISTINCT FROM pg_current_xact_id();
        RETURN NULL;
      END $$`);
    await db.query(`DROP TABLE search_version_change`);
  }
}
