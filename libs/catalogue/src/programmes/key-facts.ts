import { moscowDay, moscowDayStart, possiblyOutdated } from './programme-status';
import type { KeyFact, ProgrammeSource } from './programme.types';

/**
 * A key fact's period: terms that ended (after `validUntil`, or the year after `termsYear`) are
 * past terms. Past terms are shown apart ("условия 2023 года") and never feed the amount filter,
 * the sort, a card's amount or the questionnaire.
 */
export function isPastFact(f: Pick<KeyFact, 'validUntil' | 'termsYear'>, now: Date): boolean {
  const today = moscowDay(now);
  return (f.validUntil !== null && f.validUntil < today) || (f.termsYear !== null && f.termsYear < Number(today.slice(0, 4)));
}

/** When a fact that holds now becomes a past term (the first instant after its period); null: never. */
export function factExpiresAt(f: Pick<KeyFact, 'validUntil' | 'termsYear'>): Date | null {
  const ends: Date[] = [];
  if (f.validUntil !== null) ends.push(new Date(moscowDayStart(f.validUntil).getTime() + 86_400_000));
  if (f.termsYear !== null) ends.push(moscowDayStart(`${f.termsYear + 1}-01-01`));
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
}

/** The facts that hold now (not past terms). */
export const currentFacts = <F extends Pick<KeyFact, 'validUntil' | 'termsYear'>>(facts: F[], now: Date): F[] =>
  facts.filter((f) => !isPastFact(f, now));

/** The day a fact was last vouched for: its source page's date or the last check against it, whichever is newer. */
export function factVouchedOn(
  f: Pick<KeyFact, 'source'>,
  sources: Pick<ProgrammeSource, 'key' | 'publishedOn' | 'checkedOn'>[],
): string | null {
  const s = sources.find((x) => x.key === f.source);
  if (!s) return null;
  if (s.publishedOn && s.checkedOn) return s.publishedOn > s.checkedOn ? s.publishedOn : s.checkedOn;
  return s.publishedOn ?? s.checkedOn;
}

export interface FactsAge {
  /** Facts that hold now. */
  current: number;
  /** Of those, facts whose source is older than the limit, or undated and never checked. */
  old: number;
  /** Past terms. */
  past: number;
}

/**
 * How old an entry's facts are, each judged from its own source: one fresh source never
 * hides the age of facts that cite older ones.
 */
export function factsAge(
  facts: Pick<KeyFact, 'validUntil' | 'termsYear' | 'source'>[],
  sources: Pick<ProgrammeSource, 'key' | 'publishedOn' | 'checkedOn'>[],
  now: Date,
  maxAgeDays: number,
): FactsAge {
  const current = currentFacts(facts, now);
  return {
    current: current.length,
    old: current.filter((f) => possiblyOutdated(factVouchedOn(f, sources), now, maxAgeDays)).length,
    past: facts.length - current.length,
  };
}
