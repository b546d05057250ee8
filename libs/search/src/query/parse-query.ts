import type { ParsedQuery, QueryGroup, QueryWord } from '../search.model';
import { isStopWord, wordKey, words } from '../text/normalise';

export const MAX_QUERY_WORDS = 16;

/**
 * A synonym group as the parser uses it: each term as its non-stop words, their keys, and
 * each word's distance from the one before it in the term (1: next to it; 2: a stop word between).
 */
export interface SynonymIndex {
  terms: { words: string[]; keys: string[]; gaps: number[] }[][];
}

export function buildSynonymIndex(groups: string[][]): SynonymIndex {
  return {
    terms: groups.map((group) =>
      group
        .map((term) => {
          const all = words(term);
          const kept = all.map((w, i) => ({ w, i })).filter(({ w }) => !isStopWord(w));
          return {
            words: kept.map((k) => k.w),
            keys: kept.map((k) => wordKey(k.w)),
            gaps: kept.map((k, j) => (j ? k.i - kept[j - 1].i : 0)),
          };
        })
        .filter((t) => t.words.length > 0),
    ),
  };
}

/** The shortest word, or key, that is matched as a prefix: shorter ones begin too many words ("ип" → "ипотека"). */
export const MIN_PREFIX_LENGTH = 3;

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
 * typed is a prefix (as-you-type) from MIN_PREFIX_LENGTH letters. Returns null when nothing searchable remains.
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
    const own: QueryWord[] = typed
      .slice(i, i + length)
      .map((text, j) => ({ text, prefix: isLast && j === length - 1 && text.length >= MIN_PREFIX_LENGTH }));
    const alternatives: QueryWord[][] = [own];
    if (best && length > 1) alternatives.push(...wordForWordSynonyms(synonyms, own, keys.slice(i, i + length)));
    if (best) {
      for (const term of synonyms.terms[best.group]) {
        // another term of the group is a phrase: its words in its order, as far apart as in the term
        if (!sameKeys(term.keys, keys.slice(i, i + length)))
          alternatives.push(term.words.map((text, j) => ({ text, prefix: false, ...(j ? { gap: term.gaps[j] } : {}) })));
      }
    }
    groups.push({ alternatives });
    i += length;
  }
  return { raw, groups };
}

/** The most alternatives a typed phrase gets from its words' own synonyms. */
const MAX_WORD_FOR_WORD = 32;

/**
 * A typed phrase that is a synonym term ("социальное предприятие") with each of its words that has
 * one-word synonyms of its own replaced by them, in every combination ("социальное производство"):
 * Meilisearch reads a word's synonyms inside a phrase too. The words stand anywhere, as typed words do.
 */
function wordForWordSynonyms(synonyms: SynonymIndex, own: QueryWord[], keys: string[]): QueryWord[][] {
  const choices = own.map((word, j) => {
    const group = synonyms.terms.find((g) => g.some((t) => t.keys.length === 1 && t.keys[0] === keys[j]));
    const others = (group ?? [])
      .filter((t) => t.keys.length === 1 && t.keys[0] !== keys[j])
      .map((t) => ({ text: t.words[0], prefix: false }));
    return [word, ...others];
  });
  let combinations: QueryWord[][] = [[]];
  for (const options of choices) combinations = combinations.flatMap((c) => options.map((o) => [...c, o])).slice(0, MAX_WORD_FOR_WORD + 1);
  return combinations.slice(1);
}

/** Every distinct word the engines must resolve. */
export const queryWords = (query: ParsedQuery): QueryWord[] => {
  const seen = new Map<string, QueryWord>();
  for (const g of query.groups) for (const alt of g.alternatives) for (const w of alt) seen.set(`${w.text}|${w.prefix}`, w);
  return [...seen.values()];
};

/**
 * The query cut to its first `count` groups: what a query relaxed from its last
 * word asks. The word being typed is gone with the last group, so no word is a prefix any more.
 */
export const leadingGroups = (query: ParsedQuery, count: number): ParsedQuery => ({
  raw: query.raw,
  groups: query.groups.slice(0, count),
});
