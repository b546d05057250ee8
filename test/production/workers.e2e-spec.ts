import { uniqueEmail } from '@app/testing';
import { recordFigure } from './support/browser';
import { Deployment, sleep, within, type AppProcess } from './support/deployment';

/**
 * Two workers beside two servers: scheduled jobs still run once per period, and the two search relays
 * share the outbox so that every index change is delivered exactly once (none lost, none sent twice).
 */

interface JobStart {
  pid: number;
  job: string;
  period: string;
}

/** The worker's own record of each period job it started (its debug log line). */
function jobStarts(worker: AppProcess): JobStart[] {
  return worker.running
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"Scheduled job started"'))
    .map((line) => JSON.parse(line) as JobStart);
}

describe('production shape: two workers', () => {
  let d: Deployment;
  let workers: AppProcess[];

  beforeAll(async () => {
    // statuses and digests every 2 s, so a few seconds hold several periods
    d = await Deployment.create('workers', {
      engine: 'meilisearch',
      env: { STATUS_JOB_INTERVAL_SECONDS: '2', MAIL_INTERVAL_SECONDS: '2' },
    });
    await d.createUser(uniqueEmail('admin'), 'admin');
    const started = await Promise.all([
      d.startServer(),
      d.startServer(),
      d.startWorker({ LOG_LEVEL: 'debug' }),
      d.startWorker({ LOG_LEVEL: 'debug' }),
    ]);
    workers = started.slice(2);
  }, 120_000);
  afterAll(() => d?.close());

  it('each scheduled job runs once per period, whichever worker claims it', async () => {
    await sleep(9000);
    const starts = workers.flatMap(jobStarts).filter((s) => s.period !== 'at start');
    for (const job of ['programme-status', 'alert-digests']) {
      const periods = starts.filter((s) => s.job === job).map((s) => Date.parse(s.period));
      const distinct = [...new Set(periods)].sort((x, y) => x - y);
      // not twice: each period started by one worker only
      expect(periods.length).toBe(distinct.length);
      // not skipped: every 2-second period from the first to the last
      expect(distinct.length).toBeGreaterThanOrEqual(4);
      expect((distinct[distinct.length - 1] - distinct[0]) / 2000 + 1).toBe(distinct.length);
    }
    // the record in the database agrees with what the workers did
    const rows = await d.query<{ job: string; runs: string }>(`SELECT job, count(*) AS runs FROM scheduled_job_run GROUP BY job`);
    for (const job of ['programme-status', 'alert-digests']) {
      expect(Number(rows.find((r) => r.job === job)!.runs)).toBe(starts.filter((s) => s.job === job).length);
    }
    // jobs with periods of a minute or more ran once each across both workers
    for (const job of ['search-counters', 'rate-limit-prune', 'search-outbox-prune']) {
      const perPeriod = new Map<string, number>();
      for (const s of starts.filter((x) => x.job === job)) perPeriod.set(s.period, (perPeriod.get(s.period) ?? 0) + 1);
      expect([...perPeriod.values()].every((n) => n === 1)).toBe(true);
    }
  }, 60_000);

  it('the two relays neither lose nor duplicate an index change', async () => {
    await within('the outbox drained', 30_000, async () => {
      const [{ n }] = await d.query<{ n: string }>(`SELECT count(*) AS n FROM search_outbox WHERE processed_at IS NULL`);
      return n === '0';
    });
    const [{ from }] = await d.query<{ from: string }>(`SELECT coalesce(max(id), 0)::text AS from FROM search_outbox`);
    const since = new Date().toISOString();
    // 1500 programmes saved at once by the CLI: one outbox row each, which the two relays share
    const generated = await d.cli(['generate', '--count', '1500', '--seed', '5']);
    expect(generated.code).toBe(0);
    const started = performance.now();
    await within(
      'every change relayed',
      120_000,
      async () => {
        const [{ n }] = await d.query<{ n: string }>(`SELECT count(*) AS n FROM search_outbox WHERE processed_at IS NULL`);
        return n === '0';
      },
      200,
    );
    const [{ rows }] = await d.query<{ rows: string }>(
      `SELECT count(*) AS rows FROM search_outbox WHERE id > $1 AND kind = 'programme' AND processed_at IS NOT NULL`,
      [from],
    );
    // 1500, and any the status job queued meanwhile
    expect(Number(rows)).toBeGreaterThanOrEqual(1500);
    // what Meilisearch received: each row's programme exactly once (a row delivered twice would add one)
    let received = 0;
    let next: number | null = null;
    do {
      const page: { results: { status: string; type: string; details: Record<string, number> }[]; next: number | null } =
        await d.meili!.admin(
          `/tasks?indexUids=${d.index}&types=documentAdditionOrUpdate,documentDeletion&afterEnqueuedAt=${since}&limit=100${next === null ? '' : `&from=${next}`}`,
        );
      for (const task of page.results) {
        expect(task.status).toBe('succeeded');
        received += task.type === 'documentDeletion' ? task.details.providedIds : task.details.receivedDocuments;
      }
      next = page.next;
    } while (next !== null);
    expect(received).toBe(Number(rows));
    recordFigure('two workers relaying 1500 changes', {
      outboxRows: Number(rows),
      documentsMeilisearchReceived: received,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    });
    // and the index is the catalogue
    const reconcile = await d.cli(['reconcile']);
    expect(reconcile.output).toMatch(/0 missing, 0 stale, 0 extra/);
  }, 180_000);
});
