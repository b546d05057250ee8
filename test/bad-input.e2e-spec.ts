import request from 'supertest';
import { programmeInput } from '@app/testing';
import { createTestApp, TestApp } from './support/test-app';

describe('bad input never gets a 500, a stack trace or a half-written record', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  const post = (body: string, type = 'application/json') =>
    request(t.http).post('/api/v1/admin/programmes').set('Authorization', `Bearer ${editor}`).set('Content-Type', type).send(body);

  const expectErrorShape = (body: Record<string, unknown>, status: number, code: string) => {
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\/work\/|SELECT |INSERT /);
  };

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await post('{"slug": ');
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'MALFORMED_JSON');
  });

  it('a body over the limit → 413', async () => {
    const res = await post(JSON.stringify(programmeInput({ description: { ru: 'я'.repeat(300_000) } })));
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON → 415', async () => {
    const res = await post('slug=x', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown fields, wrong types, too-long text and too many codes → 400 with every field named', async () => {
    const res = await post(
      JSON.stringify(
        programmeInput({
          isAdmin: true,
          title: { ru: 'x'.repeat(301) },
          supportTypes: Array.from({ length: 31 }, (_, i) => `code_${i}`),
          benefit: { amountMin: 'a lot' },
          timing: { closesAt: 'next tuesday' },
          application: { applyUrl: 'javascript:alert(1)' },
        }),
      ),
    );
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['isAdmin', 'title.ru', 'supportTypes', 'benefit.amountMin', 'timing.closesAt', 'application.applyUrl']),
    );
  });

  it('null for a required field on update → 400, not a database error', async () => {
    const created = await post(JSON.stringify(programmeInput())).expect(201);
    const res = await request(t.http)
      .patch(`/api/v1/admin/programmes/${created.body.id}`)
      .set('Authorization', `Bearer ${editor}`)
      .set('If-Match', '"1"')
      .send({ slug: null, title: { ru: null }, supportTypes: null });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['slug', 'supportTypes', 'title.ru']);
  });

  it('a malformed id or encoding in the path → 400', async () => {
    const res = await request(t.http).get('/api/v1/admin/programmes/not-a-uuid').set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(400);
    const bad = await request(t.http).get('/api/v1/programmes/%FF');
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 400, 'BAD_REQUEST');
  });

  it('HTML and SQL-looking text is stored and returned as plain data', async () => {
    const title = `<script>alert(1)</script>'; DROP TABLE programme; --`;
    const created = await post(JSON.stringify(programmeInput({ title: { ru: title } }))).expect(201);
    expect(created.body.title.ru).toBe(title);
    const list = await request(t.http).get('/api/v1/admin/programmes?perPage=100').set('Authorization', `Bearer ${editor}`).expect(200);
    expect(list.body.total).toBeGreaterThan(12);
  });

  it('a NUL character (which PostgreSQL text cannot hold) → 400, in bodies and queries alike', async () => {
    const body = await post(JSON.stringify(programmeInput({ title: { ru: 'Грант\u0000' } })));
    expect(body.status).toBe(400);
    expectErrorShape(body.body, 400, 'VALIDATION_FAILED');
    const list = await request(t.http).get('/api/v1/admin/programmes').query({ q: 'a\u0000b' }).set('Authorization', `Bearer ${editor}`);
    expect(list.status).toBe(400);
    const search = await request(t.http).get('/api/v1/programmes').query({ q: 'a\u0000b' });
    expect(search.status).toBe(400);
  });

  it('unknown routes → 404 in the same error shape', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404, 'NOT_FOUND');
  });
});
