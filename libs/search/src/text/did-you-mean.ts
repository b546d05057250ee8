import { fold, stem, words } from './normalise';
import { dictionaryStems } from './word-stems';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), giving up beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length], max + 1);
}

/** The stems of the words of `texts` (folded, as search stems them): another form of any of them is spelled right. */
export const stemsOf = (texts: Iterable<string>): Set<string> => {
  const stems = new Set<string>();
  for (const text of texts) for (const word of words(text)) stems.add(stem(word));
  return stems;
};

/**
 * Whether a word (folded) is spelled right: a form of a word in `stems` (the catalogue's,
 * the synonyms') by its Snowball stem, or of a word of the Russian or English dictionary.
 * A typo whose stem is a real word's ("консультацый" for "консультаций") passes too:
 * search finds by that stem, so the correction would find nothing more.
 */
export const knownWord =
  (...stems: ReadonlySet<string>[]) =>
  (key: string): boolean => {
    const s = stem(key);
    return stems.some((set) => set.has(s)) || dictionaryStems().has(s);
  };

/**
 * The query with each word that is neither the catalogue's nor otherwise `known`
 * (spelled right) replaced by the closest word the catalogue has (one edit for
 * short words, two for longer; the more frequent on a tie), or null when every
 * word is known or nothing is close.
 */
export function correctQuery(query: string, vocabulary: Map<string, number>, known: (key: string) => boolean = () => false): string | null {
  let changed = false;
  const corrected = query.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const key = fold(word);
    if (key.length < 4 || vocabulary.has(key) || /\d/.test(key) || known(key)) return word;
    const max = key.length <= 5 ? 1 : 2;
    let best: { word: string; distance: number; count: number } | null = null;
    for (const [candidate, count] of vocabulary) {
      // a word the user is still typing is not a typo: a known word it starts counts as known
      if (candidate.startsWith(key)) return word;
      if (candidate[0] !== key[0]) continue;
      const distance = editDistance(key, candidate, max);
      if (distance <= max && (!best || distance < best.distance || (distance === best.distance && count > best.count)))
        best = { word: candidate, distance, count };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected : null;
}
