import request from 'supertest';
import { DataSource } from 'typeorm';
import { CatalogueSeeder } from '@app/catalogue';
import { SHIPPED_PROGRAMMES } from './support/shipped';
import { ApiKeysService, AuditService, IdentityService, type Role } from '@app/identity';
import { programmeInput, strongPassword, uniqueEmail, uniqueSlug } from '@app/testing';
import { adminBrowser, csrfOf, editFormFields, formBody, signInAs, type AdminBrowser } from './support/admin-web';
import { createProgrammeViaApi, patchAndPublish } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

type Access = 'public' | Role[];
interface PageRule {
  method: 'get' | 'post';
  path: string;
  allowed: Access;
}

const BOTH: Role[] = ['admin', 'editor'];
const ADMIN: Role[] = ['admin'];

/** Every admin page and form action, and who may use it. The test fails when one is added without a row here. */
const PAGES: PageRule[] = [
  { method: 'get', path: '/admin', allowed: BOTH },
  { method: 'get', path: '/admin/login', allowed: 'public' },
  { method: 'post', path: '/admin/login', allowed: 'public' },
  { method: 'post', path: '/admin/logout', allowed: BOTH },
  { method: 'get', path: '/admin/invite/:token', allowed: 'public' },
  { method: 'post', path: '/admin/invite/:token', allowed: 'public' },
  { method: 'get', path: '/admin/programmes', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/new', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/new', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/:id', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/merge', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/state', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/delete', allowed: ADMIN },
  { method: 'post', path: '/admin/programmes/:id/updates/:suggestionId/apply', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/updates/:suggestionId/dismiss', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/:id/preview', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/:id/history', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/:id/history/:version/restore', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/history/:version/restore', allowed: BOTH },
  { method: 'get', path: '/admin/source-watch', allowed: BOTH },
  { method: 'get', path: '/admin/source-watch/programmes/:id', allowed: BOTH },
  { method: 'post', path: '/admin/source-watch/programmes/:id/confirm', allowed: BOTH },
  { method: 'post', path: '/admin/source-watch/items/:itemId/dismiss', allowed: BOTH },
  { method: 'get', path: '/admin/programmes/:id/pending', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/pending/publish', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/pending/approve', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/pending/discard', allowed: BOTH },
  { method: 'post', path: '/admin/programmes/:id/pending/rebase', allowed: BOTH },
  { method: 'get', path: '/admin/outbox', allowed: ADMIN },
  { method: 'get', path: '/admin/outbox/:messageId', allowed: ADMIN },
  { method: 'get', path: '/admin/taxonomy', allowed: ADMIN },
  { method: 'post', path: '/admin/taxonomy/:facet', allowed: ADMIN },
  { method: 'post', path: '/admin/taxonomy/:facet/:code', allowed: ADMIN },
  { method: 'post', path: '/admin/taxonomy/:facet/:code/delete', allowed: ADMIN },
  { method: 'get', path: '/admin/synonyms', allowed: ADMIN },
  { method: 'post', path: '/admin/synonyms', allowed: ADMIN },
  { method: 'post', path: '/admin/synonyms/:id', allowed: ADMIN },
  { method: 'post', path: '/admin/synonyms/:id/delete', allowed: ADMIN },
  { method: 'get', path: '/admin/organisations', allowed: ADMIN },
  { method: 'post', path: '/admin/organisations', allowed: ADMIN },
  { method: 'post', path: '/admin/organisations/:slug', allowed: ADMIN },
  { method: 'post', path: '/admin/organisations/:slug/delete', allowed: ADMIN },
  { method: 'get', path: '/admin/users', allowed: ADMIN },
  { method: 'post', path: '/admin/users', allowed: ADMIN },
  { method: 'post', path: '/admin/users/:id', allowed: ADMIN },
  { method: 'get', path: '/admin/api-keys', allowed: ADMIN },
  { method: 'post', path: '/admin/api-keys', allowed: ADMIN },
  { method: 'post', path: '/admin/api-keys/:id/revoke', allowed: ADMIN },
  { method: 'get', path: '/admin/import', allowed: BOTH },
  { method: 'post', path: '/admin/import', allowed: BOTH },
  { method: 'get', path: '/admin/import/:id', allowed: BOTH },
  { method: 'post', path: '/admin/import/:id/apply', allowed: BOTH },
  { method: 'get', path: '/admin/export', allowed: BOTH },
  { method: 'get', path: '/admin/search', allowed: BOTH },
  { method: 'post', path: '/admin/search/retry', allowed: ADMIN },
  { method: 'post', path: '/admin/search/reindex', allowed: ADMIN },
  { method: 'get', path: '/admin/audit', allowed: ADMIN },
];

const concrete = (path: string): string =>
  path
    .replace(':id', ZERO_ID)
    .replace(':slug', 'no-such-organisation')
    .replace(':facet', 'industry')
    .replace(':code', 'no_such_code')
    .replace(':version', '1')
    .replace(':messageId', '999999999')
    .replace(':suggestionId', ZERO_ID)
    .replace(':itemId', ZERO_ID)
    .replace(':token', 'x'.repeat(43));

const setCookie = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));

describe('admin pages over HTTP', () => {
  let t: TestApp;
  let admin: AdminBrowser;
  let editor: AdminBrowser;
  let apiToken: string;

  beforeAll(async () => {
    // few attempts per account so throttling shows quickly; the loopback proxy may say the request came over HTTPS
    t = await createTestApp({
      env: { SIGN_IN_MAX_PER_ACCOUNT: '3', SIGN_IN_MAX_PER_ADDRESS: '10000', TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' },
    });
    admin = await adminBrowser(t, 'admin');
    editor = await adminBrowser(t, 'editor');
    apiToken = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie scoped to /admin, Secure when the request came over HTTPS', async () => {
      const email = uniqueEmail('editor');
      const password = strongPassword();
      await t.app.get(IdentityService).createUser(email, password, 'editor');
      for (const https of [false, true]) {
        const agent = request.agent(t.http);
        const form = await agent.get('/admin/login').expect(200);
        expect(form.headers['cache-control']).toBe('no-store');
        const res = await agent
          .post('/admin/login')
          .set(https ? { 'X-Forwarded-Proto': 'https' } : {})
          .type('form')
          .send({ _csrf: csrfOf(form.text), email, password })
          .expect(303);
        const cookie = setCookie(res, 'sn_admin')!;
        expect(cookie).toMatch(/; HttpOnly/);
        expect(cookie).toMatch(/; SameSite=Lax/);
        expect(cookie).toMatch(/; Path=\/admin/);
        if (https) expect(cookie).toMatch(/; Secure/);
        else expect(cookie).not.toMatch(/Secure/);
        expect(res.headers.location).toBe('/admin/programmes');
      }
    });

    it('says the same for a wrong password and an unknown email, and throttles repeated attempts', async () => {
      const email = uniqueEmail('editor');
      const password = strongPassword();
      await t.app.get(IdentityService).createUser(email, password, 'editor');
      const attempt = async (e: string, p: string) => {
        const agent = request.agent(t.http);
        const form = await agent.get('/admin/login');
        return agent
          .post('/admin/login')
          .type('form')
          .send({ _csrf: csrfOf(form.text), email: e, password: p });
      };
      const wrong = await attempt(email, 'not the password');
      const unknown = await attempt(uniqueEmail('nobody'), 'not the password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
      expect(message(wrong.text)).toBe('Email or password is incorrect');
      expect(message(unknown.text)).toBe(message(wrong.text));
      expect(setCookie(wrong, 'sn_admin')).toBeUndefined();

      await attempt(email, 'not the password');
      await attempt(email, 'not the password'); // the 4th attempt of the window is refused, even with the right password
      const throttled = await attempt(email, password);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect(throttled.text).toMatch(/Too many sign-in attempts/);
      expect(setCookie(throttled, 'sn_admin')).toBeUndefined();
      const events = await t.app.get(AuditService).list({ actor: email, limit: 10 });
      expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.sign_in_failed', 'auth.sign_in_throttled']));
    });

    it('does not lock the real user out when someone else guesses their password from another address', async () => {
      const email = uniqueEmail('editor');
      const password = strongPassword();
      await t.app.get(IdentityService).createUser(email, password, 'editor');
      const from = async (ip: string, p: string) => {
        const agent = request.agent(t.http);
        const form = await agent.get('/admin/login').set('X-Forwarded-For', ip);
        return agent
          .post('/admin/login')
          .set('X-Forwarded-For', ip)
          .type('form')
          .send({ _csrf: csrfOf(form.text), email, password: p });
      };
      for (let i = 0; i < 5; i++) await from('203.0.113.7', 'guessing');
      expect((await from('203.0.113.7', password)).status).toBe(429); // the guesser is stopped
      expect((await from('198.51.100.2', password)).status).toBe(303); // the user, elsewhere, is not
    });

    it('refuses a sign-in form posted without its token (login CSRF)', async () => {
      const res = await request(t.http).post('/admin/login').type('form').send({ email: admin.email, password: admin.password });
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/did not come from this site/);
    });

    it('sign-out ends the session on the server: the old cookie no longer works', async () => {
      const session = await signInAs(t.http, admin.email, admin.password);
      const cookie = (await session.agent.get('/admin/programmes')).request.cookies;
      const stolen = /sn_admin=([^;]+)/.exec(cookie)![1];
      await session.agent.post('/admin/logout').type('form').send({ _csrf: session.csrf }).expect(303);
      const after = await request(t.http).get('/admin/programmes').set('Cookie', `sn_admin=${stolen}`);
      expect(after.status).toBe(303);
      expect(after.headers.location).toMatch(/^\/admin\/login/);
      const post = await request(t.http)
        .post('/admin/api-keys')
        .set('Cookie', `sn_admin=${stolen}`)
        .type('form')
        .send({ _csrf: session.csrf, name: 'x' });
      expect(post.status).toBe(401);
    });

    it('keeps bearer tokens and session cookies apart', async () => {
      expect((await request(t.http).get('/admin/programmes').set('Cookie', `sn_admin=${apiToken}`)).status).toBe(303);
      const cookieToken = /sn_admin=([^;]+)/.exec((await admin.agent.get('/admin/programmes')).request.cookies)![1];
      expect((await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${cookieToken}`)).status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it("refuses every form action without the session token, with another session's token, or with a wrong one; nothing changes", async () => {
      const before = (await admin.agent.get('/admin/api-keys')).text;
      for (const body of [{ name: 'no token' }, { name: 'wrong', _csrf: 'x'.repeat(43) }, { name: 'other session', _csrf: editor.csrf }]) {
        const res = await admin.agent.post('/admin/api-keys').type('form').send(body);
        expect(res.status).toBe(403);
        expect(res.text).toMatch(/did not come from this site/);
      }
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput(), false);
      const publish = await editor.agent.post(`/admin/programmes/${p.id}/state`).type('form').send({ action: 'publish', version: '1' });
      expect(publish.status).toBe(403);
      expect((await editor.agent.get(`/admin/programmes/${p.id}`)).text).toMatch(/state-draft/);
      expect((await admin.agent.get('/admin/api-keys')).text).toBe(before);
    });
  });

  describe('route × role matrix', () => {
    it('lists every admin page and action the server has', () => {
      const router = (
        t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
      ).router;
      const served = router.stack
        .filter((layer) => layer.route && (layer.route.path === '/admin' || layer.route.path.startsWith('/admin/')))
        .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m} ${layer.route!.path}`))
        .sort();
      expect(served).toEqual(PAGES.map((r) => `${r.method} ${r.path}`).sort());
    });

    describe.each(PAGES.filter((r) => r.allowed !== 'public'))('$method $path', (rule) => {
      it('anonymous: pages redirect to sign-in, actions are refused', async () => {
        const res = await request(t.http)[rule.method](concrete(rule.path)).type('form').send({});
        if (rule.method === 'get') {
          expect(res.status).toBe(303);
          expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(concrete(rule.path))}`);
        } else {
          expect(res.status).toBe(401);
        }
      });

      it.each(['admin', 'editor'] as Role[])('%s: allowed, or 403', async (role) => {
        // sign-out would end the shared session: it gets a session of its own
        const session = rule.path === '/admin/logout' ? await adminBrowser(t, role) : role === 'admin' ? admin : editor;
        const res = await session.agent[rule.method](concrete(rule.path))
          .type('form')
          .send(rule.method === 'post' ? { _csrf: session.csrf } : {});
        if ((rule.allowed as Role[]).includes(role)) {
          expect([200, 303, 400, 404, 409]).toContain(res.status);
        } else {
          expect(res.status).toBe(403);
          expect(res.text).toMatch(/This page is for the admin role/);
        }
      });
    });
  });

  describe('editing', () => {
    it('shows each validation error next to its field and saves nothing', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput(), false);
      const page = await editor.agent.get(`/admin/programmes/${p.id}`).expect(200);
      const res = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(
          formBody(editFormFields(page.text), {
            'title.ru': '',
            'benefit.amountMin': 'a lot',
            'benefit.amountMax': '5',
            'application.applyUrl': 'not a url',
          }),
        );
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="f-title-ru"[^>]*aria-invalid="true" aria-describedby="title-ru-error"/);
      expect(res.text).toMatch(/<span class="error" id="title-ru-error">[^<]*should not be empty/);
      expect(res.text).toMatch(/<span class="error" id="benefit-amountMin-error">[^<]*integer/);
      expect(res.text).toMatch(/<span class="error" id="application-applyUrl-error">[^<]*URL/i);
      expect(res.text).toContain('value="a lot"'); // what was typed stays in the form
      const saved = await request(t.http).get(`/api/v1/admin/programmes/${p.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body.version).toBe(1);
    });

    it('an unchanged form saves nothing; a change keeps every other field exactly', async () => {
      const p = await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({ timing: { closesAt: '2031-05-06T07:08:09.123Z' }, supportTypes: ['premises', 'consulting'] }),
        false,
      );
      const fields = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      const same = await editor.agent.post(`/admin/programmes/${p.id}`).type('form').send(formBody(fields)).expect(303);
      expect(same.headers.location).toMatch(/done=unchanged/);
      await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(fields, { 'title.en': 'Renamed' }))
        .expect(303);
      const saved = await request(t.http).get(`/api/v1/admin/programmes/${p.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body).toMatchObject({
        version: 2,
        title: { en: 'Renamed' },
        timing: { closesAt: '2031-05-06T07:08:09.123Z' },
        supportTypes: ['premises', 'consulting'],
      });
    });

    it('edits key facts, sources and steps in the form; a rouble benefit fact sets the amount search filters by', async () => {
      const p = await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({ keyFacts: [{ group: 'eligibility', label: { ru: 'Кто' }, value: { ru: 'МСП' }, source: 's1' }] }),
        false,
      );
      const fields = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      // an unchanged form with facts, sources and steps still saves nothing
      const same = await editor.agent.post(`/admin/programmes/${p.id}`).type('form').send(formBody(fields)).expect(303);
      expect(same.headers.location).toMatch(/done=unchanged/);
      await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(
          formBody(fields, {
            'keyFacts.1.group': 'benefit',
            'keyFacts.1.labelRu': 'Грант',
            'keyFacts.1.valueRu': 'до 10 млн ₽',
            'keyFacts.1.number': '10 000 000',
            'keyFacts.1.unit': 'rub',
            'keyFacts.1.asOf': '2026-02-01',
            'keyFacts.1.source': 'card',
            'curation.sources.1.key': 'card',
            'curation.sources.1.publisher': 'i.moscow',
            'curation.sources.1.titleRu': 'Карточка меры',
            'curation.sources.1.url': 'https://i.moscow/card',
            'curation.sources.1.publishedOn': '2026-02-01',
            'curation.sources.1.checkedOn': '2026-11-30',
            'application.steps.2.ru': 'Подпишите соглашение',
            'application.steps.2.url': 'https://i.moscow',
          }),
        )
        .expect(303);
      const saved = await request(t.http).get(`/api/v1/admin/programmes/${p.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body.keyFacts[1]).toEqual({
        group: 'benefit',
        label: { ru: 'Грант', en: null },
        value: { ru: 'до 10 млн ₽', en: null },
        number: 10_000_000,
        unit: 'rub',
        asOf: '2026-02-01',
        validUntil: null,
        termsYear: null,
        source: 'card',
      });
      expect(saved.body.curation).toMatchObject({ newestSourceOn: '2026-02-01', lastCheckedOn: '2026-11-30' });
      expect(saved.body.application.steps).toHaveLength(3);
      expect(saved.body.benefit.amountMax).toBe(10_000_000);
      // a fact citing a source the entry lacks is shown beside its field
      const fresh = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      const bad = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(fresh, { 'keyFacts.0.source': 'nowhere' }))
        .expect(400);
      expect(bad.text).toMatch(/<span class="error" id="keyFacts-0-source-error">[^<]*not one of this entry/);
    });

    it('refuses to publish an entry with no source or no step, showing why beside those fields', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput({ application: {}, curation: {} }), false);
      const res = await editor.agent
        .post(`/admin/programmes/${p.id}/state`)
        .type('form')
        .send({ _csrf: editor.csrf, version: String(p.version), action: 'publish' })
        .expect(400);
      expect(res.text).toContain('href="#f-curation-sources"');
      expect(res.text).toContain('add at least one source before publishing');
      expect(res.text).toContain('add at least one application step before publishing');
      const saved = await request(t.http).get(`/api/v1/admin/programmes/${p.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body.publicationState).toBe('draft');
    });

    it('shows a suggested catalogue update on an entry an editor changed, and applies it on request', async () => {
      const db = t.app.get(DataSource);
      const [row] = await db.query(`SELECT id, version FROM programme WHERE slug = 'sme-consulting'`);
      await patchAndPublish(t.http, apiToken, row.id, `"${row.version}"`, { title: { ru: 'Правка редактора' } });
      // its file changed since (as far as the row knows)
      await db.query(`UPDATE programme SET catalogue_hash = 'an-older-content' WHERE id = $1`, [row.id]);
      expect(await t.app.get(CatalogueSeeder).seed()).toMatchObject({ suggested: 1, updated: 0 });
      const listed = await editor.agent.get('/admin/programmes?pendingUpdate=true').expect(200);
      expect(listed.text).toContain(`/admin/programmes/${row.id}`);
      const page = await editor.agent.get(`/admin/programmes/${row.id}`).expect(200);
      expect(page.text).toContain('Catalogue update suggested');
      expect(page.text).toContain('<strong>title.ru</strong>');
      const apply = /action="(\/admin\/programmes\/[^"]+\/apply)"/.exec(page.text)![1];
      const version = /name="version" value="(\d+)"/.exec(page.text)![1];
      // the entry is published: the shipped content becomes its pending change, public once that is published
      const applied = await editor.agent.post(apply).type('form').send({ _csrf: editor.csrf, version }).expect(303);
      expect(applied.headers.location).toBe(`/admin/programmes/${row.id}?done=update-pending`);
      const shipped = SHIPPED_PROGRAMMES.find((e) => e.slug === 'sme-consulting')!.title.ru;
      expect((await request(t.http).get('/api/v1/programmes/sme-consulting').expect(200)).body.title.ru).toBe('Правка редактора');
      const review = await editor.agent.get(`/admin/programmes/${row.id}/pending`).expect(200);
      await editor.agent
        .post(`/admin/programmes/${row.id}/pending/publish`)
        .type('form')
        .send({ _csrf: editor.csrf, version: /name="version" value="(p\d+)"/.exec(review.text)![1] })
        .expect(303);
      const saved = await request(t.http).get(`/api/v1/admin/programmes/${row.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body.title.ru).toBe(shipped);
      const after = await editor.agent.get('/admin/programmes?pendingUpdate=true').expect(200);
      expect(after.text).not.toContain(`/admin/programmes/${row.id}`);
    });

    it('a save over a newer version shows both versions and merges them, losing neither edit', async () => {
      const p = await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({ title: { ru: 'Исходное название', en: 'Original' } }),
        false,
      );
      const mine = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      const theirs = editFormFields((await admin.agent.get(`/admin/programmes/${p.id}`)).text);
      await admin.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(theirs, { 'title.ru': 'Их название', 'summary.en': 'Their summary' }))
        .expect(303);

      const conflict = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(mine, { 'title.ru': 'Моё название', 'benefit.termMonths': '24' }));
      expect(conflict.status).toBe(409);
      expect(conflict.text).toContain('Моё название');
      expect(conflict.text).toContain('Их название');
      expect(conflict.text).toMatch(/name="choice.title.ru" value="mine"/);
      expect(conflict.text).not.toMatch(/name="choice.summary.en"/); // only one side changed it
      const hidden = Object.fromEntries(
        [...conflict.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, k, v]) => [
          k,
          v
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>'),
        ]),
      );
      const unresolved = await editor.agent.post(`/admin/programmes/${p.id}/merge`).type('form').send(hidden);
      expect(unresolved.status).toBe(409);
      expect(unresolved.text).toMatch(/Choose a version for: Title \(ru\)/);
      await editor.agent
        .post(`/admin/programmes/${p.id}/merge`)
        .type('form')
        .send({ ...hidden, 'choice.title.ru': 'mine' })
        .expect(303);

      const saved = await request(t.http).get(`/api/v1/admin/programmes/${p.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200);
      expect(saved.body).toMatchObject({
        version: 3,
        title: { ru: 'Моё название' },
        summary: { en: 'Their summary' },
        benefit: { termMonths: 24 },
      });
    });

    it('answers a tampered merge form with a 400, whatever shape the hidden copy was given', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput(), false);
      for (const mine of [
        '{"benefit":{"taxReductions":"x"}}',
        '{"keyFacts":[1,2]}',
        '{"title":{"ru":{"nested":true}}}',
        '[]',
        'not json',
      ]) {
        const res = await editor.agent
          .post(`/admin/programmes/${p.id}/merge`)
          .type('form')
          .send({ _csrf: editor.csrf, baseVersion: '1', theirsVersion: '1', mine });
        expect({ mine, status: res.status }).toEqual({ mine, status: 400 });
        expect(res.text).toContain('The merge form was damaged');
      }
    });

    it('history diffs any two revisions and restores an old one as a new change', async () => {
      const p = await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({ title: { ru: 'Первое название программы', en: null } }),
        false,
      );
      const fields = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(fields, { 'title.ru': 'Второе название программы' }))
        .expect(303);
      const history = await editor.agent.get(`/admin/programmes/${p.id}/history?from=1&to=2`).expect(200);
      expect(history.text).toMatch(/<del>Первое<\/del><ins>Второе<\/ins><span> название программы<\/span>/);
      // restoring asks first, showing what it would change; an unconfirmed post changes nothing
      const ask = await editor.agent.get(`/admin/programmes/${p.id}/history/1/restore`).expect(200);
      expect(ask.text).toMatch(/<del>Второе<\/del><ins>Первое<\/ins>/);
      expect(ask.text).toContain('is saved as its new version');
      const unconfirmed = await editor.agent
        .post(`/admin/programmes/${p.id}/history/1/restore`)
        .type('form')
        .send({ _csrf: editor.csrf, version: '2' })
        .expect(200);
      expect(unconfirmed.text).toContain('Restore version 1 of');
      const restored = await editor.agent
        .post(`/admin/programmes/${p.id}/history/1/restore`)
        .type('form')
        .send({ _csrf: editor.csrf, version: '2', confirm: 'yes' });
      expect(restored.status).toBe(303);
      const saved = await request(t.http)
        .get(`/api/v1/admin/programmes/${p.id}/revisions`)
        .set('Authorization', `Bearer ${apiToken}`)
        .expect(200);
      expect(saved.body.map((r: { version: number }) => r.version)).toEqual([3, 2, 1]);
      expect(saved.body[0]).toMatchObject({
        action: 'update',
        changedFields: ['title.ru'],
        snapshot: { title: { ru: 'Первое название программы' } },
      });
      // a stale restore (from a page loaded before that change) is refused, not applied over it
      const stale = await editor.agent
        .post(`/admin/programmes/${p.id}/history/2/restore`)
        .type('form')
        .send({ _csrf: editor.csrf, version: '2', confirm: 'yes' });
      expect(stale.status).toBe(412);
    });
  });

  describe('pending changes of published entries', () => {
    const api = (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${apiToken}`);
    const tagOf = (html: string) => /<form method="post" action="[^"]+" class="edit"[\s\S]*?name="version" value="([^"]+)"/.exec(html)![1];

    it('a form save of a published entry prepares a pending change; the public page changes only once it is published', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput({ title: { ru: 'Опубликованное название', en: null } }));
      const form = await editor.agent.get(`/admin/programmes/${p.id}`).expect(200);
      expect(form.text).toContain('Saving prepares a pending change');
      expect(form.text).toContain('Save as pending change');
      const saved = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(editFormFields(form.text), { 'title.ru': 'Подготовленное название' }))
        .expect(303);
      expect(saved.headers.location).toBe(`/admin/programmes/${p.id}?done=pending-saved`);
      expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Опубликованное название');
      expect((await request(t.http).get(`/programmes/${p.slug}`).expect(200)).text).not.toContain('Подготовленное название');

      // the form now edits the pending change; the preview and the review page show it
      const again = await editor.agent.get(`/admin/programmes/${p.id}?done=pending-saved`).expect(200);
      expect(again.text).toContain('You are editing a pending change, not the public page');
      expect(again.text).toContain('value="Подготовленное название"');
      expect(tagOf(again.text)).toBe('p1');
      const preview = await editor.agent.get(`/admin/programmes/${p.id}/preview`).expect(200);
      expect(preview.text).toContain('Preview (pending change p1, not public yet)');
      expect(preview.text).toContain('Подготовленное название');
      const review = await editor.agent.get(`/admin/programmes/${p.id}/pending`).expect(200);
      expect(review.text).toMatch(/<del>Опубликованное<\/del><ins>Подготовленное<\/ins><span> название<\/span>/);
      const listed = await editor.agent.get('/admin/programmes?pendingChange=true').expect(200);
      expect(listed.text).toContain(`/admin/programmes/${p.id}/pending`);

      await editor.agent
        .post(`/admin/programmes/${p.id}/pending/publish`)
        .type('form')
        .send({ _csrf: editor.csrf, version: 'p1' })
        .expect(303);
      expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Подготовленное название');
      expect(tagOf((await editor.agent.get(`/admin/programmes/${p.id}`).expect(200)).text)).toBe(String(p.version + 1));
    });

    it('a save from the published version after someone started a pending change merges into it, losing neither edit', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput({ title: { ru: 'Исходное', en: 'Original' } }));
      const mine = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      const theirs = editFormFields((await admin.agent.get(`/admin/programmes/${p.id}`)).text);
      await admin.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(theirs, { 'summary.en': 'Their summary' }))
        .expect(303);
      const conflict = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(mine, { 'benefit.termMonths': '24' }));
      expect(conflict.status).toBe(409);
      expect(conflict.text).toContain(`You edited version ${p.version}; it is now at version p1 (a pending change`);
      const hidden = Object.fromEntries(
        [...conflict.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, k, v]) => [
          k,
          v
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>'),
        ]),
      );
      await editor.agent.post(`/admin/programmes/${p.id}/merge`).type('form').send(hidden).expect(303);
      const pending = await api(`/api/v1/admin/programmes/${p.id}/pending-change`).expect(200);
      expect(pending.body).toMatchObject({ etag: 'p2', programme: { summary: { en: 'Their summary' }, benefit: { termMonths: 24 } } });
      expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.benefit.termMonths).not.toBe(24);
    });

    it('restoring a published entry’s old version asks first and prepares a pending change, never going live', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput({ title: { ru: 'Старое название', en: null } }));
      await patchAndPublish(t.http, apiToken, p.id, `"${p.version}"`, { title: { ru: 'Новое название' } });
      const ask = await editor.agent.get(`/admin/programmes/${p.id}/history/1/restore`).expect(200);
      expect(ask.text).toContain('Restoring does not change the public page');
      expect(ask.text).toContain('Restore v1 as a pending change');
      const done = await editor.agent
        .post(`/admin/programmes/${p.id}/history/1/restore`)
        .type('form')
        .send({ _csrf: editor.csrf, version: /name="version" value="([^"]+)"/.exec(ask.text)![1], confirm: 'yes' })
        .expect(303);
      expect(done.headers.location).toBe(`/admin/programmes/${p.id}/pending?done=reverted-pending`);
      expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Новое название');
      expect((await api(`/api/v1/admin/programmes/${p.id}/pending-change`).expect(200)).body.programme.title.ru).toBe('Старое название');
    });

    it('discarding needs a confirmation; the entry stays as published', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput());
      await request(t.http)
        .patch(`/api/v1/admin/programmes/${p.id}`)
        .set('Authorization', `Bearer ${apiToken}`)
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Правка на выброс' } })
        .expect(202);
      const unticked = await editor.agent
        .post(`/admin/programmes/${p.id}/pending/discard`)
        .type('form')
        .send({ _csrf: editor.csrf, version: 'p1' });
      expect(unticked.status).toBe(400);
      expect(unticked.text).toContain('Tick &quot;Yes, discard this change&quot; to discard it');
      await editor.agent
        .post(`/admin/programmes/${p.id}/pending/discard`)
        .type('form')
        .send({ _csrf: editor.csrf, version: 'p1', confirm: 'yes' })
        .expect(303);
      await api(`/api/v1/admin/programmes/${p.id}/pending-change`).expect(404);
    });

    it('marks the English of a key fact whose Russian alone changed, until the English is edited or confirmed', async () => {
      const p = await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({
          keyFacts: [
            { group: 'benefit', label: { ru: 'Сумма', en: 'Amount' }, value: { ru: 'до 10 млн ₽', en: 'up to RUB 10 mln' }, source: 's1' },
          ],
        }),
        false,
      );
      const fields = editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text);
      await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(fields, { 'keyFacts.0.valueRu': 'до 50 млн ₽' }))
        .expect(303);
      const marked = await editor.agent.get(`/admin/programmes/${p.id}`).expect(200);
      expect(marked.text).toContain('English possibly out of date: 1 text');
      expect(marked.text).toMatch(/id="f-keyFacts-0-valueEn"[^>]*aria-describedby="keyFacts-0-valueEn-stale"/);
      expect(marked.text).toContain('name="englishChecked" value="keyFacts.0.value"');
      // an unrelated save keeps the mark; confirming the English clears it
      const again = editFormFields(marked.text);
      await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(again, { 'summary.en': 'Another summary' }))
        .expect(303);
      expect((await editor.agent.get(`/admin/programmes/${p.id}`)).text).toContain('English possibly out of date: 1 text');
      const confirmed = await editor.agent
        .post(`/admin/programmes/${p.id}`)
        .type('form')
        .send(formBody(editFormFields((await editor.agent.get(`/admin/programmes/${p.id}`)).text), { englishChecked: 'keyFacts.0.value' }))
        .expect(303);
      expect(confirmed.headers.location).toMatch(/done=saved/);
      expect((await editor.agent.get(`/admin/programmes/${p.id}`)).text).not.toContain('English possibly out of date');
    });
  });

  describe('import', () => {
    const postFile = (who: AdminBrowser, name: string, content: string) =>
      who.agent.post('/admin/import').field('_csrf', who.csrf).attach('file', Buffer.from(content, 'utf8'), name);

    /** The report page once the check or apply has finished (it refreshes itself while one runs). */
    const reportOf = async (who: AdminBrowser, location: string) => {
      let html = (await who.agent.get(location).expect(200)).text;
      for (let i = 0; i < 200 && html.includes('this page refreshes itself'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        html = (await who.agent.get(location).expect(200)).text;
      }
      const count = (k: string) => Number(new RegExp(`data-count="${k}">(\\d+)<`).exec(html)![1]);
      const problems = [...html.matchAll(/<tr><td>(\d+)<\/td><td>[^<]*<\/td><td><code>([^<]+)<\/code><\/td>/g)].map(
        ([, row, field]) => `${row}:${field}`,
      );
      return {
        html,
        counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), invalid: count('invalid') },
        problems,
      };
    };

    it('reports exactly the bad rows of a file with known mistakes, applies the rest once, and a re-import changes nothing', async () => {
      const exported = JSON.parse((await editor.agent.get('/admin/export?format=json').expect(200)).text) as Record<string, unknown>[];
      // two published entries (their records can be published again); shipped drafts stay as they are
      const [a, b] = exported.filter((r) => r.publicationState === 'published');
      const fresh: Record<string, unknown> = { ...a, slug: uniqueSlug('imported'), publicationState: 'published' };
      const file = [
        { ...a, summary: { ...(a.summary as object), en: 'Updated by import' } }, // row 1: an update
        { ...b, provider: 'no-such-provider' }, // row 2: unknown provider
        fresh, // row 3: a new programme
        { ...b, slug: 'Not A Slug' }, // row 4: bad slug
        { ...fresh, slug: uniqueSlug('imported'), benefit: { ...(fresh.benefit as object), amountMin: 'lots' } }, // row 5: bad number
        ...exported.filter((r) => r !== a && r !== b), // unchanged
      ];
      const upload = await postFile(editor, 'known-mistakes.json', JSON.stringify(file)).expect(303);
      const dry = await reportOf(editor, upload.headers.location);
      expect(dry.counts).toEqual({ create: 1, update: 1, unchanged: exported.length - 2, invalid: 3 });
      expect(dry.problems).toEqual(['2:provider', '4:slug', '5:benefit.amountMin']);
      expect(dry.html).toContain('Dry run: what applying this file would do');
      expect(dry.html).toContain('nothing saved yet');
      expect((await request(t.http).get(`/api/v1/programmes/${fresh.slug as string}`)).status).toBe(404);

      const id = upload.headers.location.split('/').pop();
      const apply = await editor.agent.post(`/admin/import/${id}/apply`).type('form').send({ _csrf: editor.csrf }).expect(303);
      expect((await reportOf(editor, apply.headers.location)).html).toContain('Applied: the valid rows are saved');
      expect((await request(t.http).get(`/api/v1/programmes/${fresh.slug as string}`)).status).toBe(200);
      const twice = await editor.agent.post(`/admin/import/${id}/apply`).type('form').send({ _csrf: editor.csrf });
      expect(twice.status).toBe(409);

      const again = await postFile(editor, 'known-mistakes.json', JSON.stringify(file)).expect(303);
      expect((await reportOf(editor, again.headers.location)).counts).toEqual({
        create: 0,
        update: 0,
        unchanged: exported.length,
        invalid: 3,
      });
      const events = await t.app.get(AuditService).list({ action: 'import', limit: 5 });
      expect(events[0]).toMatchObject({
        actorLabel: editor.email,
        target: 'import:known-mistakes.json',
        detail: { counts: { create: 1, update: 1, invalid: 3 } },
      });
    });

    it('round-trips the CSV export: importing it changes nothing, formula-looking text included', async () => {
      await createProgrammeViaApi(
        t.http,
        apiToken,
        programmeInput({ title: { ru: '=HYPERLINK("https://evil.example","нажми")', en: '+1 in English' } }),
        false,
      );
      const csv = (await editor.agent.get('/admin/export?format=csv').expect(200)).text;
      // one escaping path for every CSV: a cell that a spreadsheet would run as a formula starts with a quote
      expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""нажми"")"`);
      expect(csv).toContain(`'+1 in English`);
      expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
      const upload = await postFile(editor, 'export.csv', csv).expect(303);
      const { counts } = await reportOf(editor, upload.headers.location);
      expect(counts).toMatchObject({ create: 0, update: 0, invalid: 0 });
      expect(counts.unchanged).toBeGreaterThan(10);
    });

    it('does not read an upload from someone not signed in, and wants the CSRF token with one', async () => {
      const anonymous = await request(t.http)
        .post('/admin/import')
        .attach('file', Buffer.alloc(2 * 1024 * 1024, 'a'), 'big.csv');
      expect(anonymous.status).toBe(401);
      const forged = await request(t.http)
        .post('/admin/import')
        .set('Cookie', `sn_admin=${'x'.repeat(43)}`)
        .attach('file', Buffer.from('slug\n'), 'x.csv');
      expect(forged.status).toBe(401);
      const noToken = await editor.agent.post('/admin/import').attach('file', Buffer.from('slug\n'), 'x.csv');
      expect(noToken.status).toBe(403);
      const tooBig = await postFile(editor, 'huge.csv', 'a'.repeat(21 * 1024 * 1024));
      expect(tooBig.status).toBe(413);
    });

    it('refuses files it cannot read with a clear message', async () => {
      for (const [name, content, message] of [
        ['notes.txt', 'hello', 'must end in .csv or .json'],
        ['broken.json', '{"slug": ', 'could not be read as JSON'],
        ['empty.csv', '', 'Choose a .csv or .json file'],
      ]) {
        const res = await postFile(editor, name, content);
        expect(res.status).toBe(400);
        expect(res.text).toContain(message);
      }
    });
  });

  describe('taxonomy, synonyms, organisations and search sync pages', () => {
    it('add and change what the catalogue and search use, with errors shown and stale versions refused', async () => {
      await admin.agent
        .post('/admin/taxonomy/support_type')
        .type('form')
        .send({ _csrf: admin.csrf, code: 'leasing_pages', 'label.ru': 'Лизинг', 'label.en': 'Leasing' })
        .expect(303);
      const taxonomy = await request(t.http).get('/api/v1/taxonomy').expect(200);
      const supportTypes = taxonomy.body.facets.find((f: { facet: string }) => f.facet === 'support_type').terms;
      expect(supportTypes).toContainEqual(expect.objectContaining({ code: 'leasing_pages', label: { ru: 'Лизинг', en: 'Leasing' } }));
      const blank = await admin.agent
        .post('/admin/taxonomy/support_type')
        .type('form')
        .send({ _csrf: admin.csrf, code: 'blank_label', 'label.ru': '' });
      expect(blank.status).toBe(400);
      expect(blank.text).toMatch(/<code>label\.ru<\/code>: [^<]*should not be empty/);
      expect(blank.text).toContain('<h1>Taxonomy</h1>'); // the page again, with the reason, not a bare error

      await admin.agent
        .post('/admin/synonyms')
        .type('form')
        .send({ _csrf: admin.csrf, terms: 'факторинг\nуступка требования' })
        .expect(303);
      const group = (
        await request(t.http).get('/api/v1/admin/search/synonyms').set('Authorization', `Bearer ${apiToken}`).expect(200)
      ).body.find((g: { terms: string[] }) => g.terms.includes('факторинг'));
      await admin.agent
        .post(`/admin/synonyms/${group.id}`)
        .type('form')
        .send({ _csrf: admin.csrf, version: String(group.version), terms: 'факторинг, уступка долга' })
        .expect(303);
      const stale = await admin.agent
        .post(`/admin/synonyms/${group.id}`)
        .type('form')
        .send({ _csrf: admin.csrf, version: String(group.version), terms: 'факторинг, цессия' });
      expect(stale.status).toBe(412);
      const after = (
        await request(t.http).get(`/api/v1/admin/search/synonyms/${group.id}`).set('Authorization', `Bearer ${apiToken}`).expect(200)
      ).body;
      expect(after.terms).toEqual(['факторинг', 'уступка долга']);

      await admin.agent
        .post('/admin/organisations')
        .type('form')
        .send({ _csrf: admin.csrf, slug: 'pages-fund', 'name.ru': 'Фонд страниц', url: 'https://fund.example.org' })
        .expect(303);
      const org = await request(t.http)
        .get('/api/v1/admin/organisations/pages-fund')
        .set('Authorization', `Bearer ${apiToken}`)
        .expect(200);
      expect(org.body).toMatchObject({ name: { ru: 'Фонд страниц', en: null }, url: 'https://fund.example.org' });
      const government = (
        await request(t.http).get('/api/v1/admin/organisations/moscow-government').set('Authorization', `Bearer ${apiToken}`).expect(200)
      ).body;
      await admin.agent.post('/admin/organisations/moscow-government/delete').type('form').send({ _csrf: admin.csrf }).expect(412); // drawn from no version
      await admin.agent
        .post('/admin/organisations/moscow-government/delete')
        .type('form')
        .send({ _csrf: admin.csrf, version: String(government.version) })
        .expect(409); // still a provider

      const sync = await editor.agent.get('/admin/search').expect(200);
      expect(sync.text).toMatch(/data-status="pending">\d+</);
      // retrying and rebuilding are for admins, on the pages as in the API
      expect(sync.text).not.toContain('Retry failed changes now');
      expect(sync.text).not.toContain('Rebuild the index');
      await editor.agent.post('/admin/search/retry').type('form').send({ _csrf: editor.csrf }).expect(403);
      expect((await admin.agent.get('/admin/search')).text).toContain('Retry failed changes now');
      await admin.agent.post('/admin/search/retry').type('form').send({ _csrf: admin.csrf }).expect(303);
      await admin.agent.post('/admin/search/reindex').type('form').send({ _csrf: admin.csrf }).expect(303);
      expect((await admin.agent.get('/admin/search?done=reindexed')).text).toContain('The search index was rebuilt.');
    });
  });

  describe('users, API keys and the audit log', () => {
    it('shows why an invitation or a new key was refused, on the same page with its status, and issues nothing', async () => {
      const typed = uniqueEmail('typo').replace('@', '');
      const bad = await admin.agent.post('/admin/users').type('form').send({ _csrf: admin.csrf, email: typed, role: 'editor' }).expect(400);
      expect(bad.text).toContain('must be an email address');
      expect(bad.text).toContain(typed); // what was typed stays in the form
      expect(bad.text).not.toMatch(/\/admin\/invite\//);
      const taken = await admin.agent
        .post('/admin/users')
        .type('form')
        .send({ _csrf: admin.csrf, email: admin.email, role: 'editor' })
        .expect(409);
      expect(taken.text).toContain('is already used by another user');
      const keysBefore = (await admin.agent.get('/admin/api-keys')).text.match(/<tr/g)?.length;
      const blank = await admin.agent.post('/admin/api-keys').type('form').send({ _csrf: admin.csrf, name: '   ' }).expect(400);
      expect(blank.text).toContain('must be 1 to 200 characters long');
      expect(blank.text).not.toMatch(/snk_[0-9a-f]{8}_/);
      expect((await admin.agent.get('/admin/api-keys')).text.match(/<tr/g)?.length).toBe(keysBefore);
    });

    it('invites a user who sets a password and signs in; the last admin cannot demote themselves', async () => {
      const email = uniqueEmail('invited');
      const invited = await admin.agent
        .post('/admin/users')
        .type('form')
        .send({ _csrf: admin.csrf, email, role: 'editor', displayName: 'New Editor' })
        .expect(200);
      const link = /value="https?:\/\/[^"]+(\/admin\/invite\/[A-Za-z0-9_-]+)"/.exec(invited.text)![1];
      // the link is built from the configured address, never from the request's Host
      const forged = await admin.agent
        .post('/admin/users')
        .set('Host', 'evil.example')
        .type('form')
        .send({ _csrf: admin.csrf, email: uniqueEmail('invited'), role: 'editor' })
        .expect(200);
      expect(forged.text).not.toContain('evil.example');
      expect(forged.text).toMatch(/value="http:\/\/127\.0\.0\.1:\d+\/admin\/invite\//);
      expect((await admin.agent.get('/admin/users')).text).not.toContain(link); // shown once
      const agent = request.agent(t.http);
      const form = await agent.get(link).expect(200);
      const weak = await agent
        .post(link)
        .type('form')
        .send({ _csrf: csrfOf(form.text), password: 'short' });
      expect(weak.status).toBe(400);
      const password = strongPassword();
      await agent
        .post(link)
        .type('form')
        .send({ _csrf: csrfOf(weak.text), password })
        .expect(303);
      expect((await request(t.http).get(link)).status).toBe(404); // used once
      const signedIn = await signInAs(t.http, email, password);
      expect((await signedIn.agent.get('/admin/programmes')).text).toContain(`${email} (editor)`);

      const loneAdmin = await createTestApp({ seed: false });
      try {
        const me = await adminBrowser(loneAdmin, 'admin');
        const id = (await loneAdmin.app.get(IdentityService).listUsers())[0].id;
        const res = await me.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: me.csrf, role: 'editor' });
        expect(res.status).toBe(409);
        expect(res.text).toContain('last active admin');
      } finally {
        await loneAdmin.close();
      }
    });

    it('shows a new API key once, stores only its hash, and revokes it', async () => {
      const created = await admin.agent
        .post('/admin/api-keys')
        .type('form')
        .send({ _csrf: admin.csrf, name: 'Acme Consulting' })
        .expect(200);
      const key = /value="(snk_[0-9a-f]{8}_[A-Za-z0-9_-]{43})"/.exec(created.text)![1];
      const keys = t.app.get(ApiKeysService);
      expect(await keys.authenticate(key)).toMatchObject({ name: 'Acme Consulting', lastUsedAt: expect.any(String) });
      const list = (await admin.agent.get('/admin/api-keys')).text;
      expect(list).not.toContain(key);
      expect(list).toContain(`snk_${key.slice(4, 12)}_…`);
      const [{ count }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*) FROM api_key WHERE key_hash = sha256(convert_to($1, 'UTF8'))`, [key]);
      expect(count).toBe('1');
      const id = (await keys.list()).find((k) => k.prefix === key.slice(4, 12))!.id;
      await admin.agent.post(`/admin/api-keys/${id}/revoke`).type('form').send({ _csrf: admin.csrf }).expect(303);
      expect(await keys.authenticate(key)).toBeNull();
    });

    it('opens each held message: its subject, recipient, text and the confirmation link as a link', async () => {
      const email = uniqueEmail('reader');
      await request(t.http)
        .post('/alerts')
        .type('form')
        .send({ email, frequency: 'weekly', query: 'supportType=premises', lang: 'ru' })
        .expect(200);
      const list = await admin.agent.get('/admin/outbox').expect(200);
      expect(list.text).not.toContain(email);
      const [, id] = /<a href="\/admin\/outbox\/(\d+)">Подтвердите подписку на программы поддержки<\/a>/.exec(list.text)!;
      const page = await admin.agent.get(`/admin/outbox/${id}`).expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('<h1>Подтвердите подписку на программы поддержки</h1>');
      expect(page.text).toContain(`<dd>${email}</dd>`);
      expect(page.text).toContain('- Вид поддержки: Помещения и площадки');
      const [, confirm] = /<a class="button" href="(http[^"]+\/alerts\/confirm\/[A-Za-z0-9_-]+)">Open the confirmation link<\/a>/.exec(
        page.text,
      )!;
      // the link in the text is a link too, and it works
      expect(page.text).toContain(`<a href="${confirm}">${confirm}</a>`);
      expect((await request(t.http).get(new URL(confirm).pathname).expect(200)).text).toContain('Подтвердить подписку');
      // who read it is on record (the address is not)
      const [event] = await t.app.get(AuditService).list({ action: 'mail.view', limit: 1 });
      expect(event).toMatchObject({ action: 'mail.view', actorLabel: admin.email, target: id });
      expect(JSON.stringify(event.detail)).not.toContain(email);
      await admin.agent.get('/admin/outbox/999999999').expect(404);
      await admin.agent.get('/admin/outbox/not-a-number').expect(400);
      expect((await editor.agent.get(`/admin/outbox/${id}`)).status).toBe(403);
    });

    it('records sign-ins, publications, key and user changes with who and when', async () => {
      const p = await createProgrammeViaApi(t.http, apiToken, programmeInput(), false);
      await editor.agent
        .post(`/admin/programmes/${p.id}/state`)
        .type('form')
        .send({ _csrf: editor.csrf, action: 'publish', version: '1' })
        .expect(303);
      const page = (await admin.agent.get('/admin/audit')).text;
      for (const action of [
        'auth.sign_in',
        'programme.publish',
        'api_key.create',
        'api_key.revoke',
        'user.invite',
        'user.accept_invite',
        'import.apply',
      ]) {
        expect(page).toContain(`<code>${action}</code>`);
      }
      expect(page).toContain(`programme:${p.slug}`);
      const filtered = (await admin.agent.get(`/admin/audit?action=programme&actor=${encodeURIComponent(editor.email)}`)).text;
      expect(filtered).toContain('<code>programme.publish</code>');
      expect(filtered).not.toContain('<code>auth.sign_in</code>');
    });
  });
});

describe('admin pages with PROGRAMME_REVIEW_REQUIRED', () => {
  let t: TestApp;
  let author: AdminBrowser;
  let reviewer: AdminBrowser;

  beforeAll(async () => {
    t = await createTestApp({ env: { PROGRAMME_REVIEW_REQUIRED: 'true', LOG_LEVEL: 'error' } });
    author = await adminBrowser(t, 'editor');
    reviewer = await adminBrowser(t, 'admin');
  });
  afterAll(() => t.close());

  it('refuses the author’s own publish and approval with a 403 saying why; a second editor approves and publishes', async () => {
    const token = await t.tokenFor('editor');
    const p = await createProgrammeViaApi(t.http, token, programmeInput({ title: { ru: 'Под проверкой', en: null } }));
    const form = await author.agent.get(`/admin/programmes/${p.id}`).expect(200);
    expect(form.text).toContain('a second editor must approve it');
    await author.agent
      .post(`/admin/programmes/${p.id}`)
      .type('form')
      .send(formBody(editFormFields(form.text), { 'title.ru': 'Проверено' }))
      .expect(303);

    const mine = await author.agent.get(`/admin/programmes/${p.id}/pending`).expect(200);
    expect(mine.text).toContain('You wrote (part of) it, so you cannot approve or publish it yourself');
    expect(mine.text).not.toContain('Approve and publish');
    const publish = await author.agent
      .post(`/admin/programmes/${p.id}/pending/publish`)
      .type('form')
      .send({ _csrf: author.csrf, version: 'p1' });
    expect(publish.status).toBe(403);
    expect(publish.text).toContain('A second editor must approve this change before it goes live, and you wrote it');
    const approve = await author.agent
      .post(`/admin/programmes/${p.id}/pending/approve`)
      .type('form')
      .send({ _csrf: author.csrf, version: 'p1' });
    expect(approve.status).toBe(403);
    expect(approve.text).toContain('you cannot approve it');
    expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Под проверкой');

    const theirs = await reviewer.agent.get(`/admin/programmes/${p.id}/pending`).expect(200);
    expect(theirs.text).toContain('Approve and publish');
    expect(theirs.text).toContain('Approve (publish later)');
    await reviewer.agent
      .post(`/admin/programmes/${p.id}/pending/publish`)
      .type('form')
      .send({ _csrf: reviewer.csrf, version: 'p1' })
      .expect(303);
    expect((await request(t.http).get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Проверено');
  });
});
