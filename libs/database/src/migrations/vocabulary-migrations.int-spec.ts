import { Client } from 'pg';
import { EVERYDAY_VOCABULARY, WAITING_VOCABULARY } from '@app/language';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../data-source';
import { RELEASE_3_GROUPS } from './1765300100000-AddRelease3Vocabulary';
import { MIGRATIONS } from './index';

/** Two groups as 1765300000000-AddEverydayVocabulary wrote them before release 3 (the file has changed since). */
const GUARANTEE_BEFORE = ['поручительство', 'гарантия', 'банковская гарантия', 'guarantee', 'surety'];
const EXPORT_BEFORE = ['экспорт', 'экспортёр', 'ВЭД', 'внешнеэкономическая деятельность', 'export'];
const THIS = 'AddRelease3Vocabulary1765300100000';

/**
 * An installation that ran 1765300000000 before release 3 gets the release-3 vocabulary from 1765300100000: the new
 * groups, the new terms of its groups, and the guarantee group narrowed unless an admin changed it.
 */
describe('migration 1765300100000-AddRelease3Vocabulary', () => {
  let db: TestDatabase;
  let c: Client;
  const groups = async (): Promise<string[][]> =>
    (await c.query(`SELECT terms FROM search_synonym ORDER BY created_at, id`)).rows.map((r) => r.terms);
  const groupOf = async (term: string): Promise<string[] | undefined> => (await groups()).find((g) => g.includes(term));

  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
    c = new Client({ connectionString: db.url });
    await c.connect();
    await runMigrations(db.url, 'AddEverydayVocabulary1765300000000');
    // the vocabulary as that migration wrote it from the file before release 3
    await c.query(`DELETE FROM search_synonym WHERE terms[1] = ANY($1::text[])`, [RELEASE_3_GROUPS]);
    await c.query(`UPDATE search_synonym SET terms = $1::text[] WHERE 'поручительство' = ANY(terms)`, [GUARANTEE_BEFORE]);
    await c.query(`UPDATE search_synonym SET terms = $1::text[] WHERE 'экспорт' = ANY(terms)`, [EXPORT_BEFORE]);
    for (const w of WAITING_VOCABULARY) await c.query(`INSERT INTO search_synonym (terms) VALUES ($1::text[])`, [w.terms]);
    await c.query(`DELETE FROM search_outbox`);
  });
  afterEach(async () => {
    await c?.end();
    await db?.drop();
  });

  it('adds the new groups and terms, narrows the guarantee group, keeps the rest, and queues the engine settings', async () => {
    const before = await groups();
    await runMigrations(db.url, THIS);
    const after = await groups();
    for (const first of RELEASE_3_GROUPS) expect(after).toContainEqual(EVERYDAY_VOCABULARY.find((g) => g[0] === first));
    expect(await groupOf('поручительство')).toEqual([
      'поручительство',
      'гарантия по кредиту',
      'гарантийный фонд',
      'surety',
      'loan guarantee',
    ]);
    expect(await groupOf('экспорт')).toEqual([...EXPORT_BEFORE, 'экспортный', 'экспортировать']);
    // groups waiting for drafts, which an older file wrote, stay: they are harmless and admins may have edited them
    for (const w of WAITING_VOCABULARY) expect(after).toContainEqual(w.terms);
    expect(after.length).toBe(before.length + RELEASE_3_GROUPS.length);
    expect((await c.query(`SELECT count(*)::int AS n FROM search_outbox WHERE kind = 'settings'`)).rows[0].n).toBeGreaterThan(0);
  });

  it('leaves a guarantee group an admin changed as the admin left it, adding only the new terms', async () => {
    await c.query(`UPDATE search_synonym SET terms = array_append(terms, 'залог') WHERE 'поручительство' = ANY(terms)`);
    await runMigrations(db.url, THIS);
    expect(await groupOf('поручительство')).toEqual([
      ...GUARANTEE_BEFORE,
      'залог',
      'гарантия по кредиту',
      'гарантийный фонд',
      'loan guarantee',
    ]);
  });

  it('undoes itself: the new groups go and the guarantee group is as it was', async () => {
    await runMigrations(db.url, THIS);
    const ds = new DataSource({
      ...dataSourceOptions({ url: db.url, poolSize: 1, applicationName: 'test' }),
      migrations: MIGRATIONS,
    } as never);
    await ds.initialize();
    try {
      await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const after = await groups();
    for (const first of RELEASE_3_GROUPS) expect(after.find((g) => g[0] === first)).toBeUndefined();
    expect(await groupOf('поручительство')).toEqual(GUARANTEE_BEFORE);
  });
});
