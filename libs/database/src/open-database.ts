import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '@app/config';
import { startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'support_navigator';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded cluster if this process started it; otherwise nothing. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under EMBEDDED_PG_DIR,
 * started here, or reused when another local process (the server) already runs it.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: { onLog?: (line: string) => void; ownSignals?: boolean } = {},
): Promise<OpenDatabase> {
  if (config.url) return { url: config.url, embedded: false, stop: async () => undefined };
  const dir = resolve(config.embeddedDir);
  if (existsSync(join(dir, 'postmaster.pid')) && existsSync(`${dir}.secret`)) {
    const password = (await readFile(`${dir}.secret`, 'utf8')).trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPort}/${EMBEDDED_DATABASE}`;
    if (await canConnect(url)) return { url, embedded: true, stop: async () => undefined };
  }
  const pg = await startEmbeddedPostgres({ dir, port: config.embeddedPort, database: EMBEDDED_DATABASE, ...options });
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
