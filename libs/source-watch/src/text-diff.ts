import { diffArrays } from 'diff';

/** A piece of a condensed diff: words both texts have, words only the new one has, words only the old one had, or a skipped stretch. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed' | 'gap';
  text: string;
}

/** What changed between two readings of a page, word by word, condensed to the changes and a little around them. */
export interface TextDiff {
  parts: DiffPart[];
  /** Words only the new text has, and words only the old one had. */
  added: number;
  removed: number;
  /** The diff was cut short to stay within its size. */
  truncated: boolean;
  /** The texts differ too much to align word by word: `parts` shows the start of each. */
  rewritten: boolean;
}

export interface DiffLimits {
  /** Unchanged words kept on each side of a change. */
  context: number;
  /** Characters of output at most (a part is cut at a word). */
  maxChars: number;
  /** Word edits beyond which the texts count as rewritten: the cost grows with their square (400: about 0.1 s at worst). */
  maxEdits: number;
}

const DEFAULT_LIMITS: DiffLimits = { context: 8, maxChars: 2000, maxEdits: 400 };
/** However the words fall, the diff gives up after this long. */
const TIMEOUT_MS = 300;

/** Words as the diff sees them: runs of non-space characters, so "30.03.2026", "5 млн" and "ИП/ООО" stay whole. */
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * A word-level diff of two texts, bounded in size: common words far from any change become a gap, and
 * the output stops at `maxChars`. Words are compared whole (a changed date is one word removed and one
 * added, never character noise), in any script.
 */
export function diffTexts(before: string, after: string, limits: Partial<DiffLimits> = {}): TextDiff {
  const { context, maxChars, maxEdits } = { ...DEFAULT_LIMITS, ...limits };
  const a = words(before);
  const b = words(after);
  // the common start and end cost nothing to find, and keep the diff's work to the middle
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = diffArrays(a.slice(start, endA), b.slice(start, endB), { maxEditLength: maxEdits, timeout: TIMEOUT_MS });
  const runs: { op: 'same' | 'added' | 'removed'; words: string[] }[] = [];
  if (start > 0) runs.push({ op: 'same', words: a.slice(0, start) });
  let rewritten = false;
  if (middle === undefined) {
    rewritten = true;
    runs.push({ op: 'removed', words: a.slice(start, endA) }, { op: 'added', words: b.slice(start, endB) });
  } else {
    for (const c of middle) runs.push({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', words: c.value });
  }
  if (endA < a.length) runs.push({ op: 'same', words: a.slice(endA) });

  const added = runs.filter((r) => r.op === 'added').reduce((n, r) => n + r.words.length, 0);
  const removed = runs.filter((r) => r.op === 'removed').reduce((n, r) => n + r.words.length, 0);
  const parts: DiffPart[] = [];
  let budget = maxChars;
  let truncated = false;
  const emit = (op: DiffPart['op'], list: string[]): boolean => {
    if (op === 'gap') {
      parts.push({ op, text: '…' });
      return true;
    }
    if (!list.length) return true;
    let text = '';
    for (const w of list) {
      if (text.length + w.length + 1 > budget) {
        truncated = true;
        break;
      }
      text += (text ? ' ' : '') + w;
    }
    if (text) parts.push({ op, text });
    budget -= text.length + 1;
    return !truncated;
  };
  for (let i = 0; i < runs.length; i++) {
    const { op, words: list } = runs[i];
    let go: boolean;
    if (op !== 'same') go = emit(op, rewritten ? list.slice(0, 60) : list);
    else {
      const first = i === 0;
      const last = i === runs.length - 1;
      if (first && last)
        go = true; // no change at all
      else if (first) go = (list.length > context ? emit('gap', []) : true) && emit('same', list.slice(-context));
      else if (last) go = emit('same', list.slice(0, context)) && (list.length > context ? emit('gap', []) : true);
      else if (list.length > 2 * context)
        go = emit('same', list.slice(0, context)) && emit('gap', []) && emit('same', list.slice(-context));
      else go = emit('same', list);
    }
    if (!go) break;
  }
  if (rewritten) truncated = true;
  return { parts, added, removed, truncated, rewritten };
}
