import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { assess } from './assess';
import { fetchPage, type FetchFailure, type FetchSettings } from './page-fetcher';
import { SourceWatchService } from './source-watch.service';
import type { SourceWatchPass, WatchRow } from './source-watch.types';

/** Hosts read at the same time (each host still gets one request at a time). */
const HOSTS_AT_ONCE = 4;
/** Body read at most per page (after decompression). */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** A pass starts no new reading after this share of its interval (and never after 10 minutes). */
const PASS_SHARE = 0.5;
const PASS_CAP_MS = 10 * 60_000;

/** The columns a reading may set, and their names in `source_watch`. */
const COLUMNS: Partial<Record<keyof WatchRow, string>> = {
  checkedAt: 'checked_at',
  httpStatus: 'http_status',
  finalUrl: 'final_url',
  etag: 'etag',
  lastModified: 'last_modified',
  contentType: 'content_type',
  contentHash: 'content_hash',
  pageTitle: 'page_title',
  pageText: 'page_text',
  error: 'error',
  failures: 'failures',
  vanished: 'vanished',
  changedAt: 'changed_at',
};

const ROW_COLUMNS = `url, host, checked_at AS "checkedAt", http_status AS "httpStatus", final_url AS "finalUrl", etag,
  last_modified AS "lastModified", content_type AS "contentType", content_hash AS "contentHash", page_title AS "pageTitle",
  page_text AS "pageText", error, failures, vanished, changed_at AS "changedAt"`;

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

/**
 * The source watch's pass (a scheduled job, once per period among all workers): re-reads a bounded
 * batch of the pages live programmes cite, those read longest ago first, and puts entries whose pages
 * changed, moved or vanished into the editors' queue.
 *
 * Politely: one request per host at a time with `SOURCE_WATCH_HOST_DELAY_MS` between two requests to
 * one host, a User-Agent naming the site and its address, conditional requests (If-None-Match,
 * If-Modified-Since), one deadline per request, a cap on the body, only http and https. Quietly: a
 * pass in which no page answered at all (no network, as in a sandbox) counts nothing against the
 * pages and logs one warning line, never a line per page.
 */
@Injectable()
export class SourceWatchJob implements OnModuleDestroy {
  private readonly logger = new Logger(SourceWatchJob.name);
  private readonly stopping = new AbortController();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly queue: SourceWatchService,
  ) {}

  /** What every request says it is: the site, and where to find out more. */
  get userAgent(): string {
    return `Mozilla/5.0 (compatible; SupportNavigatorSourceWatch/1.0; +${this.config.http.publicBaseUrl})`;
  }

  private get fetchSettings(): FetchSettings {
    return {
      userAgent: this.userAgent,
      timeoutMs: this.config.worker.sourceWatch.timeoutMs,
      maxBytes: MAX_BYTES,
      maxRedirects: MAX_REDIRECTS,
      refusePrivateAddresses: this.config.env === 'production',
    };
  }

  /** A pass stops starting readings when the process stops (a reading in flight is abandoned; the page waits for the next pass). */
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  async run(): Promise<SourceWatchPass> {
    const settings = this.config.worker.sourceWatch;
    const signal = this.stopping.signal;
    const started = Date.now();
    const budgetMs = Math.min(settings.intervalMinutes * 60_000 * PASS_SHARE, PASS_CAP_MS);
    await this.refreshAddresses();
    const rows = await this.claim(settings.batch, settings.recheckHours, (budgetMs + settings.timeoutMs) / 1000 + 60);
    const pass: SourceWatchPass = {
      claimed: rows.length,
      read: 0,
      unchanged: 0,
      notModified: 0,
      baseline: 0,
      changed: 0,
      moved: 0,
      vanished: 0,
      failed: 0,
      networkDown: false,
      queued: 0,
    };
    if (!rows.length) return pass;

    const byHost = new Map<string, WatchRow[]>();
    for (const row of rows) byHost.set(hostOf(row.url), [...(byHost.get(hostOf(row.url)) ?? []), row]);
    const failures: { row: WatchRow; outcome: FetchFailure }[] = [];
    const unread: string[] = [];
    let answered = false;
    const readHost = async (list: WatchRow[]): Promise<void> => {
      for (let i = 0; i < list.length; i++) {
        const over = () => signal.aborted || Date.now() - started > budgetMs;
        if (i > 0 && !over()) await sleep(settings.hostDelayMs, undefined, { signal }).catch(() => undefined);
        if (over()) {
          unread.push(...list.slice(i).map((r) => r.url));
          return;
        }
        const row = list[i];
        const validators =
          row.finalUrl && (row.etag || row.lastModified) ? { url: row.finalUrl, etag: row.etag, lastModified: row.lastModified } : null;
        const outcome = await fetchPage(row.url, this.fetchSettings, validators, signal);
        if (outcome.kind === 'failure') {
          if (outcome.code === 'aborted') unread.push(row.url);
          else failures.push({ row, outcome });
          continue;
        }
        answered = true;
        await this.record(row, assess(row, outcome, true, this.clock.now()), pass);
      }
    };
    const hosts = [...byHost.values()];
    await Promise.all(
      Array.from({ length: Math.min(HOSTS_AT_ONCE, hosts.length) }, async () => {
        for (let list = hosts.shift(); list; list = hosts.shift()) await readHost(list);
      }),
    );
    // a page that did not answer counts against it only if some page answered in this pass: otherwise it is our network
    pass.networkDown = !answered && failures.length > 0;
    for (const { row, outcome } of failures) await this.record(row, assess(row, outcome, answered, this.clock.now()), pass);
    if (unread.length) await this.dataSource.query(`UPDATE source_watch SET claimed_until = NULL WHERE url = ANY($1)`, [unread]);

    const figures = { ...pass, unread: unread.length, ms: Date.now() - started };
    if (pass.networkDown) {
      this.logger.warn(
        { ...figures, example: failures[0].outcome.message },
        `Source watch: none of ${failures.length} pages answered (${failures[0].outcome.message}); the network looks unreachable, so nothing was counted against them`,
      );
    } else {
      this.logger.log(figures, 'Source watch pass done');
    }
    return pass;
  }

  /** Brings the watched addresses up to what live programmes cite: new ones are added (unread), uncited ones forgotten. */
  private async refreshAddresses(): Promise<void> {
    await this.dataSource.query(
      `WITH cited AS (
         SELECT DISTINCT s->>'url' AS url
           FROM programme p CROSS JOIN LATERAL jsonb_array_elements(p.sources) s
          WHERE p.deleted_at IS NULL AND p.publication_state <> 'archived' AND s->>'url' ~* '^https?://'
       ), gone AS (
         DELETE FROM source_watch w WHERE NOT EXISTS (SELECT 1 FROM cited c WHERE c.url = w.url) RETURNING 1
       )
       INSERT INTO source_watch (url, host)
       SELECT url, lower(coalesce(substring(url FROM '^[A-Za-z]+://([^/:?#]*)'), '')) FROM cited
       ON CONFLICT (url) DO NOTHING`,
    );
  }

  /** Claims up to `batch` addresses due for reading (never read, then read longest ago), for `leaseSeconds`. */
  private async claim(batch: number, recheckHours: number, leaseSeconds: number): Promise<WatchRow[]> {
    const readBefore = new Date(this.clock.now().getTime() - recheckHours * 3_600_000);
    return this.dataSource.query<WatchRow[]>(
      `WITH due AS (
         SELECT url FROM source_watch
          WHERE (checked_at IS NULL OR checked_at < $1) AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY checked_at ASC NULLS FIRST, url
          LIMIT $2 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE source_watch w SET claimed_until = now() + make_interval(secs => $3) FROM due WHERE w.url = due.url RETURNING w.*
       )
       SELECT ${ROW_COLUMNS} FROM claimed ORDER BY checked_at ASC NULLS FIRST, url`,
      [readBefore, batch, leaseSeconds],
    );
  }

  /** Stores a reading and, in the same transaction, what editors should hear of it. */
  private async record(row: WatchRow, a: ReturnType<typeof assess>, pass: SourceWatchPass): Promise<void> {
    pass.read++;
    if (a.outcome === 'not-modified') pass.notModified++;
    else pass[a.outcome]++;
    await this.dataSource.transaction(async (tx: EntityManager) => {
      const entries = Object.entries(a.update).filter(([key]) => COLUMNS[key as keyof WatchRow]);
      const sets = entries.map(([key], i) => `${COLUMNS[key as keyof WatchRow]} = $${i + 2}`);
      await tx.query(`UPDATE source_watch SET ${[...sets, 'claimed_until = NULL'].join(', ')} WHERE url = $1`, [
        row.url,
        ...entries.map(([, value]) => value),
      ]);
      if (a.event) {
        const before = { status: row.httpStatus, finalUrl: row.finalUrl, title: row.pageTitle, text: row.pageText };
        pass.queued += await this.queue.raise(row.url, a.event, before, a.page, tx);
      }
    });
  }
}
