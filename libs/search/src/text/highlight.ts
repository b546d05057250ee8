import type { ParsedQuery } from '../search.model';
import { queryWords } from '../query/parse-query';
import { fold, isStopWord, wordKey } from './normalise';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** Damerau–Levenshtein distance (adjacent swaps count once), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/** Key lengths from which one and two typos are tolerated; shared with the Meilisearch settings. */
export const TYPO_ONE_FROM = 4;
export const TYPO_TWO_FROM = 8;

/** Typos tolerated for a word key of this length. */
export const typoBudget = (length: number): number => (length >= TYPO_TWO_FROM ? 2 : length >= TYPO_ONE_FROM ? 1 : 0);

export type WordMatcher = (word: string) => boolean;

/** Whether a word of a text answers the query: same key, a typo away, or starting with the word being typed. */
export function wordMatcher(query: ParsedQuery): WordMatcher {
  const all = queryWords(query);
  const keys = new Set(all.map((w) => wordKey(w.text)));
  const prefixes = all.filter((w) => w.prefix).flatMap((w) => [w.text, wordKey(w.text)]);
  const fuzzy = [...keys].filter((k) => typoBudget(k.length) > 0);
  const cache = new Map<string, boolean>();
  return (word) => {
    const folded = fold(word);
    if (isStopWord(folded)) return false;
    let hit = cache.get(folded);
    if (hit === undefined) {
      const key = wordKey(folded);
      hit =
        keys.has(key) ||
        prefixes.some((p) => folded.startsWith(p)) ||
        fuzzy.some((k) => editDistance(key, k, typoBudget(k.length)) <= typoBudget(k.length));
      cache.set(folded, hit);
    }
    return hit;
  };
}

const WORD = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu;

/**
 * HTML for `text` with matching words in <mark>. Every piece of the text is
 * escaped first and only our own tags are added, so a title like
 * `<script>` comes back as `&lt;script&gt;`.
 */
export function highlight(text: string, matches: WordMatcher | null): string {
  if (!matches) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    if (!matches(m[0])) continue;
    out += `${escapeHtml(text.slice(last, start))}<mark>${escapeHtml(m[0])}</mark>`;
    last = start + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}
