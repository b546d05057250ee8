import { exactVersion } from '@app/common';
import { DataSource } from 'typeorm';
import {
  matchProgramme,
  ProgrammesService,
  SyntheticCatalogueService,
  SYSTEM_SEED,
  type CompanyProfile,
  type MatchVocabulary,
} from '@app/catalogue';
import request from 'supertest';
import { programmeInput } from '@app/testing';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

describe('POST /api/v1/match (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds programmes that fully fit a medium Moscow electronics manufacturer that wants lower taxes and new production', async () => {
    const editor = await t.tokenFor('editor');
    const fitting = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        applicantTypes: ['legal_entity'],
        sizes: ['medium', 'large'],
        industries: ['manufacturing'],
        objectives: ['reduce_taxes'],
        territories: ['moscow'],
      }),
    );
    const res = await request(t.http)
      .post('/api/v1/match')
      .send({
        applicantType: 'legal_entity',
        size: 'medium',
        industry: 'electronics',
        territory: 'moscow',
        goal: ['reduce_taxes', 'build_production'],
        perPage: 100,
      })
      .expect(200);
    const fits = res.body.results.filter((r: { fit: string }) => r.fit === 'fits');
    // electronics is within manufacturing: a programme for manufacturers covers it
    expect(fits.map((r: { slug: string }) => r.slug)).toContain(fitting.slug);
    for (const r of fits) {
      expect(r.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(
        expect.arrayContaining(['applicantType', 'size', 'industry', 'territory', 'goal']),
      );
      // every condition the programme states is met; nothing is left to check
      expect(r.criteria.every((c: { status: string }) => c.status === 'met' || c.status === 'not_stated')).toBe(true);
      expect(r.criteria.some((c: { criterion: string }) => c.criterion === 'check')).toBe(false);
      for (const c of r.criteria) expect(c.explanation).toMatch(/\S/);
    }
    // the SEZ lists conditions to check yourself: it may fit, never simply "fits"
    const sez = res.body.results.find((r: { slug: string }) => r.slug === 'technopolis-moscow-sez');
    expect(sez.fit).not.toBe('does_not_fit');
    const order = res.body.results.map((r: { fit: string }) => r.fit);
    expect(res.body.groups.fits + res.body.groups.partly + res.body.groups.does_not_fit).toBe(res.body.total);
    // what fits comes first, then what may fit, then what does not
    expect(order).toEqual(
      [...order].sort(
        (a: string, b: string) => ['fits', 'partly', 'does_not_fit'].indexOf(a) - ['fits', 'partly', 'does_not_fit'].indexOf(b),
      ),
    );
  });

  it('never says "fits" while a condition to check is listed, and names it; federal programmes serve a Moscow company', async () => {
    const shipped = (await request(t.http).get('/api/v1/programmes.json').expect(200)).body as {
      slug: string;
      territories: string[];
      eligibility: { checks: unknown[] };
      timing: { status: string };
    }[];
    const res = await request(t.http)
      .post('/api/v1/match')
      .send({ applicantType: 'sole_trader', territory: 'moscow', statuses: [], perPage: 100 })
      .expect(200);
    for (const r of res.body.results as { slug: string; fit: string; criteria: { criterion: string; status: string }[] }[]) {
      const p = shipped.find((x) => x.slug === r.slug);
      if (p?.eligibility.checks.length) {
        expect({ slug: r.slug, fit: r.fit }).not.toEqual({ slug: r.slug, fit: 'fits' });
        expect(r.criteria.filter((c) => c.criterion === 'check')).toHaveLength(p.eligibility.checks.length);
      }
      // a programme for all of Russia serves Moscow
      if (p?.territories.includes('russia')) expect(r.criteria.find((c) => c.criterion === 'territory')?.status).toBe('met');
    }
    const federal = shipped.filter((p) => p.territories.includes('russia') && p.timing.status !== 'closed');
    for (const p of federal) expect(res.body.results.map((r: { slug: string }) => r.slug)).toContain(p.slug);
    // the social-entrepreneur grant asks for a completed city training: a sole trader without it is not "fits"
    const social = res.body.results.find((r: { slug: string }) => r.slug === 'social-entrepreneurship');
    if (social) expect(social.fit).not.toBe('fits');
  });

  it('checks a required status and a minimum investment against what the company says', async () => {
    const editor = await t.tokenFor('editor');
    const statusBound = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ industries: ['electronics'], eligibility: { criteria: { requiredStatuses: ['innovation_cluster_member'] } } }),
    );
    const investmentBound = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ industries: ['electronics'], eligibility: { criteria: { investmentMinRub: 750_000_000 } } }),
    );
    const ask = async (extra: object) =>
      (
        await request(t.http)
          .post('/api/v1/match')
          .send({ industry: 'electronics', perPage: 100, ...extra })
          .expect(200)
      ).body.results as { slug: string; criteria: { criterion: string; status: string }[] }[];
    const statusOf = (results: Awaited<ReturnType<typeof ask>>, slug: string, criterion: string) =>
      results.find((r) => r.slug === slug)?.criteria.find((c) => c.criterion === criterion)?.status;
    expect(statusOf(await ask({ statuses: [] }), statusBound.slug, 'status')).toBe('not_met');
    expect(statusOf(await ask({ statuses: ['innovation_cluster_member'] }), statusBound.slug, 'status')).toBe('met');
    expect(statusOf(await ask({}), statusBound.slug, 'status')).toBe('unknown');
    expect(statusOf(await ask({}), investmentBound.slug, 'investment')).toBe('unknown');
    expect(statusOf(await ask({ investmentRub: 1_000_000_000 }), investmentBound.slug, 'investment')).toBe('met');
    expect(statusOf(await ask({ investmentRub: 10_000_000 }), investmentBound.slug, 'investment')).toBe('not_met');
  });

  it('places an ОКВЭД 2 code in its section, and refuses one that names no business activity', async () => {
    const res = await request(t.http).post('/api/v1/match').send({ okved: '26.11', perPage: 100 }).expect(200);
    const judged = res.body.results.flatMap((r: { criteria: { criterion: string; explanation: string }[] }) => r.criteria);
    expect(
      judged.some((c: { criterion: string; explanation: string }) => c.criterion === 'industry' && /Электроника/.test(c.explanation)),
    ).toBe(true);
    const bad = await request(t.http).post('/api/v1/match').send({ okved: '84.11' }).expect(400);
    expect(bad.body.details[0].field).toBe('okved');
    await request(t.http).post('/api/v1/match').send({ okved: '6201' }).expect(400);
  });

  it('answers in English when asked', async () => {
    const res = await request(t.http).post('/api/v1/match').send({ goal: 'find_investors', lang: 'en' }).expect(200);
    expect(res.body.results[0].criteria[0].explanation).toMatch(/^Helps with “Find investors”\.$/);
  });

  it.each([
    [{ companyAgeYears: -1 }, 'companyAgeYears'],
    [{ headcount: 'many' }, 'headcount'],
    [{ revenueBand: 'huge' }, 'revenueBand'],
    [{ industry: 'no_such_industry' }, 'industry'],
    [{ goal: 'Bad Code' }, 'goal'],
    [{ goal: ['reduce_taxes', 'no_such_goal'] }, 'goal'],
    [{ size: 'gigantic' }, 'size'],
    [{ investmentRub: -5 }, 'investmentRub'],
    [{ statuses: ['astronaut'] }, 'statuses'],
    [{ perPage: 1000 }, 'perPage'],
    [{ colour: 'red' }, 'colour'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const res = await request(t.http).post('/api/v1/match').send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('POST /api/v1/match over a large catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(SyntheticCatalogueService).generate(12_000, 3); // more than one batch of candidates, more than are kept in memory
  }, 120_000);
  afterAll(() => t.close());

  it('ranks every candidate (read in batches), the same on every page, and refuses pages deeper than 10 000', async () => {
    const body = { applicantType: 'legal_entity', industry: 'electronics', territory: 'moscow', goal: 'get_financing', companyAgeYears: 4 };
    const [{ n }] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL AND status <> 'closed'`,
      );
    const first = await request(t.http)
      .post('/api/v1/match')
      .send({ ...body, perPage: 100 })
      .expect(200);
    expect(first.body.total).toBe(n);
    const scores = first.body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const second = await request(t.http)
      .post('/api/v1/match')
      .send({ ...body, perPage: 50, page: 2 })
      .expect(200);
    expect(second.body.results.map((r: { slug: string }) => r.slug)).toEqual(
      first.body.results.slice(50, 100).map((r: { slug: string }) => r.slug),
    );
    const deep = await request(t.http)
      .post('/api/v1/match')
      .send({ ...body, perPage: 100, page: 101 })
      .expect(400);
    expect(deep.body.details[0].field).toBe('page');
  }, 60_000);

  it('ranks exactly as scoring every candidate and sorting would, and follows a change at once', async () => {
    const db = t.app.get(DataSource);
    const parents = new Map<string, string | null>(
      (await db.query(`SELECT facet, code, parent_code FROM taxonomy_term`)).map(
        (r: { facet: string; code: string; parent_code: string | null }) => [`${r.facet}:${r.code}`, r.parent_code],
      ),
    );
    const vocabulary: MatchVocabulary = { label: () => '', parentOf: (facet, code) => parents.get(`${facet}:${code}`) ?? null };
    // the plain way: every candidate scored, best score first, then the title in the answer's language
    const expected = async (company: CompanyProfile, lang: 'ru' | 'en') => {
      const rows: {
        slug: string;
        titleRu: string;
        titleEn: string | null;
        applicantTypes: string[];
        sizes: string[];
        industries: string[];
        objectives: string[];
        territories: string[];
        eligibility: object;
      }[] = await db.query(
        `SELECT slug, title_ru AS "titleRu", title_en AS "titleEn", applicant_types AS "applicantTypes", sizes, industries, objectives, territories, eligibility,
                eligibility_checks AS checks
             FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL AND status <> 'closed' ORDER BY id`,
      );
      const collator = new Intl.Collator(lang);
      return rows
        .map((r) => ({
          slug: r.slug,
          title: lang === 'en' ? (r.titleEn ?? r.titleRu) : r.titleRu,
          score: matchProgramme(r as never, company, vocabulary, lang).score,
        }))
        .sort((a, b) => b.score - a.score || collator.compare(a.title, b.title))
        .map((r) => `${r.score} ${r.slug}`);
    };
    const answered = async (company: CompanyProfile, lang: 'ru' | 'en', page: number) =>
      (
        await request(t.http)
          .post('/api/v1/match')
          .send({ ...company, lang, perPage: 100, page })
          .expect(200)
      ).body.results.map((r: { score: number; slug: string }) => `${r.score} ${r.slug}`);
    const profiles: CompanyProfile[] = [
      { applicantType: 'legal_entity', industry: 'electronics', territory: 'moscow', goal: 'get_financing', companyAgeYears: 4 },
      { applicantType: 'sole_trader', size: 'micro', headcount: 3, revenueBand: 'upTo120m', goal: ['find_premises', 'get_advice'] },
      {},
    ];
    for (const [i, company] of profiles.entries()) {
      const lang = i % 2 ? 'en' : 'ru';
      const all = await expected(company, lang);
      expect(await answered(company, lang, 1)).toEqual(all.slice(0, 100));
      expect(await answered(company, lang, 7)).toEqual(all.slice(600, 700));
    }
    // archiving the best programme takes it out of the next answer
    const company = profiles[0];
    const [best] = await answered(company, 'ru', 1);
    const slug = best.split(' ')[1];
    const programmes = t.app.get(ProgrammesService);
    const { id, version } = (await programmes.listForAdmin({ q: slug }, { page: 1, perPage: 5 })).items.find((p) => p.slug === slug)!;
    await programmes.transition(id, exactVersion(version), 'archive', SYSTEM_SEED);
    const after = await answered(company, 'ru', 1);
    expect(after.map((r: string) => r.split(' ')[1])).not.toContain(slug);
    expect(after).toEqual((await expected(company, 'ru')).slice(0, 100));
  }, 120_000);
});
