import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { loadConfig } from '@app/config';
import { evaluateSearch, formatEvalReport, JUDGED_QUERIES, SearchOutbox, SearchService, SearchSyncRelay } from '@app/search';
import { readMeiliUrl } from './support/meili';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The judged query set on the shipped catalogue, on every engine: each query
 * has a relevant programme first, and the set reaches the quality target.
 * The Meilisearch run needs MEILI_URL (a real server) and is skipped without it.
 */
const MEILI_URL = readMeiliUrl();
const ENGINES = [
  { name: 'postgres', env: {} as Record<string, string>, run: describe },
  {
    name: 'meilisearch',
    env: { MEILI_URL: MEILI_URL ?? 'http://127.0.0.1:1', MEILI_INDEX: `quality_${randomBytes(4).toString('hex')}` } as Record<
      string,
      string
    >,
    run: MEILI_URL ? describe : describe.skip,
  },
];

it('has at least 40 judged queries of every kind, in Russian and English', () => {
  expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(JUDGED_QUERIES.map((j) => j.kind))).toEqual(new Set(['plain', 'word-form', 'typo', 'synonym', 'english', 'prefix']));
});

for (const engine of ENGINES) {
  engine.run(`search quality on the shipped catalogue: ${engine.name}`, () => {
    let t: TestApp;
    const top = async (q: string): Promise<string[]> =>
      (await t.app.get(SearchService).search({ q, page: 1, perPage: 10, lang: 'ru', facets: {} })).hits.map((h) => h.slug);

    beforeAll(async () => {
      t = await createTestApp({ seed: true, env: engine.env });
      await t.app.get(SearchOutbox).retryNow();
      expect((await t.app.get(SearchSyncRelay).drain()).failed).toBe(0);
    }, 120_000);
    afterAll(async () => {
      if (engine.name === 'meilisearch' && MEILI_URL) {
        const config = loadConfig({ ...process.env, ...engine.env });
        await new Meilisearch({ host: MEILI_URL, apiKey: config.search.meiliApiKey }).deleteIndex(config.search.meiliIndex).waitTask();
      }
      await t?.close();
    });

    it.each(JUDGED_QUERIES.map((j) => [j.q, j.kind, j.relevant] as const))(
      '"%s" (%s) has a relevant programme first',
      async (q, _kind, relevant) => {
        const [first] = await top(q);
        expect(relevant).toContain(first);
      },
    );

    it('reaches MRR@10 ≥ 0.9 and recall@10 ≥ 0.85', async () => {
      const report = await evaluateSearch(JUDGED_QUERIES, top);
      if (report.mrrAt10 < 0.9) process.stderr.write(`${formatEvalReport(engine.name, report)}\n`);
      expect(report.mrrAt10).toBeGreaterThanOrEqual(0.9);
      expect(report.recallAt10).toBeGreaterThanOrEqual(0.85);
    });
  });
}
