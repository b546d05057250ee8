import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A pair of PostgreSQL's client tools from one installation, with the version they report. */
export interface DumpTools {
  pgDump: string;
  pgRestore: string;
  /** e.g. "15.18" */
  version: string;
  major: number;
}

/** Where distributions put each major version's tools beside the one on PATH (Debian, Red Hat). */
const VERSIONED_ROOTS = ['/usr/lib/postgresql', '/usr/pgsql'];

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function candidateDirs(): Promise<string[]> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const root of VERSIONED_ROOTS) {
    const versions = await readdir(root).catch(() => [] as string[]);
    dirs.push(...versions.map((v) => join(root, v, 'bin')));
  }
  return [...new Set(dirs)];
}

/**
 * Every pg_dump / pg_restore pair installed here, newest first, each asked for its version (never
 * assumed from where it was found).
 */
export async function findDumpTools(): Promise<DumpTools[]> {
  const found = new Map<string, DumpTools>();
  for (const dir of await candidateDirs()) {
    const pgDump = join(dir, 'pg_dump');
    const pgRestore = join(dir, 'pg_restore');
    if (!(await executable(pgDump)) || !(await executable(pgRestore))) continue;
    const { stdout } = await run(pgDump, ['--version']).catch(() => ({ stdout: '' }));
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!match) continue;
    const version = match[2] ? `${match[1]}.${match[2]}` : match[1];
    if (!found.has(version)) found.set(version, { pgDump, pgRestore, version, major: Number(match[1]) });
  }
  return [...found.values()].sort((a, b) => b.major - a.major);
}

/**
 * The tools to dump and restore a server of `serverMajor`: its own major version where installed, else a
 * newer one (pg_dump reads servers of its own major version and older, never newer). Undefined when none fits.
 */
export function toolsFor(tools: DumpTools[], serverMajor: number): DumpTools | undefined {
  return tools.find((t) => t.major === serverMajor) ?? tools.find((t) => t.major > serverMajor);
}

/** Why the installed tools cannot dump (or restore into) this server, naming what was found and what to install. */
export function noToolsFor(tools: DumpTools[], serverVersion: string, serverMajor: number): string {
  const seen = tools.length ? tools.map((t) => `pg_dump ${t.version} (${t.pgDump})`).join(', ') : 'no pg_dump / pg_restore';
  return (
    `PostgreSQL ${serverVersion} needs pg_dump and pg_restore of version ${serverMajor} or newer, and this machine has ${seen}: ` +
    `pg_dump cannot read a server newer than itself. Install PostgreSQL ${serverMajor}'s client tools ` +
    `(Debian and Ubuntu: postgresql-client-${serverMajor} from apt.postgresql.org), or back up with your platform's own tools`
  );
}
