import { createHash } from 'node:crypto';
import { FACETS, STATUS_RANK, type Programme, type ProgrammeStatus } from '@app/catalogue';
import { RANGE_FILTERS } from './search-filters';
import { indexText } from './text/normalise';

/**
 * A published programme as an external engine stores it. Text fields hold word
 * keys (folded, stemmed to a fixed point, stop words dropped) because
 * Meilisearch has no Russian stemming; display text always comes from PostgreSQL.
 * Absent numbers and dates are left out (not null) so range filters skip them
 * and sorts put them last.
 */
export interface SearchDocument {
  id: string;
  slug: string;
  titleKeys: string;
  summaryKeys: string;
  bodyKeys: string;
  supportType: string[];
  applicantType: string[];
  stage: string[];
  size: string[];
  industry: string[];
  objective: string[];
  territory: string[];
  provider: string;
  status: ProgrammeStatus;
  /**
   * Every facet value of the programme as "facet:code" (e.g. "industry:electronics", "provider:mosprom"), in one
   * field: facet counts ask for this one. Below 3,000 hits Meilisearch counts facets document by document, one
   * lookup per document and field, so nine fields cost nine times one (measured: 36 ms against 4 ms at 2,986 hits).
   */
  facetKeys: string[];
  /** The smallest amount on offer (0 when only a maximum is known). */
  amountLower?: number;
  /** The largest amount on offer (NO_CAP when only a minimum is known). */
  amountUpper?: number;
  /** The figure amounts sort by: the maximum, else the minimum. */
  amountSort?: number;
  closesAt?: number;
  /** Where the status puts it in the deadline order (STATUS_RANK: open first, closed last). */
  statusRank: number;
  updatedAt: number;
  contentHash: string;
}

/** A facet value as the engine counts it: "industry:electronics". */
export const facetKey = (facet: string, code: string): string => `${facet}:${code}`;

const joined = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' ');

/** A key fact's words, as the PostgreSQL engine's `programme_facts_text` reads them. */
const factText = (f: Programme['keyFacts'][number]): (string | null)[] => [f.label.ru, f.label.en, f.value.ru, f.value.en];

/** The codes a programme is found by in a facet: for territories, every place it serves (a federal programme is found in Moscow). */
const facetCodes = (p: Programme, f: (typeof FACETS)[number]): string[] =>
  [...(f.facet === 'territory' ? (p.territoriesServed ?? p.territories) : p[f.field])].sort();

/** `programme.provider` must be loaded. */
export function toSearchDocument(p: Programme): SearchDocument {
  if (!p.provider) throw new Error(`programme ${p.id} indexed without its provider`);
  const doc: Omit<SearchDocument, 'contentHash'> = {
    id: p.id,
    slug: p.slug,
    titleKeys: indexText(joined(p.titleRu, p.titleEn)),
    summaryKeys: indexText(joined(p.summaryRu, p.summaryEn)),
    bodyKeys: indexText(
      joined(
        p.descriptionRu,
        p.descriptionEn,
        p.benefitRu,
        p.benefitEn,
        p.eligibilityRu,
        p.eligibilityEn,
        ...(p.keyFacts ?? []).flatMap(factText),
      ),
    ),
    ...(Object.fromEntries(FACETS.map((f) => [f.param, facetCodes(p, f)])) as Record<(typeof FACETS)[number]['param'], string[]>),
    provider: p.provider.slug,
    status: p.status,
    facetKeys: [
      ...FACETS.flatMap((f) => facetCodes(p, f).map((code) => facetKey(f.param, code))),
      facetKey('provider', p.provider.slug),
      facetKey('status', p.status),
    ],
    statusRank: STATUS_RANK[p.status],
    updatedAt: p.updatedAt.getTime(),
  };
  // what the range filters compare (RANGE_FILTERS), and the amount order's key; absent values are left out
  for (const range of RANGE_FILTERS)
    for (const [name, read] of Object.entries(range.document)) {
      const value = read(p);
      if (value !== undefined) (doc as Record<string, unknown>)[name] = value;
    }
  const amountSort = p.amountMax ?? p.amountMin;
  if (amountSort != null) doc.amountSort = amountSort;
  return { ...doc, contentHash: contentHash(doc) };
}

/** Hash of everything the engine is sent, to find documents that drifted. */
export function contentHash(doc: object): string {
  const entries = Object.entries(doc)
    .filter(([k]) => k !== 'contentHash')
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 22);
}
