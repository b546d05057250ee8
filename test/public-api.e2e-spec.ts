import { SEED_ORGANISATIONS, SEED_PROGRAMMES } from '@app/catalogue';
import request from 'supertest';
import { programmeInput } from '@app/testing';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

describe('public read API (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  const api = () => request(t.http);

  const createProgramme = (body: Record<string, unknown>, publish: boolean) => createProgrammeViaApi(t.http, editor, body, publish);

  it('lists the published catalogue with exact totals and pages', async () => {
    const first = await api().get('/api/v1/programmes?perPage=5').expect(200);
    expect(first.body.total).toBe(SEED_PROGRAMMES.length);
    expect(first.body.hits).toHaveLength(5);
    expect(first.body).toMatchObject({ page: 1, perPage: 5 });
    const lastPage = Math.ceil(SEED_PROGRAMMES.length / 5);
    const last = await api().get(`/api/v1/programmes?perPage=5&page=${lastPage}`).expect(200);
    expect(last.body.hits).toHaveLength(SEED_PROGRAMMES.length - (lastPage - 1) * 5);
    const all = new Set([...first.body.hits, ...last.body.hits].map((h: { slug: string }) => h.slug));
    expect(all.size).toBe(5 + last.body.hits.length);
  });

  it('filters OR inside a facet and AND across facets', async () => {
    const shipped = (test: (p: { supportTypes: string[]; sizes: string[] }) => boolean) =>
      SEED_PROGRAMMES.filter(test)
        .map((p) => p.slug)
        .sort();
    const slugsOf = (res: request.Response) => res.body.hits.map((h: { slug: string }) => h.slug).sort();
    const loans = await api().get('/api/v1/programmes?supportType=concessional_loan').expect(200);
    expect(slugsOf(loans)).toEqual(shipped((p) => p.supportTypes.includes('concessional_loan')));
    expect(slugsOf(loans)).toContain('sme-concessional-loans');

    const either = await api().get('/api/v1/programmes?supportType=concessional_loan&supportType=premises&perPage=50').expect(200);
    const loansOrPremises = shipped((p) => p.supportTypes.includes('concessional_loan') || p.supportTypes.includes('premises'));
    expect(slugsOf(either)).toEqual(loansOrPremises);
    expect(loansOrPremises.length).toBeGreaterThan(slugsOf(loans).length);

    const both = await api().get('/api/v1/programmes?supportType=concessional_loan,premises&size=small&perPage=50').expect(200);
    const andSmall = shipped(
      (p) => (p.supportTypes.includes('concessional_loan') || p.supportTypes.includes('premises')) && p.sizes.includes('small'),
    );
    expect(slugsOf(both)).toEqual(andSmall);
    expect(andSmall.length).toBeLessThan(loansOrPremises.length + 1);
  });

  it('filters by provider, status and text, and answers in English on request', async () => {
    const cluster = await api().get('/api/v1/programmes?provider=moscow-innovation-cluster').expect(200);
    expect(cluster.body.total).toBe(SEED_PROGRAMMES.filter((p) => p.provider === 'moscow-innovation-cluster').length);
    const closed = await api().get('/api/v1/programmes?status=closed').expect(200);
    expect(closed.body.total).toBe(0);
    const text = await api()
      .get('/api/v1/programmes?q=' + encodeURIComponent('Моспром'))
      .expect(200);
    expect(text.body.hits.map((h: { slug: string }) => h.slug)).toContain('mosprom-export-support');
    const en = await api().get('/api/v1/programmes?provider=mosprom&lang=en').expect(200);
    expect(en.body.hits[0]).toMatchObject({
      title: 'Mosprom and the Moscow Export Center: entering foreign markets',
      lang: 'en',
      provider: { name: 'Mosprom Centre' },
    });
  });

  it('treats % and _ in the text literally', async () => {
    const res = await api().get('/api/v1/programmes?q=%25').expect(200);
    expect(res.body.total).toBe(0);
  });

  it('shows one published programme in full', async () => {
    const res = await api().get('/api/v1/programmes/technopolis-moscow-sez').expect(200);
    expect(res.body).toMatchObject({
      slug: 'technopolis-moscow-sez',
      provider: { slug: 'technopolis-moscow' },
      timing: { status: 'ongoing', opensAt: null, closesAt: null },
      benefit: {
        amountMin: null,
        amountMax: null,
        taxReductions: expect.arrayContaining([{ tax: 'profit', fromPercent: null, toPercent: 2, years: null }]),
      },
      application: { applyUrl: 'https://technomoscow.com' },
    });
    // every key fact cites one of the entry's sources, and carries the date that source shows
    const sources = new Map(res.body.curation.sources.map((s: { key: string; publishedOn: string | null }) => [s.key, s.publishedOn]));
    expect(res.body.keyFacts.length).toBeGreaterThan(5);
    for (const f of res.body.keyFacts) expect(sources.get(f.source)).toBe(f.asOf);
    expect(res.body.curation.sources.map((s: { url: string }) => s.url)).toContain(
      'https://investmoscow.ru/press-center/news-article/?article=295776',
    );
    expect(res.body.application.steps.length).toBeGreaterThanOrEqual(2);
    expect(res.body.title.ru).toBeTruthy();
    expect(res.body.title.en).toBeTruthy();
  });

  it('answers 404 for unknown, draft and archived programmes', async () => {
    await api().get('/api/v1/programmes/no-such-programme').expect(404);
    const draft = await createProgramme(programmeInput(), false);
    const draftRes = await api().get(`/api/v1/programmes/${draft.slug}`).expect(404);
    expect(draftRes.body).toMatchObject({ statusCode: 404, code: 'PROGRAMME.NOT_FOUND' });

    const published = await createProgramme(programmeInput({ title: { ru: 'Программа квазиуникальность архивации' } }), true);
    await api().get(`/api/v1/programmes/${published.slug}`).expect(200);
    const before = await api().get('/api/v1/programmes?q=квазиуникальность').expect(200);
    expect(before.body.hits.map((h: { slug: string }) => h.slug)).toEqual([published.slug]);
    await api()
      .post(`/api/v1/admin/programmes/${published.id}/archive`)
      .set('Authorization', `Bearer ${editor}`)
      .set('If-Match', `"${published.version}"`)
      .expect(200);
    await api().get(`/api/v1/programmes/${published.slug}`).expect(404);
    const list = await api().get('/api/v1/programmes?q=квазиуникальность').expect(200);
    expect(list.body).toMatchObject({ total: 0, hits: [] });
  });

  it('serves the taxonomy with codes and labels in both languages', async () => {
    const res = await api().get('/api/v1/taxonomy').expect(200);
    const facets = res.body.facets.map((f: { facet: string }) => f.facet);
    expect(facets).toEqual(['support_type', 'applicant_type', 'stage', 'size', 'industry', 'objective', 'territory']);
    const supportTypes = res.body.facets[0].terms;
    expect(supportTypes).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'tax_relief', label: { ru: 'Налоговые льготы', en: 'Tax relief' } })]),
    );
  });

  it('lists organisations', async () => {
    const res = await api().get('/api/v1/organisations').expect(200);
    expect(res.body.map((o: { slug: string }) => o.slug).sort()).toEqual(SEED_ORGANISATIONS.map((o) => o.slug).sort());
  });

  it('rejects a suggest request without text or with too much of it', async () => {
    expect((await api().get('/api/v1/suggest').expect(400)).body.details[0].field).toBe('q');
    expect(
      (
        await api()
          .get(`/api/v1/suggest?q=${'я'.repeat(101)}`)
          .expect(400)
      ).body.details[0].field,
    ).toBe('q');
  });

  it.each([
    ['supportType=unknown_code', 'supportType'],
    ['perPage=1000', 'perPage'],
    ['page=0', 'page'],
    ['status=maybe', 'status'],
    ['lang=fr', 'lang'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['territory=Bad%20Code', 'territory'],
    ['colour=red', 'colour'],
    ['provider=no-such-organisation', 'provider'],
    ['closesAfter=2026-13-40', 'closesAfter'],
    ['closesBefore=tomorrow', 'closesBefore'],
    ['closesAfter=2026-02-30', 'closesAfter'],
    ['amountMin=-5', 'amountMin'],
    ['amountMax=lots', 'amountMax'],
    ['sort=random', 'sort'],
  ])('rejects %s with a 400 naming the parameter', async (query, field) => {
    const res = await api().get(`/api/v1/programmes?${query}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.requestId).toBeTruthy();
  });
});
