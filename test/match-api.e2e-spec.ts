import { DataSource } from 'typeorm';
import { SyntheticCatalogueService } from '@app/catalogue';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('POST /api/v1/match (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('ranks the shipped programmes for a company and explains every criterion', async () => {
    const res = await request(t.http)
      .post('/api/v1/match')
      .send({ applicantType: 'legal_entity', industry: 'electronics', territory: 'technopolis_moscow', goal: 'reduce_taxes', statuses: ['sez_resident'] })
      .expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    const top = res.body.results[0];
    expect(top.slug).toBe('technopolis-moscow-sez');
    expect(top.fit).not.toBe('does_not_fit');
    expect(top.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(expect.arrayContaining(['industry', 'territory', 'goal', 'status']));
    for (const c of top.criteria) expect(c.explanation).toMatch(/\S/);
    const fits = res.body.results.map((r: { fit: string }) => r.fit);
    // nothing that fails a criterion is ranked above something that fails none
    expect(fits.indexOf('does_not_fit') === -1 || fits.lastIndexOf('fits') < fits.indexOf('does_not_fit')).toBe(true);
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
    const [{ n }] = await t.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL AND status <> 'closed'`,
    );
    const first = await request(t.http).post('/api/v1/match').send({ ...body, perPage: 100 }).expect(200);
    expect(first.body.total).toBe(n);
    const scores = first.body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const second = await request(t.http).post('/api/v1/match').send({ ...body, perPage: 50, page: 2 }).expect(200);
    expect(second.body.results.map((r: { slug: string }) => r.slug)).toEqual(first.body.results.slice(50, 100).map((r: { slug: string }) => r.slug));
    const deep = await request(t.http).post('/api/v1/match').send({ ...body, perPage: 100, page: 101 }).expect(400);
    expect(deep.body.details[0].field).toBe('page');
  }, 60_000);
});
