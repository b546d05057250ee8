import type { RequiredStatus } from '../taxonomy/facets';

export interface TaxReduction {
  /** e.g. property, land, transport, profit */
  tax: string;
  fromPercent: number | null;
  toPercent: number | null;
  years: number | null;
}

/** Machine-readable eligibility; every criterion is optional (absent = no constraint known). */
export interface EligibilityCriteria {
  companyAgeMinYears?: number | null;
  companyAgeMaxYears?: number | null;
  headcountMin?: number | null;
  headcountMax?: number | null;
  revenueMaxRub?: number | null;
  /** The least investment the programme asks of an applicant, in roubles (e.g. an SEZ resident's or an ИПП's threshold). */
  investmentMinRub?: number | null;
  applicantTypes?: string[];
  /** Size bands (taxonomy codes of the `size` facet) the programme is open to. */
  sizes?: string[];
  industries?: string[];
  territories?: string[];
  requiredStatuses?: RequiredStatus[];
}

export interface LocalisedText {
  ru: string;
  en: string | null;
}

/** Text that may be missing in either language. */
export interface OptionalLocalisedText {
  ru: string | null;
  en: string | null;
}

export interface ProgrammeContacts {
  email?: string | null;
  phone?: string | null;
  url?: string | null;
}

/**
 * What kind of page a source is: `official` (the provider, a government body,
 * the text of a legal act), `media` (a news agency or newspaper) or `other`
 * (a blog, a repost site, a consultancy or bank page). A figure about money,
 * rates or law needs an official source or a dated media one; `other` may
 * support it, never stand alone.
 */
export const SOURCE_KINDS = ['official', 'media', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A page the entry's facts come from. `key` is what key facts cite; dates are `YYYY-MM-DD`. */
export interface ProgrammeSource {
  key: string;
  title: LocalisedText;
  /** null for a source with no web address (kept rather than lost). */
  url: string | null;
  publisher: string;
  kind: SourceKind;
  /** The date the page itself shows; null: the page is undated. */
  publishedOn: string | null;
  /** When an editor last opened the page and checked the entry against it. */
  checkedOn: string | null;
}

/** What a key fact is about: it decides where the fact shows (the key-facts box groups them). */
export const KEY_FACT_GROUPS = ['benefit', 'eligibility', 'timing', 'scale'] as const;
export type KeyFactGroup = (typeof KEY_FACT_GROUPS)[number];

/** The unit of a key fact's number; `rub` amounts of benefit facts feed the amount filter and sort. */
export const KEY_FACT_UNITS = ['rub', 'percent', 'years', 'months', 'count', 'hectares', 'square_metres'] as const;
export type KeyFactUnit = (typeof KEY_FACT_UNITS)[number];

/** One figure or condition, in words, with the date it holds from and the source it comes from. */
export interface KeyFact {
  group: KeyFactGroup;
  label: LocalisedText;
  value: LocalisedText;
  /** The figure as a number, for sorting and filtering; null when the fact is not a single figure. */
  number: number | null;
  unit: KeyFactUnit | null;
  /** The date the fact holds from (usually its source's date); null when the source is undated. */
  asOf: string | null;
  /** The last day the terms hold (`YYYY-MM-DD`); after it the fact is a past term. */
  validUntil: string | null;
  /** The year whose terms these are ("условия 2023 года"); after that year the fact is a past term. */
  termsYear: number | null;
  /** The `key` of one of the entry's sources. */
  source: string;
}

/**
 * Whether a programme takes applications, as its sources say:
 * - `standing`: always open (only where an official page says so; `source` cites it);
 * - `rounds`: dated rounds, each citing the page that announces it;
 * - `closed`: an official page says applications are closed, as of `asOf`;
 * - `not_confirmed`: no current source says whether it is open.
 */
export const AVAILABILITY_KINDS = ['standing', 'rounds', 'closed', 'not_confirmed'] as const;
export type AvailabilityKind = (typeof AVAILABILITY_KINDS)[number];

/** One application round; either date may be unknown (an open-ended round, a round announced without its opening). */
export interface ApplicationRound {
  /** ISO 8601 instants. */
  opensAt: string | null;
  closesAt: string | null;
  /** The `key` of the source announcing the round. */
  source: string | null;
}

export interface Availability {
  kind: AvailabilityKind;
  /** The rounds, in any order (`rounds` only). */
  rounds: ApplicationRound[];
  /** The source saying it is standing or closed. */
  source: string | null;
  /** The day that source says so (`YYYY-MM-DD`); the page's date when it shows one. */
  asOf: string | null;
  /** What the sources say in words, e.g. how rounds are announced. */
  note: OptionalLocalisedText;
}

/** One step of how to apply, optionally with a link to where it is done. */
export interface ApplicationStep {
  text: LocalisedText;
  url: string | null;
}
