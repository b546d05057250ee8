import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { freePort, programmeInput, uniqueSlug } from '@app/testing';
import { ROOT, run, SERVER, waitFor, type Running } from './support/processes';
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

  describe('two builds in one checkout', () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'sn-builds-'));
      for (const entry of ['apps', 'libs', 'scripts', 'package.json', '.swcrc', 'tsconfig.json'])
        await cp(join(ROOT, entry), join(scratch, entry), { recursive: true });
      await symlink(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    const exec = (command: string, args: string[]): Promise<{ code: number | null; output: string }> =>
      new Promise((resolve) => {
        const child = spawn(command, args, { cwd: scratch, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('exit', (code) => resolve({ code, output }));
      });

    it('never break each other, and a start meanwhile always finds a whole build', async () => {
      expect((await exec('npm', ['run', 'build', '--silent'])).code).toBe(0);
      let building = true;
      const starts: { code: number | null; output: string }[] = [];
      const starter = async () => {
        // as a person starts it (npm start runs the server the same way)
        while (building) starts.push(await exec('npm', ['run', '--silent', 'cli', '--', 'help']));
      };
      const starting = [starter(), starter()];
      for (let round = 0; round < 2; round++) {
        const builds = await Promise.all([1, 2, 3].map(() => exec('npm', ['run', 'build', '--silent'])));
        for (const b of builds) expect(b).toEqual({ code: 0, output: '' });
      }
      building = false;
      await Promise.all(starting);
      expect(starts.length).toBeGreaterThan(2);
      for (const s of starts) expect({ code: s.code, output: s.code === 0 ? '' : s.output }).toEqual({ code: 0, output: '' });
      // the newest build and the two before it are left, nothing half-built
      const left = await readdir(join(scratch, '.builds'));
      expect(left).toHaveLength(3);
      expect(left.filter((n) => !/^[0-9a-z]{10}-\d{7}$/.test(n))).toEqual([]);
      expect((await exec(process.execPath, ['dist/apps/cli/src/main.js', 'help'])).code).toBe(0);
    }, 180_000);
  });
});
