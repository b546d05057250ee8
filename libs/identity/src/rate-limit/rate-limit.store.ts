import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

export interface RateLimitState {
  /** Hits in the current window, this one included. */
  hits: number;
  /** When the window ends and the count starts again. */
  resetsAt: Date;
}

/**
 * Fixed-window counters shared by every server instance: sign-in attempts and
 * API request limits. PostgreSQL by default, Redis when REDIS_URL is set.
 */
export interface SpendState extends RateLimitState {
  /** Whether the cost was counted: false when it did not fit under the limit (nothing was counted then). */
  spent: boolean;
}

export abstract class RateLimitStore {
  /** Counts `cost` hits (1 for a plain request; more for an expensive one) into the key's current window. */
  abstract hit(key: string, windowMs: number, cost?: number): Promise<RateLimitState>;
  /**
   * Counts `cost` hits only if the window's count stays within `limit`, atomically: a
   * refused expensive request (an export too large for what is left) costs nothing.
   */
  abstract spend(key: string, windowMs: number, cost: number, limit: number): Promise<SpendState>;
  abstract reset(key: string): Promise<void>;
  /** Drops counters whose window has ended; returns how many. */
  abstract prune(): Promise<number>;
}

/** One statement per hit: it starts a window, or counts into the running one. */
@Injectable()
export class PostgresRateLimitStore extends RateLimitStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async hit(key: string, windowMs: number, cost = 1): Promise<RateLimitState> {
    const [row] = await this.dataSource.query<{ hits: number; window_ends: Date }[]>(
      `INSERT INTO rate_limit_counter AS c (key, window_ends, hits)
            VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond', $3)
       ON CONFLICT (key) DO UPDATE
             SET hits = CASE WHEN c.window_ends <= clock_timestamp() THEN $3 ELSE c.hits + $3 END,
                 window_ends = CASE WHEN c.window_ends <= clock_timestamp() THEN EXCLUDED.window_ends ELSE c.window_ends END
       RETURNING hits, window_ends`,
      [key, windowMs, cost],
    );
    return { hits: row.hits, resetsAt: row.window_ends };
  }

  async spend(key: string, windowMs: number, cost: number, limit: number): Promise<SpendState> {
    return this.dataSource.transaction(async (tx) => {
      // the row, locked until commit (a running window kept, an ended one started again at 0)
      const [current] = await tx.query<{ hits: number; window_ends: Date }[]>(
        `INSERT INTO rate_limit_counter AS c (key, window_ends, hits)
              VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond', 0)
         ON CONFLICT (key) DO UPDATE
               SET hits = CASE WHEN c.window_ends <= clock_timestamp() THEN 0 ELSE c.hits END,
                   window_ends = CASE WHEN c.window_ends <= clock_timestamp() THEN EXCLUDED.window_ends ELSE c.window_ends END
         RETURNING hits, window_ends`,
        [key, windowMs],
      );
      if (current.hits + cost > limit) return { hits: current.hits, resetsAt: current.window_ends, spent: false };
      await tx.query(`UPDATE rate_limit_counter SET hits = hits + $2 WHERE key = $1`, [key, cost]);
      return { hits: current.hits + cost, resetsAt: current.window_ends, spent: true };
    });
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [key]);
  }

  async prune(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM rate_limit_counter WHERE window_ends < clock_timestamp()`,
    );
    return count;
  }
}

/** INCRBY and PEXPIRE in one script, so a window starts exactly once; Redis expires the keys itself. */
const HIT_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
if hits == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/** INCRBY only if the count stays within the limit; returns whether it counted, the count and the window's time left. */
const SPEND_SCRIPT = `
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if hits + tonumber(ARGV[2]) > tonumber(ARGV[3]) then
  if ttl < 0 then ttl = tonumber(ARGV[1]) end
  return {0, hits, ttl}
end
hits = redis.call('INCRBY', KEYS[1], ARGV[2])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {1, hits, ttl}`;

export class RedisRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, { keyPrefix: 'sn:rl:', maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000 });
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis.defineCommand('rateLimitSpend', { numberOfKeys: 1, lua: SPEND_SCRIPT });
  }

  async spend(key: string, windowMs: number, cost: number, limit: number): Promise<SpendState> {
    const [spent, hits, ttl] = await (
      this.redis as unknown as { rateLimitSpend(k: string, w: number, c: number, l: number): Promise<[number, number, number]> }
    ).rateLimitSpend(key, windowMs, cost, limit);
    return { spent: spent === 1, hits, resetsAt: new Date(Date.now() + ttl) };
  }

  async hit(key: string, windowMs: number, cost = 1): Promise<RateLimitState> {
    const [hits, ttl] = await (
      this.redis as unknown as { rateLimitHit(k: string, w: number, c: number): Promise<[number, number]> }
    ).rateLimitHit(key, windowMs, cost);
    return { hits, resetsAt: new Date(Date.now() + ttl) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async prune(): Promise<number> {
    return 0;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
