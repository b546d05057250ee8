import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { runMigrations } from '../data-source';
import { checksum, DEFINITIONS, definitionText } from './definitions';

/** A database converges to the definition files: whatever text it ran before, and whatever a migration dropped. */
describe('SQL definitions applied by the migration run', () => {
  let db: TestDatabase;
  let c: Client;
  const functionText = async (name: string): Promise<string> =>
    (await c.query(`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p WHERE proname = $1`, [name])).rows[0]?.def ?? '';

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    c = new Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });

  it('on a new database: every definition applied once, with the checksum of its file', async () => {
    const ran = await runMigrations(db.url);
    expect(ran.filter((r) => r.startsWith('definition '))).toEqual(DEFINITIONS.map((d) => `definition ${d.name}`));
    const { rows } = await c.query(`SELECT name, checksum FROM schema_definition ORDER BY name`);
    expect(rows).toEqual(
      DEFINITIONS.map((d) => ({ name: d.name, checksum: checksum(definitionText(d.name)) })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    const triggers = (await c.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)).rows.map((r) => r.tgname);
    expect(triggers).toEqual([
      'programme_search_count',
      'programme_search_lexemes',
      'programme_search_recount',
      'programme_search_sync',
      'programme_search_text_version',
      'programme_search_version',
    ]);
    expect(await runMigrations(db.url)).toEqual([]); // nothing changed, nothing applied
  });

  it('re-applies a definition whose text the database ran differs, and rewrites the rows it computes', async () => {
    const [org] = (await c.query(`INSERT INTO organisation (slug, name_ru) VALUES ('fund', 'Фонд') RETURNING id`)).rows;
    await c.query(
      `INSERT INTO programme (slug, title_ru, summary_ru, provider_id, publication_state, status) VALUES ('p', 'Грант <script>', 'Кратко', $1, 'published', 'open')`,
      [org.id],
    );
    // an older text, as an earlier release left it: < and > kept, so the parser drops <script> as markup
    await c.query(
      `CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(value, '') $$`,
    );
    await c.query(`UPDATE schema_definition SET checksum = 'older' WHERE name = 'search_fold'`);
    await c.query(`UPDATE programme SET summary_ru = 'Кратко.'`);
    const vector = async () => (await c.query(`SELECT search_vector::text AS v FROM programme_search_text`)).rows[0].v as string;
    expect(await vector()).not.toContain('script');

    expect(await runMigrations(db.url)).toEqual(['definition search_fold']);
    expect(await functionText('search_fold')).toContain(`translate(coalesce(value, ''), 'ёЁ<>', 'еЕ  ')`);
    expect(await vector()).toContain('script'); // the index rows were rewritten by the new text
  });

  it('re-applies a function a migration dropped, though its text did not change', async () => {
    await c.query(`DROP FUNCTION programme_status_rank(text)`);
    expect(await runMigrations(db.url)).toEqual(['definition programme_status_rank']);
    expect(await functionText('programme_status_rank')).toContain(`WHEN 'open' THEN 0`);
  });
});
