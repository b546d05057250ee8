import { evaluateSearch, formatEvalReport, JUDGED_QUERIES, SearchService } from '@app/search';
import { createTestApp, TestApp } from './support/test-app';

/** The judged query set on the shipped catalogue, PostgreSQL engine: the quality target as a regression test. */
describe('search quality on the shipped catalogue (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it('has at least 40 judged queries in Russian and English', () => {
    expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(JUDGED_QUERIES.map((j) => j.kind))).toEqual(new Set(['plain', 'word-form', 'typo', 'synonym', 'english', 'prefix']));
  });

  it('reaches MRR@10 ≥ 0.9', async () => {
    const search = t.app.get(SearchService);
    const report = await evaluateSearch(JUDGED_QUERIES, async (q) =>
      (await search.search({ q, page: 1, perPage: 10, lang: 'ru', facets: {} })).hits.map((h) => h.slug),
    );
    if (report.mrrAt10 < 0.9) process.stderr.write(`${formatEvalReport('postgres', report)}\n`);
    expect(report.mrrAt10).toBeGreaterThanOrEqual(0.9);
    expect(report.recallAt10).toBeGreaterThanOrEqual(0.85);
  });
});
