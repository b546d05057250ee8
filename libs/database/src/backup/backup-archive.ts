import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack, type Header, type Pack } from 'tar-stream';

/** The first entry of every backup file: what it holds and how it was taken. */
export interface BackupManifest {
  kind: 'support-navigator-backup';
  formatVersion: 1;
  /**
   * `pg_dump`: a custom-format dump of the database (entry `database.dump`), restored with pg_restore.
   * `base-backup`: the embedded cluster's files taken with pg_backup_start / pg_backup_stop, with the WAL
   * from the backup's start to its end and the backup_label (entries `data/…`), and the cluster's password.
   */
  method: 'pg_dump' | 'base-backup';
  createdAt: string;
  /** The server's version, e.g. "18.4". */
  serverVersion: string;
  database: string;
  /** The newest migration applied in the database when it was backed up. */
  lastMigration: string | null;
  /** What took it: pg_dump and its version, or PostgreSQL's low-level backup API (its backup_label has the WAL positions). */
  tool: string;
}

export const MANIFEST_ENTRY = 'support-navigator-backup.json';
export const DUMP_ENTRY = 'database.dump';
export const PASSWORD_ENTRY = 'password';
export const DATA_PREFIX = 'data/';

/** A gzipped tar being written to `file`; `close()` finishes it. */
export interface ArchiveWriter {
  pack: Pack;
  /** Adds an entry from memory. */
  add(name: string, content: string | Buffer, mode?: number): Promise<void>;
  /** Adds a file of `size` bytes read from `path` as it is now (see `addFile`). */
  addFile(name: string, path: string, mode?: number): Promise<boolean>;
  addDirectory(name: string): Promise<void>;
  close(): Promise<void>;
}

const entryDone = (pack: Pack, header: Parameters<Pack['entry']>[0], content?: Buffer): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (content) pack.entry(header, content, done);
    else pack.entry(header, done);
  });

export function writeArchive(file: string): ArchiveWriter {
  const tar = pack();
  const written = pipeline(tar, createGzip({ level: 3 }), createWriteStream(file, { mode: 0o600 }));
  // an error surfaces from close(); until then keep it from being unhandled
  written.catch(() => undefined);
  return {
    pack: tar,
    add: (name, content, mode = 0o600) =>
      entryDone(tar, { name, mode, mtime: new Date() }, typeof content === 'string' ? Buffer.from(content) : content),
    addDirectory: (name) => entryDone(tar, { name, type: 'directory', mode: 0o700, mtime: new Date() }),
    addFile: async (name, path, mode = 0o600) => {
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        // removed since the directory was listed (a temporary file, a dropped table's relation): nothing to copy
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      try {
        const { size, mtime } = await handle.stat();
        const entry = tar.entry({ name, size, mode, mtime });
        const finished = new Promise<void>((resolve, reject) => {
          entry.once('error', reject);
          entry.once('finish', () => resolve());
        });
        const write = (chunk: Buffer) =>
          new Promise<void>((resolve) => (entry.write(chunk) ? resolve() : entry.once('drain', () => resolve())));
        let done = 0;
        while (done < size) {
          const chunk = Buffer.alloc(Math.min(1 << 20, size - done));
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, done);
          if (bytesRead === 0) break;
          await write(chunk.subarray(0, bytesRead));
          done += bytesRead;
        }
        // the file shrank while it was read: the rest as zeros, as pg_basebackup does (WAL replay puts it right)
        while (done < size) {
          const zeros = Buffer.alloc(Math.min(1 << 20, size - done));
          await write(zeros);
          done += zeros.length;
        }
        entry.end(undefined);
        await finished;
        return true;
      } finally {
        await handle.close();
      }
    },
    close: async () => {
      tar.finalize();
      await written;
    },
  };
}

/** Reads a backup file's entries in order: the manifest first, then each entry's header and content stream. */
export async function* readArchive(
  file: string,
): AsyncGenerator<{ header: Header; stream: NodeJS.ReadableStream & AsyncIterable<Buffer> }> {
  const tar = extract();
  const source = createReadStream(file).pipe(createGunzip());
  source.on('error', (error) => tar.destroy(error));
  source.pipe(tar as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of tar) {
      yield { header: entry.header, stream: entry as unknown as NodeJS.ReadableStream & AsyncIterable<Buffer> };
      // whatever the reader left of this entry is skipped
      entry.resume();
    }
  } finally {
    // a reader that stopped early (the manifest alone) closes the file
    source.destroy();
    tar.destroy();
  }
}

/** The manifest of a backup file, or an error saying the file is not one. */
export async function readManifest(file: string): Promise<BackupManifest> {
  for await (const { header, stream } of readArchive(file)) {
    if (header.name !== MANIFEST_ENTRY) break;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
    if (manifest.kind === 'support-navigator-backup' && manifest.formatVersion === 1) return manifest;
    break;
  }
  throw new Error(`${file} is not a Support Navigator backup (made by "cli backup")`);
}
