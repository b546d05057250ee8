import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PublicUrls } from '@app/config';
import { AlertsService } from '@app/alerts';
import { SyntheticCatalogueService } from '@app/catalogue';
import { programmeInput, uniqueSlug } from '@app/testing';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Issue 26, the second round of probes of the running system (see README,
 * "Security probes"): each class of what did not hold, with a test that fails
 * on the code before its fix. The import, export and process probes are in
 * test/hardening-3.e2e-spec.ts.
 */
describe('hardening probes, round 2 (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  const api = () => request(t.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    [editor, admin] = await Promise.all([t.tokenFor('editor'), t.tokenFor('admin')]);
  });
  afterAll(() => t.close());

  describe('If-Match compares strongly, and no number means "any version"', () => {
    /** A record reached through a route that takes If-Match: how to change it, and how to read its version and content back. */
    interface Target {
      url: string;
      body?: Record<string, unknown>;
      token: string;
      /** The record as stored (version included): unchanged after a refused change. */
      read: () => Promise<unknown>;
      version: () => Promise<number>;
      /** What comes before the number in its ETag: `p` for a pending change (`"p3"`). */
      prefix?: string;
    }

    const programme = async (publish = false) => {
      const p = await createProgrammeViaApi(t.http, editor, programmeInput(), publish);
      const url = `/api/v1/admin/programmes/${p.id}`;
      const read = async () => (await api().get(url).set(as(editor)).expect(200)).body as { version: number };
      return { p, url, read };
    };

    /** A published programme with an open pending change (an editor's save of it), reached at …/pending-change. */
    const pendingChange = async (action: string, token: string, body?: Record<string, unknown>): Promise<Target> => {
      const { p, url, read: readLive } = await programme(true);
      await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Правка, ещё не опубликованная' } })
        .expect(202);
      const pendingUrl = `${url}/pending-change`;
      const readChange = async () => (await api().get(pendingUrl).set(as(editor)).expect(200)).body as { etag: string };
      return {
        url: action ? `${pendingUrl}/${action}` : pendingUrl,
        token,
        body,
        read: async () => ({ live: await readLive(), change: await readChange() }),
        version: async () => Number((await readChange()).etag.slice(1)),
        prefix: 'p',
      };
    };

    /** One fixture per route of the OpenAPI document that takes If-Match; a new such route fails the test until it has one. */
    const FIXTURES: Record<string, () => Promise<Target>> = {
      'patch /api/v1/admin/programmes/{id}': async () => {
        const { url, read } = await programme();
        return { url, token: editor, body: { summary: { ru: 'Чужая правка' } }, read, version: async () => (await read()).version };
      },
      'delete /api/v1/admin/programmes/{id}': async () => {
        const { url, read } = await programme();
        return { url, token: admin, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/publish': async () => {
        const { url, read } = await programme();
        return { url: `${url}/publish`, token: editor, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/unpublish': async () => {
        const { url, read } = await programme(true);
        return { url: `${url}/unpublish`, token: editor, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/archive': async () => {
        const { url, read } = await programme(true);
        return { url: `${url}/archive`, token: editor, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/restore': async () => {
        const { p, url, read } = await programme();
        await api().post(`${url}/archive`).set(as(editor)).set('If-Match', `"${p.version}"`).expect(200);
        return { url: `${url}/restore`, token: editor, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/revisions/{version}/restore': async () => {
        const { p, url, read } = await programme();
        await api()
          .patch(url)
          .set(as(editor))
          .set('If-Match', `"${p.version}"`)
          .send({ summary: { ru: 'Вторая версия' } })
          .expect(200);
        return { url: `${url}/revisions/1/restore`, token: editor, read, version: async () => (await read()).version };
      },
      'post /api/v1/admin/programmes/{id}/suggested-updates/{suggestionId}/apply': async () => {
        const { p, url, read } = await programme();
        const [{ id }] = await t.app
          .get(DataSource)
          .query<{ id: string }[]>(
            `INSERT INTO programme_suggested_update (programme_id, release, content_hash, input, changed_fields) VALUES ($1, 99, $2, $3, $4) RETURNING id`,
            [p.id, 'probe', JSON.stringify({ summary: { ru: 'Из каталога' } }), ['summary.ru']],
          );
        return { url: `${url}/suggested-updates/${id}/apply`, token: editor, read, version: async () => (await read()).version };
      },
      'patch /api/v1/admin/programmes/{id}/pending-change': async () =>
        pendingChange('', editor, { summary: { ru: 'Чужая правка правки' } }),
      'delete /api/v1/admin/programmes/{id}/pending-change': async () => pendingChange('', editor),
      // approved by someone who is not its author
      'post /api/v1/admin/programmes/{id}/pending-change/approve': async () => pendingChange('approve', admin),
      'post /api/v1/admin/programmes/{id}/pending-change/publish': async () => pendingChange('publish', editor),
      'post /api/v1/admin/programmes/{id}/pending-change/rebase': async () => pendingChange('rebase', editor, {}),
      'post /api/v1/admin/source-watch/programmes/{id}/confirm': async () => {
        const { p, read } = await programme();
        return {
          url: `/api/v1/admin/source-watch/programmes/${p.id}/confirm`,
          token: editor,
          body: {},
          read,
          version: async () => (await read()).version,
        };
      },
      'patch /api/v1/admin/organisations/{slug}': async () => organisation(),
      'delete /api/v1/admin/organisations/{slug}': async () => organisation(),
      'patch /api/v1/admin/taxonomy/{facet}/{code}': async () => term(),
      'delete /api/v1/admin/taxonomy/{facet}/{code}': async () => term(),
      'put /api/v1/admin/search/synonyms/{id}': async () => synonym(),
      'delete /api/v1/admin/search/synonyms/{id}': async () => synonym(),
    };

    async function organisation(): Promise<Target> {
      const slug = uniqueSlug('provider');
      await api()
        .post('/api/v1/admin/organisations')
        .set(as(admin))
        .send({ slug, name: { ru: 'Поставщик' } })
        .expect(201);
      const url = `/api/v1/admin/organisations/${slug}`;
      const read = async () => (await api().get(url).set(as(admin)).expect(200)).body as { version: number };
      return { url, token: admin, body: { name: { ru: 'Чужое имя' } }, read, version: async () => (await read()).version };
    }

    async function term(): Promise<Target> {
      const code = `probe_${Math.random().toString(36).slice(2, 8)}`;
      await api()
        .post('/api/v1/admin/taxonomy/industry')
        .set(as(admin))
        .send({ code, label: { ru: 'Отрасль' } })
        .expect(201);
      const url = `/api/v1/admin/taxonomy/industry/${code}`;
      const read = async () => {
        const all = (await api().get('/api/v1/admin/taxonomy').set(as(admin)).expect(200)).body as {
          facets: { facet: string; terms: { code: string; version: number }[] }[];
        };
        return all.facets.find((f) => f.facet === 'industry')!.terms.find((x) => x.code === code) ?? { version: -1 };
      };
      return { url, token: admin, body: { label: { ru: 'Чужая метка' } }, read, version: async () => (await read()).version };
    }

    async function synonym(): Promise<Target> {
      const r = Math.random().toString(36).slice(2, 8);
      const created = await api()
        .post('/api/v1/admin/search/synonyms')
        .set(as(admin))
        .send({ terms: [`probe${r}`, `sonde${r}`] })
        .expect(201);
      const url = `/api/v1/admin/search/synonyms/${created.body.id}`;
      const read = async () => (await api().get(url).set(as(admin)).expect(200)).body as { version: number };
      return { url, token: admin, body: { terms: [`probe${r}`, `feeler${r}`] }, read, version: async () => (await read()).version };
    }

    it('covers every route the OpenAPI document gives an If-Match header', async () => {
      const doc = (await api().get('/api/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match'))
          .map(([method]) => `${method} ${path}`),
      );
      expect(routes.sort()).toEqual(Object.keys(FIXTURES).sort());
    });

    it.each(Object.keys(FIXTURES))('%s: "0", "00", W/"0", W/"<current>" and "0<current>" are 412 and change nothing', async (route) => {
      const target = await FIXTURES[route]();
      const method = route.split(' ')[0] as 'patch' | 'post' | 'put' | 'delete';
      const before = await target.read();
      const current = await target.version();
      const x = target.prefix ?? '';
      for (const tag of [
        '"0"',
        '"00"',
        '"000000000"',
        'W/"0"',
        `W/"${x}${current}"`,
        `"${x}0${current}"`,
        `"${x}${current}", "${x}${current + 1}"`,
        '0',
        ...(x ? [`"${x}0"`, `W/"${x}0"`] : []),
      ]) {
        const req = api()[method](target.url).set(as(target.token)).set('If-Match', tag);
        const res = await (target.body ? req.send(target.body) : req);
        expect({ tag, status: res.status }).toEqual({ tag, status: 412 });
        expect(await target.read()).toEqual(before);
      }
      // the current strong ETag still works
      const req = api()[method](target.url).set(as(target.token)).set('If-Match', `"${x}${current}"`);
      expect((await (target.body ? req.send(target.body) : req)).status).toBeLessThan(300);
    });

    it('keeps If-Match: * as a deliberate overwrite of whatever version is current', async () => {
      const target = await FIXTURES['patch /api/v1/admin/programmes/{id}']();
      const before = await target.version();
      await api()
        .patch(target.url)
        .set(as(editor))
        .set('If-Match', '*')
        .send({ summary: { ru: 'Поверх' } })
        .expect(200);
      expect(await target.version()).toBe(before + 1);
    });
  });

  describe('links built from the request stay on the site', () => {
    const SITE = 'https://site.example';
    const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

    it.each(['//evil.example/login', '/\\evil.example', '///evil.example/x', '/\\/evil.example/x', '//evil.example/x?lang=en'])(
      'the 404 page for %s links only to this site (the language switch included)',
      async (path) => {
        const res = await api().get(path).set('Accept', 'text/html');
        expect(res.status).toBe(404);
        const links = hrefs(res.text);
        expect(links.length).toBeGreaterThan(2);
        for (const href of links) expect({ href, origin: new URL(href, SITE).origin }).toEqual({ href, origin: SITE });
        const switcher = /class="lang-switch" href="([^"]*)"/.exec(res.text)![1];
        expect(switcher).toMatch(/^\/[^/\\]/);
      },
    );

    /** Sends a request line as written (supertest always sends origin-form). */
    async function raw(requestLine: string): Promise<{ status: number; text: string }> {
      const server = t.app.getHttpServer() as import('node:http').Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`),
        );
        let data = '';
        socket.on('data', (d: Buffer) => (data += d.toString('utf8')));
        socket.on('error', reject);
        socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
      });
    }

    it('answers an absolute-form request target with the feed, its links built from PUBLIC_BASE_URL and the route', async () => {
      const res = await raw('GET http://evil.example/feed.atom?supportType=grant_subsidy HTTP/1.1');
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('evil.example');
      const base = t.app.get(PublicUrls).base;
      expect(res.text).toContain(`<link rel="self" href="${base}/feed.atom?supportType=grant_subsidy"/>`);
    });

    it('never takes a host from the request target into a link: the language switch and sign-in’s next', async () => {
      const page = await raw('GET http://evil.example//evil.example/x HTTP/1.1');
      expect(page.status).toBe(404);
      for (const href of hrefs(page.text)) expect(new URL(href, SITE).origin).toBe(SITE);
      const signIn = await raw('GET http://evil.example/admin/programmes HTTP/1.1');
      expect(signIn.status).toBe(303);
      expect(signIn.text).toMatch(/\r\nLocation: \/admin\/login\?next=%2Fadmin%2Fprogrammes\r\n/i);
    });
  });

  describe('the change feed', () => {
    const cursor = (raw: string) => Buffer.from(raw).toString('base64url');

    it('refuses a cursor ahead of the feed with a 400 naming since, instead of echoing it back as next', async () => {
      const forged = await api()
        .get(`/api/v1/changes?since=${cursor('99999999999.1')}`)
        .expect(400);
      expect(forged.body.details).toEqual([expect.objectContaining({ field: 'since' })]);
      // the newest real position is fine, and one past it is not
      const rows = await t.app
        .get(DataSource)
        .query<{ tx: string; id: string }[]>(
          `SELECT tx_id::text AS tx, id::text FROM programme_revision ORDER BY tx_id DESC, id DESC LIMIT 1`,
        );
      const [{ tx, id }] = rows;
      await api()
        .get(`/api/v1/changes?since=${cursor(`${tx}.${id}`)}`)
        .expect(200);
      await api()
        .get(`/api/v1/changes?since=${cursor(`${tx}.${BigInt(id) + 1n}`)}`)
        .expect(400);
      await api()
        .get(`/api/v1/changes?since=${cursor(`${BigInt(tx) + 1n}.1`)}`)
        .expect(400);
      // a consumer following next never gets a cursor the feed then refuses
      let since = '';
      for (let i = 0; i < 50; i++) {
        const page = (
          await api()
            .get(`/api/v1/changes?limit=1000${since ? `&since=${since}` : ''}`)
            .expect(200)
        ).body;
        since = page.next;
        if (!page.hasMore) break;
      }
      await api().get(`/api/v1/changes?since=${since}`).expect(200);
    });
  });

  describe('unknown routes, wrong methods and missing bodies', () => {
    it('answers a known path asked with a method it does not take with 405 and Allow, for every route', async () => {
      const router = (
        t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
      ).router;
      const byPath = new Map<string, Set<string>>();
      for (const layer of router.stack) {
        // the interactive API docs' assets are swagger-ui's own, served before any route
        if (!layer.route || layer.route.path.includes('*') || layer.route.path.startsWith('/api/docs')) continue;
        const path = layer.route.path.replace(/:[a-zA-Z]+/g, 'x');
        for (const m of Object.keys(layer.route.methods)) (byPath.get(path) ?? byPath.set(path, new Set()).get(path)!).add(m.toUpperCase());
      }
      expect(byPath.size).toBeGreaterThan(50);
      for (const [path, methods] of byPath) {
        const wrong = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].find((m) => !methods.has(m))!;
        const res = await (api() as unknown as Record<string, (p: string) => request.Test>)
          [wrong.toLowerCase()](path)
          .set('Accept', 'application/json');
        expect({ path, wrong, status: res.status }).toEqual({ path, wrong, status: 405 });
        const allow = String(res.headers.allow).split(', ');
        for (const m of methods) expect(allow).toContain(m);
        expect(res.body).toMatchObject({ statusCode: 405, code: 'METHOD_NOT_ALLOWED' });
      }
      // an unknown path is still a 404, and a page's wrong method is a page
      await api().delete('/no/such/page').expect(404);
      const page = await api().delete('/match').set('Accept', 'text/html').expect(405);
      expect(page.headers['content-type']).toMatch(/text\/html/);
    });

    it('answers an unknown sub-route of a programme with 404 before asking for If-Match', async () => {
      const p = await createProgrammeViaApi(t.http, editor, programmeInput(), false);
      for (const action of ['anything', 'delete', 'publish2', 'publish/x']) {
        const res = await api().post(`/api/v1/admin/programmes/${p.id}/${action}`).set(as(editor));
        expect({ action, status: res.status }).toEqual({ action, status: 404 });
      }
      // a sub-route that exists for another method is a 405
      expect((await api().post(`/api/v1/admin/programmes/${p.id}/revisions`).set(as(editor))).status).toBe(405);
      // the known moves still want If-Match
      await api().post(`/api/v1/admin/programmes/${p.id}/publish`).set(as(editor)).expect(428);
    });

    it.each([
      ['/api/v1/match', undefined],
      ['/api/v1/match', ''],
      ['/api/v1/auth/login', undefined],
    ])('answers POST %s without a body (%j) with a 400 naming the body', async (path, body) => {
      const req = api().post(path);
      const res = await (body === undefined ? req : req.set('Content-Type', 'application/json').send(body));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
    });

    it('still takes an empty JSON object where every field is optional', async () => {
      await api().post('/api/v1/match').send({}).expect(200);
    });
  });

  describe('a refused export costs nothing', () => {
    let big: TestApp;
    beforeAll(async () => {
      big = await createTestApp({ env: { API_RATE_LIMIT_ANONYMOUS: '3' } });
      await big.app.get(SyntheticCatalogueService).generate(400, 7);
    }, 120_000);
    afterAll(() => big.close());

    it('leaves the client the budget it had: a whole-catalogue export refused, then searches still answered', async () => {
      const refused = await request(big.http).get('/api/v1/programmes.csv').expect(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', details: { cost: expect.any(Number) } });
      expect(refused.body.details.cost).toBeGreaterThan(3);
      // the refused export cost its own request (1 of 3), nothing more
      const next = await request(big.http).get('/api/v1/programmes?perPage=1').expect(200);
      expect(next.headers['x-ratelimit-remaining']).toBe('1');
      await request(big.http).get('/api/v1/programmes?perPage=1').expect(200);
      await request(big.http).get('/api/v1/programmes?perPage=1').expect(429);
    });
  });

  describe('public views and the feed show only public relations', () => {
    /** The feed's position after everything so far. */
    async function feedEnd(): Promise<string> {
      let since = '';
      for (;;) {
        const page = (
          await api()
            .get(`/api/v1/changes?limit=1000${since ? `&since=${since}` : ''}`)
            .expect(200)
        ).body;
        since = page.next;
        if (!page.hasMore) return since;
      }
    }
    const eventsSince = async (since: string) =>
      (await api().get(`/api/v1/changes?limit=1000&since=${since}`).expect(200)).body.events as {
        type: string;
        slug: string;
        programme?: { parent: string | null };
      }[];

    it('never shows a draft parent: not in the programme, the export or the feed, and its renames make no public event', async () => {
      const parent = await createProgrammeViaApi(t.http, editor, programmeInput(), false);
      const child = await createProgrammeViaApi(t.http, editor, programmeInput({ parent: parent.slug }));
      expect(child.parent).toBe(parent.slug); // editors see it
      const publicChild = async () => (await api().get(`/api/v1/programmes/${child.slug}`).expect(200)).body as { parent: string | null };
      expect((await publicChild()).parent).toBeNull();
      const exported = (await api().get('/api/v1/programmes.ndjson').expect(200)).text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(exported.find((p: { slug: string }) => p.slug === child.slug).parent).toBeNull();
      const all = await eventsSince('');
      expect(JSON.stringify(all)).not.toContain(parent.slug);

      // the draft is renamed: nothing public changed, so no event
      const mark = await feedEnd();
      const renamed = uniqueSlug('renamed-draft');
      const current = (await api().get(`/api/v1/admin/programmes/${parent.id}`).set(as(editor)).expect(200)).body;
      await api()
        .patch(`/api/v1/admin/programmes/${parent.id}`)
        .set(as(editor))
        .set('If-Match', `"${current.version}"`)
        .send({ slug: renamed })
        .expect(200);
      expect(await eventsSince(mark)).toEqual([]);
      expect((await publicChild()).parent).toBeNull();

      // published: the child now shows it, and says so in the feed
      const published = await api()
        .post(`/api/v1/admin/programmes/${parent.id}/publish`)
        .set(as(editor))
        .set('If-Match', `"${current.version + 1}"`)
        .expect(200);
      expect((await publicChild()).parent).toBe(renamed);
      const shown = (await eventsSince(mark)).filter((e) => e.slug === child.slug);
      expect(shown).toEqual([expect.objectContaining({ type: 'updated', programme: expect.objectContaining({ parent: renamed }) })]);

      // unpublished again: gone from the child, in the feed too
      const mark2 = await feedEnd();
      await api()
        .post(`/api/v1/admin/programmes/${parent.id}/unpublish`)
        .set(as(editor))
        .set('If-Match', published.headers.etag)
        .expect(200);
      expect((await publicChild()).parent).toBeNull();
      const hidden = (await eventsSince(mark2)).filter((e) => e.slug === child.slug);
      expect(hidden).toEqual([expect.objectContaining({ type: 'updated', programme: expect.objectContaining({ parent: null }) })]);
    });
  });

  describe('search alerts', () => {
    let site: TestApp;
    const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
      site.app.get(DataSource).query(text, params);
    /** A form post from a client address of its own (TRUST_PROXY: X-Forwarded-For names it). */
    const subscribe = (email: string, client: string, query = 'supportType=grant_subsidy', headers: Record<string, string> = {}) =>
      request(site.http)
        .post('/alerts')
        .set('X-Forwarded-For', client)
        .set(headers)
        .type('form')
        .send({ email, frequency: 'daily', query, lang: 'ru' });
    const confirmations = (like: string) =>
      sql<{ recipient: string; text_body: string }>(
        `SELECT recipient, text_body FROM mail_message WHERE kind = 'confirm' AND recipient ILIKE $1`,
        [like],
      );

    beforeAll(async () => {
      site = await createTestApp({ env: { ALERTS_PER_ADDRESS_PER_DAY: '3', ALERTS_PER_CLIENT_PER_HOUR: '20', TRUST_PROXY: 'true' } });
    });
    afterAll(() => site.close());

    it('counts an address by the mailbox it is delivered to: quoted, escaped, tagged and capitalised variants share one budget', async () => {
      const variants = [
        'victim@example.org',
        '"vi\\ctim"@example.org',
        '"victim"@example.org',
        'victim+alerts@example.org',
        'Victim@Example.ORG',
        'VICTIM+x@example.org',
      ];
      const statuses: number[] = [];
      for (const [i, email] of variants.entries()) statuses.push((await subscribe(email, `10.0.1.${i}`)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
      const sent = await confirmations('%victim%@example.org');
      expect(sent).toHaveLength(3);
      // kept and sent as the mailer delivers it, never as typed
      for (const m of sent) expect(m.recipient).not.toMatch(/["\\]/);
    });

    it('holds the limits under parallel requests: 30 at once for one address, 60 at once from one client', async () => {
      const one = await Promise.all(Array.from({ length: 30 }, (_, i) => subscribe('parallel@example.org', `10.0.2.${i}`)));
      expect(one.filter((r) => r.status === 200)).toHaveLength(3);
      expect(await confirmations('parallel@example.org')).toHaveLength(3);
      const many = await Promise.all(Array.from({ length: 60 }, (_, i) => subscribe(`crowd-${i}@example.org`, '10.0.3.1')));
      expect(many.filter((r) => r.status === 200)).toHaveLength(20);
      expect(await confirmations('crowd-%@example.org')).toHaveLength(20);
    });

    it('refuses a form another site’s page posts, and nothing is stored', async () => {
      const forged: Record<string, string>[] = [
        { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
      ];
      for (const [i, headers] of forged.entries()) {
        const res = await subscribe(`forged-${i}@example.org`, `10.0.4.${i}`, 'supportType=grant_subsidy', {
          Accept: 'text/html',
          ...headers,
        });
        expect({ headers, status: res.status }).toEqual({ headers, status: 403 });
        expect(res.text).toContain('только со страницы нашего сайта');
      }
      expect(await confirmations('forged-%')).toHaveLength(0);
      // the site's own page, a browser without Sec-Fetch-Site, and a client that is no browser
      const host = { Host: 'site.example' };
      await subscribe('own-1@example.org', '10.0.5.1', 'q=кредит', { 'Sec-Fetch-Site': 'same-origin' }).expect(200);
      await subscribe('own-2@example.org', '10.0.5.2', 'q=кредит', { ...host, Origin: 'https://site.example' }).expect(200);
      await subscribe('own-3@example.org', '10.0.5.3', 'q=кредит').expect(200);
      // one-click unsubscribe (RFC 8058) comes from mail clients, wherever they run: it needs the secret link only
      const [{ manage_token }] = await sql<{ manage_token: string }>(
        `SELECT manage_token FROM search_alert WHERE email = 'own-3@example.org'`,
      );
      await request(site.http)
        .post(`/alerts/unsubscribe/${manage_token}`)
        .set({ Origin: 'https://mail.example', 'Sec-Fetch-Site': 'cross-site' })
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(await sql(`SELECT 1 FROM search_alert WHERE email = 'own-3@example.org'`)).toHaveLength(0);
    });

    it('checks after as a cursor, and describes the search in the mail in words, never as a link', async () => {
      await subscribe('cursor@example.org', '10.0.6.1', `q=кредит&after=${'x'.repeat(400)}`).expect(400);
      const bait = 'ваша льгота приостановлена звоните 8-800-000-00-00 срочно '.repeat(4).slice(0, 200);
      await subscribe('words@example.org', '10.0.6.2', `q=${encodeURIComponent(bait)}&supportType=grant_subsidy&status=open`).expect(200);
      const [mail] = await confirmations('words@example.org');
      const links = mail.text_body.match(/https?:\/\/\S+/g) ?? [];
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(/\/alerts\/confirm\/[A-Za-z0-9_-]+$/);
      expect(mail.text_body).toContain('- Запрос: «ваша льгота приостановлена');
      expect(mail.text_body).toMatch(/- Вид поддержки: [^;\n]*[Гг]рант/);
      expect(mail.text_body).toContain('- Приём заявок: ');
      expect(mail.text_body).not.toContain(bait); // quoted, and cut short
    });

    it('expires confirmation links after 7 days and deletes the unconfirmed subscriptions with their addresses', async () => {
      await subscribe('late@example.org', '10.0.7.1').expect(200);
      await subscribe('kept@example.org', '10.0.7.2').expect(200);
      const [{ text_body }] = await confirmations('late@example.org');
      const confirmPath = /\/alerts\/confirm\/[A-Za-z0-9_-]+/.exec(text_body)![0];
      await sql(`UPDATE search_alert SET created_at = now() - interval '8 days' WHERE email IN ('late@example.org', 'kept@example.org')`);
      await sql(`UPDATE search_alert SET confirmed_at = now() WHERE email = 'kept@example.org'`);
      expect((await request(site.http).post(confirmPath).expect(404)).text).toContain('Ссылка недействительна или устарела');
      expect(await site.app.get(AlertsService).pruneUnconfirmed()).toBeGreaterThanOrEqual(1);
      expect(await sql(`SELECT email FROM search_alert WHERE email IN ('late@example.org', 'kept@example.org')`)).toEqual([
        { email: 'kept@example.org' },
      ]);
    });
  });
});
