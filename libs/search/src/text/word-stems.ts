import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Where the dictionaries' stems live (built by `npm run word-stems`, scripts/build-word-stems.ts). */
export const WORD_STEMS_DIR = 'libs/search/src/text/dictionary';
export const WORD_STEMS_FILE = 'word-stems.txt.gz';
export interface WordStemsSource {
  package: string;
}
/** Hunspell dictionaries, each with its licence beside the stems. */
export const WORD_STEMS_SOURCES: WordStemsSource[] = [{ package: 'dictionary-ru' }, { package: 'dictionary-en' }];

const NEWLINE = 0x0a;

/**
 * A set of stems kept as one buffer of sorted lines and where each starts:
 * looked up by binary search, with no string or hash entry per stem (some
 * 160,000 stems take 3 MB where a Set of strings takes about five times that).
 */
export class StemSet {
  private constructor(
    private readonly bytes: Buffer,
    private readonly starts: Uint32Array,
  ) {}

  /** `bytes`: UTF-8 lines sorted by their bytes (Buffer.compare), each ending in a newline. */
  static fromSortedLines(bytes: Buffer): StemSet {
    let count = 0;
    for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) count++;
    const starts = new Uint32Array(count + 1);
    for (let n = 1, i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) starts[n++] = i + 1;
    return new StemSet(bytes, starts);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(stem: string): boolean {
    const target = Buffer.from(stem);
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const order = Buffer.compare(this.bytes.subarray(this.starts[mid], this.starts[mid + 1] - 1), target);
      if (order === 0) return true;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

let loaded: StemSet | null = null;

/**
 * The stems of every form of every word in the Russian and English dictionaries, read on first use
 * and kept (measured: about 40 ms and 3 MB; see README "Search").
 */
export function dictionaryStems(): StemSet {
  loaded ??= StemSet.fromSortedLines(gunzipSync(readFileSync(join(__dirname, 'dictionary', WORD_STEMS_FILE))));
  return loaded;
}
