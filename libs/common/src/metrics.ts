import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process: the default Node metrics (memory, event loop, GC) plus ours. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by route pattern, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const searchEngineDuration = new Histogram({
  name: 'search_engine_duration_seconds',
  help: 'Latency of search engine queries by engine and outcome',
  labelNames: ['engine', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** Times `work` into a histogram with the given labels, recording failures as outcome "error". */
export async function timed<T>(histogram: Histogram<'engine' | 'outcome'>, engine: string, work: () => Promise<T>): Promise<T> {
  const end = histogram.startTimer({ engine });
  try {
    const result = await work();
    end({ outcome: 'ok' });
    return result;
  } catch (error) {
    end({ outcome: 'error' });
    throw error;
  }
}
