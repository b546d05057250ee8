import { fold } from './normalise';

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

/**
 * The query with each word the catalogue does not know replaced by the
 * closest word it does (one edit for short words, two for longer; the
 * more frequent on a tie), or null when every word is known or nothing is close.
 */
export function correctQuery(query: string, vocabulary: Map<string, number>): string | null {
  let changed = false;
  const corrected = query.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const key = fold(word);
    if (key.length < 4 || vocabulary.has(key) || /\d/.test(key)) return word;
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
