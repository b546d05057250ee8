import { exactVersion } from '@app/common';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { ProgrammeRepository, ProgrammesService, SYSTEM_SEED } from '@app/catalogue';
import { programmeInput, uniqueSlug, round } from '@app/testing';
import { createTestApp, type TestApp } from './support/test-app';
import { createProgrammeViaApi, patchAndPublish } from './support/programmes';

/** What integrators' tools expect of HTTP, tried with those tools where it matters (Node's fetch, a raw socket). */
describe('HTTP details integrators expect', () => {
  let t: TestApp;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${admin}`);

  it("answers Node's fetch with 304 when the ETag matches, though fetch sends Cache-Control: no-cache", async () => {
    for (const path of ['/api/v1/programmes/sme-premises', '/api/v1/programmes?q=кредит', '/api/v1/taxonomy']) {
      const first = await fetch(base + path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      const again = await fetch(base + path, { headers: { 'If-None-Match': etag, 'Cache-Control': 'no-cache' } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const other = await fetch(base + path, { headers: { 'If-None-Match': '"something-else"' } });
      expect(other.status).toBe(200);
    }
  });

  it('compresses NDJSON exports like CSV and JSON', async () => {
    const res = await request(t.http).get('/api/v1/programmes.ndjson').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect((res.text as string).trim().split('\n').length).toBeGreaterThanOrEqual(12);
  });

  it('answers a request line Node cannot parse (raw Cyrillic) with the usual error JSON', async () => {
    const { port } = (t.http as Server).address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(Buffer.from('GET /api/v1/programmes?q=кредит HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8')),
      );
      let data = '';
      socket.on('data', (c) => (data += c.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
    expect(body.message).toMatch(/data-urlencode/);
    expect(body.requestId).toEqual(expect.any(String));
  });

  it('lets any origin read the public API, without credentials, and no origin the admin API', async () => {
    const res = await request(t.http).get('/api/v1/taxonomy').set('Origin', 'https://consultant.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
    const preflight = await request(t.http)
      .options('/api/v1/programmes')
      .set('Origin', 'https://consultant.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-api-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-API-Key/);
    const adminRes = await auth(request(t.http).get('/api/v1/admin/programmes')).set('Origin', 'https://consultant.example').expect(200);
    expect(adminRes.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a create answers 201 with Location, and an Idempotency-Key retry gets the same answer, never a second record', async () => {
    const body = { slug: `idem-${Date.now()}`, name: { ru: 'Фонд для проверки повторов' } };
    const first = await auth(request(t.http).post('/api/v1/admin/organisations')).set('Idempotency-Key', 'key-1').send(body).expect(201);
    expect(first.headers.location).toBe(`/api/v1/admin/organisations/${body.slug}`);
    const again = await auth(request(t.http).post('/api/v1/admin/organisations')).set('Idempotency-Key', 'key-1').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body).toEqual(first.body);
    const reused = await auth(request(t.http).post('/api/v1/admin/organisations'))
      .set('Idempotency-Key', 'key-1')
      .send({ ...body, slug: `${body.slug}-2` })
      .expect(400);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY.REUSED');
    // without a key, the same body is a second attempt at the same slug: a conflict
    await auth(request(t.http).post('/api/v1/admin/organisations')).send(body).expect(409);
    // a failed request frees its key
    const bad = await auth(request(t.http).post('/api/v1/admin/organisations')).set('Idempotency-Key', 'key-2').send({ slug: 'x' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await auth(request(t.http).post('/api/v1/admin/organisations'))
      .set('Idempotency-Key', 'key-2')
      .send({ ...body, slug: `${body.slug}-3` })
      .expect(201);
    // required nested objects left out are a 400 naming them
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('name');
    const noLabel = await auth(request(t.http).post('/api/v1/admin/taxonomy/industry')).send({ code: 'no_label' });
    expect([noLabel.status, noLabel.body.details?.[0]?.field]).toEqual([400, 'label']);
    const noTitle = await auth(request(t.http).post('/api/v1/admin/programmes')).send({
      slug: 'no-title',
      provider: 'moscow-government',
      summary: { ru: 'Кратко' },
    });
    expect([noTitle.status, noTitle.body.details?.[0]?.field]).toEqual([400, 'title']);
  });

  it('If-Match: * changes whatever version is current; deletes of providers and terms need If-Match', async () => {
    const org = await auth(request(t.http).post('/api/v1/admin/organisations'))
      .send({ slug: `star-${Date.now()}`, name: { ru: 'Звезда' } })
      .expect(201);
    const patched = await auth(request(t.http).patch(`/api/v1/admin/organisations/${org.body.slug}`))
      .set('If-Match', '*')
      .send({ phone: '+7 495 000-00-00' })
      .expect(200);
    expect(patched.body.version).toBe(org.body.version + 1);
    expect((await auth(request(t.http).delete(`/api/v1/admin/organisations/${org.body.slug}`)).expect(428)).body.code).toBe(
      'PRECONDITION_REQUIRED',
    );
    await auth(request(t.http).delete(`/api/v1/admin/organisations/${org.body.slug}`))
      .set('If-Match', `"${org.body.version}"`)
      .expect(412);
    await auth(request(t.http).delete(`/api/v1/admin/organisations/${org.body.slug}`))
      .set('If-Match', `"${patched.body.version}"`)
      .expect(204);

    const term = await auth(request(t.http).post('/api/v1/admin/taxonomy/industry'))
      .send({ code: 'test_star', label: { ru: 'Проверка' } })
      .expect(201);
    expect(term.headers.location).toBe('/api/v1/admin/taxonomy/industry/test_star');
    await auth(request(t.http).delete('/api/v1/admin/taxonomy/industry/test_star')).expect(428);
    await auth(request(t.http).delete('/api/v1/admin/taxonomy/industry/test_star')).set('If-Match', '*').expect(204);
  });

  it('says in Server-Timing and in the answer how much of a search the engine took', async () => {
    const res = await request(t.http).get('/api/v1/programmes').query({ q: 'кредит', supportType: 'concessional_loan' }).expect(200);
    const timing = /^engine;dur=([\d.]+);desc="(postgres|meilisearch)", app;dur=([\d.]+)$/.exec(res.headers['server-timing']);
    expect(timing).not.toBeNull();
    const [, engine, name, app] = timing!;
    expect({ engine: Number(engine), name, app: Number(app) }).toEqual({
      engine: res.body.engineMs,
      name: res.body.engine,
      app: res.body.tookMs,
    });
    expect(res.body.engineMs).toBeGreaterThan(0);
    expect(res.body.engineMs).toBeLessThanOrEqual(res.body.tookMs);
  });

  it('perPage=0 gives the total and the facet counts without hits', async () => {
    const res = await request(t.http).get('/api/v1/programmes').query({ perPage: 0 }).expect(200);
    expect(res.body.hits).toEqual([]);
    expect(res.body.total).toBeGreaterThanOrEqual(12);
    expect(res.body.facets.supportType.some((f: { count: number }) => f.count > 0)).toBe(true);
  });

  it('a 401 for a bad key carries the rate-limit headers, and counts against the address', async () => {
    const res = await request(t.http)
      .get('/api/v1/programmes')
      .set('X-API-Key', 'snk_00000000_' + 'a'.repeat(43))
      .expect(401);
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    expect(Number(res.headers['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(0);
  });
});

describe('cursor paging (after=)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    for (let i = 0; i < 25; i++) {
      await createProgrammeViaApi(
        t.http,
        admin,
        programmeInput({
          slug: uniqueSlug('walk'),
          // some share a deadline and an amount, so ties are broken by the later keys
          ...(i % 5 ? round(null, new Date(Date.UTC(2031, 0, 1 + (i % 3))).toISOString()) : {}),
          benefit: i % 4 ? { amountMax: 1_000_000 * (i % 3) } : {},
        }),
      );
    }
  });
  afterAll(() => t.close());

  const walk = async (query: Record<string, string | number>, during?: (page: number) => Promise<void>): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await request(t.http)
        .get('/api/v1/programmes')
        .query({ ...query, perPage: 7, ...(after ? { after } : {}) })
        .expect(200);
      seen.push(...res.body.hits.map((h: { slug: string }) => h.slug));
      if (during) await during(page);
      after = res.body.nextCursor ?? undefined;
      if (!after) return seen;
    }
    throw new Error('the walk did not end');
  };

  it('walks every order with a key in the same order as one long page', async () => {
    for (const sort of ['updated', 'deadline', 'amount']) {
      const whole = (await request(t.http).get('/api/v1/programmes').query({ sort, perPage: 100 }).expect(200)).body;
      expect(whole.nextCursor).toBeNull();
      expect(await walk({ sort })).toEqual(whole.hits.map((h: { slug: string }) => h.slug));
    }
  });

  it('never skips or repeats an unchanged programme while others are edited', async () => {
    const before = (await request(t.http).get('/api/v1/programmes').query({ sort: 'updated', perPage: 100 }).expect(200)).body.hits.map(
      (h: { slug: string }) => h.slug,
    ) as string[];
    const edited: string[] = [];
    const seen = await walk({ sort: 'updated' }, async (page) => {
      // an edit moves a programme still ahead of the walk to the front (newest change first)
      const target = before[before.length - 1 - page];
      const p = (await request(t.http).get(`/api/v1/programmes/${target}`).expect(200)).body;
      await patchAndPublish(t.http, admin, p.id, `"${p.version}"`, { summary: { en: `Walk ${page}` } });
      edited.push(target);
    });
    const unchanged = before.filter((slug) => !edited.includes(slug));
    expect(seen.filter((slug) => unchanged.includes(slug))).toEqual(unchanged);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor it cannot continue, naming after', async () => {
    const first = (await request(t.http).get('/api/v1/programmes').query({ sort: 'deadline', perPage: 2 }).expect(200)).body;
    const bad = async (query: Record<string, string | number>) =>
      (await request(t.http).get('/api/v1/programmes').query(query).expect(400)).body.details[0].field;
    expect(await bad({ sort: 'amount', after: first.nextCursor })).toBe('after');
    expect(await bad({ q: 'кредит', after: first.nextCursor })).toBe('after');
    expect(await bad({ sort: 'deadline', page: 2, after: first.nextCursor })).toBe('after');
    expect(await bad({ sort: 'deadline', after: 'not-a-cursor' })).toBe('after');
    expect((await request(t.http).get('/api/v1/programmes').query({ q: 'кредит' }).expect(200)).body.nextCursor).toBeNull();
  });
});

describe('"did you mean" never fails a search', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers without a suggestion when the vocabulary cannot be read, and suggests again once it can', async () => {
    const words = jest.spyOn(t.app.get(ProgrammeRepository), 'publishedWords').mockRejectedValueOnce(new Error('vocabulary unavailable'));
    const failed = await request(t.http).get('/api/v1/programmes').query({ q: 'технополс' }).expect(200);
    expect(failed.body.didYouMean).toBeNull();
    expect(failed.body.total).toBeGreaterThan(0);
    const again = await request(t.http).get('/api/v1/programmes').query({ q: 'технополс' }).expect(200);
    expect(again.body.didYouMean).toBe('технополис');
    expect(words).toHaveBeenCalledTimes(2);
  });

  it('refreshes the words in the background, and reads them again only after something published changed', async () => {
    const suggestion = async (q: string) => (await request(t.http).get('/api/v1/programmes').query({ q }).expect(200)).body.didYouMean;
    expect(await suggestion('технополс')).toBe('технополис');
    const words = jest.spyOn(t.app.get(ProgrammeRepository), 'publishedWords');
    words.mockClear();
    let clock = Date.now();
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
    const settled = () => new Promise((resolve) => setTimeout(resolve, 300));
    try {
      // past the refresh interval, nothing changed: the words in hand answer, and none are read
      clock += 6 * 60_000;
      expect(await suggestion('технополс')).toBe('технополис');
      await settled();
      expect(words).not.toHaveBeenCalled();
      // a new programme with a new word: the next search after the interval still answers from the old words
      // (without waiting), and starts one read; the one after that knows the word
      const programmes = t.app.get(ProgrammesService);
      const created = await programmes.create(
        programmeInput({ title: { ru: 'Квантовые вычисления для промышленности' } }) as never,
        SYSTEM_SEED,
      );
      await programmes.transition(created.id, exactVersion(created.version), 'publish', SYSTEM_SEED);
      clock += 6 * 60_000;
      expect(await suggestion('квантовеы')).toBeNull();
      await settled();
      expect(words).toHaveBeenCalledTimes(1);
      expect(await suggestion('квантовеы')).toBe('квантовые');
    } finally {
      now.mockRestore();
    }
  });
});
