import { sleep, type AppProcess } from './deployment';

/** One answered (or failed) request of a load run. */
export interface Outcome {
  /** ms since the load started */
  at: number;
  kind: 'search' | 'save';
  base: string;
  /** null: no HTTP answer (refused, reset) */
  status: number | null;
  retryAfter: string | null;
  error?: string;
}

/**
 * Plays the load balancer: polls each instance's /health/ready and routes only to those that answered 200
 * on their last poll, round robin. An instance that says it is stopping (503) gets no new requests.
 */
export class ReadyBalancer {
  private readonly ready = new Map<string, boolean>();
  private timer: NodeJS.Timeout | null = null;
  private next = 0;

  constructor(
    private readonly instances: AppProcess[],
    private readonly pollMs = 100,
  ) {}

  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.instances.map(async (instance) => {
        const res = await fetch(`${instance.base}/health/ready`, { signal: AbortSignal.timeout(this.pollMs * 5) }).catch(() => null);
        await res?.arrayBuffer().catch(() => undefined);
        this.ready.set(instance.base!, res?.status === 200);
      }),
    );
  }

  isReady(instance: AppProcess): boolean {
    return this.ready.get(instance.base!) === true;
  }

  /** A ready instance's address, or null when none is ready. */
  route = (): string | null => {
    const ready = this.instances.filter((i) => this.isReady(i));
    if (!ready.length) return null;
    return ready[this.next++ % ready.length].base!;
  };
}

/** Words the shipped catalogue holds, searched in turn. */
const QUERIES = ['кредит', 'льготы', 'экспорт', 'технопарк', 'grant', 'субсидия', 'инвестиции', 'помещение'];

export interface LoadOptions {
  /** Where the next request goes; null waits for an instance (the balancer has none ready). */
  route: () => string | null;
  searchLoops: number;
  /** Admin saves: one loop per programme, each its own editor's, with a bearer token valid on every instance. */
  saves: { id: string; token: string }[];
  pauseMs: number;
}

/**
 * A steady load of public searches and admin saves until stopped. Each save carries the version last
 * read (If-Match); after an answer that leaves it unknown (503, no answer) the loop reads it again first.
 */
export function startLoad(options: LoadOptions): { outcomes: Outcome[]; elapsed: () => number; stop: () => Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  let stopping = false;
  const pick = async (): Promise<string | null> => {
    for (;;) {
      const base = options.route();
      if (base || stopping) return base;
      await sleep(10);
    }
  };
  const send = async (kind: Outcome['kind'], base: string, path: string, init: RequestInit = {}): Promise<Response | null> => {
    const at = performance.now() - started;
    try {
      const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
      outcomes.push({ at, kind, base, status: res.status, retryAfter: res.headers.get('retry-after') });
      return res;
    } catch (error) {
      outcomes.push({ at, kind, base, status: null, retryAfter: null, error: String((error as Error).cause ?? error) });
      return null;
    }
  };
  const searchLoop = async (n: number) => {
    for (let i = n; !stopping; i++) {
      const base = await pick();
      if (!base) return;
      const res = await send('search', base, `/api/v1/programmes?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}&perPage=5`);
      await res?.arrayBuffer().catch(() => undefined);
      await sleep(options.pauseMs);
    }
  };
  const saveLoop = async ({ id, token }: { id: string; token: string }) => {
    const auth = { Authorization: `Bearer ${token}` };
    let etag: string | null = null;
    for (let i = 0; !stopping; i++) {
      const base = await pick();
      if (!base) return;
      if (!etag) {
        // not measured requests: where the version stands after an answer that did not say (a pending change left open first)
        const pending = await fetch(`${base}/api/v1/admin/programmes/${id}/pending-change`, { headers: auth }).catch(() => null);
        await pending?.arrayBuffer().catch(() => undefined);
        const current =
          pending?.status === 200 ? pending : await fetch(`${base}/api/v1/admin/programmes/${id}`, { headers: auth }).catch(() => null);
        await current?.arrayBuffer().catch(() => undefined);
        if (current?.status === 200) etag = current.headers.get('etag');
        else await sleep(100);
        continue;
      }
      let res = await send('save', base, `/api/v1/admin/programmes/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': etag },
        body: JSON.stringify({ summary: { ru: `Сохранение под нагрузкой ${i}`, en: `Saved under load ${i}` } }),
      });
      // a published programme's save is a pending change: publishing it (as an editor would) writes the entry
      if (res?.status === 202) {
        const pendingTag = res.headers.get('etag')!;
        await res.arrayBuffer().catch(() => undefined);
        res = await send('save', base, `/api/v1/admin/programmes/${id}/pending-change/publish`, {
          method: 'POST',
          headers: { ...auth, 'If-Match': pendingTag },
        });
      }
      etag = res?.status === 200 ? res.headers.get('etag') : null;
      await res?.arrayBuffer().catch(() => undefined);
      await sleep(options.pauseMs);
    }
  };
  const loops = [...Array.from({ length: options.searchLoops }, (_, n) => searchLoop(n)), ...options.saves.map(saveLoop)];
  return {
    outcomes,
    elapsed: () => performance.now() - started,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** Requests that did not get the answer they should have: no answer, or a status outside `ok`. */
export const failures = (outcomes: Outcome[], ok: (status: number) => boolean = (s) => s >= 200 && s < 300): Outcome[] =>
  outcomes.filter((o) => o.status === null || !ok(o.status));
