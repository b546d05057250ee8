import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The record of which process ran which scheduled job in which period
 * (`scheduled_job_run`). A period is claimed by inserting its row: the primary
 * key lets one process in, so however many workers run, a job runs once per
 * period. Periods are counted from the epoch on the database's clock, which all
 * processes share (their own clocks may differ).
 */
@Injectable()
export class ScheduledJobRuns {
  /** Who ran it, as the table records it: host and process id. */
  readonly runner = `${hostname()}:${process.pid}`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The start of the current period of `job` if this process claimed it now; null when another process already has it. */
  async claim(job: string, everyMs: number): Promise<Date | null> {
    const rows = await this.dataSource.query<{ periodStart: Date }[]>(
      `INSERT INTO scheduled_job_run (job, period_start, runner)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000.0), $3)
       ON CONFLICT DO NOTHING
       RETURNING period_start AS "periodStart"`,
      [job, everyMs, this.runner],
    );
    return rows[0]?.periodStart ?? null;
  }

  /** Forgets runs older than `days`. */
  async prune(days: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM scheduled_job_run WHERE started_at < now() - make_interval(days => $1) RETURNING 1) SELECT 1 FROM gone`,
      [days],
    );
    return rows.length;
  }
}
