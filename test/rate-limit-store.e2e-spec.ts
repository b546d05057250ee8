import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { PostgresRateLimitStore, RedisRateLimitStore, type RateLimitStore } from '@app/identity';
import { createTestApp, TestApp } from './support/test-app';

/**
 * One contract for the shared rate-limit counters: PostgreSQL always, Redis
 * when REDIS_URL points at a server (reported as skipped otherwise).
 */
const redisUrl = loadConfig().rateLimits.redisUrl;

describe.each([
  ['postgres', true],
  ['redis', !!redisUrl],
] as const)('rate-limit store: %s', (engine, available) => {
  const run = available ? it : it.skip;
  let t: TestApp;
  let store: RateLimitStore;
  const key = () => `test:${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    if (!available) return;
    t = await createTestApp({ seed: false });
    store = engine === 'postgres' ? new PostgresRateLimitStore(t.app.get(DataSource)) : new RedisRateLimitStore(redisUrl!);
  });
  afterAll(async () => {
    if (store instanceof RedisRateLimitStore) await store.onModuleDestroy();
    await t?.close();
  });

  run('counts hits in a window and says when it ends', async () => {
    const k = key();
    const first = await store.hit(k, 60_000);
    expect(first.hits).toBe(1);
    expect(first.resetsAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    const second = await store.hit(k, 60_000);
    expect(second.hits).toBe(2);
    expect(Math.abs(second.resetsAt.getTime() - first.resetsAt.getTime())).toBeLessThan(1000); // same window
  });

  run('starts a new window once the last one has ended', async () => {
    const k = key();
    await store.hit(k, 200);
    await store.hit(k, 200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.hit(k, 200)).hits).toBe(1);
  });

  run('counts every one of many concurrent hits exactly once', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 40 }, () => store.hit(k, 60_000)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  run('forgets a key on reset', async () => {
    const k = key();
    await store.hit(k, 60_000);
    await store.reset(k);
    expect((await store.hit(k, 60_000)).hits).toBe(1);
  });

  run('spends a cost only when it fits under the limit, atomically: a refused one counts nothing (issue 26)', async () => {
    const k = key();
    await store.hit(k, 60_000, 3);
    const refused = await store.spend(k, 60_000, 8, 10);
    expect(refused).toMatchObject({ spent: false, hits: 3 });
    expect(refused.resetsAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(await store.spend(k, 60_000, 7, 10)).toMatchObject({ spent: true, hits: 10 });
    expect((await store.hit(k, 60_000)).hits).toBe(11);
    // many at once: exactly as many fit as the limit allows
    const k2 = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.spend(k2, 60_000, 3, 30)));
    expect(results.filter((r) => r.spent)).toHaveLength(10);
    expect((await store.hit(k2, 60_000, 0)).hits).toBe(30);
    // an ended window starts again
    const k3 = key();
    await store.hit(k3, 200, 10);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.spend(k3, 200, 5, 10)).toMatchObject({ spent: true, hits: 5 });
  });
});
