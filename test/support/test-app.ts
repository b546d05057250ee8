import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CatalogueSeeder } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { IdentityService, type Role } from '@app/identity';
import { createTestDatabase, sharedTemplate, strongPassword, uniqueEmail, type TestDatabase } from '@app/testing';
import { createServerApp } from '../../apps/server/src/server.app';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: TestDatabase;
  /** A bearer token for a new user with the role. */
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

// generous API limits unless a test sets its own: tests send many requests from one address
const configFor = (url: string, env: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    WORKER_IN_PROCESS: 'false',
    API_RATE_LIMIT_ANONYMOUS: '1000000',
    WEB_RATE_LIMIT: '1000000',
    ...env,
  });

let seeded: Promise<string> | undefined;
/** The migrated template with the shipped catalogue, seeded once per run: cloning it costs far less than seeding. */
const seededTemplate = () =>
  (seeded ??= sharedTemplate('seeded', async (url) => {
    const app = await createServerApp(configFor(url));
    await app.init();
    try {
      await app.get(CatalogueSeeder).seed();
    } finally {
      await app.close();
    }
  }).catch((error: unknown) => {
    seeded = undefined; // the next file tries again
    throw error;
  }));

/**
 * The real HTTP application on its own fresh database, optionally with the shipped catalogue (cloned
 * from a template seeded through the same seeder, or seeded in place on a database the test gives).
 */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string>; db?: TestDatabase } = {}): Promise<TestApp> {
  const seed = options.seed ?? true;
  const db = options.db ?? (await createTestDatabase(seed ? { template: await seededTemplate() } : {}));
  const app = await createServerApp(configFor(db.url, options.env));
  await app.init();
  if (seed && options.db) await app.get(CatalogueSeeder).seed();
  const http = app.getHttpServer();
  return {
    app,
    http,
    db,
    async tokenFor(role: Role) {
      const email = uniqueEmail(role);
      const password = strongPassword();
      await app.get(IdentityService).createUser(email, password, role);
      const res = await request(http).post('/api/v1/auth/login').send({ email, password }).expect(200);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
