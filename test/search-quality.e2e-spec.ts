import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { loadConfig } from '@app/config';
import {
  evaluateSearch,
  EVERYDAY_VOCABULARY,
  formatEvalReport,
  JUDGED_QUERIES,
  SearchOutbox,
  SearchService,
  SearchSyncRelay,
} from '@app/search';
import { readMeiliUrl } from './support/meili';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The judged query set on the shipped catalogue, on every engine: each query
 * has a relevant programme first, and the set reaches the quality target; every
 * word of the everyday vocabulary leads to a programme; and both engines recall
 * the same programmes. The Meilisearch run needs MEILI_URL (a real server) and is skipped without it.
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

/**
 * Queries whose recall differs between the engines for a known reason outside the rule for several words:
 * Meilisearch tolerates typos in words the catalogue has, PostgreSQL only corrects words it lacks.
 */
const RECALL_DIFFERS: Record<string, string> = {
  техноп: 'Meilisearch also takes "технол…", a letter away from the prefix',
  электроника: 'Meilisearch also takes "электронном", two letters away from the ten-letter key "электроник"',
};
/** Every programme each query recalls, per engine (the typo queries aside: each engine corrects its own way). */
const RECALL_QUERIES = [
  ...new Set([...JUDGED_QUERIES.filter((j) => j.kind !== 'typo').map((j) => j.q), ...EVERYDAY_VOCABULARY.flat()]),
].filter((q) => !(q in RECALL_DIFFERS));
const recalled: Record<string, Map<string, string[]>> = {};

it('has at least 100 judged queries of every kind, in Russian and English', () => {
  expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(100);
  expect(new Set(JUDGED_QUERIES.map((j) => j.kind))).toEqual(
    new Set(['plain', 'word-form', 'typo', 'synonym', 'english', 'prefix', 'everyday']),
  );
});

for (const engine of ENGINES) {
  engine.run(`search quality on the shipped catalogue: ${engine.name}`, () => {
    let t: TestApp;
    const answer = (q: string, perPage: number) => t.app.get(SearchService).search({ q, page: 1, perPage, lang: 'ru', facets: {} });
    const top = async (q: string): Promise<string[]> => (await answer(q, 10)).hits.map((h) => h.slug);

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

    it('reaches MRR@10 ≥ 0.95 and recall@10 ≥ 0.85', async () => {
      const report = await evaluateSearch(JUDGED_QUERIES, top);
      if (report.mrrAt10 < 0.95) process.stderr.write(`${formatEvalReport(engine.name, report)}\n`);
      expect(report.mrrAt10).toBeGreaterThanOrEqual(0.95);
      expect(report.recallAt10).toBeGreaterThanOrEqual(0.85);
    });

    it('leads from every word of the everyday vocabulary to a shipped programme', async () => {
      const nowhere: string[] = [];
      for (const group of EVERYDAY_VOCABULARY)
        for (const term of group) if ((await answer(term, 0)).total === 0) nowhere.push(`"${term}" (group of "${group[0]}")`);
      expect(nowhere).toEqual([]);
    });

    it('answers the recall queries (compared across engines below)', async () => {
      const answers = new Map<string, string[]>();
      for (const q of RECALL_QUERIES) answers.set(q, (await answer(q, 100)).hits.map((h) => h.slug).sort());
      recalled[engine.name] = answers;
      expect(answers.size).toBe(RECALL_QUERIES.length);
    });
  });
}

(MEILI_URL ? describe : describe.skip)('both engines on the shipped catalogue', () => {
  it('recall the same programmes for every judged query and every word of the vocabulary', () => {
    const { postgres, meilisearch } = recalled;
    expect(postgres && meilisearch).toBeTruthy();
    const differ = RECALL_QUERIES.filter((q) => postgres.get(q)!.join() !== meilisearch.get(q)!.join()).map((q) => ({
      q,
      postgres: postgres.get(q),
      meilisearch: meilisearch.get(q),
    }));
    expect(differ).toEqual([]);
  });
});
