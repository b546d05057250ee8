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
