import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import {
  CatalogueSeeder, deriveStatus, ProgrammesService, ProgrammeStatusJob, SEED_PROGRAMMES, SYSTEM_SEED, CreateProgrammeDto,
} from '@app/catalogue';
import { programmeInput } from '@app/testing';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
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
  'technopolis-moscow-sez', 'moscow-technoparks', 'important-products-and-research-2026', 'mosprom-export-support',
  'made-in-moscow', 'sme-concessional-loans', 'sme-consulting', 'sme-premises', 'new-enterprise-construction',
  'i-moscow-investors', 'i-moscow-pilot-testing', 'i-moscow-growth-tools',
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
    it('loads every slug from FACTS.md, published, with sources and flagged for verification', async () => {
      const first = await app.get(CatalogueSeeder).seed();
      expect(first.programmes).toBe(FACTS_SLUGS.length);
      const rows: { slug: string; publication_state: string; needs_verification: boolean; source_name: string | null; title_en: string | null }[] =
        await ds.query('SELECT slug, publication_state, needs_verification, source_name, title_en FROM programme ORDER BY slug');
      expect(rows.map((r) => r.slug).sort()).toEqual([...FACTS_SLUGS].sort());
      for (const r of rows) {
        expect(r.publication_state).toBe('published');
        expect(r.needs_verification).toBe(true);
        expect(r.source_name).toBeTruthy();
        expect(r.title_en).toBeTruthy();
      }
    });

    it('never invents figures: amounts, rates, dates and contacts stay empty; the only tax figures are the sourced ones', async () => {
      const rows: { slug: string; amount_min: string | null; amount_max: string | null; rate_percent: string | null; closes_at: Date | null; tax_reductions: unknown[]; contacts: object; source_url: string | null }[] =
        await ds.query('SELECT slug, amount_min, amount_max, rate_percent, closes_at, tax_reductions, contacts, source_url FROM programme');
      for (const r of rows) {
        expect([r.amount_min, r.amount_max, r.rate_percent, r.closes_at]).toEqual([null, null, null, null]);
        expect(r.contacts).toEqual({});
        if (r.slug === 'technopolis-moscow-sez') {
          expect(r.tax_reductions).toEqual([
            { tax: 'property', fromPercent: null, toPercent: 0, years: 10 },
            { tax: 'transport', fromPercent: null, toPercent: 0, years: 10 },
            { tax: 'land', fromPercent: null, toPercent: 0, years: 10 },
            { tax: 'profit', fromPercent: null, toPercent: 2, years: null },
          ]);
          expect(r.source_url).toBe('https://investmoscow.ru/press-center/news-article/?article=295776');
        } else {
          expect(r.tax_reductions).toEqual([]);
        }
      }
    });

    it('is idempotent and never brings back what an editor removed or changed', async () => {
      const service = app.get(ProgrammesService);
      const [{ id, version }] = await ds.query(`SELECT id, version FROM programme WHERE slug = 'sme-consulting'`);
      await service.update(id, version, plainToInstance(CreateProgrammeDto, { title: { ru: 'Изменено редактором' } }), SYSTEM_SEED);
      const [{ id: delId, version: delVersion }] = await ds.query(`SELECT id, version FROM programme WHERE slug = 'made-in-moscow'`);
      await service.remove(delId, delVersion, SYSTEM_SEED);
      const before = await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id');
      const revisionsBefore = await ds.query('SELECT count(*)::int AS n FROM programme_revision');

      const second = await app.get(CatalogueSeeder).seed();

      expect(second).toEqual({ terms: 0, organisations: 0, programmes: 0 });
      expect(await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id')).toEqual(before);
      expect(await ds.query('SELECT count(*)::int AS n FROM programme_revision')).toEqual(revisionsBefore);
    });

    it('every seed entry passes the same validation as the admin API', async () => {
      expect(SEED_PROGRAMMES.map((p) => p.slug).sort()).toEqual([...FACTS_SLUGS].sort());
      for (const plain of SEED_PROGRAMMES) {
        const errors = await validate(plainToInstance(CreateProgrammeDto, plain), { whitelist: true, forbidNonWhitelisted: true });
        expect({ slug: plain.slug, errors }).toEqual({ slug: plain.slug, errors: [] });
      }
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
        plainToInstance(CreateProgrammeDto, programmeInput({ timing: { opensAt: '2030-01-10T00:00:00Z', closesAt: '2030-02-10T00:00:00Z' } })),
        SYSTEM_SEED,
      );
      expect(created.timing.status).toBe('upcoming');
      const clock = new FakeClock(new Date('2030-01-20T00:00:00Z'));
      const job = new ProgrammeStatusJob(app.get(ProgrammeStatusJob)['programmes'], clock);

      expect(await job.run()).toBe(1);
      expect((await service.getForAdmin(created.id)).timing.status).toBe('open');

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
        created.version,
        plainToInstance(CreateProgrammeDto, { summary: { en: 'Changed' }, benefit: { amountMax: 5_000_000 } }),
        actor,
      );
      const published = await service.transition(updated.id, updated.version, 'publish', actor);
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
