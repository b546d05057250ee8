import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { moscowDay } from '@app/catalogue';
import { createTestDatabase, freePort, programmeInput, uniqueSlug } from '@app/testing';
import { JobScheduler } from '../apps/worker/src/job-scheduler';
import { SourceWatchJob, type SourceWatchPass, type WatchItemView } from '@app/source-watch';
import { framedPage, LocalSite, seedWithoutProgrammes } from './support/local-site';
import { adminBrowser, csrfOf } from './support/admin-web';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, type TestApp } from './support/test-app';

const DELAY_MS = 150;
const TIMEOUT_MS = 1200;

/** A source citing `url` (key, publisher and kind as an editor would give them). */
const source = (key: string, url: string) => ({
  key,
  title: { ru: `Страница ${key}` },
  url,
  publisher: 'Портал',
  kind: 'official',
  publishedOn: '2026-01-15',
});

interface QueueEntry {
  programme: { id: string; slug: string; version: number };
  items: WatchItemView[];
}

/**
 * The source watch against local web sites (two hosts on loopback) whose pages change, redirect,
 * vanish, answer slowly, huge or in binary; the queue editors see over the admin API; confirming an
 * entry (a revision that sets checkedOn) and dismissing an item.
 */
describe('source watch', () => {
  let t: TestApp;
  let a: LocalSite;
  let b: LocalSite;
  let token: string;
  let job: SourceWatchJob;
  let watchedP1: { id: string; slug: string };
  let watchedP2: { id: string; slug: string };
  let watchedP3: { id: string; slug: string };
  let watchedP4: { id: string; slug: string };
  const passes: SourceWatchPass[] = [];

  const api = (path: string) => request(t.http).get(`/api/v1/admin/source-watch${path}`).set('Authorization', `Bearer ${token}`);
  const queue = async (): Promise<QueueEntry[]> => (await api('?perPage=100').expect(200)).body.entries;
  const itemsOf = async (programmeId: string): Promise<Record<string, WatchItemView>> => {
    const entry = (await queue()).find((e) => e.programme.id === programmeId);
    return Object.fromEntries(
      (entry?.items ?? []).map((i) => [new URL(i.url).pathname + (new URL(i.url).host.startsWith('no-such') ? '@dns' : ''), i]),
    );
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([LocalSite.start('127.0.0.1'), LocalSite.start('127.0.0.2')]);
    t = await createTestApp({
      seed: false,
      env: {
        PUBLIC_BASE_URL: 'https://navigator.example',
        SOURCE_WATCH_HOST_DELAY_MS: String(DELAY_MS),
        SOURCE_WATCH_TIMEOUT_MS: String(TIMEOUT_MS),
        SOURCE_WATCH_RECHECK_HOURS: '0',
        SOURCE_WATCH_BATCH: '100',
      },
    });
    await seedWithoutProgrammes(t);
    token = await t.tokenFor('editor');
    job = t.app.get(SourceWatchJob);

    // host A: a grant page whose text will change; a page that only rotates tokens and timestamps in its markup;
    // validators (ETag, Last-Modified) answered with 304; pages that will redirect and vanish
    a.page('/grant', framedPage('Грант', '<h1>Грант «Старт»</h1><p>Сумма гранта до 5 млн рублей. Приём заявок до 30.03.2026.</p>'));
    a.page('/tokens', framedPage('Заём', '<h1>Льготный заём</h1><p>Ставка 3% годовых.</p>'));
    a.routes.set('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { ETag: '"v1"' }).end();
      res.writeHead(200, { 'Content-Type': 'text/html', ETag: '"v1"' }).end('<p>Страница с ETag</p>');
    });
    const modified = 'Mon, 01 Dec 2026 09:00:00 GMT';
    a.routes.set('/lastmod', (req, res) => {
      if (req.headers['if-modified-since'] === modified) return void res.writeHead(304).end();
      res.writeHead(200, { 'Content-Type': 'text/html', 'Last-Modified': modified }).end('<p>Страница с датой изменения</p>');
    });
    for (const path of ['/moving', '/temporary', '/gone', '/gone410']) a.page(path, `<main><p>Страница ${path}</p></main>`);
    a.page('/new-home', '<main><p>Страница /moving</p></main>');
    a.page('/elsewhere', '<main><p>Другая страница</p></main>');
    a.redirect('/slash', 301, '/slash/');
    a.page('/slash/', '<main><p>Со слэшем</p></main>');
    const bytes = randomBytes(50_000);
    a.routes.set('/binary', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(bytes));
    a.routes.set('/huge', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      const chunk = `<p>${'огромная страница '.repeat(3000)}</p>`;
      let sent = 0;
      const more = () => {
        while (sent < 10 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    // host B: a news page that will change, a page that never finishes, a page that keeps failing
    b.page('/news', framedPage('Новость', '<article><h1>Фонд продлил приём заявок</h1><p>Заявки принимаются до 1 марта.</p></article>'));
    b.routes.set('/slow', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const drip = setInterval(() => res.write('<p>.'), 100);
      res.on('close', () => clearInterval(drip));
    });
    b.status('/flaky', 500);

    const create = async (sources: ReturnType<typeof source>[], publish = false) =>
      createProgrammeViaApi(t.http, token, programmeInput({ slug: uniqueSlug('watched'), curation: { sources } }), publish);
    watchedP1 = await create([source('grant', a.url('/grant')), source('tokens', a.url('/tokens')), source('etag', a.url('/etag'))], true);
    watchedP2 = await create([
      source('moving', a.url('/moving')),
      source('temporary', a.url('/temporary')),
      source('gone', a.url('/gone')),
      source('gone410', a.url('/gone410')),
      source('dns', 'http://no-such-host.invalid/page'),
    ]);
    watchedP3 = await create([
      source('news', b.url('/news')),
      source('slow', b.url('/slow')),
      source('flaky', b.url('/flaky')),
      source('binary', a.url('/binary')),
      source('huge', a.url('/huge')),
      source('lastmod', a.url('/lastmod')),
      source('slash', a.url('/slash')),
    ]);
    // a second entry citing the grant page
    watchedP4 = await create([source('grant-too', a.url('/grant'))]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('reads every page once as a baseline: only a missing host is reported', async () => {
    passes.push(await job.run());
    expect(passes[0]).toMatchObject({ claimed: 15, read: 15, baseline: 12, vanished: 1, failed: 2, networkDown: false });
    const entries = await queue();
    expect(entries.map((e) => e.programme.id)).toEqual([watchedP2.id]);
    expect(entries[0].items).toEqual([
      expect.objectContaining({
        url: 'http://no-such-host.invalid/page',
        kind: 'vanished',
        sourceKeys: ['dns'],
        now: expect.objectContaining({ status: null, error: expect.stringMatching(/ENOTFOUND/) }),
      }),
    ]);
  });

  it('sends a User-Agent naming the site and its address, never two requests at once to one host, and waits between them', () => {
    for (const site of [a, b]) {
      const log = [...site.requests].sort((x, y) => x.start - y.start);
      expect(log.length).toBeGreaterThan(2);
      for (const r of log) expect(r.headers['user-agent']).toMatch(/SupportNavigatorSourceWatch\/1\.0; \+https:\/\/navigator\.example\)/);
      for (let i = 1; i < log.length; i++) {
        // one at a time; the pause after a redirect is the redirect being followed, part of one reading
        expect(log[i].start).toBeGreaterThanOrEqual(log[i - 1].end);
        if (![301, 302, 303, 307, 308].includes(log[i - 1].status))
          expect(log[i].start - log[i - 1].end).toBeGreaterThanOrEqual(DELAY_MS - 5);
      }
    }
  });

  it('gives up on a page that never finishes and stops reading a huge one, storing a bounded text', async () => {
    const ds = t.app.get(DataSource);
    const rows = await ds.query<{ url: string; error: string | null; failures: number; len: number | null }[]>(
      `SELECT url, error, failures, length(page_text) AS len FROM source_watch WHERE url = ANY($1) ORDER BY url`,
      [[b.url('/slow'), a.url('/huge'), a.url('/binary')]],
    );
    const byPath = Object.fromEntries(rows.map((r) => [new URL(r.url).pathname, r]));
    expect(byPath['/slow']).toMatchObject({ error: `no complete answer within ${TIMEOUT_MS} ms`, failures: 1 });
    expect(byPath['/huge'].len).toBeLessThanOrEqual(20_000);
    expect(byPath['/binary']).toMatchObject({ error: null, len: null });
    // the huge page's connection was dropped after about 2 MB, not read to its 10 MB end
    const huge = a.hits('/huge')[0];
    expect(huge.end - huge.start).toBeLessThan(TIMEOUT_MS);
  });

  it('after pages change, redirect and vanish, the queue shows each with what changed', async () => {
    a.page('/grant', framedPage('Грант', '<h1>Грант «Старт»</h1><p>Сумма гранта до 7 млн рублей. Приём заявок до 15.04.2026.</p>'));
    b.page('/news', framedPage('Новость', '<article><h1>Фонд продлил приём заявок</h1><p>Заявки принимаются до 1 апреля.</p></article>'));
    a.redirect('/moving', 301, '/new-home');
    a.redirect('/temporary', 302, '/elsewhere?from=temporary');
    a.status('/gone', 404);
    a.status('/gone410', 410);
    const before = { etag: a.hits('/etag').length, lastmod: a.hits('/lastmod').length };
    passes.push(await job.run());
    expect(passes[1]).toMatchObject({ read: 15, changed: 2, moved: 2, vanished: 2, networkDown: false });

    // conditional requests: the validators of the last reading went along, and the 304s counted as unchanged
    const etag = a.hits('/etag').slice(before.etag);
    expect(etag.map((r) => [r.headers['if-none-match'], r.status])).toEqual([['"v1"', 304]]);
    const lastmod = a.hits('/lastmod').slice(before.lastmod);
    expect(lastmod.map((r) => [r.headers['if-modified-since'], r.status])).toEqual([['Mon, 01 Dec 2026 09:00:00 GMT', 304]]);
    expect(passes[1].notModified).toBe(2);

    const p1 = await itemsOf(watchedP1.id);
    expect(Object.keys(p1)).toEqual(['/grant']); // not the page whose markup only rotated tokens and times, not the 304
    expect(p1['/grant']).toMatchObject({ kind: 'changed', sourceKeys: ['grant'], now: { status: 200, title: 'Грант' } });
    const words = p1['/grant'].diff!.parts.map((p) => `${p.op}:${p.text}`);
    expect(words).toEqual(expect.arrayContaining(['removed:5', 'added:7', 'removed:30.03.2026.', 'added:15.04.2026.']));
    expect(p1['/grant'].diff).toMatchObject({ added: 2, removed: 2, truncated: false });
    expect(Object.keys(await itemsOf(watchedP4.id))).toEqual(['/grant']);

    const p2 = await itemsOf(watchedP2.id);
    expect(p2['/moving']).toMatchObject({ kind: 'moved', movedTo: a.url('/new-home'), now: { status: 200 } });
    expect(p2['/temporary']).toMatchObject({ kind: 'moved', movedTo: a.url('/elsewhere?from=temporary') });
    expect(p2['/gone']).toMatchObject({ kind: 'vanished', now: { status: 404, error: 'HTTP 404' }, before: { status: 200 } });
    expect(p2['/gone410']).toMatchObject({ kind: 'vanished', now: { status: 410 } });
    expect(p2['/page@dns']).toMatchObject({ kind: 'vanished' });

    const p3 = await itemsOf(watchedP3.id);
    expect(Object.keys(p3).sort()).toEqual(['/news']); // the trailing-slash redirect, the binary file and the huge page are unchanged
    expect(p3['/news'].diff!.parts.filter((p) => p.op !== 'same' && p.op !== 'gap')).toEqual([
      { op: 'removed', text: 'марта.' },
      { op: 'added', text: 'апреля.' },
    ]);
  });

  it('counts a page that keeps failing as vanished on the third failed reading', async () => {
    expect((await itemsOf(watchedP3.id))['/flaky']).toBeUndefined();
    passes.push(await job.run());
    const p3 = await itemsOf(watchedP3.id);
    expect(p3['/flaky']).toMatchObject({ kind: 'vanished', now: { status: 500, error: 'HTTP 500', failures: 3 } });
    expect(p3['/slow']).toMatchObject({ kind: 'vanished', now: { status: null, failures: 3 } });
    // nothing else was news this time
    expect(passes[2]).toMatchObject({ changed: 0, moved: 0, vanished: 2 });
  });

  it('the admin page lists each entry with what changed, where it moved and what is gone', async () => {
    const editor = await adminBrowser(t, 'editor');
    const page = (await editor.agent.get('/admin/source-watch').expect(200)).text;
    expect(page).toContain('<h2 id="queue-h">4 entries to check</h2>');
    const entry = (id: string) =>
      page.slice(page.indexOf(`id="entry-${id}"`), page.indexOf('</section>', page.indexOf(`id="entry-${id}"`)));
    const grant = entry(watchedP1.id);
    expect(grant).toContain('Page changed');
    expect(grant).toMatch(
      /<del><span class="vh">\[removed: <\/span>5<span class="vh">\]<\/span><\/del> <ins><span class="vh">\[added: <\/span>7<span class="vh">\]<\/span><\/ins>/,
    );
    expect(grant).toMatch(/<input type="checkbox" name="sources" value="grant" checked>/);
    const moved = entry(watchedP2.id);
    expect(moved).toContain('Page moved');
    expect(moved).toContain(`<dt>Now leads to</dt><dd><a href="${a.url('/new-home')}"`);
    expect(moved).toContain(`<a href="${a.url('/elsewhere?from=temporary')}"`);
    expect(moved).toMatch(/Page gone[\s\S]*HTTP 404/);
    expect(moved).toContain('HTTP 410');
    expect(moved).toMatch(/no answer: getaddrinfo ENOTFOUND no-such-host\.invalid/);
    const news = entry(watchedP3.id);
    expect(news).toMatch(
      /<del><span class="vh">\[removed: <\/span>марта\.<span class="vh">\]<\/span><\/del> <ins><span class="vh">\[added: <\/span>апреля\.<span class="vh">\]<\/span><\/ins>/,
    );
    expect(news).toContain('<dt>Failed readings in a row</dt><dd>3</dd>');
    // the edit page links to the entry's sources
    expect((await editor.agent.get(`/admin/programmes/${watchedP2.id}`).expect(200)).text).toContain(
      `href="/admin/source-watch/programmes/${watchedP2.id}"`,
    );
  });

  it("shows one entry's sources with the latest reading of each page", async () => {
    const res = await api(`/programmes/${watchedP2.id}`).expect(200);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const moving = res.body.sources.find((s: { key: string }) => s.key === 'moving');
    expect(moving).toMatchObject({
      url: a.url('/moving'),
      checkedOn: null,
      reading: { status: 200, movedTo: a.url('/new-home'), vanished: false },
    });
    expect(res.body.items).toHaveLength(5);
  });

  it('confirming an entry sets checkedOn today on the sources in the queue, as a revision, and takes them off the queue', async () => {
    const current = await request(t.http)
      .get(`/api/v1/admin/programmes/${watchedP1.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const confirm = () =>
      request(t.http).post(`/api/v1/admin/source-watch/programmes/${watchedP1.id}/confirm`).set('Authorization', `Bearer ${token}`);
    await confirm().send({}).expect(428);
    await confirm()
      .set('If-Match', `"${current.body.version - 1}"`)
      .send({})
      .expect(412);
    const unknown = await confirm()
      .set('If-Match', current.headers.etag)
      .send({ sources: ['nope'] })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'sources', messages: ['no source with the key nope'] }]);

    const res = await confirm().set('If-Match', current.headers.etag).send({}).expect(200);
    const today = moscowDay(new Date());
    expect(res.headers.etag).toBe(`"${current.body.version + 1}"`);
    expect(res.body.curation.sources.map((s: { key: string; checkedOn: string | null }) => [s.key, s.checkedOn])).toEqual([
      ['grant', today],
      ['tokens', null],
      ['etag', null],
    ]);
    const revisions = await request(t.http)
      .get(`/api/v1/admin/programmes/${watchedP1.id}/revisions`)
      .set('Authorization', `Bearer ${token}`);
    expect(revisions.body[0]).toMatchObject({
      version: current.body.version + 1,
      action: 'update',
      changedFields: expect.arrayContaining(['curation.sources']),
    });
    // the public page says when the source was last checked
    const published = await request(t.http).get(`/api/v1/programmes/${watchedP1.slug}`).expect(200);
    expect(published.body.curation.lastCheckedOn).toBe(today);

    expect((await queue()).map((e) => e.programme.id)).not.toContain(watchedP1.id);
    // the other entry citing the same page still waits for its own editor
    expect(Object.keys(await itemsOf(watchedP4.id))).toEqual(['/grant']);
  });

  it('dismissing an item takes it off the queue without changing the entry', async () => {
    const [item] = Object.values(await itemsOf(watchedP4.id));
    const before = await request(t.http).get(`/api/v1/admin/programmes/${watchedP4.id}`).set('Authorization', `Bearer ${token}`);
    const dismiss = () =>
      request(t.http).post(`/api/v1/admin/source-watch/items/${item.id}/dismiss`).set('Authorization', `Bearer ${token}`);
    await dismiss().expect(204);
    await dismiss().expect(404);
    expect((await queue()).map((e) => e.programme.id)).not.toContain(watchedP4.id);
    const after = await request(t.http).get(`/api/v1/admin/programmes/${watchedP4.id}`).set('Authorization', `Bearer ${token}`);
    expect(after.body.version).toBe(before.body.version);
    await request(t.http).post('/api/v1/admin/source-watch/items/not-a-uuid/dismiss').set('Authorization', `Bearer ${token}`).expect(400);
  });

  it('a later change is compared with what the editor confirmed', async () => {
    a.page('/grant', framedPage('Грант', '<h1>Грант «Старт»</h1><p>Сумма гранта до 7 млн рублей. Приём заявок завершён.</p>'));
    passes.push(await job.run());
    const p1 = await itemsOf(watchedP1.id);
    const changes = p1['/grant'].diff!.parts.filter((p) => p.op === 'added' || p.op === 'removed');
    expect(changes).toEqual([
      { op: 'removed', text: 'до 15.04.2026.' },
      { op: 'added', text: 'завершён.' },
    ]);
    // the dismissed entry hears of the new change too
    expect(Object.keys(await itemsOf(watchedP4.id))).toEqual(['/grant']);
  });

  it('an editor confirms an entry and dismisses an item on the pages', async () => {
    const editor = await adminBrowser(t, 'editor');
    const page = (await editor.agent.get(`/admin/source-watch/programmes/${watchedP2.id}`).expect(200)).text;
    // the pages waiting are ticked, the rest of the sources are offered
    expect(page).toMatch(/value="moving" checked/);
    const csrf = csrfOf(page);
    const version = /name="version" value="(\d+)"/.exec(page)![1];
    // nothing ticked: refused, nothing saved
    const none = await editor.agent
      .post(`/admin/source-watch/programmes/${watchedP2.id}/confirm`)
      .type('form')
      .send({ _csrf: csrf, version, back: 'entry' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('tick at least one source you checked the entry against');
    // a stale version: refused with the current state shown
    const stale = await editor.agent
      .post(`/admin/source-watch/programmes/${watchedP2.id}/confirm`)
      .type('form')
      .send(`_csrf=${csrf}&version=${Number(version) - 1}&back=entry&sources=moving`);
    expect(stale.status).toBe(412);
    const ok = await editor.agent
      .post(`/admin/source-watch/programmes/${watchedP2.id}/confirm`)
      .type('form')
      .send(`_csrf=${csrf}&version=${version}&back=queue&sources=moving&sources=temporary`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/admin/source-watch?done=confirmed');
    const p2 = (await request(t.http).get(`/api/v1/admin/programmes/${watchedP2.id}`).set('Authorization', `Bearer ${token}`)).body;
    const today = moscowDay(new Date());
    expect(
      p2.curation.sources.filter((s: { checkedOn: string | null }) => s.checkedOn === today).map((s: { key: string }) => s.key),
    ).toEqual(['moving', 'temporary']);
    const left = await itemsOf(watchedP2.id);
    expect(Object.keys(left).sort()).toEqual(['/gone', '/gone410', '/page@dns']);

    const dismissed = await editor.agent
      .post(`/admin/source-watch/items/${left['/gone'].id}/dismiss`)
      .type('form')
      .send({ _csrf: csrf, back: 'entry' });
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.location).toBe(`/admin/source-watch/programmes/${watchedP2.id}?done=dismissed`);
    expect(Object.keys(await itemsOf(watchedP2.id)).sort()).toEqual(['/gone410', '/page@dns']);
    const again = await editor.agent.post(`/admin/source-watch/items/${left['/gone'].id}/dismiss`).type('form').send({ _csrf: csrf });
    expect(again.status).toBe(404);
  });
});

describe('source watch without a network', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      seed: false,
      env: { SOURCE_WATCH_RECHECK_HOURS: '0', SOURCE_WATCH_BATCH: '2', SOURCE_WATCH_HOST_DELAY_MS: '0' },
    });
    await seedWithoutProgrammes(t);
    const token = await t.tokenFor('editor');
    const closed = await freePort();
    await createProgrammeViaApi(
      t.http,
      token,
      programmeInput({
        curation: {
          sources: [
            source('a', 'http://no-such-host.invalid/a'),
            source('b', 'http://also-no-such-host.invalid/b'),
            source('c', `http://127.0.0.1:${closed}/c`),
          ],
        },
      }),
      false,
    );
  });
  afterAll(() => t?.close());

  it('counts nothing against pages when none answered, logs one warning a pass, and reads the oldest first in bounded batches', async () => {
    const job = t.app.get(SourceWatchJob);
    const warn = jest.spyOn(job['logger'], 'warn');
    const ds = t.app.get(DataSource);
    const first = await job.run();
    expect(first).toMatchObject({ claimed: 2, read: 2, failed: 2, vanished: 0, networkDown: true, queued: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][1])).toMatch(/none of 2 pages answered \(.*(ENOTFOUND|ECONNREFUSED).*\).*nothing was counted/);
    const read1 = await ds.query<{ url: string }[]>(`SELECT url FROM source_watch WHERE checked_at IS NOT NULL ORDER BY url`);
    const [closedUrl, other, never] = (await ds.query<{ url: string }[]>(`SELECT url FROM source_watch ORDER BY url`)).map((r) => r.url);
    expect(read1.map((r) => r.url)).toEqual([closedUrl, other]);
    expect(never).toBe('http://no-such-host.invalid/a');
    // the page never read comes first
    const stamps = await ds.query<{ url: string; checkedAt: Date }[]>(`SELECT url, checked_at AS "checkedAt" FROM source_watch`);
    await job.run();
    const after = await ds.query<{ url: string; checkedAt: Date }[]>(`SELECT url, checked_at AS "checkedAt" FROM source_watch`);
    const reread = after.filter((r) => {
      const was = stamps.find((x) => x.url === r.url)?.checkedAt;
      return !was || was.getTime() !== r.checkedAt.getTime();
    });
    expect(reread.map((r) => r.url)).toContain(never);
    expect(reread).toHaveLength(2);
    const rows = await ds.query<{ url: string; failures: number; vanished: boolean; error: string }[]>(
      `SELECT url, failures, vanished, error FROM source_watch ORDER BY url`,
    );
    expect(rows.every((r) => r.failures === 0 && !r.vanished && r.error)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(2);
    const [{ n }] = await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM source_watch_item`);
    expect(n).toBe('0');
  });
});

describe("source watch on the worker's schedule", () => {
  let site: LocalSite;
  let t: TestApp;

  beforeAll(async () => {
    site = await LocalSite.start('127.0.0.1');
    site.page('/scheduled', '<main><p>Страница для расписания</p></main>');
    // the entry exists before the worker starts, as in a running installation
    const db = await createTestDatabase();
    const setup = await createTestApp({ db, seed: false });
    await seedWithoutProgrammes(setup);
    await createProgrammeViaApi(
      setup.http,
      await setup.tokenFor('editor'),
      programmeInput({ curation: { sources: [source('s1', site.url('/scheduled'))] } }),
      false,
    );
    await setup.app.close();
    t = await createTestApp({
      db,
      seed: false,
      env: { WORKER_IN_PROCESS: 'true', SOURCE_WATCH_ENABLED: 'true', SOURCE_WATCH_INTERVAL_MINUTES: '60' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('runs a pass once per period when enabled, claimed like every period job', async () => {
    expect(t.app.get(JobScheduler).jobs.find((j) => j.name === 'source-watch')).toMatchObject({
      everyMs: 3_600_000,
      runs: 'once-per-period',
    });
    const deadline = Date.now() + 15_000;
    while (!site.hits('/scheduled').length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(site.hits('/scheduled')).toHaveLength(1);
    const runs = await t.app.get(DataSource).query<{ job: string }[]>(`SELECT job FROM scheduled_job_run WHERE job = 'source-watch'`);
    expect(runs).toHaveLength(1);
  });
});
