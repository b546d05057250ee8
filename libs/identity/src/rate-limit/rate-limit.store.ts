import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitState {
  /** Hits in the current window, this one included. */
  hits: number;
  /** When the window ends and the count starts again. */
  resetsAt: Date;
}

/**
 * Fixed-window counters in PostgreSQL, so every server instance shares them.
 * One statement per hit: it starts a window, or counts into the running one.
 */
@Injectable()
export class RateLimitStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(key: string, windowMs: number): Promise<RateLimitState> {
    const [row] = await this.dataSource.query<{ hits: number; window_ends: Date }[]>(
      `INSERT INTO rate_limit_counter AS c (key, window_ends, hits)
            VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond', 1)
       ON CONFLICT (key) DO UPDATE
             SET hits = CASE WHEN c.window_ends <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
                 window_ends = CASE WHEN c.window_ends <= clock_timestamp() THEN EXCLUDED.window_ends ELSE c.window_ends END
       RETURNING hits, window_ends`,
      [key, windowMs],
    );
    return { hits: row.hits, resetsAt: row.window_ends };
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [key]);
  }

  /** Drops counters whose window has ended; returns how many. */
  async prune(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(`DELETE FROM rate_limit_counter WHERE window_ends < clock_timestamp()`);
    return count;
  }
}
