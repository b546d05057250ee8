import { RANGE_DOCUMENT_FIELDS, RANGE_FILTERS, rangeBound, type RangeParam } from '../search-filters';
import { SEARCH_FACETS, SearchFacet, SearchFilters, SortKey, SortOrder } from '../search.model';

/** Fields a filter may name; nothing else ever reaches a filter expression. */
export const SORTABLE_FIELDS = ['statusRank', 'closesAt', 'amountSort', 'updatedAt', 'id'] as const;
/** Fields a filter may name: the facets, the ranges' document fields, and the keyset's sort fields. */
export const FILTERABLE_FIELDS: readonly string[] = [
  ...new Set([...SEARCH_FACETS, 'facetKeys', ...RANGE_DOCUMENT_FIELDS, ...SORTABLE_FIELDS]),
];
type FilterField = (typeof SEARCH_FACETS)[number] | (typeof SORTABLE_FIELDS)[number];

/** A filter string literal: backslash escaped first, then the double quote. */
export const quoteValue = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const field = (name: FilterField): string => {
  if (!FILTERABLE_FIELDS.includes(name)) throw new Error(`"${name}" is not a filterable field`);
  return name;
};

const finite = (n: number): string => {
  if (!Number.isFinite(n)) throw new Error('range bounds must be finite numbers');
  return String(n);
};

/** Conditions (ANDed by Meilisearch when passed as an array), optionally leaving one facet out. */
export function buildFilter(filters: SearchFilters, except: SearchFacet | null = null): string[] {
  const out: string[] = [];
  for (const facet of SEARCH_FACETS) {
    const codes = filters.facets[facet];
    if (facet === except || !codes?.length) continue;
    out.push(`${field(facet)} IN [${codes.map(quoteValue).join(', ')}]`);
  }
  const bounds = filters as Partial<Record<RangeParam, number | Date>>;
  for (const range of RANGE_FILTERS) {
    const value = bounds[range.param];
    if (value !== undefined) out.push(range.meilisearch(finite(rangeBound(value))));
  }
  return out;
}

/**
 * Documents after `key` in a keyset order, as a filter: the comparison buildSort's
 * order makes (a missing value sorts last). Instants are the index's milliseconds.
 */
export function keysetFilter(sort: SortOrder, key: SortKey): string {
  const updated = finite(Date.parse(key.updatedAt));
  const newer = `(${field('updatedAt')} < ${updated} OR (${field('updatedAt')} = ${updated} AND ${field('id')} > ${quoteValue(key.id)}))`;
  switch (sort) {
    case 'updated':
      return newer;
    case 'deadline': {
      const closes = key.closesAt === null ? null : finite(Date.parse(key.closesAt));
      const within =
        closes === null
          ? `(${field('closesAt')} NOT EXISTS AND ${newer})`
          : `(${field('closesAt')} NOT EXISTS OR ${field('closesAt')} > ${closes} OR (${field('closesAt')} = ${closes} AND ${newer}))`;
      const rank = finite(key.statusRank);
      return `(${field('statusRank')} > ${rank} OR (${field('statusRank')} = ${rank} AND ${within}))`;
    }
    case 'amount': {
      if (key.amountSort === null) return `(${field('amountSort')} NOT EXISTS AND ${newer})`;
      const amount = finite(key.amountSort);
      return `(${field('amountSort')} NOT EXISTS OR ${field('amountSort')} < ${amount} OR (${field('amountSort')} = ${amount} AND ${newer}))`;
    }
    default:
      throw new Error(`no keyset for the ${sort} order`);
  }
}

/** Meilisearch sort for our orders; ties broken like the PostgreSQL engine (newest first, then id). */
export function buildSort(sort: SortOrder, hasText: boolean): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return hasText ? undefined : ['updatedAt:desc', 'id:asc'];
    case 'deadline':
      return ['statusRank:asc', 'closesAt:asc', 'updatedAt:desc', 'id:asc'];
    case 'amount':
      return ['amountSort:desc', 'updatedAt:desc', 'id:asc'];
    case 'updated':
      return ['updatedAt:desc', 'id:asc'];
  }
}
