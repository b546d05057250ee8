import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitStore } from '@app/identity';

/** @nestjs/throttler's storage port on the shared counters (PostgreSQL or Redis): a fixed window per key. */
export class SharedThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: RateLimitStore) {}

  async increment(key: string, ttl: number, limit: number): ReturnType<ThrottlerStorage['increment']> {
    const { hits, resetsAt } = await this.store.hit(key, ttl);
    const timeToExpire = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
