import type { ParsedQuery } from '../search.model';
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

/** Whether a word of a text answers the query; `phrases` are the keys of multi-word synonyms, marked only together. */
export type WordMatcher = ((word: string) => boolean) & { phrases?: string[][] };

/**
 * Whether a word of a text answers the query: a word typed (same key, a typo away, or starting with the
 * word being typed) or a one-word synonym of one (same key). A synonym's phrase is marked only where its
 * words stand together (`phrases`, which `highlight` reads).
 */
export function wordMatcher(query: ParsedQuery): WordMatcher {
  const typed = query.groups.flatMap((g) => g.alternatives[0]);
  const synonyms = query.groups.flatMap((g) => g.alternatives.slice(1));
  const typedKeys = new Set(typed.map((w) => wordKey(w.text)));
  const keys = new Set([...typedKeys, ...synonyms.filter((alt) => alt.length === 1).map(([w]) => wordKey(w.text))]);
  const prefixes = typed.filter((w) => w.prefix).flatMap((w) => [w.text, wordKey(w.text)]);
  const fuzzy = [...typedKeys].filter((k) => typoBudget(k.length) > 0);
  const cache = new Map<string, boolean>();
  const matches: WordMatcher = (word) => {
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
  matches.phrases = synonyms.filter((alt) => alt.length > 1).map((alt) => alt.map((w) => wordKey(w.text)));
  return matches;
}

const WORD = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu;

/**
 * HTML for `text` with matching words in <mark>. Every piece of the text is
 * escaped first and only our own tags are added, so a title like
 * `<script>` comes back as `&lt;script&gt;`.
 */
export function highlight(text: string, matches: WordMatcher | null): string {
  if (!matches) return escapeHtml(text);
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index ?? 0, word: m[0] }));
  const marked = words.map((w) => matches(w.word));
  if (matches.phrases?.length) {
    // a phrase's keys in a row, stop words between them aside ("малого и среднего бизнеса")
    const content = words.map((w, i) => ({ i, folded: fold(w.word) })).filter((w) => !isStopWord(w.folded));
    const keys = content.map((w) => wordKey(w.folded));
    for (let at = 0; at < content.length; at++)
      for (const phrase of matches.phrases)
        if (phrase.every((k, j) => keys[at + j] === k)) phrase.forEach((_, j) => (marked[content[at + j].i] = true));
  }
  let out = '';
  let last = 0;
  words.forEach((w, i) => {
    if (!marked[i]) return;
    out += `${escapeHtml(text.slice(last, w.start))}<mark>${escapeHtml(w.word)}</mark>`;
    last = w.start + w.word.length;
  });
  return out + escapeHtml(text.slice(last));
}
