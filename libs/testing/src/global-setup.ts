import 'reflect-metadata';
import { Client } from 'pg';
import { readTestDatabaseUrl } from '@app/config';
import { runMigrations } from '@app/database';
import { startThrowawayPostgres } from './throwaway-postgres';
import { DERIVED_TEMPLATE_PREFIX, TEMPLATE_DATABASE } from './test-database';
import { reportSkippedServers } from './skipped-servers';

/**
 * Once per Jest run: a PostgreSQL server (TEST_DATABASE_URL's, or a throw-away
 * embedded one) and a migrated template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = readTestDatabaseUrl();
  if (!adminUrl) {
    const pg = await startThrowawayPostgres('postgres');
    (globalThis as { __SN_PG__?: { close(): Promise<void> } }).__SN_PG__ = pg;
    adminUrl = pg.url;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // templates an earlier run derived from the last one (a TEST_DATABASE_URL server keeps them) are stale
    const derived = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
      DERIVED_TEMPLATE_PREFIX,
    ]);
    for (const { datname } of derived.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString());
  process.env.SN_TEST_ADMIN_URL = adminUrl;
  reportSkippedServers();
}
