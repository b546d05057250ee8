/**
 * The facets a programme is classified by. `facet` is the stored name, `param`
 * the query parameter and JSON field of the public API, `column` the programme column.
 */
export const FACETS = [
  { facet: 'support_type', param: 'supportType', field: 'supportTypes', column: 'support_types' },
  { facet: 'applicant_type', param: 'applicantType', field: 'applicantTypes', column: 'applicant_types' },
  { facet: 'stage', param: 'stage', field: 'stages', column: 'stages' },
  { facet: 'size', param: 'size', field: 'sizes', column: 'sizes' },
  { facet: 'industry', param: 'industry', field: 'industries', column: 'industries' },
  { facet: 'objective', param: 'objective', field: 'objectives', column: 'objectives' },
  { facet: 'territory', param: 'territory', field: 'territories', column: 'territories' },
] as const;

export type Facet = (typeof FACETS)[number]['facet'];
export type FacetParam = (typeof FACETS)[number]['param'];
export type FacetField = (typeof FACETS)[number]['field'];

export const FACET_NAMES: Facet[] = FACETS.map((f) => f.facet);
export const FACET_FIELDS: FacetField[] = FACETS.map((f) => f.field);

export const isFacet = (value: string): value is Facet => (FACET_NAMES as string[]).includes(value);

/** Statuses an applicant may need before applying; checked by the matcher. */
export const REQUIRED_STATUSES = ['sez_resident', 'technopark_resident', 'innovation_cluster_member', 'sme_registry'] as const;
export type RequiredStatus = (typeof REQUIRED_STATUSES)[number];

export const REQUIRED_STATUS_LABELS: Record<RequiredStatus, { ru: string; en: string }> = {
  sez_resident: { ru: 'резидент ОЭЗ', en: 'SEZ resident' },
  technopark_resident: { ru: 'резидент технопарка', en: 'technopark resident' },
  innovation_cluster_member: { ru: 'участник Московского инновационного кластера', en: 'Moscow Innovation Cluster member' },
  sme_registry: { ru: 'в реестре МСП', en: 'in the SME register' },
};

export const TAXONOMY_CODE_PATTERN = /^[a-z0-9][a-z0-9_]{0,62}$/;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
