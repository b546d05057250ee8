import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProgrammeStatusJob } from '@app/catalogue';
import { AppConfig } from '@app/config';
import { RateLimitStore } from '@app/identity';
import { PostgresSearchEngine, SearchMaintenanceService, SearchOutbox, SearchSyncRelay } from '@app/search';
import { AlertsService, MailRelay } from '@app/alerts';

interface ScheduledJob {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Runs each job on its interval, never two runs of one job at once; a failed run
 * is logged and retried at the next tick. Stops cleanly, waiting for runs in flight.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

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
  ) {}

  get jobs(): ScheduledJob[] {
    const { statusJobIntervalSeconds } = this.config.worker;
    const { syncIntervalMs, reconcileIntervalMinutes } = this.config.search;
    return [
      { name: 'programme-status', everyMs: statusJobIntervalSeconds * 1000, run: () => this.statusJob.run() },
      { name: 'search-sync', everyMs: syncIntervalMs, run: () => this.relay.drain() },
      { name: 'search-reconcile', everyMs: reconcileIntervalMinutes * 60_000, run: () => this.maintenance.reconcile() },
      { name: 'search-outbox-prune', everyMs: 24 * 3_600_000, run: () => this.outbox.prune(7) },
      { name: 'search-counters', everyMs: 60_000, run: () => this.postgresSearch.compactCounters() },
      { name: 'rate-limit-prune', everyMs: 3_600_000, run: () => this.rateLimits.prune() },
      { name: 'alert-digests', everyMs: this.config.mail.intervalSeconds * 1000, run: () => this.alerts.composeDigests() },
      { name: 'alert-prune-unconfirmed', everyMs: 3_600_000, run: () => this.alerts.pruneUnconfirmed() },
      { name: 'mail-relay', everyMs: this.config.mail.intervalSeconds * 1000, run: () => this.mail.drain() },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    // engine settings are (re)applied at every start, through the outbox so a down engine gets them later
    await this.outbox.enqueueSettings();
    for (const job of this.jobs) {
      void this.tick(job);
      const timer = setInterval(() => void this.tick(job), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await Promise.allSettled(this.running.values());
  }

  private tick(job: ScheduledJob): Promise<void> {
    const inFlight = this.running.get(job.name);
    if (inFlight) return inFlight;
    const run = job
      .run()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error, job: job.name }, 'Scheduled job failed'))
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }
}
