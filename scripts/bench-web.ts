import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CatalogueSeeder, SyntheticCatalogueService } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { PostgresSearchEngine, SearchService } from '@app/search';
import { freePort, openScratchDatabase } from '@app/testing';
import { createServerApp } from '../apps/server/src/server.app';

/**
 * Website speed: server time of the search and programme pages over HTTP
 * (autocannon, one connection, answer cache off so every page is computed) at
 * a catalogue size, and the weight of the search page with its CSS and JS.
 * Prints figures; asserts nothing.
 *
 *   npm run bench:web [-- --size 10000 --seconds 10]
 */
const SEARCH_PAGES = [
  '/',
  '/?q=субсидия оборудование',
  '/?q=льготный кредит&supportType=concessional_loan',
  '/?supportType=grant_subsidy&industry=electronics',
  '/?q=startups&lang=en',
  '/?sort=deadline&page=3',
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string' }, seconds: { type: 'string' } } });
  const size = Number(values.size ?? 10000);
  const seconds = Number(values.seconds ?? 10);
  const base = loadConfig();
  const scratch = await openScratchDatabase(base.database.url, 'bench');
  const url = scratch.url;
  const app = await createServerApp(
    loadConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: url, LOG_LEVEL: 'silent', WORKER_IN_PROCESS: 'false', MEILI_URL: '', SEARCH_CACHE_ENTRIES: '0' }),
  );
  await app.init();
  try {
    await app.get(CatalogueSeeder).seed();
    process.stderr.write(`generating ${size} programmes…\n`);
    await app.get(SyntheticCatalogueService).generate(size, 1);
    await app.get(PostgresSearchEngine).afterBulkLoad();
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const origin = `http://127.0.0.1:${port}`;
    // published programmes only (a few synthetic ones are drafts)
    const listed = await app.get(SearchService).search({ page: 3, perPage: 20, lang: 'ru', facets: {} });
    const programmePages = [...listed.hits.map((h) => `/programmes/${h.slug}`), '/programmes/technopolis-moscow-sez'];

    const measure = async (paths: string[]) => {
      const latencies: number[] = [];
      let non200 = 0;
      await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: origin, connections: 1, duration: seconds, requests: paths.map((path) => ({ method: 'GET', path: encodeURI(path) })) },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_c: unknown, status: number, _b: number, time: number) => {
          if (status === 200) latencies.push(time);
          else non200++;
        });
      });
      latencies.sort((a, b) => a - b);
      return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), n: latencies.length, non200 };
    };
    await measure(SEARCH_PAGES.slice(0, 2)); // warm-up
    const search = await measure(SEARCH_PAGES);
    const programme = await measure(programmePages);

    const weigh = async (path: string) => {
      const body = Buffer.from(await (await fetch(`${origin}${path}`)).arrayBuffer());
      return { raw: body.length, gzip: gzipSync(body).length };
    };
    const parts = await Promise.all([weigh('/'), weigh('/assets/site.css'), weigh('/assets/site.js')]);
    const total = parts.reduce((a, p) => ({ raw: a.raw + p.raw, gzip: a.gzip + p.gzip }), { raw: 0, gzip: 0 });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    process.stdout.write(
      `Website benchmark: ${size} synthetic + 12 shipped programmes, 1 connection, ${seconds}s per page type, answer cache off\n` +
        `  search pages    : p50 ${search.p50.toFixed(1)} ms  p95 ${search.p95.toFixed(1)} ms  (${search.n} requests, ${search.non200} not 200)\n` +
        `  programme pages : p50 ${programme.p50.toFixed(1)} ms  p95 ${programme.p95.toFixed(1)} ms  (${programme.n} requests, ${programme.non200} not 200)\n` +
        `  search page weight: HTML ${kb(parts[0].raw)}, CSS ${kb(parts[1].raw)}, JS ${kb(parts[2].raw)}; ` +
        `${kb(total.raw)} uncompressed, ${kb(total.gzip)} gzipped (served gzipped)\n`,
    );
  } finally {
    await app.close();
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
