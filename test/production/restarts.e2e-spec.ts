import { programmeInput, uniqueEmail } from '@app/testing';
import { recordFigure } from './support/browser';
import { bearerToken, Deployment, publishIfPending, sleep, within, type AppProcess } from './support/deployment';
import { failures, ReadyBalancer, startLoad, type Outcome } from './support/load';

/** Answered as asked: 200, or 202 for a save that became a pending change (published right after). */
const ok = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/**
 * Restarts a deployment goes through: a rolling restart of the servers (a new release) with a load balancer
 * that routes by readiness, and PostgreSQL restarted under load. Two servers, one worker, Meilisearch.
 */

const GRACE_MS = 1500;

describe('production shape: restarts under load', () => {
  let d: Deployment;
  let servers: AppProcess[];
  let saves: { id: string; token: string }[];

  beforeAll(async () => {
    d = await Deployment.create('restarts', {
      engine: 'meilisearch',
      env: {
        API_RATE_LIMIT_ANONYMOUS: '1000000',
        API_RATE_LIMIT_KEY: '1000000',
        WEB_RATE_LIMIT: '1000000',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
      },
    });
    const editors = await Promise.all([d.createUser(uniqueEmail('editor'), 'editor'), d.createUser(uniqueEmail('editor'), 'editor')]);
    const [a, b] = await Promise.all([d.startServer(), d.startServer(), d.startWorker()]);
    servers = [a, b];
    // each editor saves a programme of their own, published (so each save also travels to the index)
    saves = [];
    for (const editor of editors) {
      const token = await bearerToken(a.base!, editor);
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${a.base}/api/v1/admin/programmes`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(programmeInput()),
      });
      const { id } = (await created.json()) as { id: string };
      const published = await fetch(`${a.base}/api/v1/admin/programmes/${id}/publish`, {
        method: 'POST',
        headers: { ...auth, 'If-Match': created.headers.get('etag')! },
      });
      expect(published.status).toBe(200);
      saves.push({ id, token });
    }
  }, 120_000);
  afterAll(() => d?.close());

  it('a rolling restart of both servers under searches and admin saves fails no request: readiness drains first', async () => {
    const balancer = new ReadyBalancer(servers);
    await balancer.start();
    const load = startLoad({ route: balancer.route, searchLoops: 3, saves, pauseMs: 20 });
    const started = performance.now();
    try {
      await sleep(1000);
      for (let i = 0; i < servers.length; i++) {
        const old = servers[i];
        // a new release: SIGTERM, the old process drains and exits, the new one starts on the same port
        expect(await d.stop(old, 'SIGTERM')).toBe(0);
        servers[i] = await d.startServer({}, old.port);
        await within('the load balancer sees the new instance ready', 10_000, async () => balancer.isReady(servers[i]));
        await sleep(1000);
      }
    } finally {
      balancer.stop();
    }
    const outcomes = await load.stop();
    const seconds = (performance.now() - started) / 1000;
    const failed = failures(outcomes);
    recordFigure('rolling restart of 2 servers under load', {
      requests: outcomes.length,
      searches: outcomes.filter((o) => o.kind === 'search').length,
      saves: outcomes.filter((o) => o.kind === 'save').length,
      failed: failed.length,
      seconds: Number(seconds.toFixed(1)),
    });
    expect(failed).toEqual([]);
    // both old processes served, and both new ones did
    expect(outcomes.filter((o) => o.kind === 'save').length).toBeGreaterThan(20);
    expect(new Set(outcomes.map((o) => o.base)).size).toBe(2);
  }, 120_000);

  it('PostgreSQL restarted under load: 503 with Retry-After while it is away, never a 500, and service resumes by itself', async () => {
    let turn = 0;
    const load = startLoad({ route: () => servers[turn++ % servers.length].base!, searchLoops: 3, saves, pauseMs: 20 });
    await sleep(1500);
    const down = load.elapsed();
    await d.pg.stop();
    await sleep(3000);
    await d.pg.start();
    const up = load.elapsed();
    // service resumes without restarting anything: the pools reconnect on their own
    await within(
      'every answer 200 again',
      30_000,
      async () => {
        const now = load.elapsed();
        const recent = load.outcomes.filter((o) => o.at > now - 1000);
        return now - up > 1000 && recent.length > 5 && recent.every((o) => ok(o.status));
      },
      100,
    );
    await sleep(1000);
    const outcomes = await load.stop();
    const unavailable = outcomes.filter((o) => o.status === 503);
    const after = outcomes.filter((o) => o.at > up);
    const lastBad = Math.max(...after.filter((o) => !ok(o.status)).map((o) => o.at), up);
    recordFigure('PostgreSQL restarted under load (2 servers)', {
      requests: outcomes.length,
      postgresAwaySeconds: Number(((up - down) / 1000).toFixed(1)),
      answered503: unavailable.length,
      secondsOf503: unavailable.length
        ? Number(((Math.max(...unavailable.map((o) => o.at)) - Math.min(...unavailable.map((o) => o.at))) / 1000).toFixed(1))
        : 0,
      recoveredSecondsAfterPostgresReady: Number(((lastBad - up) / 1000).toFixed(1)),
      other: failures(outcomes, (s) => ok(s) || s === 503).length,
    });
    // nothing but 2xx and 503, every 503 with Retry-After, each request answered
    expect(failures(outcomes, (s) => ok(s) || s === 503)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((o) => o.retryAfter !== '5')).toEqual([]);
    // and the last second of the run, well after PostgreSQL came back, all answered
    const tail = outcomes.filter((o) => o.at > outcomes[outcomes.length - 1].at - 1000);
    expect(tail.length).toBeGreaterThan(10);
    expect(tail.filter((o: Outcome) => !ok(o.status))).toEqual([]);
    // the worker reconnected too: a save is relayed to Meilisearch again
    const word = `zqrestart${Date.now()
      .toString(36)
      .replace(/\d/g, (c) => 'abcdefghij'[Number(c)])}`;
    const { id, token } = saves[0];
    const current = await fetch(`${servers[0].base}/api/v1/admin/programmes/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    // the load may have left a pending change open (a publish cut off by the stop): edit that
    const open = await fetch(`${servers[0].base}/api/v1/admin/programmes/${id}/pending-change`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const etag = (open.status === 200 ? open : current).headers.get('etag')!;
    await open.arrayBuffer();
    const { slug } = (await current.json()) as { slug: string };
    const saved = await fetch(`${servers[0].base}/api/v1/admin/programmes/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': etag },
      body: JSON.stringify({ summary: { ru: `После перезапуска ${word}`, en: `After the restart ${word}` } }),
    });
    expect((await publishIfPending(servers[0].base!, { Authorization: `Bearer ${token}` }, id, saved)).status).toBe(200);
    await within('the edit searchable on Meilisearch after PostgreSQL came back', 15_000, async () => {
      const res = await fetch(`${servers[1].base}/api/v1/programmes?q=${word}`);
      const body = (await res.json()) as { engine: string; hits: { slug: string }[] };
      return body.engine === 'meilisearch' && body.hits.some((h) => h.slug === slug);
    });
  }, 120_000);
});
