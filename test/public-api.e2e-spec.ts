import { SHIPPED_PROVIDERS, SHIPPED_PROGRAMMES, shippedStatus } from './support/shipped';
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
    expect(first.body.total).toBe(SHIPPED_PROGRAMMES.length);
    expect(first.body.hits).toHaveLength(5);
    expect(first.body).toMatchObject({ page: 1, perPage: 5 });
    const lastPage = Math.ceil(SHIPPED_PROGRAMMES.length / 5);
    const last = await api().get(`/api/v1/programmes?perPage=5&page=${lastPage}`).expect(200);
    expect(last.body.hits).toHaveLength(SHIPPED_PROGRAMMES.length - (lastPage - 1) * 5);
    const all = new Set([...first.body.hits, ...last.body.hits].map((h: { slug: string }) => h.slug));
    expect(all.size).toBe(5 + last.body.hits.length);
  });

  it('filters OR inside a facet and AND across facets', async () => {
    const shipped = (test: (p: { supportTypes: string[]; sizes: string[] }) => boolean) =>
      SHIPPED_PROGRAMMES.filter(test)
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
    expect(cluster.body.total).toBe(SHIPPED_PROGRAMMES.filter((p) => p.provider === 'moscow-innovation-cluster').length);
    // statuses come from each entry's availability: what its sources say
    for (const status of ['open', 'upcoming', 'standing', 'not_confirmed', 'closed']) {
      const res = await api().get(`/api/v1/programmes?status=${status}&perPage=100`).expect(200);
      const expected = SHIPPED_PROGRAMMES.filter((p) => shippedStatus(p) === status).map((p) => p.slug);
      expect({ status, slugs: res.body.hits.map((h: { slug: string }) => h.slug).sort() }).toEqual({ status, slugs: expected.sort() });
    }
    // `ongoing` (API v1, before availability had a source) means standing
    const ongoing = await api().get('/api/v1/programmes?status=ongoing').expect(200);
    expect(ongoing.body.total).toBe(SHIPPED_PROGRAMMES.filter((p) => shippedStatus(p) === 'standing').length);
    const text = await api()
      .get('/api/v1/programmes?q=' + encodeURIComponent('Моспром'))
      .expect(200);
    expect(text.body.hits.map((h: { slug: string }) => h.slug)).toContain('mosprom-export-support');
    const export_ = SHIPPED_PROGRAMMES.find((p) => p.slug === 'mosprom-export-support')!;
    const en = await api().get(`/api/v1/programmes?provider=${export_.provider}&lang=en&perPage=100`).expect(200);
    expect(en.body.hits.find((h: { slug: string }) => h.slug === export_.slug)).toMatchObject({ title: export_.title.en, lang: 'en' });
  });

  it('tells the truth about every published entry: a status from its sources, a way to act, accepted sources', async () => {
    const all = await api().get('/api/v1/programmes.json').expect(200);
    expect(all.body.length).toBe(SHIPPED_PROGRAMMES.length);
    for (const p of all.body as {
      slug: string;
      timing: { status: string; availability: { kind: string; source: string | null } };
      application: { applyUrl: string | null; applyUrlEn: string | null; contacts: { phone: string | null; email: string | null } };
      provider: { phone: string | null; email: string | null };
      curation: { sources: { key: string; kind: string }[]; problems: unknown[] };
    }[]) {
      // nothing is "ongoing" by default; standing and closed rest on an official page
      expect(p.timing.status).not.toBe('ongoing');
      if (['standing', 'closed'].includes(p.timing.availability.kind))
        expect({ slug: p.slug, kind: p.curation.sources.find((s) => s.key === p.timing.availability.source)?.kind }).toEqual({
          slug: p.slug,
          kind: 'official',
        });
      const wayToAct =
        !!p.application.applyUrl ||
        !!p.application.applyUrlEn ||
        !!p.application.contacts.phone ||
        !!p.application.contacts.email ||
        !!p.provider.phone ||
        !!p.provider.email;
      expect({ slug: p.slug, wayToAct, problems: p.curation.problems }).toEqual({ slug: p.slug, wayToAct: true, problems: [] });
    }
    // the export grant's own card says applications are closed: never shown as open
    expect((await api().get('/api/v1/programmes/mosprom-export-support').expect(200)).body.timing.status).not.toBe('open');
  });

  it('finds federal programmes for a Moscow company: a programme serves every place inside its territories', async () => {
    const federal = SHIPPED_PROGRAMMES.filter((p) => p.territories?.includes('russia')).map((p) => p.slug);
    expect(federal.length).toBeGreaterThan(0);
    const moscow = await api().get('/api/v1/programmes?territory=moscow&perPage=100').expect(200);
    expect(moscow.body.hits.map((h: { slug: string }) => h.slug)).toEqual(expect.arrayContaining(federal));
    const site = await api().get('/api/v1/programmes?territory=technopolis_moscow&perPage=100').expect(200);
    expect(site.body.hits.map((h: { slug: string }) => h.slug)).toEqual(expect.arrayContaining(federal));
    // the count a Moscow filter shows is what it finds
    const counted = moscow.body.facets.territory.find((v: { code: string }) => v.code === 'moscow');
    expect(counted.count).toBe(moscow.body.total);
  });

  it('treats % and _ in the text literally', async () => {
    const res = await api().get('/api/v1/programmes?q=%25').expect(200);
    expect(res.body.total).toBe(0);
  });

  it('shows one published programme in full', async () => {
    const res = await api().get('/api/v1/programmes/technopolis-moscow-sez').expect(200);
    const file = SHIPPED_PROGRAMMES.find((p) => p.slug === 'technopolis-moscow-sez')!;
    expect(res.body).toMatchObject({
      slug: 'technopolis-moscow-sez',
      provider: { slug: file.provider },
      timing: { status: shippedStatus(file), availability: { kind: file.timing!.availability!.kind } },
      application: { applyUrl: file.application!.applyUrl ?? null, applyUrlEn: file.application!.applyUrlEn ?? null },
      curation: { problems: [] },
    });
    // every key fact cites one of the entry's sources, and carries the date that source shows
    const sources = new Map(res.body.curation.sources.map((s: { key: string; publishedOn: string | null }) => [s.key, s.publishedOn]));
    expect(res.body.keyFacts.length).toBeGreaterThan(5);
    for (const f of res.body.keyFacts) expect(sources.get(f.source)).toBe(f.asOf);
    expect(res.body.curation.sources.every((s: { kind: string }) => ['official', 'media', 'other'].includes(s.kind))).toBe(true);
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
    expect(res.body.map((o: { slug: string }) => o.slug).sort()).toEqual(SHIPPED_PROVIDERS.map((o) => o.slug).sort());
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
