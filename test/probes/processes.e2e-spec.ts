import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { SHIPPED_ALL, SHIPPED_PROGRAMMES } from '../support/shipped';
import { freePort, strongPassword } from '@app/testing';
import { CLI, ROOT, run, SERVER, waitFor } from '../support/processes';

describe('npm start on the embedded default, and the CLI (built processes)', () => {
  let dir: string;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('Run `npm run build` first (npm test does)');
    const parent = await mkdtemp(join(tmpdir(), 'sn-start-'));
    await chmod(parent, 0o755);
    dir = join(parent, 'postgres');
    port = await freePort();
    env = {
      EMBEDDED_PG_DIR: dir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(port),
      STATUS_JOB_INTERVAL_SECONDS: '1',
      SHUTDOWN_GRACE_MS: '100',
    };
  });
  afterAll(async () => {
    await rm(resolve(dir, '..'), { recursive: true, force: true });
  });

  it('first start: creates the database, migrates, loads the catalogue, serves; Ctrl-C stops everything cleanly', async () => {
    const server = run(SERVER, [], env);
    await waitFor(server, 'listening on');
    expect(server.output()).toContain(`added ${SHIPPED_ALL.length} programmes`);
    const res = await request(`http://127.0.0.1:${port}`).get('/api/v1/programmes').expect(200);
    expect(res.body.total).toBe(SHIPPED_PROGRAMMES.length);

    const password = strongPassword();
    const cli = run(CLI, ['create-user', '--email', 'first-admin@example.org', '--role', 'admin'], { ...env, ADMIN_PASSWORD: password });
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('Created admin first-admin@example.org');
    const login = await request(`http://127.0.0.1:${port}`)
      .post('/api/v1/auth/login')
      .send({ email: 'first-admin@example.org', password })
      .expect(200);
    expect(login.body.user.role).toBe('admin');

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('second start: keeps the data and changes nothing', async () => {
    const server = run(SERVER, [], env);
    await waitFor(server, 'listening on');
    expect(server.output()).toContain('added 0 programmes, 0 organisations, 0 taxonomy terms');
    expect(server.output()).not.toContain('Applied migrations');
    await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('create-user refuses weak passwords, missing options and a missing password without a terminal', async () => {
    const weak = run(CLI, ['create-user', '--email', 'x@example.org', '--role', 'admin'], { ...env, ADMIN_PASSWORD: 'short' });
    expect(await weak.exited).toBe(1);
    expect(weak.output()).toContain('password must be 12');
    const noRole = run(CLI, ['create-user', '--email', 'x@example.org'], env);
    expect(await noRole.exited).toBe(2);
    const noPassword = run(CLI, ['create-user', '--email', 'x@example.org', '--role', 'editor'], env);
    noPassword.child.stdin.end();
    expect(await noPassword.exited).toBe(1);
    expect(noPassword.output()).toContain('set ADMIN_PASSWORD');
  });

  it('runs the search and catalogue maintenance commands: generate, sync, reconcile, reindex, export and import', async () => {
    const cli = async (...args: string[]) => {
      const running = run(CLI, args, env);
      return { code: await running.exited, output: running.output() };
    };
    const generated = await cli('generate', '--count', '30', '--seed', '3');
    expect(generated).toMatchObject({ code: 0, output: expect.stringMatching(/created 30 \(\d+ published\)/) });
    const synced = await cli('sync');
    expect(synced.code).toBe(0);
    expect(synced.output).toMatch(/Sent \d+ outbox rows, 0 failed/);
    expect(await cli('reconcile')).toMatchObject({
      code: 0,
      output: expect.stringContaining('The PostgreSQL engine searches the catalogue itself'),
    });
    expect(await cli('reindex')).toMatchObject({ code: 0, output: expect.stringMatching(/Rebuilt the postgres index: \d+ documents/) });

    const exportFile = join(resolve(dir, '..'), 'export.csv');
    expect(await cli('export', '--out', exportFile)).toMatchObject({
      code: 0,
      output: expect.stringContaining(`Exported ${30 + SHIPPED_ALL.length} programmes`),
    });
    const dryRun = await cli('import', exportFile);
    expect(dryRun).toMatchObject({ code: 0, output: expect.stringContaining(`${30 + SHIPPED_ALL.length} rows`) });
    expect(dryRun.output).toContain(`0 to create, 0 to update, ${30 + SHIPPED_ALL.length} unchanged, 0 invalid`);

    const csv = await readFile(exportFile, 'utf8');
    const broken = join(resolve(dir, '..'), 'broken.csv');
    await writeFile(broken, csv.replace(/^synthetic-3-0,[a-z0-9-]+,/m, 'synthetic-3-0,no-such-provider,'));
    const refused = await cli('import', broken, '--apply');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/row \d+ \(synthetic-3-0\): provider: unknown organisation "no-such-provider"/);
    expect(refused.output).toContain(`${30 + SHIPPED_ALL.length - 1} unchanged, 1 invalid (skipped)`);

    expect(await cli('generate', '--count', '0')).toMatchObject({ code: 0, output: expect.stringContaining('removed 30, created 0') });
  });

  it('refuses to start with invalid configuration, in one clear line', async () => {
    const bad = run(SERVER, [], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toMatch(/^Invalid configuration: PORT .*DATABASE_URL/);
  });

  it('`npm run cli` runs what is built and never deletes files from under a running server', async () => {
    const before = await stat(SERVER);
    const child = spawn('npm', ['run', '--silent', 'cli', '--', 'help'], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(output).toContain('create-user');
    const after = await stat(SERVER);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });
});
