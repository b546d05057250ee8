import type { Programme } from '@app/catalogue';

/**
 * The search's range filters, each described once. From this list come: the API's query
 * parameters with their validation and OpenAPI (`ProgrammeListQuery`), `toSearchRequest`,
 * `SearchFilters`, the PostgreSQL condition, the Meilisearch filter with its filterable
 * attributes and document fields, the website's URL state, and a saved alert's request.
 * (Facets are described by FACETS in @app/catalogue, plus `provider` and `status`.)
 *
 * A range compares one bound with a programme's value: `integer` values are numbers,
 * `instant` values are Dates (in URLs and stored alerts, ISO 8601; in Meilisearch, milliseconds).
 */
export type RangeType = 'integer' | 'instant';
type ValueOf<T extends RangeType> = T extends 'integer' ? number : Date;

export interface RangeFilter<P extends string = string, T extends RangeType = RangeType> {
  /** The query parameter, the key in SearchFilters, the URL's key. */
  param: P;
  type: T;
  /** OpenAPI text. */
  description: string;
  /** PostgreSQL: the condition on `s`, a row of `programme_search` / `programme_search_text`; `bound` is the bound parameter. */
  postgres: (bound: string) => string;
  /** Meilisearch: the filter expression; `bound` a finite number (an instant's milliseconds). */
  meilisearch: (bound: string) => string;
  /** The document fields the Meilisearch expression reads, computed from the programme (absent when unknown). */
  document: Record<string, (p: Programme) => number | undefined>;
}

const range = <P extends string, T extends RangeType>(filter: RangeFilter<P, T>): RangeFilter<P, T> => filter;

/** Stands for "no upper limit" in range filters (an exact integer in a double). */
export const NO_CAP = Number.MAX_SAFE_INTEGER;

const hasAmount = (p: Programme): boolean => p.amountMin != null || p.amountMax != null;

export const RANGE_FILTERS = [
  // a known minimum with no maximum has no cap; a known maximum with no minimum starts at zero
  range({
    param: 'amountMin',
    type: 'integer',
    description: 'programmes whose amount reaches at least this',
    postgres: (v) => `(s.amount_max >= ${v} OR (s.amount_max IS NULL AND s.amount_min IS NOT NULL))`,
    meilisearch: (v) => `amountUpper >= ${v}`,
    document: { amountUpper: (p) => (hasAmount(p) ? (p.amountMax ?? NO_CAP) : undefined) },
  }),
  range({
    param: 'amountMax',
    type: 'integer',
    description: 'programmes whose amount starts at or below this',
    postgres: (v) => `(s.amount_min <= ${v} OR (s.amount_min IS NULL AND s.amount_max IS NOT NULL))`,
    meilisearch: (v) => `amountLower <= ${v}`,
    document: { amountLower: (p) => (hasAmount(p) ? (p.amountMin ?? 0) : undefined) },
  }),
  // programmes with no deadline count as closing after any date
  range({
    param: 'closesAfter',
    type: 'instant',
    description: 'closing on or after (programmes without a deadline included)',
    postgres: (v) => `(s.closes_at IS NULL OR s.closes_at >= ${v})`,
    meilisearch: (v) => `(closesAt >= ${v} OR closesAt NOT EXISTS)`,
    document: { closesAt: (p) => p.closesAt?.getTime() },
  }),
  range({
    param: 'closesBefore',
    type: 'instant',
    description: 'closing on or before',
    postgres: (v) => `s.closes_at <= ${v}`,
    meilisearch: (v) => `closesAt <= ${v}`,
    document: { closesAt: (p) => p.closesAt?.getTime() },
  }),
] as const;

type Ranges = (typeof RANGE_FILTERS)[number];
export type RangeParam = Ranges['param'];

/** The bounds a search asks for, by parameter. */
export type RangeValues = { [R in Ranges as R['param']]?: ValueOf<R['type']> };

/** The ranges' document fields, for Meilisearch's filterable attributes. */
export const RANGE_DOCUMENT_FIELDS: string[] = [...new Set(RANGE_FILTERS.flatMap((f) => Object.keys(f.document)))];

/** The bounds present in `from` (a query, a request, a stored alert), as typed values; anything else is left out. */
export function pickRanges(from: Partial<Record<RangeParam, unknown>>): RangeValues {
  const out: Record<string, number | Date> = {};
  for (const f of RANGE_FILTERS) {
    const value = from[f.param];
    if (value === undefined || value === null || value === '') continue;
    if (f.type === 'integer' && typeof value === 'number') out[f.param] = value;
    if (f.type === 'instant') {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
      if (date && !Number.isNaN(date.getTime())) out[f.param] = date;
    }
  }
  return out as RangeValues;
}

/** The bounds as URL parameters (instants in ISO 8601), in the list's order. */
export function rangeParams(ranges: RangeValues): [RangeParam, string][] {
  const values = ranges as Partial<Record<RangeParam, number | Date>>;
  return RANGE_FILTERS.flatMap((f) => {
    const value = values[f.param];
    return value === undefined ? [] : [[f.param, value instanceof Date ? value.toISOString() : String(value)] as [RangeParam, string]];
  });
}

/** The bound a range compares, as a number (an instant's milliseconds). */
export const rangeBound = (value: number | Date): number => (value instanceof Date ? value.getTime() : value);

/** `from` without its range parameters (to be replaced by `pickRanges(from)`'s typed values). */
export function withoutRanges<T extends object>(from: T): Omit<T, RangeParam> {
  const params: readonly string[] = RANGE_FILTERS.map((f) => f.param);
  return Object.fromEntries(Object.entries(from).filter(([key]) => !params.includes(key))) as Omit<T, RangeParam>;
}
