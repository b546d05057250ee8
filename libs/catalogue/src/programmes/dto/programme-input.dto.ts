import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsDate,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REQUIRED_STATUSES, SLUG_PATTERN, TAXONOMY_CODE_PATTERN } from '../../taxonomy/facets';
import {
  AVAILABILITY_KINDS,
  KEY_FACT_GROUPS,
  KEY_FACT_UNITS,
  SOURCE_KINDS,
  type AvailabilityKind,
  type KeyFactGroup,
  type KeyFactUnit,
  type SourceKind,
} from '../programme.types';
import { fieldsIn, keyOf, type FieldGroup, type FieldValues, type ProgrammeField, type StructuredShape } from '../programme-fields';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: true };
const MAX_CODES = 30;

/** May be absent, but when present must be valid: null is refused (unlike IsOptional). */
const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Taxonomy codes of one facet; existence is checked by the service against the taxonomy. */
function Codes(): PropertyDecorator {
  return (target, key) => {
    Optional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(MAX_CODES)(target, key);
    IsString({ each: true })(target, key);
    Matches(TAXONOMY_CODE_PATTERN, { each: true, message: `${String(key)} must hold taxonomy codes (a-z, 0-9, _)` })(target, key);
    ApiPropertyOptional({ type: [String], maxItems: MAX_CODES })(target, key);
  };
}

export class LocalisedTextInput {
  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) ru?: string | null;
  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) en?: string | null;
}

export class TitleInput {
  @ApiProperty({ maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) ru: string;
  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class TitlePatch {
  @ApiPropertyOptional({ maxLength: 300 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(300) ru?: string;
  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class SummaryInput {
  @ApiProperty({ maxLength: 1000 }) @IsString() @IsNotEmpty() @MaxLength(1000) ru: string;
  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) en?: string | null;
}

export class SummaryPatch {
  @ApiPropertyOptional({ maxLength: 1000 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) ru?: string;
  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) en?: string | null;
}

export class DocumentInput {
  @ApiProperty({ maxLength: 500 }) @IsString() @IsNotEmpty() @MaxLength(500) ru: string;
  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) en?: string | null;
}

export class TaxReductionInput {
  @ApiProperty({ example: 'property', maxLength: 50 }) @IsString() @Matches(TAXONOMY_CODE_PATTERN) @MaxLength(50) tax: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(100) fromPercent?:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(100) toPercent?:
    number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(99) years?: number | null;
}

export class EligibilityCriteriaInput {
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(200) companyAgeMinYears?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(200) companyAgeMaxYears?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) headcountMin?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) headcountMax?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1e15) revenueMaxRub?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'the least investment asked of an applicant, RUB' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  investmentMinRub?: number | null;
  @Codes() applicantTypes?: string[];
  @Codes() sizes?: string[];
  @Codes() industries?: string[];
  @Codes() territories?: string[];
  @ApiPropertyOptional({ enum: REQUIRED_STATUSES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMaxSize(REQUIRED_STATUSES.length)
  @IsIn(REQUIRED_STATUSES, { each: true })
  requiredStatuses?: (typeof REQUIRED_STATUSES)[number][];
}

export class ContactsInput {
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
}

export class StepInput {
  @ApiProperty({ type: DocumentInput })
  @IsDefined({ message: 'text is required' })
  @ValidateNested()
  @Type(() => DocumentInput)
  text: DocumentInput;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
}

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SOURCE_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class SourceInput {
  @ApiProperty({
    example: 's1',
    maxLength: 40,
    pattern: SOURCE_KEY_PATTERN.source,
    description: 'what key facts cite; unique within the entry',
  })
  @IsString()
  @Matches(SOURCE_KEY_PATTERN, { message: 'key must be lowercase letters, digits, - or _' })
  key: string;
  @ApiProperty({ type: TitleInput })
  @IsDefined({ message: 'title is required' })
  @ValidateNested()
  @Type(() => TitleInput)
  title: TitleInput;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
  @ApiProperty({ maxLength: 200, description: 'who published the page' }) @IsString() @IsNotEmpty() @MaxLength(200) publisher: string;
  @ApiPropertyOptional({
    enum: SOURCE_KINDS,
    description:
      'official (the provider, a government body, a legal act), media (a news agency or newspaper) or other (a blog, a repost, a consultancy); left out: official for official portals and legal texts, else other',
  })
  @Optional()
  @IsIn(SOURCE_KINDS)
  kind?: SourceKind;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'the date the page shows; null: undated' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'publishedOn must be a date YYYY-MM-DD' })
  publishedOn?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'when an editor last checked the entry against the page',
  })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'checkedOn must be a date YYYY-MM-DD' })
  checkedOn?: string | null;
}

export class KeyFactInput {
  @ApiProperty({ enum: KEY_FACT_GROUPS }) @IsIn(KEY_FACT_GROUPS) group: KeyFactGroup;
  @ApiProperty({ type: DocumentInput })
  @IsDefined({ message: 'label is required' })
  @ValidateNested()
  @Type(() => DocumentInput)
  label: DocumentInput;
  @ApiProperty({ type: DocumentInput })
  @IsDefined({ message: 'value is required' })
  @ValidateNested()
  @Type(() => DocumentInput)
  value: DocumentInput;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'the figure as a number, for sorting and filtering' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1e15)
  number?: number | null;
  @ApiPropertyOptional({ enum: KEY_FACT_UNITS, nullable: true }) @IsOptional() @IsIn(KEY_FACT_UNITS) unit?: KeyFactUnit | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'the date the fact holds from; null: its source is undated',
  })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'the last day these terms hold; after it the fact is shown as a past term and no longer counts',
  })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 2000,
    maximum: 2100,
    description: 'the year whose terms these are; after that year the fact is a past term',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  termsYear?: number | null;
  @ApiProperty({ description: "the key of one of the entry's sources" }) @IsString() @Matches(SOURCE_KEY_PATTERN) source: string;
}

export class RoundInput {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when applications open; null: not stated' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'opensAt must be an ISO 8601 date-time' })
  opensAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when applications close; null: not stated' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'closesAt must be an ISO 8601 date-time' })
  closesAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the key of the source announcing the round (required to publish)' })
  @IsOptional()
  @IsString()
  @Matches(SOURCE_KEY_PATTERN)
  source?: string | null;
}

export class AvailabilityInput {
  @ApiProperty({
    enum: AVAILABILITY_KINDS,
    description:
      'standing: always open, as an official page says; rounds: dated rounds; closed: an official page says closed; not_confirmed: no current source says',
  })
  @IsIn(AVAILABILITY_KINDS)
  kind: AvailabilityKind;
  @ApiPropertyOptional({ type: [RoundInput], maxItems: 20, description: 'the rounds (kind rounds)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoundInput)
  rounds?: RoundInput[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the key of the source saying it is standing or closed' })
  @IsOptional()
  @IsString()
  @Matches(SOURCE_KEY_PATTERN)
  source?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'the day that source says so' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string | null;
  @ApiPropertyOptional({ type: LocalisedTextInput, description: 'what the sources say in words (how rounds are announced, …)' })
  @Optional()
  @ValidateNested()
  @Type(() => LocalisedTextInput)
  note?: LocalisedTextInput;
}

const STRUCTURED_INPUTS: Record<StructuredShape, new () => object> = {
  taxReductions: TaxReductionInput,
  keyFacts: KeyFactInput,
  criteria: EligibilityCriteriaInput,
  checks: DocumentInput,
  availability: AvailabilityInput,
  steps: StepInput,
  documents: DocumentInput,
  contacts: ContactsInput,
  sources: SourceInput,
};

/** The validation and OpenAPI schema of one described field (programme-fields.ts); every one may be left out. */
function inputDecorators(f: ProgrammeField): PropertyDecorator[] {
  const doc = f.description ? { description: f.description } : {};
  switch (f.type) {
    case 'localised':
      return [ApiPropertyOptional({ type: LocalisedTextInput }), Optional(), ValidateNested(), Type(() => LocalisedTextInput)];
    case 'integer':
    case 'decimal':
      return [
        ApiPropertyOptional({ type: f.type === 'integer' ? 'integer' : Number, nullable: true, minimum: f.min, maximum: f.max, ...doc }),
        IsOptional(),
        f.type === 'integer' ? IsInt() : IsNumber({ maxDecimalPlaces: 3 }),
        Min(f.min),
        Max(f.max),
      ];
    case 'datetime':
      return [ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, ...doc }), IsOptional(), Type(() => Date), IsDate()];
    case 'url':
      return [ApiPropertyOptional({ type: String, nullable: true, ...doc }), IsOptional(), IsUrl(URL_OPTIONS), MaxLength(2000)];
    case 'codes':
      return [Codes()];
    case 'structured': {
      const shape = STRUCTURED_INPUTS[f.shape];
      return f.maxItems
        ? [
            ApiPropertyOptional({ type: [shape], ...doc }),
            Optional(),
            IsArray(),
            ArrayMaxSize(f.maxItems),
            ValidateNested({ each: true }),
            Type(() => shape),
          ]
        : [ApiPropertyOptional({ type: shape, ...doc }), Optional(), ValidateNested(), Type(() => shape)];
    }
  }
}

/** A base class holding the described fields at the top level (null) or in one group. */
function inputFields<G extends FieldGroup | null>(group: G): abstract new () => Partial<FieldValues<G, 'input'>> {
  abstract class DescribedInput {}
  for (const f of fieldsIn(group)) for (const decorate of inputDecorators(f)) decorate(DescribedInput.prototype, keyOf(f.path));
  return DescribedInput as unknown as abstract new () => Partial<FieldValues<G, 'input'>>;
}

export class BenefitInput extends inputFields('benefit') {}
export class EligibilityInput extends inputFields('eligibility') {}
export class TimingInput extends inputFields('timing') {}
export class ApplicationInput extends inputFields('application') {}
export class CurationInput extends inputFields('curation') {}

/** Fields shared by create and update; every one optional here. */
abstract class ProgrammeFields extends inputFields(null) {
  @ApiPropertyOptional({ type: String, description: 'slug of the parent programme', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN)
  parent?: string | null;
  @ApiPropertyOptional({ type: BenefitInput }) @Optional() @ValidateNested() @Type(() => BenefitInput) benefit?: BenefitInput;
  @ApiPropertyOptional({ type: EligibilityInput })
  @Optional()
  @ValidateNested()
  @Type(() => EligibilityInput)
  eligibility?: EligibilityInput;
  @ApiPropertyOptional({ type: TimingInput }) @Optional() @ValidateNested() @Type(() => TimingInput) timing?: TimingInput;
  @ApiPropertyOptional({ type: ApplicationInput })
  @Optional()
  @ValidateNested()
  @Type(() => ApplicationInput)
  application?: ApplicationInput;
  @ApiPropertyOptional({ type: CurationInput }) @Optional() @ValidateNested() @Type(() => CurationInput) curation?: CurationInput;
}

/** A new programme; it starts as a draft. */
export class CreateProgrammeDto extends ProgrammeFields {
  @ApiProperty({ example: 'sme-concessional-loans', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' })
  slug: string;
  @ApiProperty({ type: TitleInput })
  @IsDefined({ message: 'title is required' })
  @ValidateNested()
  @Type(() => TitleInput)
  title: TitleInput;
  @ApiProperty({ type: SummaryInput })
  @IsDefined({ message: 'summary is required' })
  @ValidateNested()
  @Type(() => SummaryInput)
  summary: SummaryInput;
  @ApiProperty({ description: 'slug of the providing organisation', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN)
  provider: string;
}

/** A partial change: absent fields keep their value, null clears an optional one. */
export class UpdateProgrammeDto extends ProgrammeFields {
  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' })
  slug?: string;
  @ApiPropertyOptional({ type: TitlePatch }) @Optional() @ValidateNested() @Type(() => TitlePatch) title?: TitlePatch;
  @ApiPropertyOptional({ type: SummaryPatch }) @Optional() @ValidateNested() @Type(() => SummaryPatch) summary?: SummaryPatch;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN) provider?: string;
}
