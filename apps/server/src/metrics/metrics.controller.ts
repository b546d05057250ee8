import { Controller, Get, Headers, Res } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Gauge } from 'prom-client';
import { DomainError, metricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { SearchOutbox } from '@app/search';
import { sameToken } from '../admin-web/admin-session';

/**
 * Prometheus metrics: request latency by route, search engine latency, the
 * search outbox's backlog and failures, and the Node process. Scrapers send
 * `Authorization: Bearer <METRICS_TOKEN>` when one is configured.
 */
@ApiExcludeController()
@Public('a scraper token (METRICS_TOKEN) when one is configured')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly config: AppConfig,
    outbox: SearchOutbox,
  ) {
    // read from the database at scrape time, so every instance reports the shared outbox the same way
    const state = { at: 0, value: null as Awaited<ReturnType<SearchOutbox['status']>> | null };
    const read = async () => {
      if (Date.now() - state.at > 1000) state.value = await outbox.status().catch(() => null);
      state.at = Date.now();
      return state.value;
    };
    const gauge = (name: string, help: string, pick: (s: NonNullable<typeof state.value>) => number) => {
      metricsRegistry.removeSingleMetric(name);
      new Gauge({
        name,
        help,
        registers: [metricsRegistry],
        async collect() {
          const s = await read();
          if (s) this.set(pick(s));
        },
      });
    };
    gauge('search_outbox_pending', 'Changes waiting to be sent to the search engine', (s) => s.pending);
    gauge('search_outbox_failed', 'Waiting changes whose last attempts failed', (s) => s.failed);
    gauge('search_outbox_lag_seconds', 'Age of the oldest change waiting to be sent', (s) => s.oldestPendingAgeSeconds ?? 0);
    gauge('search_outbox_processed_last_hour', 'Changes sent in the last hour', (s) => s.processedLastHour);
  }

  @Get()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.http.metricsToken;
    if (token && !sameToken(/^Bearer (.+)$/.exec(authorization ?? '')?.[1], token)) {
      throw new DomainError('unauthenticated', 'METRICS.TOKEN_REQUIRED', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metricsRegistry.metrics());
  }
}
