import { existsSync } from 'node:fs';
import fc from 'fast-check';
import request from 'supertest';
import { ApiKeysService, IdentityService } from '@app/identity';
import { freePort, programmeInput, strongPassword, uniqueSlug, round } from '@app/testing';
import { adminBrowser, csrfOf, signInAs, type AdminBrowser } from './support/admin-web';
import { run, SERVER, waitFor } from './support/processes';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

/** Markup that must never come back unescaped in a page. */
const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];

/** Input that has broken servers: injection for SQL and for Meilisearch filters, markup, sizes, types, encodings. */
const HOSTILE = [
  ...XSS,
  "' OR '1'='1",
  '1; DROP TABLE programme; --',
  "') OR 1=1 --",
  '\\',
  "status = 'open' OR 1 = 1",
  'supportType IN [a] OR id EXISTS',
  '"',
  '`',
  '${7*7}',
  '{{7*7}}',
  '%00',
  '%',
  '_',
  '*',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
  '9'.repeat(400),
  '-1',
  '0',
  '1e309',
  'NaN',
  '2026-02-30',
  'ё́',
  '\u202e',
  '🙂'.repeat(50),
  '[]',
  '{}',
  'null',
  'true',
];

/** What a response must never show: stack frames, internal paths, SQL, driver errors. */
const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /\/work\//,
  /\.ts:\d+/,
  /QueryFailedError/,
  /\bSELECT\b[^<]*\bFROM\b/,
  /syntax error at or near/,
  /duplicate key value/,
  /TypeError|ReferenceError/,
];

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });

describe('security', () => {
  let t: TestApp;
  let admin: AdminBrowser;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminBrowser(t, 'admin');
    token = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('sends security headers on every kind of response: pages, JSON, errors, redirects, assets, exports', async () => {
    const cases: [string, request.Test][] = [
      ['HTML page', request(t.http).get('/')],
      ['HTML error', request(t.http).get('/programmes/no-such-programme').set('Accept', 'text/html')],
      ['JSON', request(t.http).get('/api/v1/taxonomy')],
      ['JSON error', request(t.http).get('/api/v1/programmes?perPage=1000')],
      ['JSON 404', request(t.http).get('/api/v1/nothing-here')],
      ['malformed JSON body', request(t.http).post('/api/v1/match').set('Content-Type', 'application/json').send('{"a":')],
      ['redirect', request(t.http).get('/admin/programmes')],
      ['asset', request(t.http).get('/assets/site.css')],
      ['CSV export', request(t.http).get('/api/v1/programmes.csv')],
      ['admin page', admin.agent.get('/admin/programmes')],
      ['API docs', request(t.http).get('/api/docs/')],
    ];
    for (const [kind, req] of cases) {
      const res = await req;
      const h = res.headers;
      const seen = {
        kind,
        csp: /default-src 'self'/.test(h['content-security-policy'] ?? ''),
        frames: /frame-ancestors 'none'/.test(h['content-security-policy'] ?? ''),
        nosniff: h['x-content-type-options'] === 'nosniff',
        hsts: /max-age=\d+/.test(h['strict-transport-security'] ?? ''),
        referrer: h['referrer-policy'] === 'strict-origin-when-cross-origin',
        poweredBy: h['x-powered-by'] ?? null,
      };
      expect(seen).toEqual({ kind, csp: true, frames: true, nosniff: true, hsts: true, referrer: true, poweredBy: null });
    }
  });

  it('escapes HTML typed into every text field, wherever the programme is shown', async () => {
    const marker = (field: string) => `${field} ${XSS[0]} ${XSS[1]} ${XSS[2]}`;
    const slug = uniqueSlug('xss');
    const p = await createProgrammeViaApi(
      t.http,
      token,
      programmeInput({
        slug,
        title: { ru: marker('title-ru'), en: marker('title-en') },
        summary: { ru: marker('summary-ru'), en: marker('summary-en') },
        description: { ru: marker('description-ru'), en: marker('description-en') },
        benefit: { text: { ru: marker('benefit'), en: marker('benefit-en') }, taxReductions: [] },
        eligibility: { text: { ru: marker('eligibility'), en: null } },
        ...round(null, '2031-01-01T00:00:00Z'),
        keyFacts: [
          {
            group: 'benefit',
            label: { ru: marker('fact-label'), en: marker('fact-label-en') },
            value: { ru: marker('fact-value'), en: marker('fact-value-en') },
            source: 's1',
          },
        ],
        application: {
          howToApply: { ru: marker('how'), en: null },
          steps: [
            { text: { ru: marker('step'), en: marker('step-en') }, url: 'https://mos.ru/apply' },
            { text: { ru: marker('step-2'), en: null } },
          ],
          requiredDocuments: [{ ru: marker('doc'), en: marker('doc-en') }],
          contacts: { phone: marker('phone').slice(0, 50) },
        },
        curation: {
          sources: [
            {
              key: 's1',
              title: { ru: marker('source'), en: marker('source-en') },
              url: 'https://mos.ru/page',
              publisher: marker('publisher').slice(0, 200),
            },
          ],
        },
      }),
    );
    const pages = [
      `/programmes/${slug}`,
      `/programmes/${slug}?lang=en`,
      `/?q=${encodeURIComponent('title-ru')}`,
      `/?q=${encodeURIComponent(XSS[0])}`,
      `/compare?slugs=${slug}`,
      '/feed.atom',
    ];
    for (const path of pages) {
      const res = await request(t.http).get(path).expect(200);
      for (const x of XSS) expect({ path, raw: res.text.includes(x) }).toEqual({ path, raw: false });
    }
    // calendars carry plain text (SUMMARY, DESCRIPTION), never an HTML variant a client would render
    for (const path of ['/deadlines.ics', `/programmes/${slug}/deadline.ics`]) {
      const res = await request(t.http)
        .get(path)
        .expect(200)
        .expect('Content-Type', /text\/calendar/);
      expect(res.text).not.toMatch(/X-ALT-DESC|text\/html/i);
    }
    const fragment = await request(t.http).get(`/?q=title`).set('X-Fragment', 'results').expect(200);
    for (const x of XSS) expect(fragment.text).not.toContain(x);
    for (const path of [
      `/admin/programmes?q=${encodeURIComponent('xss')}`,
      `/admin/programmes/${p.id}`,
      `/admin/programmes/${p.id}/history`,
      `/admin/programmes/${p.id}/preview`,
      '/admin/audit',
    ]) {
      const res = await admin.agent.get(path).expect(200);
      for (const x of XSS) expect({ path, raw: res.text.includes(x) }).toEqual({ path, raw: false });
    }
  });

  it('fuzzes every route (website, API, admin pages) with hostile input: no 5xx, no internals, no unescaped markup', async () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
    ).router;
    const routes = router.stack
      // sign-out would end the session the other cases use; the catch-all 404 route has no parameters to fuzz
      .filter((l) => l.route && !['/admin/logout', '/api/v1/auth/logout'].includes(l.route.path) && !l.route.path.includes('*'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => [m, l.route!.path] as const));
    expect(routes.length).toBeGreaterThan(80);
    const params = [
      'q',
      'page',
      'perPage',
      'lang',
      'sort',
      'supportType',
      'status',
      'provider',
      'amountMin',
      'closesAfter',
      'slugs',
      'since',
      'limit',
      'format',
      'next',
      'action',
      'stale',
    ];
    const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 50 }), fc.integer().map(String));
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'title',
          'slug',
          'provider',
          'q',
          'email',
          'password',
          'name',
          'terms',
          'supportTypes',
          'benefit',
          'lang',
          'mine',
          'version',
          'role',
        ),
        fc.oneof(value, fc.jsonValue({ maxDepth: 3 })),
      ),
      fc.constant(deep(200)),
      fc.jsonValue({ maxDepth: 4 }),
    );
    const failures: string[] = [];
    const admins = [admin, await signInAs(t.http, admin.email, admin.password)];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.dictionary(fc.constantFrom(...params), value, { maxKeys: 4 }),
        value,
        body,
        fc.constantFrom('anonymous', 'admin', 'key'),
        async ([method, path], query, segment, payload, who) => {
          const url = path.replace(/:(\w+)/g, () => encodeURIComponent(segment) || 'x');
          const agent = who === 'admin' ? admins[0].agent : request(t.http);
          let req = (agent as ReturnType<typeof request>)[method as 'get'](url).query(query);
          if (who === 'key') req = req.set('Authorization', `Bearer ${token}`);
          if (method !== 'get') {
            req = path.startsWith('/admin')
              ? req.type('form').send({
                  ...(typeof payload === 'object' && payload && !Array.isArray(payload) ? flatten(payload as Record<string, unknown>) : {}),
                  _csrf: admins[0].csrf,
                })
              : req.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          }
          const res = await req;
          const text = res.text ?? '';
          const where = `${method.toUpperCase()} ${url.slice(0, 120)} → ${res.status}`;
          if (res.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
          for (const leak of LEAKS) if (leak.test(text)) failures.push(`${where}: leaks ${leak}`);
          if ((res.headers['content-type'] ?? '').startsWith('text/html'))
            for (const x of XSS) if (text.includes(x)) failures.push(`${where}: unescaped ${x}`);
          return true;
        },
      ),
      { numRuns: 1500, seed: 7 },
    );
    expect([...new Set(failures)].slice(0, 20)).toEqual([]);
  }, 180_000);

  it('never writes secrets to the logs: passwords, tokens, cookies, API keys, CSRF and invitation tokens', async () => {
    if (!existsSync(SERVER)) throw new Error('Run `npm run build` first (npm test does)');
    const email = `logs-${Date.now()}@example.org`;
    const password = strongPassword();
    await t.app.get(IdentityService).createUser(email, password, 'admin');
    const key = (await t.app.get(ApiKeysService).create('log check', { id: null, label: 'test' })).key;
    const port = await freePort();
    const server = run(SERVER, [], {
      DATABASE_URL: t.db.url,
      PORT: String(port),
      LOG_LEVEL: 'trace',
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      WORKER_IN_PROCESS: 'false',
    });
    try {
      await waitFor(server, 'listening on');
      const base = `http://127.0.0.1:${port}`;
      const login = await request(base).post('/api/v1/auth/login').send({ email, password }).expect(200);
      const bearer = login.body.accessToken as string;
      await request(base).get('/api/v1/auth/me').set('Authorization', `Bearer ${bearer}`).expect(200);
      await request(base)
        .post('/api/v1/auth/login')
        .send({ email, password: `${password}-wrong` })
        .expect(401);
      await request(base).get('/api/v1/programmes').set('X-API-Key', key).expect(200);
      const browser = await signInAs(base as never, email, password);
      const cookie = /sn_admin=([^;]+)/.exec((await browser.agent.get('/admin/programmes')).request.cookies)![1];
      const invite = await browser.agent
        .post('/admin/users')
        .type('form')
        .send({ _csrf: browser.csrf, email: `invitee-${Date.now()}@example.org`, role: 'editor' })
        .expect(200);
      const inviteToken = /\/admin\/invite\/([A-Za-z0-9_-]+)"/.exec(invite.text)![1];
      const form = await request(base).get(`/admin/invite/${inviteToken}`).expect(200);
      expect(csrfOf(form.text)).toBeTruthy();
      await new Promise((r) => setTimeout(r, 300));
      const logs = server.output();
      expect(logs).toContain('"url":"/admin/invite/[redacted]"');
      expect(logs).toContain('[redacted]');
      for (const [name, secret] of Object.entries({ password, bearer, key, cookie, csrf: browser.csrf, inviteToken })) {
        expect({ name, inLogs: logs.includes(secret) }).toEqual({ name, inLogs: false });
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});

/** A nested object as dotted form fields (what an admin form would post). */
function flatten(o: Record<string, unknown>, prefix = '', depth = 0): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 5)
      Object.assign(out, flatten(v as Record<string, unknown>, key, depth + 1));
    else out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
