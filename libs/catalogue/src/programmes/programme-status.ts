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

/** A programme whose facts were last checked longer ago than this is due for verification. */
export const STALE_AFTER_DAYS = 180;

export const staleBefore = (now: Date): Date => new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000);
