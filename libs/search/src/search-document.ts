import { createHash } from 'node:crypto';
import { FACETS, type Programme, type ProgrammeStatus } from '@app/catalogue';
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
  amountLower?: number;
  amountUpper?: number;
  closesAt?: number;
  updatedAt: number;
  contentHash: string;
}

const joined = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' ');

/** `programme.provider` must be loaded. */
export function toSearchDocument(p: Programme): SearchDocument {
  if (!p.provider) throw new Error(`programme ${p.id} indexed without its provider`);
  const doc: Omit<SearchDocument, 'contentHash'> = {
    id: p.id,
    slug: p.slug,
    titleKeys: indexText(joined(p.titleRu, p.titleEn)),
    summaryKeys: indexText(joined(p.summaryRu, p.summaryEn)),
    bodyKeys: indexText(joined(p.descriptionRu, p.descriptionEn, p.benefitRu, p.benefitEn, p.eligibilityRu, p.eligibilityEn)),
    ...(Object.fromEntries(FACETS.map((f) => [f.param, [...p[f.field]].sort()])) as Record<(typeof FACETS)[number]['param'], string[]>),
    provider: p.provider.slug,
    status: p.status,
    updatedAt: p.updatedAt.getTime(),
  };
  const lower = p.amountMin ?? p.amountMax;
  const upper = p.amountMax ?? p.amountMin;
  if (lower != null) doc.amountLower = lower;
  if (upper != null) doc.amountUpper = upper;
  if (p.closesAt) doc.closesAt = p.closesAt.getTime();
  return { ...doc, contentHash: contentHash(doc) };
}

/** Hash of everything the engine is sent, to find documents that drifted. */
export function contentHash(doc: object): string {
  const entries = Object.entries(doc).filter(([k]) => k !== 'contentHash').sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 22);
}
