import { PROGRAMME_FIELDS, type ProgrammeFieldSpec } from '../programmes/programme-fields';
import type { EligibilityCriteria } from '../programmes/programme.types';

type CodesSpec = Extract<ProgrammeFieldSpec, { type: 'codes' }>;

export interface FacetDef<S extends CodesSpec = CodesSpec> {
  /** The stored name (taxonomy, search document). */
  facet: S['facet'];
  /** The query parameter and JSON field of the public API. */
  param: S['param'];
  /** The programme's field (view, input, record). */
  field: S['path'];
  /** The programme column's SQL name. */
  column: string;
}

/** The facets a programme is classified by: its code fields, from the field description. */
export const FACETS: readonly FacetDef[] = PROGRAMME_FIELDS.filter((f): f is CodesSpec => f.type === 'codes').map((f) => ({
  facet: f.facet,
  param: f.param,
  field: f.path,
  column: f.sqlColumn,
}));

export type Facet = CodesSpec['facet'];
export type FacetParam = CodesSpec['param'];
export type FacetField = CodesSpec['path'];

export const FACET_NAMES: Facet[] = FACETS.map((f) => f.facet);
export const FACET_FIELDS: FacetField[] = FACETS.map((f) => f.field);

/** The eligibility criteria that hold codes of a facet: checked against the taxonomy, and keep a term in use. */
export const CRITERIA_FACETS = [
  { key: 'applicantTypes', facet: 'applicant_type' },
  { key: 'sizes', facet: 'size' },
  { key: 'industries', facet: 'industry' },
  { key: 'territories', facet: 'territory' },
] as const satisfies readonly { key: keyof EligibilityCriteria; facet: Facet }[];

export const isFacet = (value: string): value is Facet => (FACET_NAMES as string[]).includes(value);

/** Statuses an applicant may need before applying; checked by the matcher. */
export const REQUIRED_STATUSES = [
  'sez_resident',
  'technopark_resident',
  'innovation_cluster_member',
  'sme_registry',
  'social_enterprise',
  'social_training_completed',
  'startup_register',
  'it_accreditation',
  'skolkovo_participant',
] as const;
export type RequiredStatus = (typeof REQUIRED_STATUSES)[number];

export const REQUIRED_STATUS_LABELS: Record<RequiredStatus, { ru: string; en: string }> = {
  sez_resident: { ru: 'резидент ОЭЗ', en: 'SEZ resident' },
  technopark_resident: { ru: 'резидент технопарка', en: 'technopark resident' },
  innovation_cluster_member: { ru: 'участник Московского инновационного кластера', en: 'Moscow Innovation Cluster member' },
  sme_registry: { ru: 'в реестре МСП', en: 'in the SME register' },
  social_enterprise: { ru: 'социальное предприятие (в реестре)', en: 'registered social enterprise' },
  social_training_completed: {
    ru: 'прошёл городскую программу обучения для социальных предпринимателей',
    en: "completed the city's training programme for social entrepreneurs",
  },
  startup_register: {
    ru: 'в реестре стартапов и технологических компаний Москвы',
    en: 'in the Moscow register of startups and tech companies',
  },
  it_accreditation: { ru: 'аккредитованная ИТ-компания', en: 'accredited IT company' },
  skolkovo_participant: { ru: 'участник проекта «Сколково»', en: 'Skolkovo participant' },
};

export const TAXONOMY_CODE_PATTERN = /^[a-z0-9][a-z0-9_]{0,62}$/;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
