import { Validator } from '@seriousme/openapi-schema-validator';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SyntheticCatalogueService } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { ApiKeysService } from '@app/identity';
import { programmeInput, uniqueSlug } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { createServerApp } from '../apps/server/src/server.app';
import { EXPORT_COLUMNS } from '../apps/server/src/programmes/programme-export';
import { createProgrammeViaApi, patchAndPublish } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

const LIMITS = { API_RATE_LIMIT_ANONYMOUS: '5', API_RATE_LIMIT_KEY: '8', API_RATE_WINDOW_SECONDS: '60' };
const ACTOR = { id: null, label: 'test' };

describe("consultants' API", () => {
  let t: TestApp;
  let token: string;
  let keys: ApiKeysService;
  let key: string;

  beforeAll(async () => {
    t = await createTestApp({ env: LIMITS });
    token = await t.tokenFor('editor');
    keys = t.app.get(ApiKeysService);
    key = (await keys.create('Acme Consulting', ACTOR)).key;
  });
  afterAll(() => t.close());
  // every test starts with fresh counters
  beforeEach(() => t.app.get(DataSource).query('DELETE FROM rate_limit_counter'));

  describe('API keys', () => {
    it('accepts a key as X-API-Key or as a bearer token, and a key raises the limit', async () => {
      const anonymous = await request(t.http).get('/api/v1/taxonomy').expect(200);
      expect(anonymous.headers['x-ratelimit-limit']).toBe('5');
      for (const headers of [{ 'X-API-Key': key }, { Authorization: `Bearer ${key}` }]) {
        const res = await request(t.http).get('/api/v1/taxonomy').set(headers).expect(200);
        expect(res.headers['x-ratelimit-limit']).toBe('8');
      }
      expect((await keys.list()).find((k) => k.name === 'Acme Consulting')!.lastUsedAt).not.toBeNull();
    });

    it('refuses malformed, unknown and revoked keys with 401 and a clear code', async () => {
      const malformed = await request(t.http).get('/api/v1/programmes').set('X-API-Key', 'not-a-key').expect(401);
      expect(malformed.body.code).toBe('API_KEY.MALFORMED');
      const unknown = await request(t.http)
        .get('/api/v1/programmes')
        .set('X-API-Key', `snk_00000000_${'A'.repeat(43)}`)
        .expect(401);
      expect(unknown.body.code).toBe('API_KEY.INVALID');
      const scheme = await request(t.http).get('/api/v1/programmes').set('Authorization', `Basic ${key}`).expect(401);
      expect(scheme.body.code).toBe('AUTH.MALFORMED_TOKEN');

      const issued = await keys.create('Short-lived', ACTOR);
      await request(t.http).get('/api/v1/programmes').set('X-API-Key', issued.key).expect(200);
      await keys.revoke(issued.apiKey.id, ACTOR);
      const revoked = await request(t.http).get('/api/v1/programmes').set('X-API-Key', issued.key).expect(401);
      expect(revoked.body).toMatchObject({ code: 'API_KEY.INVALID', message: 'The API key is unknown or has been revoked' });
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After and rate-limit headers once a client is over its limit', async () => {
      for (let i = 1; i <= 5; i++) {
        const res = await request(t.http).get('/api/v1/programmes?perPage=1').expect(200);
        expect(res.headers['x-ratelimit-remaining']).toBe(String(5 - i));
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      }
      const over = await request(t.http).get('/api/v1/programmes/sme-premises').expect(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.headers['x-ratelimit-limit']).toBe('5');
      expect(over.headers['x-ratelimit-remaining']).toBe('0');
      expect(over.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: { limit: 5 } });
      // a key is a different client with its own counter
      await request(t.http).get('/api/v1/programmes?perPage=1').set('X-API-Key', key).expect(200);
    });

    it('does not let a forged X-Forwarded-For start a fresh counter (no proxy is trusted by default)', async () => {
      for (let i = 0; i < 5; i++) await request(t.http).get('/api/v1/taxonomy').set('X-Forwarded-For', `203.0.113.${i}`).expect(200);
      await request(t.http).get('/api/v1/taxonomy').set('X-Forwarded-For', '198.51.100.7').expect(429);
    });

    it('shares the counters between two server instances on one database', async () => {
      const second: INestApplication = await createServerApp(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.db.url, LOG_LEVEL: 'silent', WORKER_IN_PROCESS: 'false', ...LIMITS }),
      );
      await second.init();
      try {
        const servers = [t.http, second.getHttpServer()];
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++)
          statuses.push(
            (
              await request(servers[i % 2])
                .get('/api/v1/organisations')
                .set('X-API-Key', key)
            ).status,
          );
        expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
        expect((await request(servers[0]).get('/api/v1/organisations').set('X-API-Key', key)).status).toBe(429);
        expect((await request(servers[1]).get('/api/v1/organisations').set('X-API-Key', key)).status).toBe(429);
      } finally {
        await second.close();
      }
    });

    it('leaves the website, health checks and the admin API to their own rules', async () => {
      for (let i = 0; i < 7; i++) {
        await request(t.http).get('/health/live').expect(200);
        await request(t.http).get('/api/v1/admin/taxonomy').set('Authorization', `Bearer ${token}`).expect(200);
      }
    });
  });

  describe('caching', () => {
    it('answers 304 to If-None-Match while nothing changed, and a new ETag after a change', async () => {
      const p = await createProgrammeViaApi(t.http, token, programmeInput());
      const first = await request(t.http).get(`/api/v1/programmes/${p.slug}`).set('X-API-Key', key).expect(200);
      expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=300');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const same = await request(t.http).get(`/api/v1/programmes/${p.slug}`).set('X-API-Key', key).set('If-None-Match', etag).expect(304);
      expect(same.text).toBe('');

      const search = await request(t.http)
        .get(`/api/v1/programmes?q=${encodeURIComponent('тестовая программа')}`)
        .set('X-API-Key', key)
        .expect(200);
      // the timing differs between two answers; the ETag does not
      await request(t.http)
        .get(`/api/v1/programmes?q=${encodeURIComponent('тестовая программа')}`)
        .set('X-API-Key', key)
        .set('If-None-Match', search.headers.etag)
        .expect(304);

      await patchAndPublish(t.http, token, p.id, `"${p.version}"`, { summary: { en: 'Changed' } });
      const changed = await request(t.http)
        .get(`/api/v1/programmes/${p.slug}`)
        .set('X-API-Key', key)
        .set('If-None-Match', etag)
        .expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.summary.en).toBe('Changed');
    });
  });
});

describe("consultants' API: exports and the change feed", () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('editor');
    await t.app.get(SyntheticCatalogueService).generate(1500, 7);
  }, 120_000);
  afterAll(() => t.close());

  it('exports any search as Excel-safe CSV: UTF-8 with BOM, CRLF, Russian text intact, one row per match', async () => {
    const search = await request(t.http).get('/api/v1/programmes?supportType=grant_subsidy&perPage=1').expect(200);
    const res = await request(t.http)
      .get('/api/v1/programmes.csv?supportType=grant_subsidy')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="programmes-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(text.replace(/\r\n/g, '')).not.toContain('\n'.repeat(2));
    expect(lines.length - 1).toBe(search.body.total);
    expect(res.headers['x-total-count']).toBe(String(search.body.total));
    expect(search.body.total).toBeGreaterThan(100);
    expect(text).toContain('Гранты и субсидии'); // labels in Russian, not mojibake
  });

  it('exports JSON and NDJSON with exactly the programmes the search finds, each as GET /programmes/{slug} shows it', async () => {
    const query = `q=${encodeURIComponent('кредит')}&status=open,ongoing`;
    const search = await request(t.http).get(`/api/v1/programmes?${query}&perPage=100`).expect(200);
    const json = await request(t.http).get(`/api/v1/programmes.json?${query}`).expect(200);
    expect(json.body).toHaveLength(search.body.total);
    expect(json.body.slice(0, search.body.hits.length).map((p: { slug: string }) => p.slug)).toEqual(
      search.body.hits.map((h: { slug: string }) => h.slug),
    );
    const one = await request(t.http).get(`/api/v1/programmes/${json.body[0].slug}`).expect(200);
    expect(json.body[0]).toEqual(one.body);
    const ndjson = await request(t.http)
      .get(`/api/v1/programmes.ndjson?${query}`)
      .buffer(true)
      .parse((r, done) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (data += c));
        r.on('end', () => done(null, data));
      })
      .expect(200);
    const rows = (ndjson.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { slug: string });
    expect(rows.map((r) => r.slug)).toEqual(json.body.map((p: { slug: string }) => p.slug));
  });

  it('refuses a bad export query with a JSON 400 before streaming anything', async () => {
    const res = await request(t.http).get('/api/v1/programmes.csv?supportType=no_such_type').expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'supportType' }] });
    expect((await request(t.http).get('/api/v1/programmes.json?page=2').expect(400)).body.details[0].field).toBe('page');
  });

  it('the change feed: pages in order while editors save, never skipping or repeating an event', async () => {
    const feed = async (since?: string, limit = 7) =>
      (
        await request(t.http)
          .get(`/api/v1/changes?limit=${limit}${since ? `&since=${since}` : ''}`)
          .expect(200)
      ).body as {
        events: { cursor: string; type: string; slug: string; version: number; programme?: { slug: string } }[];
        next: string;
        hasMore: boolean;
      };
    const seen: { cursor: string; type: string; slug: string; version: number }[] = [];
    let cursor: string | undefined;
    const drain = async () => {
      for (;;) {
        const page = await feed(cursor);
        seen.push(...page.events);
        cursor = page.next;
        if (!page.hasMore) return;
      }
    };
    await drain();
    // editors save while the consumer pages
    const writes = (async () => {
      for (let i = 0; i < 12; i++) {
        const p = await createProgrammeViaApi(t.http, token, programmeInput({ slug: uniqueSlug('feed') }));
        const updated = await patchAndPublish(t.http, token, p.id, `"${p.version}"`, { title: { en: `Feed ${i}` } });
        const action = i % 2 ? 'unpublish' : 'archive';
        await request(t.http)
          .post(`/api/v1/admin/programmes/${p.id}/${action}`)
          .set('Authorization', `Bearer ${token}`)
          .set('If-Match', `"${updated.body.version}"`)
          .expect(200);
      }
    })();
    let done = false;
    void writes.finally(() => (done = true));
    while (!done) await drain();
    await writes;
    await drain();

    const everything = (await feed(undefined, 1000)).events;
    expect(seen.map((e) => e.cursor)).toEqual(everything.map((e) => e.cursor));
    expect(new Set(seen.map((e) => e.cursor)).size).toBe(seen.length);
    const mine = seen.filter((e) => e.slug.startsWith('feed-'));
    expect(mine).toHaveLength(36);
    const bySlug = new Map<string, string[]>();
    for (const e of mine) bySlug.set(e.slug, [...(bySlug.get(e.slug) ?? []), `${e.type}@${e.version}`]);
    for (const types of bySlug.values())
      expect([
        ['created@2', 'updated@3', 'archived@4'],
        ['created@2', 'updated@3', 'unpublished@4'],
      ]).toContainEqual(types);
    const created = everything.find((e) => e.slug.startsWith('feed-') && e.type === 'created')!;
    expect(created.programme).toMatchObject({ slug: created.slug, publicationState: 'published' });
  });

  it('the change feed holds back behind a transaction still writing here, and not behind one in another database', async () => {
    const head = async () => (await request(t.http).get('/api/v1/changes?limit=1000').expect(200)).body.events as { slug: string }[];
    const open = async (url: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query('BEGIN');
      await c.query('SELECT pg_current_xact_id()'); // takes a transaction id, as a write would
      return c;
    };
    const elsewhere = await open(t.db.url.replace(/\/[^/?]+(\?|$)/, '/postgres$1'));
    try {
      const p = await createProgrammeViaApi(t.http, token, programmeInput({ slug: uniqueSlug('elsewhere') }));
      expect((await head()).map((e) => e.slug)).toContain(p.slug);
    } finally {
      await elsewhere.query('ROLLBACK');
      await elsewhere.end();
    }
    const here = await open(t.db.url);
    let held: string;
    try {
      held = (await createProgrammeViaApi(t.http, token, programmeInput({ slug: uniqueSlug('held') }))).slug;
      expect((await head()).map((e) => e.slug)).not.toContain(held); // an older transaction here might still write before it
    } finally {
      await here.query('ROLLBACK');
      await here.end();
    }
    expect((await head()).map((e) => e.slug)).toContain(held);
  });

  it('an export tells where to start the feed so a copy misses nothing', async () => {
    const exported = await request(t.http).get('/api/v1/programmes.json').query({ supportType: 'consulting' }).expect(200);
    const since = exported.headers['x-changes-cursor'];
    const p = await createProgrammeViaApi(t.http, token, programmeInput({ slug: uniqueSlug('after-export') }));
    const page = (await request(t.http).get(`/api/v1/changes?since=${since}`).expect(200)).body;
    expect(page.events.map((e: { slug: string; type: string }) => `${e.type} ${e.slug}`)).toEqual([`created ${p.slug}`]);
    expect((await request(t.http).get('/api/v1/changes?since=not-a-cursor').expect(400)).body.details[0].field).toBe('since');
  });
});

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ seed: false })));
  afterAll(() => t.close());

  it('is a valid OpenAPI 3.1 document covering every API route, with documented errors', async () => {
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result).toEqual({ valid: true });
    const router = (
      t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
    ).router;
    const served = router.stack
      .filter((l) => l.route && (l.route.path.startsWith('/api/v1') || l.route.path.startsWith('/health')))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`))
      .sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    for (const [path, ops] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }> }>
      >,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        const errors = Object.keys(op.responses).filter((c) => c >= '400');
        expect({ op: `${method} ${path}`, hasErrors: errors.length > 0 }).toEqual({ op: `${method} ${path}`, hasErrors: true });
        // Terminus documents the health checks' own 503 body (with examples inside its schema)
        if (path.startsWith('/health')) continue;
        for (const code of errors) {
          const media = op.responses[code].content?.['application/json'];
          expect({ op: `${method} ${path} ${code}`, example: (media?.example ?? media?.examples) !== undefined }).toEqual({
            op: `${method} ${path} ${code}`,
            example: true,
          });
        }
      }
    }
    expect(doc.info.description).toMatch(/Versioning/);
  });
});
