import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { AppConfig } from '@app/config';
import { RateLimitStore } from '@app/identity';
import { budgetKey, budgetLimit, type ApiClient } from './api-access.guard';

/** One request's worth of rate-limit budget buys this many exported rows. */
export const ROWS_PER_UNIT = 100;

const busy = (scope: string): DomainError =>
  new DomainError('too_many_requests', 'EXPORT.BUSY', `Too many exports are running ${scope}; retry in a few seconds`, {
    retryAfterSeconds: 5,
  });

/**
 * What an export costs a client. An export of N rows costs ceil(N / 100) requests of the
 * client's rate limit (charged before any row is sent; over the limit: 429), so a whole
 * catalogue cannot be pulled for the price of one search. Exports also run in slots: a few
 * at once per server and one per client at a time, so searches and readiness stay fast.
 * The slots are per server process; the budget is in the shared counters.
 */
@Injectable()
export class ExportBudget {
  private running = 0;
  private readonly perClient = new Map<string, number>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  /** A slot for one export, or a 429; call the returned function when the export ends (however it ends). */
  acquire(client: ApiClient): () => void {
    const { exportsAtOnce, exportsPerClient } = this.config.rateLimits;
    if (this.running >= exportsAtOnce) throw busy('on this server');
    const mine = this.perClient.get(client.tracker) ?? 0;
    if (mine >= exportsPerClient) throw busy('for this client');
    this.running++;
    this.perClient.set(client.tracker, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.perClient.get(client.tracker) ?? 1) - 1;
      if (left > 0) this.perClient.set(client.tracker, left);
      else this.perClient.delete(client.tracker);
    };
  }

  /**
   * Charges the rows beyond the first unit (the request itself paid that) to the client's counter,
   * only if they fit in what is left of its window: a refused export costs nothing more.
   */
  async charge(client: ApiClient, rows: number): Promise<void> {
    const extra = Math.max(0, Math.ceil(rows / ROWS_PER_UNIT) - 1);
    if (extra === 0) return;
    const { windowSeconds } = this.config.rateLimits;
    const limit = budgetLimit(this.config.rateLimits, 'api', client);
    let state;
    try {
      state = await this.store.spend(budgetKey('api', client.tracker), windowSeconds * 1000, extra, limit);
    } catch {
      return; // the counters are unreachable: like every request then, the export goes through
    }
    if (!state.spent) {
      const retryAfterSeconds = Math.max(1, Math.ceil((state.resetsAt.getTime() - Date.now()) / 1000));
      throw new DomainError(
        'too_many_requests',
        'RATE_LIMITED',
        `This export of ${rows} rows costs ${extra + 1} requests (one per ${ROWS_PER_UNIT} rows), more than this client has left of ${limit} per ${windowSeconds} s; narrow the search, use an API key, or retry in ${retryAfterSeconds} s`,
        { retryAfterSeconds, limit, cost: extra + 1 },
      );
    }
  }
}
