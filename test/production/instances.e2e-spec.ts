import { randomBytes } from 'node:crypto';
import { programmeInput, uniqueEmail } from '@app/testing';
import { CookieBrowser, csrfOf, recordFigure } from './support/browser';
import { run, SERVER, WORKER } from '../support/processes';
import { bearerToken, Deployment, publishIfPending, within, type AppProcess } from './support/deployment';

/**
 * Two server instances on one database, as behind a load balancer: what one of them does, the other
 * knows. Edits become searchable through the other instance (Meilisearch through the worker's relay,
 * PostgreSQL at once), and the shared state (rate-limit counters, sign-in attempts, admin sessions)
 * holds whichever instance a request reaches.
 */

/** Visibility bounds stated by this suite (docs/benchmarks.md has the measured figures). */
const MEILISEARCH_VISIBLE_WITHIN_MS = 5000;
const POSTGRES_VISIBLE_WITHIN_MS = 1000;

/** A word no programme holds: Latin letters only, so every engine indexes it as one word. */
const uniqueWord = (): string => `zq${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

interface Pair {
  a: AppProcess;
  b: AppProcess;
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 500)}`);
  }
}

/**
 * Creates and publishes programmes through instance A and edits one through A, each time timing how long
 * until a search through instance B finds it by a word only that change brought.
 */
async function timeToVisibility(pair: Pair, token: string, engine: string, boundMs: number): Promise<number[]> {
  const a = pair.a.base!;
  const b = pair.b.base!;
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const searchB = async (word: string, slug: string): Promise<boolean> => {
    const res = await fetch(`${b}/api/v1/programmes?q=${word}`);
    const body = await json<{ hits: { slug: string }[]; engine: string; degraded: boolean }>(res);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ engine, degraded: false });
    return body.hits.some((h) => h.slug === slug);
  };
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const word = uniqueWord();
    const created = await fetch(`${a}/api/v1/admin/programmes`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(programmeInput({ title: { ru: `Программа ${word}`, en: `Programme ${word}` } })),
    });
    expect(created.status).toBe(201);
    const programme = await json<{ id: string; slug: string }>(created);
    const published = await fetch(`${a}/api/v1/admin/programmes/${programme.id}/publish`, {
      method: 'POST',
      headers: { ...auth, 'If-Match': created.headers.get('etag')! },
    });
    expect(published.status).toBe(200);
    const ms = await within(`"${word}" searchable through the other instance (${engine})`, boundMs, () => searchB(word, programme.slug));
    times.push(Math.round(ms));
    // an edit of a published programme: the new word, through A, found through B
    const edited = uniqueWord();
    const patched = await fetch(`${a}/api/v1/admin/programmes/${programme.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'If-Match': published.headers.get('etag')! },
      body: JSON.stringify({ summary: { ru: `Изменено: ${edited}`, en: `Changed: ${edited}` } }),
    });
    expect(patched.status).toBe(202); // a pending change: public once published
    expect((await publishIfPending(a, auth, programme.id, patched)).status).toBe(200);
    times.push(
      Math.round(
        await within(`edit "${edited}" searchable through the other instance (${engine})`, boundMs, () => searchB(edited, programme.slug)),
      ),
    );
  }
  return times;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((x, y) => x - y);
  return { samples: times.length, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1] };
};

describe('production shape: two server instances', () => {
  let meili: Deployment;
  let pair: Pair;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    meili = await Deployment.create('instances', {
      engine: 'meilisearch',
      env: {
        API_RATE_LIMIT_ANONYMOUS: '1000000',
        WEB_RATE_LIMIT: '1000000',
        API_RATE_LIMIT_KEY: '10',
        SIGN_IN_MAX_PER_ACCOUNT: '3',
        SIGN_IN_MAX_PER_ADDRESS: '1000',
      },
    });
    admin = await meili.createUser(uniqueEmail('admin'), 'admin');
    const [a, b] = await Promise.all([meili.startServer(), meili.startServer(), meili.startWorker()]);
    pair = { a, b };
  }, 120_000);
  afterAll(() => meili?.close());

  it(`an edit through one instance is searchable through the other within ${MEILISEARCH_VISIBLE_WITHIN_MS / 1000} s on Meilisearch`, async () => {
    const token = await bearerToken(pair.a.base!, admin);
    const times = await timeToVisibility(pair, token, 'meilisearch', MEILISEARCH_VISIBLE_WITHIN_MS);
    recordFigure('visibility across instances, Meilisearch', summary(times));
    // the worker relayed it with its write key; the servers only searched with theirs
    const indexed = await meili.meili!.documents(meili.index);
    expect(indexed.size).toBe(
      Number(
        (
          await meili.query<{ n: string }>(
            `SELECT count(*) AS n FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL`,
          )
        )[0].n,
      ),
    );
  }, 120_000);

  it(`an edit through one instance is searchable through the other within ${POSTGRES_VISIBLE_WITHIN_MS / 1000} s on PostgreSQL`, async () => {
    const postgres = await Deployment.create('instances_pg', { engine: 'postgres', pg: meili.pg });
    try {
      const user = await postgres.createUser(uniqueEmail('admin'), 'admin');
      const [a, b] = await Promise.all([postgres.startServer(), postgres.startServer(), postgres.startWorker()]);
      const times = await timeToVisibility({ a, b }, await bearerToken(a.base!, user), 'postgres', POSTGRES_VISIBLE_WITHIN_MS);
      recordFigure('visibility across instances, PostgreSQL', summary(times));
    } finally {
      await postgres.close();
    }
  }, 120_000);

  it('with its search key a server reports the index, and a rebuild asked for there is done by the worker', async () => {
    const token = await bearerToken(pair.b.base!, admin);
    await within('the outbox drained', 30_000, async () => {
      const res = await fetch(`${pair.b.base}/api/v1/admin/search/status`, { headers: { Authorization: `Bearer ${token}` } });
      return ((await res.json()) as { outbox: { pending: number } }).outbox.pending === 0;
    });
    const res = await fetch(`${pair.b.base}/api/v1/admin/search/status`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await res.json()) as {
      engine: string;
      engineHealth: { ok: boolean };
      publishedProgrammes: number;
      engineDocuments: number;
    };
    expect(body).toMatchObject({ engine: 'meilisearch', engineHealth: { ok: true }, engineDocuments: body.publishedProgrammes });
    // the admin page's rebuild, on a server that may only search: queued, and the worker (write key) builds and swaps
    const browser = new CookieBrowser();
    await browser.signIn(pair.a.base!, admin);
    const page = await (await browser.request(pair.a.base!, '/admin/search')).text();
    const asked = await browser.request(pair.a.base!, '/admin/search/reindex', { form: { _csrf: csrfOf(page) } });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/admin/search?done=reindex-queued');
    await within('the worker rebuilt the index', 30_000, async () => {
      const [row] = await meili.query<{ done: string; pending: string }>(
        `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL) AS done, count(*) FILTER (WHERE processed_at IS NULL) AS pending
           FROM search_outbox WHERE kind = 'reindex'`,
      );
      return row.done === '1' && row.pending === '0';
    });
    const swaps = await meili.meili!.admin<{ results: { status: string }[] }>('/tasks?types=indexSwap');
    expect(swaps.results.map((t) => t.status)).toEqual(['succeeded']);
    const indexed = await meili.meili!.documents(meili.index);
    expect(indexed.size).toBe(body.publishedProgrammes);
  });

  it('the application holds scoped keys only: a process given the master key, or a key short of its work, refuses to start', async () => {
    const refusals = [
      { script: 'server', key: meili.meili!.masterKey, says: 'can manage Meilisearch keys' },
      { script: 'worker', key: meili.keys!.search, says: 'refused by Meilisearch for the tasks of index "programmes"' },
    ];
    for (const { script, key, says } of refusals) {
      const env = script === 'server' ? meili.serverEnv({ MEILI_API_KEY: key, PORT: '0' }) : meili.workerEnv({ MEILI_API_KEY: key });
      const running = run(script === 'server' ? SERVER : WORKER, [], env);
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(says);
    }
    const wrong = run(SERVER, [], meili.serverEnv({ MEILI_API_KEY: 'not-a-key-of-this-server', PORT: '0' }));
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toContain('refused by Meilisearch for searching index "programmes" (invalid_api_key)');
  });

  it('an admin session made on one instance works on the other, and signing out on either ends it on both', async () => {
    const browser = new CookieBrowser();
    await browser.signIn(pair.a.base!, admin);
    const onB = await browser.request(pair.b.base!, '/admin/api-keys');
    expect(onB.status).toBe(200);
    const page = await onB.text();
    expect(page).toContain(admin.email);
    // a form posted to A with the CSRF token B's page carried (the token belongs to the session, not the process)
    const created = await browser.request(pair.a.base!, '/admin/api-keys', {
      form: { _csrf: csrfOf(page), name: 'Cross-instance consultant' },
    });
    expect(created.status).toBe(200);
    expect(await created.text()).toMatch(/snk_[A-Za-z0-9_-]{20,}/);
    const signOut = await browser.request(pair.b.base!, '/admin/logout', { form: { _csrf: csrfOf(page) } });
    expect(signOut.status).toBe(303);
    const afterOnA = await browser.request(pair.a.base!, '/admin/api-keys');
    expect(afterOnA.status).toBe(303);
    expect(afterOnA.headers.get('location')).toMatch(/^\/admin\/login/);
  });

  it('an API key has one budget across instances: the 11th request of 10 is refused on either', async () => {
    const browser = new CookieBrowser();
    await browser.signIn(pair.b.base!, admin);
    const page = await (await browser.request(pair.b.base!, '/admin/api-keys')).text();
    const issued = await (
      await browser.request(pair.b.base!, '/admin/api-keys', { form: { _csrf: csrfOf(page), name: 'Rate test' } })
    ).text();
    const key = /snk_[A-Za-z0-9_-]+/.exec(issued)![0];
    const remaining: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${[pair.a, pair.b][i % 2].base}/api/v1/taxonomy`, { headers: { 'X-API-Key': key } });
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('x-ratelimit-remaining')!);
      await res.arrayBuffer();
    }
    expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    for (const instance of [pair.a, pair.b]) {
      const refused = await fetch(`${instance.base}/api/v1/taxonomy`, { headers: { 'X-API-Key': key } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    }
  });

  it('sign-in attempts are counted across instances: after 3 wrong passwords the right one is refused on both', async () => {
    const editor = await meili.createUser(uniqueEmail('editor'), 'editor');
    const login = (instance: AppProcess, password: string) =>
      fetch(`${instance.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: editor.email, password }),
      });
    for (const instance of [pair.a, pair.b, pair.a]) expect((await login(instance, 'wrong-password-123')).status).toBe(401);
    for (const instance of [pair.b, pair.a]) {
      const res = await login(instance, editor.password);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
