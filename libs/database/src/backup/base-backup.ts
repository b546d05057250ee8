import { randomBytes } from 'node:crypto';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { DATA_PREFIX, type ArchiveWriter } from './backup-archive';

/** Directories whose contents a base backup leaves out (PostgreSQL's documentation, "Backing Up the Data Directory"). */
const CONTENTS_LEFT_OUT = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Files left out wherever they are: the running server's own, and caches rebuilt at start. */
const FILES_LEFT_OUT = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'pg_internal.init',
]);
/** Copied last, as pg_basebackup does, so it is read after every file it describes. */
const CONTROL_FILE = join('global', 'pg_control');
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

export interface BaseBackupResult {
  startLsn: string;
  stopLsn: string;
  files: number;
  walSegments: number;
}

/**
 * A base backup of a running cluster with PostgreSQL's low-level backup API ("Making a Base Backup Using
 * the Low Level API"): pg_backup_start, a copy of the data directory while the server keeps serving,
 * pg_backup_stop, whose backup_label is written into the copy, and the WAL from the backup's start to its
 * end, without which the copy cannot be made consistent. There is no WAL archive here, so a temporary
 * physical replication slot, made before the backup starts, keeps those WAL segments from being recycled
 * until they are copied (pg_basebackup keeps its WAL the same way). The copy starts as it is: on its first
 * start PostgreSQL reads backup_label and replays that WAL.
 */
export async function writeBaseBackup(url: string, dataDir: string, archive: ArchiveWriter): Promise<BaseBackupResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ directory }] = (await client.query<{ directory: string }>(`SELECT current_setting('data_directory') AS directory`)).rows;
    if ((await realpath(directory)) !== (await realpath(dataDir))) {
      throw new Error(
        `The server at the database URL keeps its data in ${directory}, not ${dataDir}: it is not this installation's cluster`,
      );
    }
    const slot = `sn_backup_${randomBytes(6).toString('hex')}`;
    await client.query(`SELECT pg_create_physical_replication_slot($1, true, true)`, [slot]);
    const label = `support-navigator ${new Date().toISOString()}`;
    const [{ startLsn }] = (await client.query<{ startLsn: string }>(`SELECT pg_backup_start($1, true)::text AS "startLsn"`, [label])).rows;
    const files = await copyDataDirectory(dataDir, archive);
    const [stop] = (
      await client.query<{ stopLsn: string; labelfile: string; spcmapfile: string | null }>(
        `SELECT lsn::text AS "stopLsn", labelfile, spcmapfile FROM pg_backup_stop(false)`,
      )
    ).rows;
    if (stop.spcmapfile) throw new Error('The cluster has tablespaces outside its data directory, which this backup does not copy');
    const [{ first, last }] = (
      await client.query<{ first: string; last: string }>(
        `SELECT pg_walfile_name($1::pg_lsn) AS first, pg_walfile_name($2::pg_lsn) AS last`,
        [startLsn, stop.stopLsn],
      )
    ).rows;
    const walSegments = await copyWal(dataDir, first, last, archive);
    await archive.add(`${DATA_PREFIX}backup_label`, stop.labelfile);
    await client.query(`SELECT pg_drop_replication_slot($1)`, [slot]);
    return { startLsn, stopLsn: stop.stopLsn, files, walSegments };
  } finally {
    // a backup still in progress is aborted, and the temporary slot dropped, when this session ends
    await client.end();
  }
}

async function copyDataDirectory(dataDir: string, archive: ArchiveWriter): Promise<number> {
  let files = 0;
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dataDir, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const path = relative ? join(relative, entry.name) : entry.name;
      if (entry.isDirectory()) {
        await archive.addDirectory(`${DATA_PREFIX}${path}/`);
        if (CONTENTS_LEFT_OUT.has(path)) {
          // kept empty, but the WAL directory's own subdirectories (archive_status, summaries) are expected at start
          if (path === 'pg_wal') {
            for (const sub of await readdir(join(dataDir, path), { withFileTypes: true })) {
              if (sub.isDirectory()) await archive.addDirectory(`${DATA_PREFIX}${join(path, sub.name)}/`);
            }
          }
          continue;
        }
        if (entry.name.startsWith('pgsql_tmp')) continue;
        await walk(path);
      } else if (entry.isFile()) {
        if (FILES_LEFT_OUT.has(entry.name) || entry.name.startsWith('pgsql_tmp') || path === CONTROL_FILE) continue;
        if (await archive.addFile(`${DATA_PREFIX}${path}`, join(dataDir, path))) files++;
      } else if (entry.isSymbolicLink()) {
        throw new Error(`${join(dataDir, path)} is a symbolic link (a tablespace or a moved directory), which this backup does not follow`);
      }
    }
  };
  await walk('');
  if (!(await archive.addFile(`${DATA_PREFIX}${CONTROL_FILE}`, join(dataDir, CONTROL_FILE))))
    throw new Error('The cluster has no global/pg_control');
  return files + 1;
}

/** The WAL segments from `first` to `last` (one timeline; names sort in order), and the timelines' history files. */
async function copyWal(dataDir: string, first: string, last: string, archive: ArchiveWriter): Promise<number> {
  const timeline = first.slice(0, 8);
  const names = (await readdir(join(dataDir, 'pg_wal'))).sort();
  const segments = names.filter((n) => WAL_SEGMENT.test(n) && n.startsWith(timeline) && n >= first && n <= last);
  if (segments[0] !== first || segments[segments.length - 1] !== last) {
    throw new Error(`The WAL the backup needs (${first} to ${last}) is no longer all in pg_wal`);
  }
  for (const name of [...segments, ...names.filter((n) => n.endsWith('.history'))]) {
    if (!(await archive.addFile(`${DATA_PREFIX}pg_wal/${name}`, join(dataDir, 'pg_wal', name)))) {
      throw new Error(`WAL segment ${name} vanished while it was copied`);
    }
  }
  return segments.length;
}
