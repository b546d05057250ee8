import 'reflect-metadata';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { readTestDatabaseUrl } from '@app/config';
import { runMigrations, startEmbeddedPostgres } from '@app/database';
import { freePort } from './free-port';
import { TEMPLATE_DATABASE } from './test-database';

/**
 * Once per Jest run: a PostgreSQL server (TEST_DATABASE_URL's, or a throw-away
 * embedded one) and a migrated template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = readTestDatabaseUrl();
  if (!adminUrl) {
    const parent = await mkdtemp(join(tmpdir(), 'sn-test-'));
    await chmod(parent, 0o755); // as root, PostgreSQL runs as the 'postgres' user and must reach its directory
    const dir = join(parent, 'pg');
    const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'postgres', persistent: false });
    (globalThis as { __SN_PG__?: { stop(): Promise<void> } }).__SN_PG__ = pg;
    adminUrl = pg.url;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString());
  process.env.SN_TEST_ADMIN_URL = adminUrl;
}
