import { MigrationInterface, QueryRunner } from 'typeorm';
// the data and the rule live with search (the admin API compares terms by the same keys); both are plain modules
import { EVERYDAY_VOCABULARY, type ExistingGroup, planVocabulary } from '../../../search/src/synonyms/vocabulary';

/**
 * The words entrepreneurs use (libs/search/src/synonyms/everyday-vocabulary.json: займ / микрозайм / кредит,
 * земля / участок, завод / производство, …) as synonym groups, only where admins have not defined
 * the terms: a group none of whose terms exists is added, one sharing terms with one existing group
 * adds its other terms to it, one whose terms admins split over several groups is left alone.
 * The engine gets them through the outbox. To ship words added to the file later, a new migration
 * runs `writeEverydayVocabulary` again: terms that exist by then are left as they are.
 */
export class AddEverydayVocabulary1765300000000 implements MigrationInterface {
  name = 'AddEverydayVocabulary1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await writeEverydayVocabulary(db);
  }

  /** Removes the groups it added whole; terms it added to admins' groups stay (they cannot be told from the admins' own). */
  async down(db: QueryRunner): Promise<void> {
    for (const terms of EVERYDAY_VOCABULARY) await db.query(`DELETE FROM search_synonym WHERE terms = $1::text[]`, [terms]);
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
  }
}

export async function writeEverydayVocabulary(db: QueryRunner): Promise<void> {
  // the admin API writes synonyms under this lock too, so no edit interleaves
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('search_synonym'))`);
  const existing: ExistingGroup[] = await db.query(`SELECT id, terms FROM search_synonym ORDER BY created_at, id`);
  const changes = planVocabulary(EVERYDAY_VOCABULARY, existing);
  for (const change of changes) {
    if (change.kind === 'add') await db.query(`INSERT INTO search_synonym (terms) VALUES ($1::text[])`, [change.terms]);
    else
      await db.query(`UPDATE search_synonym SET terms = $2::text[], version = version + 1, updated_at = now() WHERE id = $1`, [
        change.id,
        change.terms,
      ]);
  }
  if (changes.length) await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
}
