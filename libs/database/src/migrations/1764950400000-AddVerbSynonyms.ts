import { MigrationInterface, QueryRunner } from 'typeorm';

/** People type the verb where programmes name the deed: "построить предприятие" for "Строительство новых предприятий". */
const VERB_SYNONYMS: string[][] = [['построить', 'строительство', 'build', 'construction']];

/**
 * Starting synonyms for verbs whose noun shares no stem with them (Snowball
 * stems "построить" to "постро", "строительство" to "строительств"). Written
 * once, like the first synonyms, and only where no group has any of the terms
 * yet (admins may have added their own); the engine gets them through the outbox.
 */
export class AddVerbSynonyms1764950400000 implements MigrationInterface {
  name = 'AddVerbSynonyms1764950400000';

  async up(db: QueryRunner): Promise<void> {
    for (const terms of VERB_SYNONYMS) {
      await db.query(
        `INSERT INTO search_synonym (terms)
         SELECT $1::text[] WHERE NOT EXISTS (SELECT 1 FROM search_synonym s WHERE lower(s.terms::text)::text[] && lower($1::text[]::text)::text[])`,
        [terms],
      );
    }
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const terms of VERB_SYNONYMS) await db.query(`DELETE FROM search_synonym WHERE terms = $1::text[]`, [terms]);
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
  }
}
