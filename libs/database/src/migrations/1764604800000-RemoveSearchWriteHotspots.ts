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
    // the triggers' functions read what this changes; the run re-creates them from libs/database/src/definitions
    await db.query(`DROP TRIGGER IF EXISTS programme_search_version ON programme_search`);
    await db.query(`DROP TRIGGER IF EXISTS programme_search_text_version ON programme_search_text`);
    await db.query(`DROP TRIGGER IF EXISTS programme_search_lexemes ON programme_search_text`);
    await db.query(`CREATE TABLE search_version_change (tx xid8 PRIMARY KEY)`);
    await db.query(`ALTER TABLE search_version DROP COLUMN moved_by`);

    await db.query(`ALTER TABLE search_lexeme DROP CONSTRAINT search_lexeme_pkey`);
    await db.query(`CREATE INDEX search_lexeme_lexeme_idx ON search_lexeme (lexeme)`);
  }

  /** Tables only: the functions are those of libs/database/src/definitions in the checked-out release. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM search_lexeme a USING search_lexeme b WHERE a.lexeme = b.lexeme AND a.ctid > b.ctid`);
    await db.query(`DROP INDEX search_lexeme_lexeme_idx`);
    await db.query(`ALTER TABLE search_lexeme ADD PRIMARY KEY (lexeme)`);
    await db.query(`ALTER TABLE search_version ADD COLUMN moved_by xid8`);
    await db.query(`DROP TABLE search_version_change`);
  }
}
