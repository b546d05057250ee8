import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per scheduled job and period that some process ran. Workers (and a
 * server with the worker in-process) claim a period by inserting its row; the
 * primary key lets only one of them in, so with several workers each job still
 * runs once per period. Periods are counted on the database's clock, which every
 * process shares.
 */
export class CreateScheduledJobRuns1765200000000 implements MigrationInterface {
  name = 'CreateScheduledJobRuns1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE scheduled_job_run (
        job           text NOT NULL,
        period_start  timestamptz NOT NULL,
        runner        text NOT NULL,
        started_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, period_start)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scheduled_job_run`);
  }
}
