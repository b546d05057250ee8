import { existsSync } from 'node:fs';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { freePort, programmeInput, uniqueSlug } from '@app/testing';
import { run, SERVER, waitFor, type Running } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Issue 26, the second round of probes (see README, "Security probes"): the
 * probes that need real processes, imports and exports. The HTTP-only ones
 * are in test/hardening-2.e2e-spec.ts.
 */
describe('hardening probes, round 2: processes, imports, exports', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('Run `npm run build` first (npm test does)');
    t = await createTestApp();
    editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  describe('Idempotency-Key when the server holding it dies', () => {
    let server: Running | undefined;
    afterAll(async () => {
      server?.child.kill('SIGKILL');
      await server?.exited;
    });

    it('frees the key of a create whose server was killed within seconds: the retry creates exactly one record', async () => {
      const port = await freePort();
      server = run(SERVER, [], {
        DATABASE_URL: t.db.url,
        PORT: String(port),
        MIGRATE_ON_START: 'false',
        SEED_ON_START: 'false',
        WORKER_IN_PROCESS: 'false',
        DATABASE_LOCK_TIMEOUT_MS: '30000',
      });
      await waitFor(server, 'listening on');
      const key = `probe-${uniqueSlug('key')}`;
      const body = programmeInput();
      // the create waits behind a lock on the table, with its key claimed, while its server is killed
      const holder = new Client({ connectionString: t.db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE programme IN SHARE MODE');
      const inFlight = request(`http://127.0.0.1:${port}`)
        .post('/api/v1/admin/programmes')
        .set('Authorization', `Bearer ${editor}`)
        .set('Idempotency-Key', key)
        .send(body)
        .then(
          (r) => r.status,
          () => 'cut',
        );
      const db = t.app.get(DataSource);
      for (let i = 0; i < 100; i++) {
        if ((await db.query(`SELECT 1 FROM idempotency_key WHERE key = $1 AND status IS NULL`, [key])).length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      server.child.kill('SIGKILL');
      await server.exited;
      server = undefined;
      expect(await inFlight).toBe('cut');
      await holder.query('ROLLBACK');
      await holder.end();

      // another instance: the key is busy for a few seconds at most, then the retry goes through, once
      const retry = () =>
        request(t.http).post('/api/v1/admin/programmes').set('Authorization', `Bearer ${editor}`).set('Idempotency-Key', key).send(body);
      const started = Date.now();
      let res = await retry();
      while (res.status === 409 && Date.now() - started < 30_000) {
        expect(res.body.code).toBe('IDEMPOTENCY_KEY.IN_PROGRESS');
        await new Promise((r) => setTimeout(r, 500));
        res = await retry();
      }
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(15_000);
      const replay = await retry().expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(res.body.id);
      expect(await db.query(`SELECT id FROM programme WHERE slug = $1`, [body.slug])).toHaveLength(1);
    }, 90_000);

    it('keeps a key busy while its request is alive, however long it takes (the lease is renewed)', async () => {
      const patient = await createTestApp({ env: { DATABASE_LOCK_TIMEOUT_MS: '20000' } });
      try {
        const token = await patient.tokenFor('editor');
        const key = `probe-${uniqueSlug('slow')}`;
        const body = programmeInput();
        const create = () =>
          request(patient.http)
            .post('/api/v1/admin/programmes')
            .set('Authorization', `Bearer ${token}`)
            .set('Idempotency-Key', key)
            .send(body);
        const holder = new Client({ connectionString: patient.db.url });
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE programme IN SHARE MODE');
        const first = create().then((r) => r);
        try {
          await new Promise((r) => setTimeout(r, 12_000)); // past one lease
          expect((await create()).status).toBe(409);
        } finally {
          await holder.query('ROLLBACK');
          await holder.end();
        }
        expect((await first).status).toBe(201);
        expect((await create()).headers['idempotent-replayed']).toBe('true');
      } finally {
        await patient.close();
      }
    }, 60_000);
  });
});
