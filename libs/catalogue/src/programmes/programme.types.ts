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
  applicantTypes?: string[];
  industries?: string[];
  territories?: string[];
  requiredStatuses?: RequiredStatus[];
}

export interface LocalisedText {
  ru: string;
  en: string | null;
}

export interface ProgrammeContacts {
  email?: string | null;
  phone?: string | null;
  url?: string | null;
}
