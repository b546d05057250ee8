import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations, startEmbeddedPostgres } from '@app/database';
import { freePort } from './free-port';

export interface ScratchDatabase {
  url: string;
  /** Stops the throw-away cluster and deletes its files (nothing to do for a given URL). */
  close(): Promise<void>;
}

/** A throw-away embedded PostgreSQL in a temporary directory, on a free port. */
export async function startThrowawayPostgres(database: string): Promise<ScratchDatabase> {
  const parent = await mkdtemp(join(tmpdir(), `sn-${database}-`));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as the 'postgres' user and must reach its directory
  const pg = await startEmbeddedPostgres({ dir: join(parent, 'pg'), port: await freePort(), database, persistent: false });
  return {
    url: pg.url,
    async close() {
      await pg.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/** For scripts: the given database URL, or a throw-away cluster; migrated either way. */
export async function openScratchDatabase(url: string | undefined, database: string): Promise<ScratchDatabase> {
  const scratch = url ? { url, close: async () => undefined } : await startThrowawayPostgres(database);
  await runMigrations(scratch.url);
  return scratch;
}
