/** Timing status; derived from the dates, never edited by hand. */
export const PROGRAMME_STATUSES = ['open', 'upcoming', 'ongoing', 'closed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const PUBLICATION_STATES = ['draft', 'published', 'archived'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/**
 * open: accepting applications until a known deadline; upcoming: opens later;
 * ongoing: open with no deadline; closed: the deadline has passed.
 * Mirrors the SQL function `programme_status` (a test keeps the two equal).
 */
export function deriveStatus(opensAt: Date | null, closesAt: Date | null, now: Date): ProgrammeStatus {
  if (closesAt && now.getTime() >= closesAt.getTime()) return 'closed';
  if (opensAt && now.getTime() < opensAt.getTime()) return 'upcoming';
  if (!closesAt) return 'ongoing';
  return 'open';
}

/**
 * The day before which a source is too old to vouch for an entry: an entry whose
 * newest source page is dated before it (or whose sources are all undated) is
 * possibly out of date. The age is configured (SOURCE_MAX_AGE_DAYS, default 365).
 */
export const sourcesOutdatedBefore = (now: Date, maxAgeDays: number): string =>
  new Date(now.getTime() - maxAgeDays * 86_400_000).toISOString().slice(0, 10);

/** Whether an entry whose newest source shows `newestSourceOn` is possibly out of date. */
export const possiblyOutdated = (newestSourceOn: string | null, now: Date, maxAgeDays: number): boolean =>
  !newestSourceOn || newestSourceOn < sourcesOutdatedBefore(now, maxAgeDays);
