import type { ParsedQuery, QueryGroup, QueryWord } from '../search.model';
import { isStopWord, wordKey, words } from '../text/normalise';

export const MAX_QUERY_WORDS = 16;

/** A synonym group as the parser uses it: each term as its non-stop words and their keys. */
export interface SynonymIndex {
  terms: { words: string[]; keys: string[] }[][];
}

export function buildSynonymIndex(groups: string[][]): SynonymIndex {
  return {
    terms: groups.map((group) =>
      group
        .map((term) => words(term).filter((w) => !isStopWord(w)))
        .filter((ws) => ws.length > 0)
        .map((ws) => ({ words: ws, keys: ws.map(wordKey) })),
    ),
  };
}

const sameKeys = (a: string[], b: string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/** The longest synonym term whose keys start at position `i` of the query, and its group. */
function longestSynonymAt(synonyms: SynonymIndex, keys: string[], i: number): { length: number; group: number } | null {
  let best: { length: number; group: number } | null = null;
  synonyms.terms.forEach((group, g) => {
    for (const term of group) {
      const n = term.keys.length;
      if (n > (best?.length ?? 0) && i + n <= keys.length && sameKeys(term.keys, keys.slice(i, i + n))) best = { length: n, group: g };
    }
  });
  return best;
}

/**
 * Splits the query into groups. Word forms are matched by key, so
 * `малого и среднего бизнеса` finds the synonym `малый и средний бизнес`;
 * the longest synonym starting at each position wins. The last word the user
 * typed is a prefix (as-you-type). Returns null when nothing searchable remains.
 */
export function parseQuery(raw: string, synonyms: SynonymIndex): ParsedQuery | null {
  const typed = words(raw)
    .filter((w) => !isStopWord(w))
    .slice(0, MAX_QUERY_WORDS);
  if (typed.length === 0) return null;
  const keys = typed.map(wordKey);
  const groups: QueryGroup[] = [];
  let i = 0;
  while (i < typed.length) {
    const best = longestSynonymAt(synonyms, keys, i);
    const length = best?.length ?? 1;
    const isLast = i + length === typed.length;
    const own: QueryWord[] = typed.slice(i, i + length).map((text, j) => ({ text, prefix: isLast && j === length - 1 }));
    const alternatives: QueryWord[][] = [own];
    if (best) {
      for (const term of synonyms.terms[best.group]) {
        if (!sameKeys(term.keys, keys.slice(i, i + length))) alternatives.push(term.words.map((text) => ({ text, prefix: false })));
      }
    }
    groups.push({ alternatives });
    i += length;
  }
  return { raw, groups };
}

/** Every distinct word the engines must resolve. */
export const queryWords = (query: ParsedQuery): QueryWord[] => {
  const seen = new Map<string, QueryWord>();
  for (const g of query.groups) for (const alt of g.alternatives) for (const w of alt) seen.set(`${w.text}|${w.prefix}`, w);
  return [...seen.values()];
};
