import 'reflect-metadata';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { CatalogueSeeder, SyntheticCatalogueService } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { parseQuery, PostgresSearchEngine, SynonymsService, type EngineQuery, type SortOrder } from '@app/search';
import { freePort, openScratchDatabase } from '@app/testing';
import { createServerApp } from '../apps/server/src/server.app';

/**
 * Search latency and throughput over HTTP (autocannon) at several catalogue
 * sizes, next to the raw time of the same SQL statement. Uses a throw-away
 * embedded PostgreSQL unless DATABASE_URL is set (then it replaces the
 * synthetic programmes there). Prints figures; asserts nothing.
 *
 *   npm run bench:search [-- --sizes 10000,100000 --seconds 10 --explain]
 */
const QUERIES: { label: string; path: string }[] = [
  { label: 'text', path: 'q=субсидия оборудование' },
  { label: 'text + facet', path: 'q=льготный кредит&supportType=concessional_loan' },
  { label: 'text + 2 facets', path: 'q=экспорт&size=medium,large&territory=moscow' },
  { label: 'English', path: 'q=startups investors&lang=en' },
  { label: 'typo', path: 'q=технаполис' },
  { label: 'text + range', path: 'q=ИТ-компаний&status=open&amountMin=1000000' },
  { label: 'facets only', path: 'supportType=grant_subsidy&industry=electronics' },
  { label: 'browse by deadline', path: 'sort=deadline' },
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n: number): string => n.toFixed(1).padStart(7);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, seconds: { type: 'string' }, explain: { type: 'boolean' } } });
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const seconds = Number(values.seconds ?? 10);
  const base = loadConfig();
  const scratch = await openScratchDatabase(base.database.url, 'bench');
  const url = scratch.url;
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, LOG_LEVEL: 'silent', WORKER_IN_PROCESS: 'false', MEILI_URL: '' };
  // two servers on one database: one computes every answer, one reuses answers while the index is unchanged
  const app = await createServerApp(loadConfig({ ...env, SEARCH_CACHE_ENTRIES: '0' }));
  await app.init();
  await app.get(CatalogueSeeder).seed();
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const cachingApp = await createServerApp(loadConfig(env));
  await cachingApp.init();
  const cachingPort = await freePort();
  await cachingApp.listen(cachingPort, '127.0.0.1');
  const raw = new Client({ connectionString: url });
  await raw.connect();
  const engine = app.get(PostgresSearchEngine);
  const synonyms = app.get(SynonymsService);
  const cores = (await import('node:os')).availableParallelism();
  process.stdout.write(`Search benchmark: PostgreSQL engine, ${cores} cores, Node ${process.version}, ${seconds}s per run\n`);

  try {
    for (const size of sizes) {
      process.stderr.write(`generating ${size} programmes…\n`);
      await app.get(SyntheticCatalogueService).generate(size, 1);
      await engine.afterBulkLoad(); // as `npm run cli -- generate` does
      for (const table of ['programme', 'programme_search', 'programme_search_text', 'search_lexeme', 'search_facet_delta']) {
        await raw.query(`VACUUM ANALYZE ${table}`);
      }
      const [{ published }] = (await raw.query(`SELECT count(*)::int AS published FROM programme_search`)).rows;

      // the raw statement for each query, as the API builds it
      const rawTimes: number[] = [];
      const perQueryRaw = new Map<string, number[]>();
      for (const q of QUERIES) {
        const params = new URLSearchParams(q.path);
        const text = params.get('q') ? parseQuery(params.get('q')!, await synonyms.index()) : null;
        const facets: EngineQuery['filters']['facets'] = {};
        for (const key of ['supportType', 'size', 'territory', 'industry', 'status'] as const) {
          const v = params.get(key);
          if (v) facets[key] = v.split(',');
        }
        const query: EngineQuery = {
          text, matchAll: true, sort: (params.get('sort') as SortOrder) ?? (text ? 'relevance' : 'updated'), offset: 0, limit: 20, withFacets: true,
          filters: { facets, amountMin: params.get('amountMin') ? Number(params.get('amountMin')) : undefined },
        };
        const tsquery = text ? await engine.compile(text, true) : null;
        const { sql, params: sqlParams } = engine.statement(query, tsquery);
        const times: number[] = [];
        for (let i = 0; i < 40; i++) {
          const started = performance.now();
          await raw.query(sql, sqlParams);
          if (i >= 5) times.push(performance.now() - started);
        }
        perQueryRaw.set(q.label, times.sort((a, b) => a - b));
        if (values.explain) {
          const plan = await raw.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, sqlParams);
          process.stdout.write(`\n--- ${q.label}\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`);
        }
        rawTimes.push(...times);
      }
      rawTimes.sort((a, b) => a - b);

      const run = async (connections: number, target = port) => {
        const latencies: number[] = [];
        let instance: autocannon.Instance | undefined;
        const result = await new Promise<autocannon.Result>((resolve, reject) => {
          instance = autocannon(
            {
              url: `http://127.0.0.1:${target}`,
              connections,
              duration: seconds,
              requests: QUERIES.map((q) => ({ method: 'GET', path: `/api/v1/programmes?${encodeURI(q.path)}&perPage=20` })),
            },
            (error, res) => (error ? reject(error) : resolve(res)),
          );
          instance.on('response', (_c: unknown, status: number, _b: number, time: number) => {
            if (status === 200) latencies.push(time);
          });
        });
        latencies.sort((a, b) => a - b);
        return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: result.requests.average, errors: result.errors + result.non2xx };
      };
      await run(1); // warm-up
      const single = await run(1);
      const loaded = await run(8);
      await run(1, cachingPort); // fills the cache
      const cachedSingle = await run(1, cachingPort);
      const cachedLoaded = await run(8, cachingPort);
      const rawP50 = percentile(rawTimes, 50);
      const rawP95 = percentile(rawTimes, 95);
      process.stdout.write(
        `\n${size} synthetic + 12 shipped programmes (${published} published)\n` +
          `  HTTP, no cache, 1 connection    : p50 ${fmt(single.p50)} ms  p95 ${fmt(single.p95)} ms  ${single.rps.toFixed(0)} req/s  errors ${single.errors}\n` +
          `  HTTP, no cache, 8 connections   : p50 ${fmt(loaded.p50)} ms  p95 ${fmt(loaded.p95)} ms  ${loaded.rps.toFixed(0)} req/s  errors ${loaded.errors}\n` +
          `  with answer cache, 1 connection : p50 ${fmt(cachedSingle.p50)} ms  p95 ${fmt(cachedSingle.p95)} ms  ${cachedSingle.rps.toFixed(0)} req/s  errors ${cachedSingle.errors}\n` +
          `  with answer cache, 8 connections: p50 ${fmt(cachedLoaded.p50)} ms  p95 ${fmt(cachedLoaded.p95)} ms  ${cachedLoaded.rps.toFixed(0)} req/s  errors ${cachedLoaded.errors}\n` +
          `  raw SQL statement  : p50 ${fmt(rawP50)} ms  p95 ${fmt(rawP95)} ms\n` +
          `  API (no cache) / raw: ${(single.p50 / rawP50).toFixed(2)}× at p50, ${(single.p95 / rawP95).toFixed(2)}× at p95\n` +
          `  raw SQL per query (p50 / p95 ms):\n` +
          QUERIES.map((q) => {
            const t = perQueryRaw.get(q.label)!;
            return `    ${q.label.padEnd(20)} ${fmt(percentile(t, 50))} ${fmt(percentile(t, 95))}`;
          }).join('\n') +
          '\n',
      );
    }
  } finally {
    await raw.end();
    await cachingApp.close();
    await app.close();
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
