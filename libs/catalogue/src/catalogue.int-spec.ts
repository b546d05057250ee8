import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, exactVersion } from '@app/common';
import {
  CATALOGUE_RELEASE,
  CatalogueSeeder,
  deriveStatus,
  ProgrammesService,
  ProgrammeStatusJob,
  SEED_PROGRAMMES,
  SuggestedUpdatesService,
  SYSTEM_SEED,
  CreateProgrammeDto,
  UpdateProgrammeDto,
} from '@app/catalogue';
import { programmeInput } from '@app/testing';
import { plainToInstance } from 'class-transformer';
import { createTestApp, TestApp } from '../../../test/support/test-app';

/** A clock the test moves by hand. */
class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return this.current;
  }
}

const FACTS_SLUGS = [
  'technopolis-moscow-sez',
  'moscow-technoparks',
  'important-products-and-research-2026',
  'mosprom-export-support',
  'made-in-moscow',
  'sme-concessional-loans',
  'sme-consulting',
  'sme-premises',
  'new-enterprise-construction',
  'i-moscow-investors',
  'i-moscow-pilot-testing',
  'i-moscow-growth-tools',
];

describe('catalogue on real PostgreSQL', () => {
  let t: TestApp;
  let app: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    app = t.app;
    ds = app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('the shipped catalogue', () => {
    const rowOf = async (slug: string) =>
      (await ds.query(`SELECT id, version, title_ru, catalogue_release, publication_state FROM programme WHERE slug = $1`, [slug]))[0] as {
        id: string;
        version: number;
        title_ru: string;
        catalogue_release: number;
        publication_state: string;
      };
    const shipped = (slug: string) => SEED_PROGRAMMES.find((p) => p.slug === slug)!;
    const editor = { id: null, label: 'editor@example.org' };

    it('loads every required slug and the further programmes, published, sourced, with steps, at the current release', async () => {
      const first = await app.get(CatalogueSeeder).seed();
      expect(first.programmes).toBe(SEED_PROGRAMMES.length);
      const rows: {
        slug: string;
        publication_state: string;
        sources: { publishedOn: string | null }[];
        application_steps: unknown[];
        key_facts: unknown[];
        title_en: string | null;
        catalogue_release: number;
        sources_newest_on: string | null;
      }[] = await ds.query(
        `SELECT slug, publication_state, sources, application_steps, key_facts, title_en, catalogue_release, to_char(sources_newest_on, 'YYYY-MM-DD') AS sources_newest_on FROM programme ORDER BY slug`,
      );
      expect(rows.map((r) => r.slug)).toEqual(expect.arrayContaining(FACTS_SLUGS));
      expect(rows.length).toBeGreaterThanOrEqual(FACTS_SLUGS.length + 8);
      for (const r of rows) {
        expect(r.publication_state).toBe('published');
        expect(r.catalogue_release).toBe(CATALOGUE_RELEASE);
        expect(r.title_en).toBeTruthy();
        expect(r.application_steps.length).toBeGreaterThanOrEqual(2);
        expect(r.key_facts.length).toBeGreaterThan(0);
        // the newest source date is derived on save
        const newest = r.sources
          .map((s) => s.publishedOn)
          .filter(Boolean)
          .sort()
          .at(-1);
        expect(r.sources_newest_on).toBe(newest);
      }
    });

    it('never invents figures: amounts come from sourced benefit facts only; no rate, deadline or contact without a source', async () => {
      const rows: {
        slug: string;
        amount_max: string | null;
        rate_percent: string | null;
        closes_at: Date | null;
        contacts: object;
        key_facts: { group: string; unit: string | null; number: number | null }[];
      }[] = await ds.query('SELECT slug, amount_max, rate_percent, closes_at, contacts, key_facts FROM programme');
      for (const r of rows) {
        const amounts = r.key_facts
          .filter((f) => f.group === 'benefit' && f.unit === 'rub' && f.number !== null)
          .map((f) => f.number as number);
        expect({ slug: r.slug, amount: r.amount_max === null ? null : Number(r.amount_max) }).toEqual({
          slug: r.slug,
          amount: amounts.length ? Math.max(...amounts) : null,
        });
        expect([r.rate_percent, r.closes_at]).toEqual([null, null]);
        if (r.slug === 'i-moscow-pilot-testing') expect(r.contacts).toEqual({ email: null, phone: '+7 (499) 225-92-52', url: null });
        // none stored: no keys (entries saved before contacts were normalised) or three nulls
        else expect(Object.values(r.contacts).filter((v) => v !== null)).toEqual([]);
      }
      const sez = await app.get(ProgrammesService).getPublished('technopolis-moscow-sez');
      expect(sez.keyFacts.map((f) => f.value.ru).join(' ')).toContain('2% до 2028 года, 7% в 2028–2032 годах, 14,5% после 2032 года');
      expect(sez.application.applyUrl).toBe('https://technomoscow.com');
      expect(sez.curation.sources.find((s) => s.key === 'benefits')?.url).toBe('https://technomoscow.com/benefits');
    });

    it('updates an untouched entry to a new release, and only suggests the update for one an editor changed', async () => {
      const service = app.get(ProgrammesService);
      // an installation still on release 1: one entry as the seed left it, one an editor has changed since
      const untouched = await rowOf('sme-consulting');
      await service.update(
        untouched.id,
        exactVersion(untouched.version),
        plainToInstance(UpdateProgrammeDto, { title: { ru: 'Старая редакция каталога' } }),
        SYSTEM_SEED,
      );
      const edited = await rowOf('made-in-moscow');
      await service.update(
        edited.id,
        exactVersion(edited.version),
        plainToInstance(UpdateProgrammeDto, { title: { ru: 'Изменено редактором' } }),
        editor,
      );
      await ds.query(`UPDATE programme SET catalogue_release = 1 WHERE slug IN ('sme-consulting', 'made-in-moscow')`);
      // release 1 shipped this provider without its site
      await ds.query(`UPDATE organisation SET url = NULL WHERE slug = 'technopolis-moscow'`);

      const report = await app.get(CatalogueSeeder).seed();
      expect(await ds.query(`SELECT url FROM organisation WHERE slug = 'technopolis-moscow'`)).toEqual([
        { url: 'https://technomoscow.com' },
      ]);

      expect(report).toMatchObject({ programmes: 0, updated: 1, suggested: 1 });
      const updated = await rowOf('sme-consulting');
      expect(updated.title_ru).toBe(shipped('sme-consulting').title.ru);
      expect(updated.catalogue_release).toBe(CATALOGUE_RELEASE);
      const kept = await rowOf('made-in-moscow');
      expect(kept.title_ru).toBe('Изменено редактором');
      expect(kept.catalogue_release).toBe(1);
      const suggestions = app.get(SuggestedUpdatesService);
      const [pending] = await suggestions.listPending(kept.id);
      expect(pending).toMatchObject({ release: CATALOGUE_RELEASE, changedFields: ['title.ru'] });

      // a second run neither updates nor suggests again
      expect(await app.get(CatalogueSeeder).seed()).toEqual({ terms: 0, organisations: 0, programmes: 0, updated: 0, suggested: 0 });

      // applying is a version-checked save: a stale version is refused, the current one applies the release
      await expect(suggestions.apply(kept.id, pending.id, exactVersion(kept.version - 1), editor)).rejects.toMatchObject({
        code: 'PROGRAMME.VERSION_CONFLICT',
      });
      const applied = await suggestions.apply(kept.id, pending.id, exactVersion(kept.version), editor);
      expect(applied.title.ru).toBe(shipped('made-in-moscow').title.ru);
      expect((await rowOf('made-in-moscow')).catalogue_release).toBe(CATALOGUE_RELEASE);
      expect(await suggestions.listPending(kept.id)).toEqual([]);
    });

    it('keeps an editor’s change when the suggested update is dismissed', async () => {
      const service = app.get(ProgrammesService);
      const row = await rowOf('sme-premises');
      await service.update(
        row.id,
        exactVersion(row.version),
        plainToInstance(UpdateProgrammeDto, { summary: { ru: 'Своё краткое описание' } }),
        editor,
      );
      await ds.query(`UPDATE programme SET catalogue_release = 1 WHERE slug = 'sme-premises'`);
      expect(await app.get(CatalogueSeeder).seed()).toMatchObject({ updated: 0, suggested: 1 });
      const suggestions = app.get(SuggestedUpdatesService);
      const [pending] = await suggestions.listPending(row.id);
      await suggestions.dismiss(row.id, pending.id, editor);
      const after = await service.getForAdmin(row.id);
      expect(after.summary.ru).toBe('Своё краткое описание');
      expect(await suggestions.listPending(row.id)).toEqual([]);
      await expect(suggestions.dismiss(row.id, pending.id, editor)).rejects.toMatchObject({ code: 'SUGGESTED_UPDATE.NOT_FOUND' });
    });

    it('is idempotent and never brings back what an editor deleted', async () => {
      const service = app.get(ProgrammesService);
      const del = await rowOf('i-moscow-investors');
      await service.remove(del.id, exactVersion(del.version), SYSTEM_SEED);
      const before = await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id');
      const revisionsBefore = await ds.query('SELECT count(*)::int AS n FROM programme_revision');

      const again = await app.get(CatalogueSeeder).seed();

      expect(again).toEqual({ terms: 0, organisations: 0, programmes: 0, updated: 0, suggested: 0 });
      expect(await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id')).toEqual(before);
      expect(await ds.query('SELECT count(*)::int AS n FROM programme_revision')).toEqual(revisionsBefore);
    });

    it('refuses to publish an entry with no source or no application step, naming both fields', async () => {
      const service = app.get(ProgrammesService);
      const draft = await service.create(plainToInstance(CreateProgrammeDto, programmeInput({ application: {}, curation: {} })), editor);
      await expect(service.transition(draft.id, exactVersion(draft.version), 'publish', editor)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          { field: 'curation.sources', messages: ['add at least one source before publishing'] },
          { field: 'application.steps', messages: ['add at least one application step before publishing'] },
        ],
      });
      const published = await service.create(plainToInstance(CreateProgrammeDto, programmeInput()), editor);
      const live = await service.transition(published.id, exactVersion(published.version), 'publish', editor);
      // nor can a published entry lose its last source
      await expect(
        service.update(live.id, exactVersion(live.version), plainToInstance(UpdateProgrammeDto, { curation: { sources: [] } }), editor),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a key fact citing a source the entry does not have, and an apply link to a news site', async () => {
      const service = app.get(ProgrammesService);
      const input = programmeInput({
        keyFacts: [{ group: 'benefit', label: { ru: 'Сумма' }, value: { ru: 'до 1 млн ₽' }, source: 'nowhere' }],
        application: { applyUrl: 'https://www.m24.ru/news/some-article', steps: [{ text: { ru: 'Шаг' } }] },
      });
      await expect(service.create(plainToInstance(CreateProgrammeDto, input), editor)).rejects.toMatchObject({
        details: expect.arrayContaining([
          expect.objectContaining({ field: 'keyFacts.0.source' }),
          expect.objectContaining({ field: 'application.applyUrl' }),
        ]),
      });
    });
  });

  describe('status', () => {
    it('the SQL function and the TypeScript rule agree on every combination', async () => {
      const now = new Date('2026-06-15T12:00:00Z');
      const points = [null, new Date('2026-06-01T00:00:00Z'), now, new Date('2026-07-01T00:00:00Z')];
      for (const opensAt of points) {
        for (const closesAt of points) {
          const [{ s }] = await ds.query('SELECT programme_status($1, $2, $3) AS s', [opensAt, closesAt, now]);
          expect({ opensAt, closesAt, s }).toEqual({ opensAt, closesAt, s: deriveStatus(opensAt, closesAt, now) });
        }
      }
    });

    it('the scheduled job moves programmes to open and closed as their dates pass', async () => {
      const service = app.get(ProgrammesService);
      const created = await service.create(
        plainToInstance(
          CreateProgrammeDto,
          programmeInput({ timing: { opensAt: '2030-01-10T00:00:00Z', closesAt: '2030-02-10T00:00:00Z' } }),
        ),
        SYSTEM_SEED,
      );
      expect(created.timing.status).toBe('upcoming');
      const clock = new FakeClock(new Date('2030-01-20T00:00:00Z'));
      const original = app.get(ProgrammeStatusJob);
      const job = new ProgrammeStatusJob(original['dataSource'], original['programmes'], original['revisions'], clock);

      expect(await job.run()).toBe(1);
      const opened = await service.getForAdmin(created.id);
      expect(opened.timing.status).toBe('open');
      // a move is a version with a revision: the feed and ETags hear of it
      expect(opened.version).toBe(created.version + 1);
      const [last] = await service.listRevisions(created.id);
      expect([last.version, last.action, last.actor.label, last.changedFields]).toEqual([
        opened.version,
        'refresh',
        'system:status',
        ['timing.status'],
      ]);

      clock.current = new Date('2030-03-01T00:00:00Z');
      await job.run();
      expect((await service.getForAdmin(created.id)).timing.status).toBe('closed');
      expect(await job.run()).toBe(0);
    });
  });

  describe('revisions', () => {
    it('each change records who, what changed and the full snapshot', async () => {
      const service = app.get(ProgrammesService);
      const actor = { id: null, label: 'test:editor' };
      const created = await service.create(plainToInstance(CreateProgrammeDto, programmeInput()), actor);
      const updated = await service.update(
        created.id,
        exactVersion(created.version),
        plainToInstance(CreateProgrammeDto, { summary: { en: 'Changed' }, benefit: { amountMax: 5_000_000 } }),
        actor,
      );
      const published = await service.transition(updated.id, exactVersion(updated.version), 'publish', actor);
      const revisions = await service.listRevisions(created.id);
      expect(revisions.map((r) => [r.version, r.action, r.actor.label])).toEqual([
        [3, 'publish', 'test:editor'],
        [2, 'update', 'test:editor'],
        [1, 'create', 'test:editor'],
      ]);
      expect(revisions[1].changedFields.sort()).toEqual(['benefit.amountMax', 'summary.en']);
      expect(revisions[0].changedFields).toEqual(expect.arrayContaining(['publicationState', 'publishedAt']));
      expect(revisions[0].snapshot).toEqual(JSON.parse(JSON.stringify(published)));
    });
  });
});
