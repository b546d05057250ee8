import { exactVersion } from '@app/common';
import { DataSource } from 'typeorm';
import {
  csvToRows,
  ImportJobsService,
  jsonToRows,
  ProgrammesService,
  ProgrammeTransferService,
  recordsToCsv,
  SYSTEM_SEED,
  type ProgrammeRecord,
} from '@app/catalogue';
import { SHIPPED_ALL } from './support/shipped';
import { createTestApp, TestApp } from './support/test-app';

const ACTOR = { id: null, label: 'system:import test' };

/** Import and export on real PostgreSQL: one format, dry run first, valid rows in one transaction, idempotent. */
describe('programme import and export', () => {
  let t: TestApp;
  let transfer: ProgrammeTransferService;
  let db: DataSource;
  const count = async (table: string): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    transfer = t.app.get(ProgrammeTransferService);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('round-trips: importing an export, as JSON or CSV, changes nothing', async () => {
    const records = await transfer.exportAll();
    expect(records).toHaveLength(SHIPPED_ALL.length);
    const revisions = await count('programme_revision');
    for (const rows of [jsonToRows(JSON.stringify(records)), csvToRows(recordsToCsv(records))]) {
      const report = await transfer.import(rows, { apply: true, actor: ACTOR });
      expect(report.counts).toEqual({ create: 0, update: 0, unchanged: SHIPPED_ALL.length, invalid: 0 });
    }
    expect(await count('programme_revision')).toBe(revisions);
  });

  it('reports exactly the bad rows of a file with known mistakes, saves nothing on a dry run, and only the good rows on apply', async () => {
    // a published entry's record: it can be published again under another slug
    const template = (await transfer.exportAll()).find((r) => r.publicationState === 'published')!;
    const good = (slug: string): ProgrammeRecord => ({
      ...template,
      slug,
      title: { ru: `Импорт ${slug}`, en: null },
      publicationState: 'published',
    });
    const csv = recordsToCsv([
      good('import-one'),
      good('import-two'),
      good('import-bad-provider'),
      good('import-bad-code'),
      good('import-one'),
    ]).replace('import-bad-provider,' + template.provider, 'import-bad-provider,no-such-organisation');
    const lines = csv.trim().split('\n');
    // row 5: an unknown support type; row 7: a broken JSON cell; row 8: a missing title
    lines[4] = lines[4].replace(template.supportTypes.join(';'), 'not_a_support_type');
    lines.push(lines[1].replace('import-one', 'import-broken-json').replace(/"\[\{""tax""[^"]*""[^\n]*?\]"|\[\]/, '[oops'));
    lines.push(lines[2].replace('import-two', 'import-no-title').replace('Импорт import-two', ''));
    const rows = csvToRows(lines.join('\n'));
    const before = await count('programme');

    const dry = await transfer.import(rows, { apply: false, actor: ACTOR });
    expect(dry.applied).toBe(false);
    expect(dry.counts).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 5 });
    const invalid = Object.fromEntries(dry.rows.filter((r) => r.action === 'invalid').map((r) => [r.row, r.problems!.map((p) => p.field)]));
    expect(invalid).toEqual({
      4: ['provider'],
      5: ['supportTypes'],
      6: ['slug'],
      7: [expect.stringMatching(/^(benefit\.taxReductions|eligibility\.criteria|application\.requiredDocuments|application\.contacts)$/)],
      8: ['title.ru'],
    });
    expect(await count('programme')).toBe(before);

    const applied = await transfer.import(rows, { apply: true, actor: ACTOR });
    expect(applied.counts).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 5 });
    expect(await count('programme')).toBe(before + 2);
    const published = await t.app.get(ProgrammesService).getPublished('import-one');
    expect(published.title.ru).toBe('Импорт import-one');

    const again = await transfer.import(rows, { apply: true, actor: ACTOR });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, invalid: 5 });
    expect(await count('programme')).toBe(before + 2);
  });

  it('updates what changed, with a revision, and moves the publication state', async () => {
    const records = await transfer.exportAll();
    const target = records.find((r) => r.slug === 'sme-consulting')!;
    const changed = { ...target, title: { ...target.title, en: 'Advice for entrepreneurs' }, publicationState: 'archived' as const };
    const report = await transfer.import(jsonToRows(JSON.stringify([changed])), { apply: true, actor: ACTOR });
    expect(report.rows[0]).toMatchObject({ action: 'update', changedFields: ['title.en', 'publicationState'] });
    const programmes = t.app.get(ProgrammesService);
    const list = await programmes.listForAdmin({}, { page: 1, perPage: 100 });
    const saved = list.items.find((p) => p.slug === 'sme-consulting')!;
    expect(saved).toMatchObject({ publicationState: 'archived', title: { en: 'Advice for entrepreneurs' } });
    const history = await programmes.listRevisions(saved.id);
    expect(history[0]).toMatchObject({ action: 'archive', actor: { label: 'system:import test' } });
    expect(history[1]).toMatchObject({ action: 'update', changedFields: ['title.en'] });
    await programmes.transition(saved.id, exactVersion(saved.version), 'restore', SYSTEM_SEED);
  });

  it('checks and applies a kept file in the background, applying it once', async () => {
    const jobs = t.app.get(ImportJobsService);
    const template = (await transfer.exportAll()).find((r) => r.publicationState === 'published')!;
    const records = Array.from({ length: 300 }, (_, i): ProgrammeRecord => ({
      ...template,
      slug: `background-import-${i}`,
      publicationState: 'draft',
    }));
    const until = async (state: string) => {
      for (let i = 0; i < 600; i++) {
        const job = await jobs.get(id);
        if (job.state === state) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`import never reached ${state}`);
    };
    const id = await jobs.start({ name: 'background.json', format: 'json', content: JSON.stringify(records) }, ACTOR, 0);
    const checking = await jobs.get(id);
    expect(checking).toMatchObject({ state: expect.stringMatching(/^(queued|checking)$/), rows: 300, report: null, interrupted: false });
    const checked = await until('checked');
    expect(checked.report!.counts).toEqual({ create: 300, update: 0, unchanged: 0, invalid: 0 });
    expect(await count(`programme WHERE slug LIKE 'background-import-%'`)).toBe(0);

    await jobs.apply(id, ACTOR, 0);
    await expect(jobs.apply(id, ACTOR, 0)).rejects.toMatchObject({
      code: 'IMPORT.NOT_APPLICABLE',
      message: expect.stringMatching(/^This file is already (waiting to be|being) applied$/),
    });
    const applied = await until('applied');
    expect(applied.appliedReport!.counts.create).toBe(300);
    expect(await count(`programme WHERE slug LIKE 'background-import-%'`)).toBe(300);
    await expect(jobs.apply(id, ACTOR, 0)).rejects.toMatchObject({ message: 'This file has already been applied' });
    await expect(jobs.start({ name: 'broken.json', format: 'json', content: '[{' }, ACTOR)).rejects.toMatchObject({
      code: 'IMPORT.UNREADABLE',
    });
  });

  it('refuses what is not a list of records', () => {
    expect(() => jsonToRows('{"slug": "x"}')).toThrow(/array/);
  });
});
