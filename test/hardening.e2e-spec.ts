import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  jsonToRows,
  ProgrammeTransferService,
  SyntheticCatalogueService,
  toRecord,
  type ProgrammeRecord,
  type ProgrammeView,
} from '@app/catalogue';
import { IdentityService } from '@app/identity';
import { programmeInput, strongPassword, uniqueEmail } from '@app/testing';
import { createProgrammeViaApi, patchAndPublish } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Probes of the running system, kept as classes so the next bug of each kind is caught:
 * path spellings, nesting depth, cursor ranges, Host values, concurrent admin changes,
 * and writes while an import runs.
 */
describe('hardening probes (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let editor: string;
  const api = () => request(t.http);

  beforeAll(async () => {
    // anonymous callers get the production default; a short lock timeout so a blocked save shows quickly
    t = await createTestApp({ env: { API_RATE_LIMIT_ANONYMOUS: '60', DATABASE_LOCK_TIMEOUT_MS: '1500' } });
    editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  describe('path spellings', () => {
    it('serves every route under its exact spelling only: upper case and a trailing slash are 404s', async () => {
      const router = (
        t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
      ).router;
      const routes = router.stack
        .filter((layer) => layer.route && !layer.route.path.includes('*'))
        .flatMap((layer) =>
          Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path.replace(/:[a-zA-Z]+/g, 'x') })),
        );
      expect(routes.length).toBeGreaterThan(60);
      for (const { method, path } of routes) {
        // the interactive API docs (swagger-ui) live under /api/docs/ on purpose: their assets are relative to it
        const slashed = path === '/' || path.startsWith('/api/docs') ? null : `${path}/`;
        for (const variant of [path.toUpperCase(), slashed]) {
          if (!variant || variant === path) continue;
          const res = await (api() as unknown as Record<string, (p: string) => request.Test>)[method](variant).set('X-API-Key', '');
          expect({ method, variant, status: res.status }).toEqual({ method, variant, status: 404 });
        }
      }
    });

    it('cannot slip past the rate limit or the JSON-only rule by changing the case of a path', async () => {
      const form = await api().post('/API/v1/match').type('form').send('goal=reduce_taxes');
      expect(form.status).toBe(404);
      const json = await api().post('/api/v1/match').type('form').send('goal=reduce_taxes');
      expect(json.status).toBe(415);
      const limited = await api().get('/api/v1/programmes?perPage=1').expect(200);
      expect(limited.headers['x-ratelimit-limit']).toBe('60');
      expect((await api().get('/API/v1/programmes?perPage=1')).status).toBe(404);
    });
  });

  describe('bodies and parameters', () => {
    it.each(['/api/v1/auth/login', '/api/v1/match'])(
      'answers a 5,000-deep JSON body on %s with a 400, not a stack overflow',
      async (path) => {
        const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
        const res = await api().post(path).set('Content-Type', 'application/json').send(`{"goal":${deep}}`).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
      },
    );

    it.each([
      ['99999999999999999999.1', 'a transaction id beyond xid8'],
      ['1.99999999999999999999', 'a revision id beyond bigint'],
      ['18446744073709551616.1', 'one past the largest xid8'],
    ])('refuses the feed cursor %s (%s) with a 400', async (raw) => {
      const res = await api()
        .get(`/api/v1/changes?since=${Buffer.from(raw).toString('base64url')}`)
        .expect(400);
      expect(res.body.details[0].field).toBe('since');
    });

    it.each(['x"><y', 'evil example', 'a/b', '[::1'])('answers the Host header %j with a 400', async (host) => {
      const res = await api().get('/feed.atom').set('Host', host);
      expect(res.status).toBe(400);
    });

    it('never builds links from the Host header', async () => {
      const res = await api().get('/feed.atom').set('Host', 'evil.example').expect(200);
      expect(res.text).not.toContain('evil.example');
    });

    it('keeps bearer tokens out of caches', async () => {
      const email = uniqueEmail('editor');
      const password = strongPassword();
      await t.app.get(IdentityService).createUser(email, password, 'editor');
      const res = await api().post('/api/v1/auth/login').send({ email, password }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('admins changing admins', () => {
    it('never leaves no admin when two admins disable each other at the same moment', async () => {
      const identity = t.app.get(IdentityService);
      // this database's only admins
      const a = await identity.createUser(uniqueEmail('admin'), strongPassword(), 'admin');
      const b = await identity.createUser(uniqueEmail('admin'), strongPassword(), 'admin');
      for (let round = 0; round < 5; round++) {
        const outcomes = await Promise.allSettled([
          identity.setDisabled(a.id, true, { id: b.id, label: b.email }),
          identity.setDisabled(b.id, true, { id: a.id, label: a.email }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'USER.LAST_ADMIN' } });
        await identity.setDisabled(a.id, false, { id: null, label: 'test' });
        await identity.setDisabled(b.id, false, { id: null, label: 'test' });
      }
    });

    it('re-enables an account when its password is reset (the operator’s way back in)', async () => {
      const identity = t.app.get(IdentityService);
      const email = uniqueEmail('admin');
      const user = await identity.createUser(email, strongPassword(), 'admin');
      await identity.createUser(uniqueEmail('admin'), strongPassword(), 'admin');
      await identity.setDisabled(user.id, true, { id: null, label: 'test' });
      const password = strongPassword();
      await identity.resetUser(email, password, 'admin');
      await api().post('/api/v1/auth/login').send({ email, password }).expect(200);
    });

    it('issues a new invitation to someone whose link expired, and says it expired', async () => {
      const identity = t.app.get(IdentityService);
      const email = uniqueEmail('editor');
      const first = await identity.invite(email, 'editor', null, { id: null, label: 'test' });
      await t.app.get(DataSource).query(`UPDATE app_user SET invite_expires_at = now() - interval '1 day' WHERE id = $1`, [first.user.id]);
      expect((await identity.listUsers()).find((u) => u.id === first.user.id)).toMatchObject({ inviteExpired: true });
      const second = await identity.invite(email, 'admin', null, { id: null, label: 'test' });
      expect(second.user.id).toBe(first.user.id);
      expect(await identity.findInvitation(first.token)).toBeNull();
      expect(await identity.findInvitation(second.token)).toMatchObject({ email, role: 'admin' });
      // someone who already chose a password is still a conflict
      await identity.acceptInvitation(second.token, strongPassword());
      await expect(identity.invite(email, 'editor', null, { id: null, label: 'test' })).rejects.toMatchObject({
        code: 'USER.ALREADY_EXISTS',
      });
    });
  });

  describe('the website’s own budget', () => {
    let site: TestApp;
    beforeAll(async () => {
      site = await createTestApp({ env: { WEB_RATE_LIMIT: '5' } });
    });
    afterAll(() => site.close());

    it('limits pages and feeds per address, with a 429 page in the visitor’s language, separately from the API', async () => {
      for (const path of ['/', '/programmes/technopolis-moscow-sez', '/feed.atom', '/deadlines.ics', '/match']) {
        const res = await request(site.http).get(path).expect(200);
        expect(res.headers['x-ratelimit-limit']).toBe('5');
      }
      const ru = await request(site.http).get('/?q=льготы').set('Accept', 'text/html').expect(429);
      expect(Number(ru.headers['retry-after'])).toBeGreaterThan(0);
      expect(ru.text).toContain('Слишком много запросов');
      expect(ru.text).toMatch(/Подождите \d+ секунд/);
      const en = await request(site.http).get('/?lang=en').set('Accept', 'text/html').expect(429);
      expect(en.text).toMatch(/Wait \d+ seconds? and reload the page/);
      // the API's budget is its own, and admin pages are not counted here
      await request(site.http).get('/api/v1/programmes?perPage=1').expect(200);
      await request(site.http).get('/admin/login').expect(200);
    });
  });

  describe('exports cost what they send', () => {
    let big: TestApp;
    beforeAll(async () => {
      big = await createTestApp({ env: { API_RATE_LIMIT_ANONYMOUS: '2' } });
      await big.app.get(SyntheticCatalogueService).generate(300, 5);
    }, 120_000);
    afterAll(() => big.close());

    it('charges an export one request per 100 rows before sending any: an anonymous whole-catalogue pull is a 429, a key pays for it', async () => {
      const refused = await request(big.http).get('/api/v1/programmes.csv').expect(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', details: { cost: expect.any(Number) } });
      expect(refused.body.details.cost).toBeGreaterThan(2);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const token = await big.tokenFor('editor');
      const paid = await request(big.http).get('/api/v1/programmes.ndjson').set('Authorization', `Bearer ${token}`).expect(200);
      expect(paid.text.trim().split('\n').length).toBe(Number(paid.headers['x-total-count']));
    });
  });

  describe('writes while an import runs', () => {
    // 500 rows keep the suite short: the save comes after row 200, with 300 rows (seconds) still to go, so the
    // import is mid-transaction either way (HARDENING_ROWS=4000 for the probe's size)
    const ROWS = Number(process.env.HARDENING_ROWS ?? 500);
    let records: ProgrammeRecord[];
    let unrelated: ProgrammeView;

    beforeAll(async () => {
      const template = (await t.app.get(ProgrammeTransferService).exportAll()).find((r) => r.publicationState === 'published')!;
      records = Array.from({ length: ROWS }, (_, i) => ({
        ...template,
        slug: `bulk-import-${i}`,
        title: { ru: `Массовый импорт ${i}`, en: null },
        publicationState: 'published',
      }));
      const created = await createProgrammeViaApi(t.http, editor, programmeInput());
      unrelated = (await api().get(`/api/v1/admin/programmes/${created.id}`).set('Authorization', `Bearer ${editor}`).expect(200)).body;
    });

    it.each([false, true])(
      'lets another editor save an unrelated programme during a %s import of many rows',
      async (apply) => {
        const transfer = t.app.get(ProgrammeTransferService);
        let done = 0;
        let settled = false;
        const running = transfer.import(jsonToRows(JSON.stringify(records)), {
          apply,
          actor: { id: null, label: 'system:import test' },
          onProgress: (n) => (done = n),
        });
        running.then(
          () => (settled = true),
          () => (settled = true),
        );
        try {
          // well into the import's transaction
          while (done < 200 && !settled) await new Promise((resolve) => setTimeout(resolve, 50));
          expect(settled).toBe(false);
          const current = (await api().get(`/api/v1/admin/programmes/${unrelated.id}`).set('Authorization', `Bearer ${editor}`).expect(200))
            .body;
          // prepared and published, as an editor does: the save reaches the entry (and search) without waiting
          await patchAndPublish(t.http, editor, unrelated.id, `"${current.version}"`, {
            summary: { ru: `Сохранено во время импорта (${apply ? 'применение' : 'проверка'})` },
          });
          expect(done).toBeLessThan(ROWS); // the save did not wait for the import
        } finally {
          const report = await running;
          expect(report.counts.invalid).toBe(0);
        }
      },
      240_000,
    );

    it('answers a save that cannot get its row in time with a 503 and Retry-After, never a 500', async () => {
      const current = (await api().get(`/api/v1/admin/programmes/${unrelated.id}`).set('Authorization', `Bearer ${editor}`).expect(200))
        .body;
      const holder = new Client({ connectionString: t.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM programme WHERE id = $1 FOR UPDATE', [unrelated.id]);
        const res = await api()
          .patch(`/api/v1/admin/programmes/${unrelated.id}`)
          .set('Authorization', `Bearer ${editor}`)
          .set('If-Match', `"${current.version}"`)
          .send({ summary: { ru: 'Не дождётся' } });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      const after = (await api().get(`/api/v1/admin/programmes/${unrelated.id}`).set('Authorization', `Bearer ${editor}`).expect(200)).body;
      expect(toRecord(after).summary.ru).not.toBe('Не дождётся');
    });
  });
});
