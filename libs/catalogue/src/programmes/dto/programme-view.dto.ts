import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { fieldsIn, keyOf, type FieldGroup, type FieldValues, type ProgrammeField, type StructuredShape } from '../programme-fields';
import { PROGRAMME_STATUSES, type ProgrammeStatus, type PublicationState } from '../programme-status';
import { AVAILABILITY_KINDS, KEY_FACT_GROUPS, KEY_FACT_UNITS, SOURCE_KINDS } from '../programme.types';
import type { AvailabilityKind, KeyFact, LocalisedText, OptionalLocalisedText, SourceKind } from '../programme.types';

/** Every status the API may show; `ongoing` is listed for v1 clients that know it, though no programme has it any more. */
const STATUS_VALUES = [...PROGRAMME_STATUSES, 'ongoing'];

export class LocalisedTextView {
  @ApiProperty() ru: string;
  @ApiProperty({ nullable: true, type: String }) en: string | null;
}

export class OptionalLocalisedTextView {
  @ApiProperty({ nullable: true, type: String }) ru: string | null;
  @ApiProperty({ nullable: true, type: String }) en: string | null;
}

export class ProviderRefView {
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalisedTextView }) name: LocalisedText;
  @ApiProperty({ nullable: true, type: String, description: 'the official site' }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: OptionalLocalisedTextView }) address: OptionalLocalisedText;
}

export class TaxReductionView {
  @ApiProperty({ description: 'which tax, e.g. property, land, transport, profit' }) tax: string;
  @ApiProperty({ nullable: true, type: Number }) fromPercent: number | null;
  @ApiProperty({ nullable: true, type: Number }) toPercent: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) years: number | null;
}

export class HitProviderView {
  @ApiProperty() slug: string;
  @ApiProperty({ description: 'in the requested language' }) name: string;
}

export class ActorView {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for the system (seed, import, status job)' }) id:
    string | null;
  @ApiProperty() label: string;
}

export class StepView {
  @ApiProperty({ type: LocalisedTextView }) text: LocalisedText;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class SourceView {
  @ApiProperty() key: string;
  @ApiProperty({ type: LocalisedTextView }) title: LocalisedText;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty() publisher: string;
  @ApiProperty({ enum: SOURCE_KINDS, description: 'official, media or other' }) kind: SourceKind;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the date the page shows; null: undated' }) publishedOn:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'when an editor last checked the entry against it' })
  checkedOn: string | null;
}

export class KeyFactView {
  @ApiProperty({ enum: KEY_FACT_GROUPS }) group: KeyFact['group'];
  @ApiProperty({ type: LocalisedTextView }) label: LocalisedText;
  @ApiProperty({ type: LocalisedTextView }) value: LocalisedText;
  @ApiProperty({ nullable: true, type: Number }) number: number | null;
  @ApiProperty({ nullable: true, enum: KEY_FACT_UNITS }) unit: KeyFact['unit'];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) asOf: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the last day the terms hold' }) validUntil: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'the year whose terms these are' }) termsYear: number | null;
  @ApiProperty({ description: 'the key of the source it comes from' }) source: string;
}

export class RoundView {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) opensAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closesAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the key of the source announcing it' }) source: string | null;
}

export class AvailabilityView {
  @ApiProperty({ enum: AVAILABILITY_KINDS }) kind: AvailabilityKind;
  @ApiProperty({ type: [RoundView] }) rounds: RoundView[];
  @ApiProperty({ nullable: true, type: String, description: 'the key of the source saying it is standing or closed' }) source:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) asOf: string | null;
  @ApiProperty({ type: OptionalLocalisedTextView }) note: OptionalLocalisedText;
}

const STRUCTURED_VIEWS: Record<StructuredShape, ApiPropertyOptions> = {
  taxReductions: { type: [TaxReductionView] },
  keyFacts: { type: [KeyFactView] },
  criteria: { type: 'object', additionalProperties: true },
  checks: { type: [LocalisedTextView] },
  availability: { type: AvailabilityView },
  steps: { type: [StepView] },
  documents: { type: [LocalisedTextView] },
  contacts: { type: 'object', additionalProperties: true },
  sources: { type: [SourceView] },
};

/** The OpenAPI schema of one described field (programme-fields.ts) in a view; every one is always present. */
function viewProperty(f: ProgrammeField): ApiPropertyOptions {
  const doc = f.description ? { description: f.description } : {};
  switch (f.type) {
    case 'localised':
      return { type: OptionalLocalisedTextView, ...doc };
    case 'integer':
      return { type: 'integer', nullable: true, ...doc };
    case 'decimal':
      return { type: Number, nullable: true, ...doc };
    case 'datetime':
      return { type: String, format: 'date-time', nullable: true, ...doc };
    case 'url':
      return { type: String, nullable: true, ...doc };
    case 'codes':
      return { type: [String], ...doc };
    case 'structured':
      return { ...STRUCTURED_VIEWS[f.shape], ...doc } as ApiPropertyOptions;
  }
}

/** A base class holding the described fields at the top level (null) or in one group. */
function viewFields<G extends FieldGroup | null>(group: G): abstract new () => FieldValues<G, 'view'> {
  abstract class DescribedView {}
  for (const f of fieldsIn(group)) ApiProperty(viewProperty(f))(DescribedView.prototype, keyOf(f.path));
  return DescribedView as unknown as abstract new () => FieldValues<G, 'view'>;
}

export class BenefitView extends viewFields('benefit') {}
export class EligibilityView extends viewFields('eligibility') {}
export class TimingView extends viewFields('timing') {
  @ApiProperty({
    enum: STATUS_VALUES,
    description: 'open, upcoming, standing, not_confirmed or closed: derived from the availability and kept current as dates pass',
  })
  status: ProgrammeStatus;
}

export class ApplicationView extends viewFields('application') {}

/** Something an editor must fix before the entry can be published, beside its field. */
export class PublishProblemView {
  @ApiProperty({ example: 'application.applyUrl' }) field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

export class CurationView extends viewFields('curation') {
  @ApiProperty({
    type: [PublishProblemView],
    description:
      'what must be fixed before the entry can be published (a source, a way to act, an official source for figures); empty when none',
  })
  problems: PublishProblemView[];
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the newest date any source page shows' }) newestSourceOn:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'when an editor last checked a source' }) lastCheckedOn:
    string | null;
}

/** A programme in full, as the public detail endpoint and the admin API return it. */
export class ProgrammeView extends viewFields(null) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalisedTextView }) title: LocalisedText;
  @ApiProperty({ type: LocalisedTextView }) summary: LocalisedText;
  @ApiProperty({ type: ProviderRefView }) provider: ProviderRefView;
  @ApiProperty({ nullable: true, type: String, description: 'slug of the parent programme' }) parent: string | null;
  @ApiProperty({ type: BenefitView }) benefit: BenefitView;
  @ApiProperty({ type: EligibilityView }) eligibility: EligibilityView;
  @ApiProperty({ type: TimingView }) timing: TimingView;
  @ApiProperty({ type: ApplicationView }) application: ApplicationView;
  @ApiProperty({ type: CurationView }) curation: CurationView;
  @ApiProperty({ enum: ['draft', 'published', 'archived'] }) publicationState: PublicationState;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** The eligibility conditions a result shows at a glance. */
export class GlanceConditionsView {
  @ApiProperty({ nullable: true, type: 'integer' }) companyAgeMinYears: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) companyAgeMaxYears: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) headcountMax: number | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'RUB' }) investmentMinRub: number | null;
  @ApiProperty({ type: [String], description: 'statuses an applicant must hold (e.g. sez_resident)' }) requiredStatuses: string[];
}

/** How old an entry's key facts are, each judged from its own source. */
export class FactsAgeView {
  @ApiProperty({ description: 'facts that hold now' }) current: number;
  @ApiProperty({ description: 'of those, facts whose source is older than the limit (SOURCE_MAX_AGE_DAYS) or undated and unchecked' })
  old: number;
  @ApiProperty({ description: 'past terms, shown apart' }) past: number;
}

/** One row of a programme list, in the requested language. */
export class ProgrammeHitView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['ru', 'en'], description: 'language the text is in (ru when English is missing)' }) lang: 'ru' | 'en';
  @ApiProperty({ type: HitProviderView }) provider: HitProviderView;
  @ApiProperty({ type: [String] }) supportTypes: string[];
  @ApiProperty({ type: [String], description: 'company sizes it is for (size codes; empty: any)' }) sizes: string[];
  @ApiProperty({ type: [String], description: 'who may apply (applicant type codes; empty: not stated)' }) applicantTypes: string[];
  @ApiProperty({ type: () => GlanceConditionsView }) conditions: GlanceConditionsView;
  @ApiProperty({ enum: STATUS_VALUES }) status: ProgrammeStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closesAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountMin: number | null;
  @ApiProperty({ nullable: true, type: Number }) amountMax: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: "the newest date the entry's sources show" }) newestSourceOn:
    string | null;
  @ApiProperty({ type: FactsAgeView }) facts: FactsAgeView;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AdminProgrammeListView {
  @ApiProperty({ type: [ProgrammeView] }) items: ProgrammeView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}

export class RevisionView {
  @ApiProperty() version: number;
  @ApiProperty() action: string;
  @ApiProperty({ type: ActorView }) actor: ActorView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [String] }) changedFields: string[];
  @ApiPropertyOptional({ type: () => ProgrammeView, description: 'the programme as this version saved it' }) snapshot?: ProgrammeView;
}
