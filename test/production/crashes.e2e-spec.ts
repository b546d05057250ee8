import { recordFigure } from './support/browser';
import { Deployment, publishedIds, sleep, within, type AppProcess } from './support/deployment';

/**
 * kill -9 where it hurts most: the worker while it relays, Meilisearch while it indexes. Nothing is marked
 * sent that the index did not get, and after a restart reconciliation brings the index back to the catalogue.
 */

/** The index holds exactly the published programmes, with their current content (reconcile finds no drift). */
async function indexIsTheCatalogue(d: Deployment): Promise<boolean> {
  const [indexed, published] = await Promise.all([d.meili!.documents(d.index), publishedIds(d)]);
  return indexed.size === published.size && [...published].every((id) => indexed.has(id));
}

const pending = async (d: Deployment): Promise<number> =>
  Number((await d.query<{ n: string }>(`SELECT count(*) AS n FROM search_outbox WHERE processed_at IS NULL`))[0].n);

describe('production shape: crashes', () => {
  let d: Deployment;
  let worker: AppProcess;

  beforeAll(async () => {
    d = await Deployment.create('crashes', { engine: 'meilisearch' });
    [, , worker] = await Promise.all([d.startServer(), d.startServer(), d.startWorker()]);
    await within('the shipped catalogue indexed', 30_000, () => indexIsTheCatalogue(d));
  }, 120_000);
  afterAll(() => d?.close());

  it('kill -9 of the worker during a relay: nothing marked sent that was not, and after a restart the index is the catalogue', async () => {
    const [{ from }] = await d.query<{ from: string }>(`SELECT coalesce(max(id), 0)::text AS from FROM search_outbox`);
    // 1000 programmes at once: the relay works through them in batches of 200 for several seconds
    expect((await d.cli(['generate', '--count', '1000', '--seed', '11'])).code).toBe(0);
    // caught in the middle: some batches delivered, the next one claimed (locked by its transaction) while Meilisearch indexes it
    await within(
      'the worker past two batches and holding claimed rows',
      60_000,
      async () => {
        const [row] = await d.query<{ sent: string; claimed: string }>(
          `SELECT (SELECT count(*) FROM search_outbox WHERE id > $1 AND processed_at IS NOT NULL) AS sent,
                  (SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                    WHERE c.relname = 'search_outbox' AND l.mode = 'RowShareLock') AS claimed`,
          [from],
        );
        return Number(row.sent) >= 400 && Number(row.claimed) > 0;
      },
      20,
    );
    worker.running.child.kill('SIGKILL');
    await worker.running.exited;
    const left = await pending(d);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1000);
    // every programme whose changes are all marked sent is in the index: marked only after Meilisearch confirmed
    const indexed = await d.meili!.documents(d.index);
    const sentButMissing = await d.query<{ id: string }>(
      `SELECT p.id FROM programme p
        WHERE p.deleted_at IS NULL AND p.publication_state = 'published'
          AND NOT EXISTS (SELECT 1 FROM search_outbox o WHERE o.programme_id = p.id AND o.processed_at IS NULL)`,
    );
    expect(sentButMissing.filter((r) => !indexed.has(r.id))).toEqual([]);

    const restarted = performance.now();
    worker = await d.startWorker();
    await within(
      'the restarted worker brought the index back to the catalogue',
      120_000,
      async () => (await pending(d)) === 0 && indexIsTheCatalogue(d),
      250,
    );
    recordFigure('worker killed during a relay: restart to index equal to the catalogue', {
      rowsLeftPending: left,
      seconds: Number(((performance.now() - restarted) / 1000).toFixed(1)),
    });
    expect((await d.cli(['reconcile'])).output).toMatch(/0 missing, 0 stale, 0 extra/);
  }, 180_000);

  it('kill -9 of Meilisearch during indexing: searches fall back to PostgreSQL, and after a restart reconcile brings the index back', async () => {
    // new synthetic programmes replace the old: 1000 deletions and 1000 additions to index
    expect((await d.cli(['generate', '--count', '1000', '--seed', '12'])).code).toBe(0);
    await within(
      'Meilisearch indexing',
      30_000,
      async () => (await d.meili!.admin<{ results: unknown[] }>(`/tasks?statuses=processing&indexUids=${d.index}`)).results.length > 0,
      20,
    );
    await d.meili!.kill();
    const server = d.processes.find((p) => p.name.startsWith('server'))!;
    // searches go on, from PostgreSQL
    const during = await fetch(`${server.base}/api/v1/programmes?q=${encodeURIComponent('кредит')}`);
    expect(during.status).toBe(200);
    expect(await during.json()).toMatchObject({ engine: 'postgres', degraded: true });
    await sleep(2000);

    await d.meili!.start();
    const restarted = performance.now();
    // the operator's step after an engine crash: reconcile (it queues repairs and sends them with the write key)
    const first = await d.cli(['reconcile']);
    expect(first.code).toBe(0);
    await within('the index equal to the catalogue', 120_000, () => indexIsTheCatalogue(d), 250);
    recordFigure('Meilisearch killed during indexing: restart to index equal to the catalogue', {
      firstReconcile: /Checked .*/.exec(first.output)?.[0],
      seconds: Number(((performance.now() - restarted) / 1000).toFixed(1)),
    });
    expect((await d.cli(['reconcile'])).output).toMatch(/0 missing, 0 stale, 0 extra/);
    await within('searches answered by Meilisearch again', 30_000, async () => {
      const res = await fetch(`${server.base}/api/v1/programmes?q=${encodeURIComponent('кредит')}`);
      return ((await res.json()) as { engine: string }).engine === 'meilisearch';
    });
  }, 180_000);
});
