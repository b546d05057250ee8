import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitStore } from '@app/identity';

/**
 * @nestjs/throttler's storage port on the shared counters (PostgreSQL or
 * Redis): a fixed window per key. If the counters cannot be reached the
 * request is let through (and logged): an outage of the limiter must not
 * become an outage of the API.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private lastWarning = 0;

  constructor(private readonly store: RateLimitStore) {}

  async increment(key: string, ttl: number, limit: number): ReturnType<ThrottlerStorage['increment']> {
    let counted;
    try {
      counted = await this.store.hit(key, ttl);
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'Rate-limit counters unreachable; letting requests through');
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
    const { hits, resetsAt } = counted;
    const timeToExpire = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
