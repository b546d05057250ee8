import type { ApplicationRound, Availability } from './programme.types';

/**
 * Whether a programme takes applications, derived from its availability (never edited by hand):
 * open: a round is running; upcoming: a round opens later; standing: always open, as an official
 * page says; not_confirmed: no current source says whether it is open; closed: an official page
 * says so, or every round has ended.
 */
export const PROGRAMME_STATUSES = ['open', 'upcoming', 'standing', 'not_confirmed', 'closed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/**
 * `ongoing` was the status of every entry without dates before availability had a source;
 * API v1 still accepts it in filters, as `standing` (the only status it can honestly mean).
 */
export const LEGACY_STATUS_ALIASES: Record<string, ProgrammeStatus> = { ongoing: 'standing' };

/** The statuses under which a programme takes applications now. */
export const ACCEPTING_STATUSES: readonly ProgrammeStatus[] = ['open', 'standing'];

/**
 * The order "what still takes applications first" sorts by: running rounds, standing
 * offers, rounds to come, unknown, closed. Search engines store it with each programme.
 */
export const STATUS_RANK: Record<ProgrammeStatus, number> = { open: 0, standing: 1, upcoming: 2, not_confirmed: 3, closed: 4 };

export const PUBLICATION_STATES = ['draft', 'published', 'archived'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** The availability of an entry nobody has described: no source says whether it is open. */
export const NOT_CONFIRMED: Availability = {
  kind: 'not_confirmed',
  rounds: [],
  source: null,
  asOf: null,
  note: { ru: null, en: null },
};

export interface Timing {
  status: ProgrammeStatus;
  /** The round that decides the status (running, else next, else last): its dates, for deadlines and calendars. */
  opensAt: Date | null;
  closesAt: Date | null;
  /** The next instant at which the status or these dates change by themselves; null: never. */
  changesAt: Date | null;
}

const at = (iso: string | null): Date | null => (iso ? new Date(iso) : null);

/**
 * The status and the deciding round of an availability at `now`. One rule for the
 * save path, the status job and the synthetic catalogue.
 */
export function deriveTiming(a: Availability, now: Date): Timing {
  const none = { opensAt: null, closesAt: null, changesAt: null };
  if (a.kind === 'standing') return { status: 'standing', ...none };
  if (a.kind === 'closed') return { status: 'closed', ...none };
  if (a.kind === 'not_confirmed' || a.rounds.length === 0) return { status: 'not_confirmed', ...none };
  const t = now.getTime();
  const rounds = a.rounds.map((r: ApplicationRound) => ({ opensAt: at(r.opensAt), closesAt: at(r.closesAt) }));
  const future = rounds.flatMap((r) => [r.opensAt, r.closesAt]).filter((d): d is Date => d !== null && d.getTime() > t);
  const changesAt = future.length ? new Date(Math.min(...future.map((d) => d.getTime()))) : null;
  const running = rounds
    .filter((r) => (!r.opensAt || r.opensAt.getTime() <= t) && (!r.closesAt || r.closesAt.getTime() > t))
    // the one that closes soonest decides the deadline (an open-ended one last)
    .sort((x, y) => (x.closesAt?.getTime() ?? Infinity) - (y.closesAt?.getTime() ?? Infinity));
  if (running.length) return { status: 'open', ...running[0], changesAt };
  const next = rounds.filter((r) => r.opensAt && r.opensAt.getTime() > t).sort((x, y) => x.opensAt!.getTime() - y.opensAt!.getTime());
  if (next.length) return { status: 'upcoming', ...next[0], changesAt };
  const last = [...rounds].sort((x, y) => (y.closesAt?.getTime() ?? 0) - (x.closesAt?.getTime() ?? 0));
  return { status: 'closed', ...last[0], changesAt };
}

/** The availability an older entry's two dates stand for: one round (no source yet), or nothing confirmed. */
export function roundFromDates(opensAt: Date | string | null, closesAt: Date | string | null, source: string | null = null): Availability {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  if (opensAt === null && closesAt === null) return structuredClone(NOT_CONFIRMED);
  return { ...structuredClone(NOT_CONFIRMED), kind: 'rounds', rounds: [{ opensAt: iso(opensAt), closesAt: iso(closesAt), source }] };
}

/** Today's date in Moscow (`YYYY-MM-DD`): the day fact periods and source ages are counted in. */
export const moscowDay = (now: Date): string => new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);

/** The first instant of a Moscow day (`YYYY-MM-DD`). */
export const moscowDayStart = (day: string): Date => new Date(`${day}T00:00:00+03:00`);

/**
 * The day before which a source is too old to vouch for a fact: a fact whose source page is
 * dated (or was last checked) before it, or is undated and unchecked, is possibly out of date.
 * The age is configured (SOURCE_MAX_AGE_DAYS, default 365).
 */
export const sourcesOutdatedBefore = (now: Date, maxAgeDays: number): string =>
  new Date(now.getTime() - maxAgeDays * 86_400_000).toISOString().slice(0, 10);

/** Whether a page last dated or checked on `day` (null: never) is too old to vouch for a fact. */
export const possiblyOutdated = (day: string | null, now: Date, maxAgeDays: number): boolean =>
  !day || day < sourcesOutdatedBefore(now, maxAgeDays);
