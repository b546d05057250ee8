import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProgrammeStatusJob } from '@app/catalogue';
import { AppConfig } from '@app/config';
import { isDatabaseUnavailable } from '@app/database';
import { RateLimitStore } from '@app/identity';
import { PostgresSearchEngine, SearchMaintenanceService, SearchOutbox, SearchSyncRelay } from '@app/search';
import { AlertsService, MailRelay } from '@app/alerts';
import { SourceWatchJob } from '@app/source-watch';
import { ScheduledJobRuns } from './scheduled-job-runs';

interface ScheduledJob {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  /**
   * `once-per-period`: however many processes run jobs, one of them runs it in each period (claimed in
   * `scheduled_job_run`). `every-process`: each process runs it on its interval; it drains a queue whose rows
   * it claims itself (FOR UPDATE SKIP LOCKED), so processes share the work and never do a row twice.
   */
  runs: 'once-per-period' | 'every-process';
  /** Also run once as this process starts, whichever process ran the current period. */
  atStart?: boolean;
}

/** A period job checks whether its period is still unclaimed four times a period (at most every five minutes). */
const claimCheckMs = (everyMs: number): number => Math.max(50, Math.min(everyMs / 4, 300_000));

/**
 * Runs each job on its interval, never two runs of one job at once in this process; a job that must run once
 * per period is claimed first, so two workers (or a worker beside a server with the worker in-process) do not
 * both run it. A failed run is logged and retried at the next period. Stops cleanly, waiting for runs in flight.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly statusJob: ProgrammeStatusJob,
    private readonly relay: SearchSyncRelay,
    private readonly maintenance: SearchMaintenanceService,
    private readonly outbox: SearchOutbox,
    private readonly postgresSearch: PostgresSearchEngine,
    private readonly rateLimits: RateLimitStore,
    private readonly alerts: AlertsService,
    private readonly mail: MailRelay,
    private readonly runs: ScheduledJobRuns,
    private readonly sourceWatch: SourceWatchJob,
  ) {}

  get jobs(): ScheduledJob[] {
    const { statusJobIntervalSeconds } = this.config.worker;
    const { syncIntervalMs, reconcileIntervalMinutes } = this.config.search;
    const mailMs = this.config.mail.intervalSeconds * 1000;
    const watch = this.config.worker.sourceWatch;
    return [
      { name: 'programme-status', everyMs: statusJobIntervalSeconds * 1000, runs: 'once-per-period', run: () => this.statusJob.run() },
      { name: 'search-sync', everyMs: syncIntervalMs, runs: 'every-process', run: () => this.relay.drain() },
      { name: 'search-reindex-requests', everyMs: syncIntervalMs, runs: 'every-process', run: () => this.maintenance.reindexIfRequested() },
      {
        name: 'search-reconcile',
        everyMs: reconcileIntervalMinutes * 60_000,
        runs: 'once-per-period',
        atStart: true,
        run: () => this.maintenance.reconcile(),
      },
      { name: 'search-outbox-prune', everyMs: 24 * 3_600_000, runs: 'once-per-period', run: () => this.outbox.prune(7) },
      { name: 'search-counters', everyMs: 60_000, runs: 'once-per-period', run: () => this.postgresSearch.compactCounters() },
      { name: 'rate-limit-prune', everyMs: 3_600_000, runs: 'once-per-period', run: () => this.rateLimits.prune() },
      { name: 'alert-digests', everyMs: mailMs, runs: 'once-per-period', run: () => this.alerts.composeDigests() },
      { name: 'alert-prune-unconfirmed', everyMs: 3_600_000, runs: 'once-per-period', run: () => this.alerts.pruneUnconfirmed() },
      { name: 'mail-relay', everyMs: mailMs, runs: 'every-process', run: () => this.mail.drain() },
      { name: 'scheduled-job-runs-prune', everyMs: 24 * 3_600_000, runs: 'once-per-period', run: () => this.runs.prune(2) },
      ...(watch.enabled
        ? [
            {
              name: 'source-watch',
              everyMs: watch.intervalMinutes * 60_000,
              runs: 'once-per-period' as const,
              run: () => this.sourceWatch.run(),
            },
          ]
        : []),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    // engine settings are (re)applied at every start, through the outbox so a down engine gets them later
    await this.outbox.enqueueSettings();
    for (const job of this.jobs) {
      void (job.atStart ? this.start(job, null) : this.tick(job));
      const timer = setInterval(() => void this.tick(job), job.runs === 'once-per-period' ? claimCheckMs(job.everyMs) : job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.timers.forEach(clearInterval);
    await Promise.allSettled(this.running.values());
  }

  private async tick(job: ScheduledJob): Promise<void> {
    if (this.stopping || this.running.has(job.name)) return;
    if (job.runs === 'every-process') return this.start(job, null);
    const period = await this.runs.claim(job.name, job.everyMs).catch((error: unknown) => {
      this.logger.warn({ err: error, job: job.name }, 'Could not claim a scheduled job period; trying again later');
      return null;
    });
    if (period && !this.stopping) await this.start(job, period);
  }

  private start(job: ScheduledJob, period: Date | null): Promise<void> {
    const inFlight = this.running.get(job.name);
    if (inFlight) return inFlight;
    if (job.runs === 'once-per-period')
      this.logger.debug({ job: job.name, period: period?.toISOString() ?? 'at start' }, 'Scheduled job started');
    const run = job
      .run()
      .then(() => undefined)
      .catch((error: unknown) =>
        isDatabaseUnavailable(error)
          ? this.logger.warn(
              { job: job.name, reason: (error as Error).message },
              'Scheduled job could not reach the database; trying again next time',
            )
          : this.logger.error({ err: error, job: job.name }, 'Scheduled job failed'),
      )
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }
}
