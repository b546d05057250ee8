import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { CatalogueSeeder } from '@app/catalogue';
import { loadConfig } from '@app/config';
import { evaluateSearch, formatEvalReport, JUDGED_QUERIES, SearchService, SearchSyncRelay, type EvalReport } from '@app/search';
import { openScratchDatabase } from '@app/testing';
import { createServerApp } from '../apps/server/src/server.app';

/**
 * Scores each engine on the judged queries over the shipped catalogue and
 * prints MRR@10 and recall@10 (target: MRR@10 ≥ 0.95). PostgreSQL always;
 * Meilisearch when MEILI_URL is set (in a throw-away index). Uses a
 * throw-away embedded PostgreSQL unless DATABASE_URL is set.
 *
 *   npm run eval:search
 */
const MRR_TARGET = 0.95;

async function main(): Promise<number> {
  const base = loadConfig();
  const reports: { engine: string; report: EvalReport }[] = [];
  const engines: Record<string, string>[] = [{ MEILI_URL: '' }];
  if (base.search.meiliUrl) engines.push({ MEILI_URL: base.search.meiliUrl, MEILI_INDEX: `eval_${randomBytes(4).toString('hex')}` });
  else process.stdout.write('meilisearch: skipped (set MEILI_URL to score it)\n');
  for (const env of engines) {
    // a database of its own for each engine: on a shared one the second engine's index would get no outbox rows
    // (the first run took them), and its searches would quietly fall back to PostgreSQL
    const scratch = await openScratchDatabase(base.database.url, 'eval');
    const config = loadConfig({ ...process.env, ...env, DATABASE_URL: scratch.url, LOG_LEVEL: 'silent', WORKER_IN_PROCESS: 'false' });
    const app = await createServerApp(config);
    try {
      await app.init();
      await app.get(CatalogueSeeder).seed();
      const run = await app.get(SearchSyncRelay).drain();
      if (run.failed || !run.processed)
        throw new Error(`could not index the catalogue: ${run.failed} of ${run.claimed} outbox rows failed`);
      const search = app.get(SearchService);
      const report = await evaluateSearch(JUDGED_QUERIES, async (q) => {
        const answer = await search.search({ q, page: 1, perPage: 10, lang: 'ru', facets: {} });
        if (answer.engine !== search.engineName || answer.degraded)
          throw new Error(`"${q}" was answered by ${answer.engine} (degraded), not ${search.engineName}`);
        return answer.hits.map((h) => h.slug);
      });
      const engine = search.engineName;
      reports.push({ engine, report });
      process.stdout.write(`${formatEvalReport(engine, report)}\n`);
    } finally {
      await app.close();
      if (config.search.meiliUrl) {
        const client = new Meilisearch({ host: config.search.meiliUrl, apiKey: config.search.meiliApiKey });
        await client.deleteIndex(config.search.meiliIndex).waitTask();
      }
      await scratch.close();
    }
  }
  const below = reports.filter((r) => r.report.mrrAt10 < MRR_TARGET);
  if (below.length) process.stdout.write(`below target (MRR@10 < ${MRR_TARGET}): ${below.map((r) => r.engine).join(', ')}\n`);
  return below.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
