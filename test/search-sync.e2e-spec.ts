import { exactVersion } from '@app/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProgrammeRepository, ProgrammesService, SYSTEM_SEED, type ProgrammeView } from '@app/catalogue';
import { SHIPPED_PROGRAMMES } from './support/shipped';
import { PostgresSearchEngine, SearchMaintenanceService, SearchOutbox, SearchSyncRelay, SynonymsService } from '@app/search';
import { programmeInput, RecordingSearchEngine } from '@app/testing';
import { createTestApp, TestApp } from './support/test-app';

/** The outbox, the relay, reconciliation and rebuilds, on real PostgreSQL with an engine that records what it is sent. */
describe('search sync', () => {
  let t: TestApp;
  let db: DataSource;
  let programmes: ProgrammesService;
  let outbox: SearchOutbox;
  let engine: RecordingSearchEngine;
  let relay: SearchSyncRelay;
  let maintenance: SearchMaintenanceService;

  const relayFor = (e: RecordingSearchEngine) =>
    new SearchSyncRelay(db, outbox, e, t.app.get(ProgrammeRepository), t.app.get(SynonymsService));
  const pending = async (): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL`))[0].n;
  const publish = async (overrides: Record<string, unknown> = {}): Promise<ProgrammeView> => {
    const created = await programmes.create(programmeInput(overrides) as never, SYSTEM_SEED);
    return programmes.transition(created.id, exactVersion(created.version), 'publish', SYSTEM_SEED);
  };

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    db = t.app.get(DataSource);
    programmes = t.app.get(ProgrammesService);
    outbox = t.app.get(SearchOutbox);
    engine = new RecordingSearchEngine();
    relay = relayFor(engine);
    // searches here read the recording engine (a relay bound to another one refuses to drain)
    await relay.bindReaders();
    maintenance = new SearchMaintenanceService(engine, t.app.get(ProgrammeRepository), outbox, relay, t.app.get(SynonymsService));
    await relay.drain();
  });
  afterAll(() => t.close());

  it('sent the shipped catalogue and the engine settings on the first drain', async () => {
    expect(await pending()).toBe(0);
    expect(engine.documents.size).toBe(SHIPPED_PROGRAMMES.length);
    expect(engine.settings?.synonyms).toContainEqual(expect.arrayContaining(['МСП', 'SME']));
  });

  it('writes an outbox row in the transaction of every change, and none when the change fails', async () => {
    const before = await pending();
    const p = await publish();
    expect(await pending()).toBe(before + 2); // create + publish
    await expect(programmes.create(programmeInput({ slug: p.slug }) as never, SYSTEM_SEED)).rejects.toMatchObject({
      code: 'PROGRAMME.SLUG_TAKEN',
    });
    await expect(
      programmes.update(p.id, exactVersion(p.version - 1), { title: { ru: 'Устаревшая правка' } } as never, SYSTEM_SEED),
    ).rejects.toMatchObject({
      code: 'PROGRAMME.VERSION_CONFLICT',
    });
    expect(await pending()).toBe(before + 2);
    await relay.drain();
    expect(engine.documents.get(p.id)?.slug).toBe(p.slug);
  });

  it('removes a programme from the index when it is unpublished, archived or deleted', async () => {
    const p = await publish();
    await relay.drain();
    expect(engine.documents.has(p.id)).toBe(true);
    const draft = await programmes.transition(p.id, exactVersion(p.version), 'unpublish', SYSTEM_SEED);
    await relay.drain();
    expect(engine.documents.has(p.id)).toBe(false);
    const again = await programmes.transition(draft.id, exactVersion(draft.version), 'publish', SYSTEM_SEED);
    await relay.drain();
    expect(engine.documents.has(p.id)).toBe(true);
    await programmes.remove(again.id, exactVersion(again.version), SYSTEM_SEED);
    await relay.drain();
    expect(engine.documents.has(p.id)).toBe(false);
  });

  it('keeps every row while the engine is down, with backoff and the error, then delivers them', async () => {
    engine.down = true;
    const p = await publish({ title: { ru: 'Программа во время сбоя' } });
    const run = await relay.drain();
    expect(run).toMatchObject({ processed: 0 });
    expect(run.failed).toBeGreaterThan(0);
    const [row] = await db.query(
      `SELECT attempts, last_error, next_attempt_at > now() AS waiting FROM search_outbox WHERE programme_id = $1 ORDER BY id DESC LIMIT 1`,
      [p.id],
    );
    expect(row).toMatchObject({ attempts: 1, waiting: true });
    expect(row.last_error).toContain('down');
    // still waiting: a second drain claims nothing
    expect((await relay.drain()).claimed).toBe(0);

    const admin = await t.tokenFor('admin');
    const status = await request(t.http).get('/api/v1/admin/search/status').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(status.body.outbox.pending).toBeGreaterThanOrEqual(2);
    expect(status.body.outbox.lastError.message).toContain('down');
    expect(status.body.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(0);

    expect(status.body.outbox.failed).toBe(0);
    // after three failed attempts in a row the rows count as failed, and are still kept and retried
    for (let i = 0; i < 2; i++) {
      await outbox.retryNow();
      await relay.drain();
    }
    const failing = await request(t.http).get('/api/v1/admin/search/status').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(failing.body.outbox.failed).toBeGreaterThanOrEqual(2);
    expect(failing.body.outbox.lastError.attempts).toBe(3);

    engine.down = false;
    await request(t.http).post('/api/v1/admin/search/retry').set('Authorization', `Bearer ${admin}`).expect(200);
    await relay.drain();
    expect(await pending()).toBe(0);
    expect(engine.documents.get(p.id)?.slug).toBe(p.slug);
  });

  it('delivers the rest of a batch when the engine rejects one document', async () => {
    const bad = await publish();
    const good = await publish();
    engine.rejected.add(bad.id);
    const run = await relay.runOnce();
    expect(run.processed).toBeGreaterThan(0);
    expect(run.failed).toBe(2); // the bad programme's create and publish rows
    expect(engine.documents.has(good.id)).toBe(true);
    expect(engine.documents.has(bad.id)).toBe(false);
    engine.rejected.clear();
    await outbox.retryNow();
    await relay.drain();
    expect(engine.documents.has(bad.id)).toBe(true);
  });

  it('lets two relays share the outbox without sending a row twice', async () => {
    const first = new RecordingSearchEngine();
    const second = new RecordingSearchEngine();
    const created = await Promise.all(Array.from({ length: 40 }, () => programmes.create(programmeInput() as never, SYSTEM_SEED)));
    for (const c of created) await programmes.transition(c.id, exactVersion(c.version), 'publish', SYSTEM_SEED);
    const [a, b] = await Promise.all([relayFor(first).drain(), relayFor(second).drain()]);
    expect(a.processed + b.processed).toBe(80);
    const sent = [...first.upserts, ...second.upserts];
    // each of the 40 programmes' two rows reached exactly one relay
    for (const c of created) expect(sent.filter((id) => id === c.id).length).toBeGreaterThanOrEqual(1);
    expect(await pending()).toBe(0);
  });

  it('finds drift between the catalogue and the index and repairs it through the outbox', async () => {
    // the programmes the two relays above sent elsewhere are missing here: the first pass finds them
    expect((await maintenance.reconcile()).missing).toBe(40);
    await relay.drain();
    expect(await maintenance.reconcile()).toMatchObject({ missing: 0, stale: 0, extra: 0, queued: 0 });
    const ids = [...engine.documents.keys()];
    engine.documents.delete(ids[0]); // missing
    engine.documents.set(ids[1], { ...engine.documents.get(ids[1])!, contentHash: 'stale' }); // stale
    engine.documents.set('00000000-0000-4000-8000-00000000dead', {
      ...engine.documents.get(ids[2])!,
      id: '00000000-0000-4000-8000-00000000dead',
    }); // extra
    const report = await maintenance.reconcile();
    expect(report).toMatchObject({ missing: 1, stale: 1, extra: 1, queued: 3 });
    await relay.drain();
    expect(await maintenance.reconcile()).toMatchObject({ missing: 0, stale: 0, extra: 0, queued: 0 });
  });

  it('rebuilds the index from the catalogue and replays changes made meanwhile', async () => {
    engine.documents.clear();
    const before = await t.app.get(ProgrammeRepository).countPublished();
    const leaving = await publish({ title: { ru: 'Снимут с публикации во время перестроения' } });
    engine.duringRebuild = async () => {
      const current = await programmes.getForAdmin(leaving.id);
      await programmes.transition(leaving.id, exactVersion(current.version), 'unpublish', SYSTEM_SEED);
    };
    const progress: number[] = [];
    const report = await maintenance.reindex((done) => progress.push(done));
    engine.duringRebuild = null;
    expect(report.documents).toBe(before + 1);
    expect(progress.at(-1)).toBe(before + 1);
    // the unpublish happened after the catalogue was read; the replay removed it
    expect(report.replayed).toBeGreaterThanOrEqual(1);
    expect(engine.documents.has(leaving.id)).toBe(false);
    expect(engine.documents.size).toBe(before);
  });

  it("keeps the unfiltered listing's facet counts exact through changes and compaction", async () => {
    const recount = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          await db.query(
            `SELECT k.key, count(*)::int AS n FROM programme_search s CROSS JOIN LATERAL unnest(s.facets) f JOIN search_facet_key k ON k.id = f GROUP BY k.key`,
          )
        ).map((r: { key: string; n: number }) => [r.key, r.n]),
      );
    const listed = async (): Promise<Record<string, number>> => {
      const body = (await request(t.http).get('/api/v1/programmes?perPage=1').expect(200)).body;
      const out: Record<string, number> = {};
      for (const [facet, values] of Object.entries(body.facets as Record<string, { code: string; count: number }[]>)) {
        for (const v of values) out[`${facet}:${v.code}`] = v.count;
      }
      expect(body.total).toBe(await t.app.get(ProgrammeRepository).countPublished());
      return out;
    };
    const p = await publish({ supportTypes: ['premises', 'consulting'], territories: ['technopolis_moscow'] });
    const edited = await programmes.update(p.id, exactVersion(p.version), { supportTypes: ['premises'] } as never, SYSTEM_SEED);
    await programmes.transition(edited.id, exactVersion(edited.version), 'archive', SYSTEM_SEED);
    expect(await listed()).toEqual(await recount());
    const folded = await t.app.get(PostgresSearchEngine).compactCounters();
    expect(folded).toBeGreaterThan(0);
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM search_facet_delta`);
    expect(rows).toBe(Object.keys(await recount()).length);
    expect(await listed()).toEqual(await recount());
  });

  it('reuses a PostgreSQL answer only while the index is unchanged', async () => {
    const pg = t.app.get(PostgresSearchEngine);
    const slugsFor = async () =>
      (
        await request(t.http)
          .get(`/api/v1/programmes?q=${encodeURIComponent('кеширование')}`)
          .expect(200)
      ).body.hits.map((h: { slug: string }) => h.slug);
    const p = await publish({ title: { ru: 'Проверка: кеширование ответов поиска' } });
    expect(await slugsFor()).toEqual([p.slug]);
    const hits = pg.stats.hits;
    expect(await slugsFor()).toEqual([p.slug]);
    expect(pg.stats.hits).toBe(hits + 1);
    // any change to the index moves its version: the next answer is computed again
    await programmes.transition(p.id, exactVersion(p.version), 'unpublish', SYSTEM_SEED);
    expect(await slugsFor()).toEqual([]);
    expect(pg.stats.hits).toBe(hits + 1);
  });

  it('serves a queued rebuild once: a failure leaves it pending with a backoff, a success marks it done', async () => {
    const reindexRows = () =>
      db.query(`SELECT attempts, last_error AS "lastError", processed_at IS NOT NULL AS done, next_attempt_at > now() AS waiting
                  FROM search_outbox WHERE kind = 'reindex' ORDER BY id`);
    expect(await outbox.enqueueReindex()).toBe(true);
    expect(await outbox.enqueueReindex()).toBe(false); // one waiting is enough
    // the relay leaves it to the maintenance job
    await relay.drain();
    expect(await reindexRows()).toEqual([{ attempts: 0, lastError: null, done: false, waiting: false }]);
    engine.down = true;
    expect(await maintenance.reindexIfRequested()).toBeNull();
    engine.down = false;
    expect(await reindexRows()).toEqual([
      { attempts: 1, lastError: expect.stringMatching(/unavailable|down/i), done: false, waiting: true },
    ]);
    // not due yet: nothing happens until its backoff ends
    expect(await maintenance.reindexIfRequested()).toBeNull();
    await db.query(`UPDATE search_outbox SET next_attempt_at = now() WHERE kind = 'reindex'`);
    expect(await maintenance.reindexIfRequested()).toMatchObject({ engine: 'meilisearch', documents: expect.any(Number) });
    expect(await reindexRows()).toEqual([expect.objectContaining({ attempts: 1, done: true })]);
    expect(await maintenance.reindexIfRequested()).toBeNull();
  });

  it('changes synonyms with version checks and queues the new settings', async () => {
    const admin = await t.tokenFor('admin');
    const api = () => request(t.http);
    const created = await api()
      .post('/api/v1/admin/search/synonyms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ terms: ['ГЧП', 'государственно-частное партнёрство'] })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    await api()
      .post('/api/v1/admin/search/synonyms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ terms: ['гчп', 'PPP'] })
      .expect(409);
    const bad = await api()
      .post('/api/v1/admin/search/synonyms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ terms: ['один'] })
      .expect(400);
    expect(bad.body.details[0].field).toBe('terms');
    await api()
      .post('/api/v1/admin/search/synonyms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ terms: ['и', 'или'] })
      .expect(400);
    const url = `/api/v1/admin/search/synonyms/${created.body.id}`;
    await api()
      .put(url)
      .set('Authorization', `Bearer ${admin}`)
      .send({ terms: ['ГЧП', 'PPP'] })
      .expect(428);
    const updated = await api()
      .put(url)
      .set('Authorization', `Bearer ${admin}`)
      .set('If-Match', '"1"')
      .send({ terms: ['ГЧП', 'PPP'] })
      .expect(200);
    expect(updated.body).toMatchObject({ terms: ['ГЧП', 'PPP'], version: 2 });
    await api()
      .put(url)
      .set('Authorization', `Bearer ${admin}`)
      .set('If-Match', '"1"')
      .send({ terms: ['ГЧП', 'P3'] })
      .expect(412);
    await relay.drain();
    expect(engine.settings?.synonyms).toContainEqual(['ГЧП', 'PPP']);
    await api().delete(url).set('Authorization', `Bearer ${admin}`).set('If-Match', '"2"').expect(204);
    await relay.drain();
    expect(engine.settings?.synonyms).not.toContainEqual(['ГЧП', 'PPP']);
  });
});

describe('search when Meilisearch is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // a port nothing listens on: every call fails to connect
    t = await createTestApp({ env: { MEILI_URL: 'http://127.0.0.1:9', MEILI_TIMEOUT_MS: '500' } });
  });
  afterAll(() => t.close());

  it('answers from PostgreSQL and says so', async () => {
    const res = await request(t.http)
      .get(`/api/v1/programmes?q=${encodeURIComponent('льготы')}`)
      .expect(200);
    expect(res.body).toMatchObject({ engine: 'postgres', degraded: true });
    expect(res.body.total).toBeGreaterThan(0);
  });

  it('keeps every change in the outbox and reports the backlog', async () => {
    const run = await t.app.get(SearchSyncRelay).drain();
    expect(run.processed).toBe(0);
    const admin = await t.tokenFor('admin');
    const status = await request(t.http).get('/api/v1/admin/search/status').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(status.body).toMatchObject({ engine: 'meilisearch', degraded: true, engineHealth: { ok: false } });
    expect(status.body.outbox.pending).toBeGreaterThanOrEqual(SHIPPED_PROGRAMMES.length + 1); // settings + the shipped programmes
    expect(status.body.outbox.lastError.message).toMatch(/unavailable/i);
  });
});
