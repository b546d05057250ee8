import type { TextDiff } from './text-diff';

/** Why an entry is in the editors' queue: its page's text changed, it now redirects elsewhere, or it is gone. */
export const WATCH_KINDS = ['changed', 'moved', 'vanished'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** How serious each kind is, for an item that saw several (the most serious shows). */
export const KIND_RANK: Record<WatchKind, number> = { changed: 1, moved: 2, vanished: 3 };

/** Characters of a page's main text kept for comparison and for the diff editors see. */
export const PAGE_TEXT_LIMIT = 20_000;

/** Failed readings in a row (with the network evidently up) after which a page counts as vanished. */
export const FAILURES_TO_VANISH = 3;

/** One row of `source_watch`: the last reading of one address. */
export interface WatchRow {
  url: string;
  host: string;
  checkedAt: Date | null;
  httpStatus: number | null;
  finalUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  contentHash: string | null;
  pageTitle: string | null;
  pageText: string | null;
  error: string | null;
  failures: number;
  vanished: boolean;
  changedAt: Date | null;
}

/** What a page said and where it answered at some reading (the part an item keeps as "before"). */
export interface PageState {
  status: number | null;
  finalUrl: string | null;
  title: string | null;
  text: string | null;
}

/** The outcome of one pass. */
export interface SourceWatchPass {
  /** Addresses claimed for this pass, and those read (the rest waited for the next pass: shutdown or the pass's time ran out). */
  claimed: number;
  read: number;
  unchanged: number;
  notModified: number;
  baseline: number;
  changed: number;
  moved: number;
  vanished: number;
  failed: number;
  /** No address answered at all: failures were not counted against the pages (our network, not theirs). */
  networkDown: boolean;
  /** Queue items created or brought up to date. */
  queued: number;
}

/** What the queue shows of one address an entry cites. */
export interface WatchItemView {
  id: string;
  url: string;
  /** The entry's sources with this address. */
  sourceKeys: string[];
  kind: WatchKind;
  firstDetectedAt: string;
  detectedAt: string;
  /** The page as it was when the entry was last checked against it (unknown before the watch first read it). */
  before: { status: number | null; finalUrl: string | null; title: string | null };
  /** The latest reading. */
  now: {
    status: number | null;
    finalUrl: string | null;
    title: string | null;
    error: string | null;
    checkedAt: string | null;
    failures: number;
  };
  /** Where the address leads now, when that is another page. */
  movedTo: string | null;
  /** What the page's text says differently now, word by word; null when there is nothing to compare. */
  diff: TextDiff | null;
}
