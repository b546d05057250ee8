import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort, strongPassword } from '@app/testing';
import { CLI, run, SERVER, waitFor, WORKER, type Running } from '../../support/processes';
import { MeiliServer, PostgresServer, scratchDir } from './services';

/** One built process of the application: a server (with its port) or a worker. */
export interface AppProcess {
  name: string;
  running: Running;
  /** A server's port and address; undefined for a worker. */
  port?: number;
  base?: string;
}

export interface DeploymentOptions {
  /** Which engine searches read. */
  engine: 'meilisearch' | 'postgres';
  /** Added to every process's environment (servers, workers and the CLI). */
  env?: Record<string, string>;
  /** Another deployment's PostgreSQL server to use (a database of its own on it) instead of starting one. */
  pg?: PostgresServer;
}

/**
 * The production shape on loopback, as docker/compose.yml lays it out: PostgreSQL and Meilisearch as their
 * own servers, a one-off `cli migrate` and `cli seed`, servers with WORKER_IN_PROCESS=false and workers,
 * all built processes (dist/) in production mode. The application gets scoped Meilisearch keys the harness
 * created with the master key: the search key for servers, the index-scoped write key for workers and the CLI.
 */
export class Deployment {
  readonly processes: AppProcess[] = [];
  readonly metricsToken = randomBytes(16).toString('hex');
  private serial = 0;

  private constructor(
    readonly dir: string,
    readonly pg: PostgresServer,
    readonly meili: MeiliServer | null,
    readonly databaseUrl: string,
    readonly index: string,
    readonly keys: { search: string; write: string } | null,
    private readonly extraEnv: Record<string, string>,
    private readonly ownsPg: boolean,
  ) {}

  static async create(name: string, options: DeploymentOptions): Promise<Deployment> {
    const dir = scratchDir(name);
    const pg = options.pg ?? (await PostgresServer.create(dir));
    const meili = options.engine === 'meilisearch' ? await MeiliServer.create(dir) : null;
    const index = 'programmes';
    // the key definitions name this index (the compose file's default)
    const keys = meili ? await meili.createApplicationKeys() : null;
    const databaseUrl = await pg.createDatabase(`sn_${name.replace(/\W/g, '_')}`);
    const deployment = new Deployment(dir, pg, meili, databaseUrl, index, keys, options.env ?? {}, !options.pg);
    // the compose file's one-off step: migrations, then the shipped catalogue
    for (const command of [['migrate'], ['seed']]) {
      const result = await deployment.cli(command);
      if (result.code !== 0) throw new Error(`cli ${command.join(' ')} failed:\n${result.output}`);
    }
    return deployment;
  }

  /** What every process gets: production mode, the database, the engine's address, nothing run at start. */
  private common(): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: this.databaseUrl,
      PUBLIC_BASE_URL: 'https://navigator.example',
      METRICS_TOKEN: this.metricsToken,
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      // on by default in production: the shipped catalogue cites real sites, which tests never read
      SOURCE_WATCH_ENABLED: 'false',
      ...(this.meili ? { MEILI_URL: this.meili.url, MEILI_INDEX: this.index } : {}),
      ...this.extraEnv,
    };
  }

  /** A server's environment: the search key only, its jobs left to the worker. */
  serverEnv(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.common(), ...(this.keys ? { MEILI_API_KEY: this.keys.search } : {}), WORKER_IN_PROCESS: 'false', ...extra };
  }

  /** A worker's (and the CLI's) environment: the index-scoped write key. */
  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.common(), ...(this.keys ? { MEILI_API_KEY: this.keys.write } : {}), ...extra };
  }

  async cli(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
    const running = run(CLI, args, this.workerEnv(extra));
    running.child.stdin.end();
    const code = await running.exited;
    return { code, output: running.output() };
  }

  /** A server process, listening once this resolves; on `port` when given (a replacement takes its predecessor's port). */
  async startServer(extra: Record<string, string> = {}, port?: number): Promise<AppProcess> {
    const listen = port ?? (await freePort());
    const proc: AppProcess = {
      name: `server-${++this.serial}`,
      running: run(SERVER, [], this.serverEnv({ PORT: String(listen), ...extra })),
      port: listen,
      base: `http://127.0.0.1:${listen}`,
    };
    this.processes.push(proc);
    await waitFor(proc.running, 'listening on');
    return proc;
  }

  /** A worker process, its jobs started once this resolves. */
  async startWorker(extra: Record<string, string> = {}): Promise<AppProcess> {
    const proc: AppProcess = { name: `worker-${++this.serial}`, running: run(WORKER, [], this.workerEnv(extra)) };
    this.processes.push(proc);
    await waitFor(proc.running, 'worker running');
    return proc;
  }

  /** SIGTERM (or the signal given) and the exit code. */
  async stop(proc: AppProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (proc.running.child.exitCode === null && proc.running.child.signalCode === null) proc.running.child.kill(signal);
    return proc.running.exited;
  }

  /** A user made with `cli create-user`, as an operator makes the first admin. */
  async createUser(email: string, role: 'admin' | 'editor'): Promise<{ email: string; password: string }> {
    const password = strongPassword();
    const result = await this.cli(['create-user', '--email', email, '--role', role], { ADMIN_PASSWORD: password });
    if (result.code !== 0) throw new Error(`create-user failed:\n${result.output}`);
    return { email, password };
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => this.stop(p, 'SIGKILL')));
    await this.meili?.close();
    if (this.ownsPg) await this.pg.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Signs in through the API (a bearer token, valid on every instance). */
export async function bearerToken(base: string, user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The ids of published programmes, and the search answer's slugs, for comparing an index with the catalogue. */
export async function publishedIds(deployment: Deployment): Promise<Set<string>> {
  const rows = await deployment.query<{ id: string }>(
    `SELECT id FROM programme WHERE deleted_at IS NULL AND publication_state = 'published'`,
  );
  return new Set(rows.map((r) => r.id));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok` holds; the elapsed milliseconds, or a throw naming `what` after `ms`. */
export async function within(what: string, ms: number, ok: () => Promise<boolean>, everyMs = 50): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await ok()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(everyMs);
  }
}

/**
 * Publishes the pending change an editor's save of a published programme became (202), as an editor
 * would next; any other answer is returned as it is. The answer says where the entry now stands.
 */
export async function publishIfPending(base: string, headers: Record<string, string>, id: string, saved: Response): Promise<Response> {
  if (saved.status !== 202) return saved;
  await saved.arrayBuffer();
  return fetch(`${base}/api/v1/admin/programmes/${id}/pending-change/publish`, {
    method: 'POST',
    headers: { ...headers, 'If-Match': saved.headers.get('etag')! },
  });
}
