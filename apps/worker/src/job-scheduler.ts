import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProgrammeStatusJob } from '@app/catalogue';
import { AppConfig } from '@app/config';

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
  ) {}

  get jobs(): ScheduledJob[] {
    return [{ name: 'programme-status', everyMs: this.config.worker.statusJobIntervalSeconds * 1000, run: () => this.statusJob.run() }];
  }

  onApplicationBootstrap(): void {
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
