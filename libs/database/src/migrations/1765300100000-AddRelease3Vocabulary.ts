import { MigrationInterface, QueryRunner } from 'typeorm';
import { EVERYDAY_VOCABULARY } from '@app/language';
import { writeEverydayVocabulary } from './1765300000000-AddEverydayVocabulary';

/** The first term of each group this migration brings (the release-3 catalogue's words); `down` removes those it added whole. */
export const RELEASE_3_GROUPS = [
  'ФРП',
  'ФСИ',
  'Корпорация МСП',
  'РЭЦ',
  'импортозамещение',
  'НИОКР',
  'электроника',
  'масштабирование',
  'тестирование',
  'найти',
  'премия',
];

/**
 * Groups 1765300000000 wrote that matched too much, as it wrote them and as they are now. "гарантия" and "guarantee"
 * also took the offset contracts' "гарантированные закупки" / "guaranteed purchases" for a loan guarantee.
 */
const NARROWED: { from: string[]; to: string[] }[] = [
  {
    from: ['поручительство', 'гарантия', 'банковская гарантия', 'guarantee', 'surety'],
    to: ['поручительство', 'гарантия по кредиту', 'гарантийный фонд', 'surety', 'loan guarantee'],
  },
];

/**
 * The everyday vocabulary grown for the release-3 catalogue (ФРП, ФСИ, Корпорация МСП, РЭЦ, импортозамещение,
 * НИОКР, …), written again by the rule of 1765300000000-AddEverydayVocabulary: terms admins have are left as they
 * are, so an installation that ran that migration gets only the new groups and terms. A group that migration wrote
 * and that matched too much is narrowed, only where no admin has changed it since.
 */
export class AddRelease3Vocabulary1765300100000 implements MigrationInterface {
  name = 'AddRelease3Vocabulary1765300100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('search_synonym'))`);
    for (const { from, to } of NARROWED)
      await db.query(`UPDATE search_synonym SET terms = $2::text[], version = version + 1, updated_at = now() WHERE terms = $1::text[]`, [
        from,
        to,
      ]);
    await writeEverydayVocabulary(db);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const terms of EVERYDAY_VOCABULARY.filter((g) => RELEASE_3_GROUPS.includes(g[0])))
      await db.query(`DELETE FROM search_synonym WHERE terms = $1::text[]`, [terms]);
    for (const { from, to } of NARROWED)
      await db.query(`UPDATE search_synonym SET terms = $1::text[], version = version + 1, updated_at = now() WHERE terms = $2::text[]`, [
        from,
        to,
      ]);
    await db.query(`INSERT INTO search_outbox (kind) VALUES ('settings')`);
  }
}
