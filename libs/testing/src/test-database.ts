import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'sn_test_template';
/** Templates made from TEMPLATE_DATABASE during a run (sharedTemplate); the global setup drops them. */
export const DERIVED_TEMPLATE_PREFIX = 'sn_test_derived_';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.SN_TEST_ADMIN_URL;
  if (!url) throw new Error('No test database server: run the tests through Jest (its global setup starts one)');
  return url;
}

function urlOf(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh database for one test file, cloned from the migrated template (or `empty`, for a test that
 * migrates it itself, or `template`, one that sharedTemplate made).
 */
export async function createTestDatabase(options: { empty?: boolean; template?: string } = {}): Promise<TestDatabase> {
  const name = `sn_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : (options.template ?? TEMPLATE_DATABASE)}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlOf(name),
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A template database `build` fills once per run, starting from the migrated template: the first
 * test file (in any worker) to ask builds it under a lock, the others wait and clone it. A build that
 * failed leaves nothing behind, so the next file tries again. Returns the template's name.
 */
export async function sharedTemplate(label: string, build: (url: string) => Promise<void>): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`A template label is lower-case letters, digits and underscores: ${label}`);
  const name = `${DERIVED_TEMPLATE_PREFIX}${label}`;
  const building = `${name}_building`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [name]);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building} TEMPLATE ${TEMPLATE_DATABASE}`);
      try {
        await build(urlOf(building));
        // a whole template or none: the name appears only when the build is done
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        throw error;
      }
    }
    return name;
  } finally {
    await admin.end(); // ends the session, and with it the advisory lock
  }
}
