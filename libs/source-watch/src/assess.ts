import type { FetchOutcome } from './page-fetcher';
import { bytesHash, decodeText, documentKind, htmlMainText, normaliseText, textHash } from './page-text';
import { FAILURES_TO_VANISH, PAGE_TEXT_LIMIT, type PageState, type WatchKind, type WatchRow } from './source-watch.types';

/**
 * A page's address as compared for "moved": the scheme, `www.`, a default port, a trailing slash and
 * the fragment do not count (http → https or `/page` → `/page/` is the same page); the path and the
 * query do.
 */
export function addressKey(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.port ? `:${u.port}` : ''}${path}${u.search}`;
  } catch {
    return url;
  }
}

/** Where an address leads when that is another page; null when it answers itself (or was never read). */
export const movedTo = (url: string, finalUrl: string | null): string | null =>
  finalUrl && addressKey(finalUrl) !== addressKey(url) ? finalUrl : null;

export type ReadingOutcome = 'baseline' | 'unchanged' | 'not-modified' | 'changed' | 'moved' | 'vanished' | 'failed';

/** What one reading means: what to store, whether editors should hear of it, and the page as it is now. */
export interface Assessment {
  outcome: ReadingOutcome;
  /** Columns of `source_watch` to set (checked_at included). */
  update: Partial<WatchRow>;
  /** What goes into the queue, if anything. */
  event: WatchKind | null;
  /** The page now, when this reading saw it (for the diff). */
  page: PageState | null;
}

/** What a successful answer's body says, as stored and compared (a document that is not text: its bytes, as far as they were read). */
export function pageOf(body: Buffer, contentType: string | null): { hash: string; title: string | null; text: string | null } {
  const kind = documentKind(body, contentType);
  if (kind === 'binary') return { hash: bytesHash(body), title: null, text: null };
  const decoded = decodeText(body, contentType);
  const read = kind === 'html' ? htmlMainText(decoded) : { title: null, text: normaliseText(decoded) };
  return { hash: textHash(read.text), title: read.title, text: read.text.slice(0, PAGE_TEXT_LIMIT) };
}

/**
 * Judges one reading against the previous one. A page's first readable answer is its baseline (no
 * change), though a page that is missing or redirects elsewhere on its first reading is reported: the
 * link is wrong either way. Vanished: 404 or 410, a host name that does not exist, or
 * `FAILURES_TO_VANISH` failed readings in a row. A failure to connect while no page answered in the
 * whole pass (`networkUp` false) says nothing about the page and is not counted.
 */
export function assess(prev: WatchRow, outcome: FetchOutcome, networkUp: boolean, now: Date): Assessment {
  const base: Partial<WatchRow> = { checkedAt: now };
  const before = movedTo(prev.url, prev.finalUrl);
  const moveEvent = (finalUrl: string): boolean => {
    const to = movedTo(prev.url, finalUrl);
    return to !== null && (before === null || addressKey(to) !== addressKey(before));
  };

  if (outcome.kind === 'failure') {
    const update = { ...base, error: outcome.message };
    if (!networkUp || outcome.code === 'aborted') return { outcome: 'failed', update, event: null, page: null };
    const failures = prev.failures + 1;
    const vanished = prev.vanished || outcome.code === 'no-such-host' || failures >= FAILURES_TO_VANISH;
    return {
      outcome: vanished && !prev.vanished ? 'vanished' : 'failed',
      update: { ...update, failures, vanished, httpStatus: null, finalUrl: outcome.finalUrl },
      event: vanished && !prev.vanished ? 'vanished' : null,
      page: null,
    };
  }

  const { status, finalUrl } = outcome;
  if (status === 404 || status === 410) {
    return {
      outcome: prev.vanished ? 'failed' : 'vanished',
      update: { ...base, httpStatus: status, finalUrl, error: `HTTP ${status}`, failures: 0, vanished: true },
      event: prev.vanished ? null : 'vanished',
      page: null,
    };
  }
  const validators = { etag: outcome.etag ?? prev.etag, lastModified: outcome.lastModified ?? prev.lastModified };
  if (status === 304) {
    const moved = moveEvent(finalUrl);
    return {
      outcome: moved ? 'moved' : 'not-modified',
      update: { ...base, ...validators, httpStatus: status, finalUrl, error: null, failures: 0, vanished: false },
      event: moved ? 'moved' : null,
      page: { status, finalUrl, title: prev.pageTitle, text: prev.pageText },
    };
  }
  if (status >= 200 && status < 300 && outcome.body) {
    const read = pageOf(outcome.body, outcome.contentType);
    const changed = prev.contentHash !== null && prev.contentHash !== read.hash;
    const moved = moveEvent(finalUrl);
    const event: WatchKind | null = moved ? 'moved' : changed ? 'changed' : null;
    return {
      outcome: event ?? (prev.contentHash === null ? 'baseline' : 'unchanged'),
      update: {
        ...base,
        httpStatus: status,
        finalUrl,
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        contentType: outcome.contentType?.slice(0, 200) ?? null,
        contentHash: read.hash,
        pageTitle: read.title,
        pageText: read.text,
        error: null,
        failures: 0,
        vanished: false,
        ...(changed ? { changedAt: now } : {}),
      },
      event,
      page: { status, finalUrl, title: read.title, text: read.text },
    };
  }
  // any other answer (403, 429, 500, a redirect without a Location): an error, vanished once it repeats
  const failures = prev.failures + 1;
  const vanished = prev.vanished || failures >= FAILURES_TO_VANISH;
  return {
    outcome: vanished && !prev.vanished ? 'vanished' : 'failed',
    update: { ...base, httpStatus: status, finalUrl, error: `HTTP ${status}`, failures, vanished },
    event: vanished && !prev.vanished ? 'vanished' : null,
    page: null,
  };
}
