import type { JudgedQuery } from './judged-queries';

export interface QueryScore {
  q: string;
  kind: JudgedQuery['kind'];
  /** 1-based rank of the first relevant hit in the top 10, or null. */
  firstRelevantRank: number | null;
  recall: number;
  top: string[];
}

export interface EvalReport {
  queries: number;
  mrrAt10: number;
  recallAt10: number;
  scores: QueryScore[];
}

/** MRR@10 and recall@10 of `search` (slugs, best first) over the judged queries. */
export async function evaluateSearch(queries: JudgedQuery[], search: (q: string) => Promise<string[]>): Promise<EvalReport> {
  const scores: QueryScore[] = [];
  for (const judged of queries) {
    const top = (await search(judged.q)).slice(0, 10);
    const index = top.findIndex((slug) => judged.relevant.includes(slug));
    scores.push({
      q: judged.q,
      kind: judged.kind,
      firstRelevantRank: index === -1 ? null : index + 1,
      recall: judged.relevant.filter((slug) => top.includes(slug)).length / judged.relevant.length,
      top,
    });
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return {
    queries: scores.length,
    mrrAt10: mean(scores.map((s) => (s.firstRelevantRank ? 1 / s.firstRelevantRank : 0))),
    recallAt10: mean(scores.map((s) => s.recall)),
    scores,
  };
}

/** A plain-text report: the misses first, then the totals. */
export function formatEvalReport(engine: string, report: EvalReport): string {
  const lines = report.scores
    .filter((s) => s.firstRelevantRank !== 1 || s.recall < 1)
    .map(
      (s) =>
        `  ${s.firstRelevantRank ?? '—'}\t${(s.recall * 100).toFixed(0)}%\t${s.kind}\t${s.q}\t→ ${s.top.slice(0, 3).join(', ') || '(nothing)'}`,
    );
  return [
    `${engine}: ${report.queries} queries, MRR@10 ${report.mrrAt10.toFixed(3)}, recall@10 ${report.recallAt10.toFixed(3)}`,
    ...(lines.length
      ? ['  rank\trecall\tkind\tquery\t→ top 3', ...lines]
      : ['  every query has a relevant programme first and all of them in the top 10']),
  ].join('\n');
}
