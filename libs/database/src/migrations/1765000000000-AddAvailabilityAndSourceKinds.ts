import type { MigrationInterface, QueryRunner } from 'typeorm';

const NOT_CONFIRMED = `'{"kind":"not_confirmed","rounds":[],"source":null,"asOf":null,"note":{"ru":null,"en":null}}'::jsonb`;
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A catalogue that says what its sources say, not a default.
 *
 * - Availability: standing, dated rounds (each citing its source), closed, or not confirmed.
 *   An entry's two dates become one round with no source yet; an entry without dates is not
 *   confirmed (the "ongoing" it showed rested on no source). Status becomes open, upcoming,
 *   standing, not_confirmed or closed, derived from it by the status job as dates pass; the job
 *   also writes the revision that tells the change feed (every live entry is queued for it here).
 * - Conditions to check yourself, an English application link, and the places a programme
 *   serves (its territories and every place inside them: a federal programme serves Moscow),
 *   which search filters and counts by. Russia becomes the parent of Moscow.
 * - The deadline order ranks by status (what takes applications first, closed last).
 * Key facts gain a period (validUntil, termsYear) and sources a kind (official, media, other):
 * both live inside their JSON and read as "none" / inferred from the address until an editor
 * says otherwise, so nothing is rewritten and nothing is lost.
 */
export class AddAvailabilityAndSourceKinds1765000000000 implements MigrationInterface {
  name = 'AddAvailabilityAndSourceKinds1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE programme
        ADD COLUMN availability jsonb NOT NULL DEFAULT ${NOT_CONFIRMED},
        ADD COLUMN eligibility_checks jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN apply_url_en text,
        ADD COLUMN territories_served text[] NOT NULL DEFAULT '{}',
        ADD COLUMN recheck_at timestamptz,
        ADD COLUMN problem_count int NOT NULL DEFAULT 0`);
    await db.query(`
      UPDATE programme SET availability = jsonb_build_object(
          'kind', 'rounds',
          'rounds', jsonb_build_array(jsonb_build_object('opensAt', ${ISO('opens_at')}, 'closesAt', ${ISO('closes_at')}, 'source', NULL)),
          'source', NULL, 'asOf', NULL, 'note', jsonb_build_object('ru', NULL, 'en', NULL))
        WHERE opens_at IS NOT NULL OR closes_at IS NOT NULL`);
    await db.query(`ALTER TABLE programme DROP CONSTRAINT programme_status_check`);
    // an open-ended round already open is open; no dates, no source: not confirmed
    await db.query(`
      UPDATE programme SET status = CASE WHEN opens_at IS NULL AND closes_at IS NULL THEN 'not_confirmed' ELSE 'open' END
        WHERE status = 'ongoing'`);
    await db.query(
      `ALTER TABLE programme ADD CONSTRAINT programme_status_check CHECK (status IN ('open','upcoming','standing','not_confirmed','closed'))`,
    );
    await db.query(`DROP FUNCTION IF EXISTS programme_status(timestamptz, timestamptz, timestamptz)`);
    await db.query(`CREATE INDEX programme_recheck_idx ON programme (recheck_at) WHERE deleted_at IS NULL AND recheck_at IS NOT NULL`);
    await db.query(`CREATE INDEX programme_problems_idx ON programme (problem_count) WHERE deleted_at IS NULL AND problem_count > 0`);

    await db.query(`
      INSERT INTO taxonomy_term (facet, code, label_ru, label_en, kind, position)
      VALUES ('territory', 'russia', 'Вся Россия', 'All of Russia', 'country', -1)
      ON CONFLICT DO NOTHING`);
    await db.query(`UPDATE taxonomy_term SET parent_code = 'russia' WHERE facet = 'territory' AND code = 'moscow' AND parent_code IS NULL`);
    await db.query(`
      UPDATE programme p SET territories_served = ARRAY(
        WITH RECURSIVE served(code) AS (
          SELECT unnest(p.territories)
          UNION
          SELECT t.code FROM taxonomy_term t JOIN served s ON t.facet = 'territory' AND t.parent_code = s.code)
        SELECT code FROM served ORDER BY code)`);

    await db.query(`ALTER TABLE programme_search ADD COLUMN status_rank smallint NOT NULL DEFAULT 3`);
    await db.query(`ALTER TABLE programme_search_text ADD COLUMN status_rank smallint NOT NULL DEFAULT 3`);
    await db.query(`DROP INDEX programme_search_deadline_idx`);
    await db.query(
      `CREATE INDEX programme_search_deadline_idx ON programme_search (status_rank, closes_at ASC NULLS LAST, updated_at DESC, id)`,
    );

    // the status job recomputes every live entry (one rule, in TypeScript) and writes the revisions
    await db.query(`UPDATE programme SET recheck_at = now() WHERE deleted_at IS NULL`);
    // the external index gets the new sort key and the served territories
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
    await db.query(
      `INSERT INTO search_outbox (kind, programme_id) SELECT 'programme', id FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL`,
    );
  }

  async down(_db: QueryRunner): Promise<void> {
    throw new Error('AddAvailabilityAndSourceKinds cannot be undone without losing availability and rounds; restore a backup instead');
  }
}
