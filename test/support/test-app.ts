import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CatalogueSeeder } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { IdentityService, type Role } from '@app/identity';
import { createTestDatabase, strongPassword, uniqueEmail, type TestDatabase } from '@app/testing';
import { createServerApp } from '../../apps/server/src/server.app';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: TestDatabase;
  /** A bearer token for a new user with the role. */
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** The real HTTP application on its own fresh database, optionally with the shipped catalogue. */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string>; db?: TestDatabase } = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  // generous API limits unless a test sets its own: tests send many requests from one address
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    WORKER_IN_PROCESS: 'false',
    API_RATE_LIMIT_ANONYMOUS: '1000000',
    WEB_RATE_LIMIT: '1000000',
    ...options.env,
  });
  const app = await createServerApp(config);
  await app.init();
  if (options.seed ?? true) await app.get(CatalogueSeeder).seed();
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
