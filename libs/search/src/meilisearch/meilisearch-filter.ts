import { SEARCH_FACETS, SearchFacet, SearchFilters, SortOrder } from '../search.model';

/** Fields a filter may name; nothing else ever reaches a filter expression. */
export const FILTERABLE_FIELDS = [...SEARCH_FACETS, 'amountLower', 'amountUpper', 'closesAt'] as const;
export const SORTABLE_FIELDS = ['closesAt', 'amountSort', 'updatedAt', 'id'] as const;
type FilterField = (typeof FILTERABLE_FIELDS)[number];

/** A filter string literal: backslash escaped first, then the double quote. */
export const quoteValue = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const field = (name: FilterField): string => {
  if (!(FILTERABLE_FIELDS as readonly string[]).includes(name)) throw new Error(`"${name}" is not a filterable field`);
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
  if (filters.amountMin !== undefined) out.push(`${field('amountUpper')} >= ${finite(filters.amountMin)}`);
  if (filters.amountMax !== undefined) out.push(`${field('amountLower')} <= ${finite(filters.amountMax)}`);
  if (filters.closesAfter) out.push(`(${field('closesAt')} >= ${finite(filters.closesAfter.getTime())} OR ${field('closesAt')} NOT EXISTS)`);
  if (filters.closesBefore) out.push(`${field('closesAt')} <= ${finite(filters.closesBefore.getTime())}`);
  return out;
}

/** Meilisearch sort for our orders; ties broken like the PostgreSQL engine (newest first, then id). */
export function buildSort(sort: SortOrder, hasText: boolean): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return hasText ? undefined : ['updatedAt:desc', 'id:asc'];
    case 'deadline':
      return ['closesAt:asc', 'updatedAt:desc', 'id:asc'];
    case 'amount':
      return ['amountSort:desc', 'updatedAt:desc', 'id:asc'];
    case 'updated':
      return ['updatedAt:desc', 'id:asc'];
  }
}
