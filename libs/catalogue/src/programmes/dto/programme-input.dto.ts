import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEmail, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString,
  IsUrl, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { REQUIRED_STATUSES, SLUG_PATTERN, TAXONOMY_CODE_PATTERN } from '../../taxonomy/facets';

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
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) ru?: string | null;
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) en?: string | null;
}

export class TitleInput {
  @ApiProperty({ maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) ru: string;
  @ApiPropertyOptional({ maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class TitlePatch {
  @ApiPropertyOptional({ maxLength: 300 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(300) ru?: string;
  @ApiPropertyOptional({ maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class SummaryInput {
  @ApiProperty({ maxLength: 1000 }) @IsString() @IsNotEmpty() @MaxLength(1000) ru: string;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) en?: string | null;
}

export class SummaryPatch {
  @ApiPropertyOptional({ maxLength: 1000 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) ru?: string;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) en?: string | null;
}

export class DocumentInput {
  @ApiProperty({ maxLength: 500 }) @IsString() @IsNotEmpty() @MaxLength(500) ru: string;
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) en?: string | null;
}

export class TaxReductionInput {
  @ApiProperty({ example: 'property', maxLength: 50 }) @IsString() @Matches(TAXONOMY_CODE_PATTERN) @MaxLength(50) tax: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(100) fromPercent?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(100) toPercent?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(99) years?: number | null;
}

export class BenefitInput {
  @ApiPropertyOptional({ type: LocalisedTextInput }) @Optional() @ValidateNested() @Type(() => LocalisedTextInput) text?: LocalisedTextInput;
  @ApiPropertyOptional({ description: 'RUB', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1e15) amountMin?: number | null;
  @ApiPropertyOptional({ description: 'RUB', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1e15) amountMax?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(100) ratePercent?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1200) termMonths?: number | null;
  @ApiPropertyOptional({ type: [TaxReductionInput] })
  @Optional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => TaxReductionInput)
  taxReductions?: TaxReductionInput[];
}

export class EligibilityCriteriaInput {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(200) companyAgeMinYears?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(200) companyAgeMaxYears?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) headcountMin?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) headcountMax?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1e15) revenueMaxRub?: number | null;
  @Codes() applicantTypes?: string[];
  @Codes() industries?: string[];
  @Codes() territories?: string[];
  @ApiPropertyOptional({ enum: REQUIRED_STATUSES, isArray: true })
  @Optional() @IsArray() @ArrayMaxSize(REQUIRED_STATUSES.length) @IsIn(REQUIRED_STATUSES, { each: true })
  requiredStatuses?: (typeof REQUIRED_STATUSES)[number][];
}

export class EligibilityInput {
  @ApiPropertyOptional({ type: LocalisedTextInput }) @Optional() @ValidateNested() @Type(() => LocalisedTextInput) text?: LocalisedTextInput;
  @ApiPropertyOptional({ type: EligibilityCriteriaInput }) @Optional() @ValidateNested() @Type(() => EligibilityCriteriaInput) criteria?: EligibilityCriteriaInput;
}

export class TimingInput {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @Type(() => Date) @IsDate() opensAt?: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @Type(() => Date) @IsDate() closesAt?: Date | null;
}

export class ContactsInput {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
}

export class ApplicationInput {
  @ApiPropertyOptional({ type: LocalisedTextInput }) @Optional() @ValidateNested() @Type(() => LocalisedTextInput) howToApply?: LocalisedTextInput;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) applyUrl?: string | null;
  @ApiPropertyOptional({ type: [DocumentInput] })
  @Optional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DocumentInput)
  requiredDocuments?: DocumentInput[];
  @ApiPropertyOptional({ type: ContactsInput }) @Optional() @ValidateNested() @Type(() => ContactsInput) contacts?: ContactsInput;
}

export class CurationInput {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) sourceUrl?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) sourceName?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @Type(() => Date) @IsDate() verifiedAt?: Date | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() needsVerification?: boolean;
}

/** Fields shared by create and update; every one optional here. */
abstract class ProgrammeFields {
  @ApiPropertyOptional({ type: LocalisedTextInput }) @Optional() @ValidateNested() @Type(() => LocalisedTextInput) description?: LocalisedTextInput;
  @ApiPropertyOptional({ description: 'slug of the parent programme', nullable: true })
  @IsOptional() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN) parent?: string | null;
  @Codes() supportTypes?: string[];
  @Codes() applicantTypes?: string[];
  @Codes() stages?: string[];
  @Codes() sizes?: string[];
  @Codes() industries?: string[];
  @Codes() objectives?: string[];
  @Codes() territories?: string[];
  @ApiPropertyOptional({ type: BenefitInput }) @Optional() @ValidateNested() @Type(() => BenefitInput) benefit?: BenefitInput;
  @ApiPropertyOptional({ type: EligibilityInput }) @Optional() @ValidateNested() @Type(() => EligibilityInput) eligibility?: EligibilityInput;
  @ApiPropertyOptional({ type: TimingInput }) @Optional() @ValidateNested() @Type(() => TimingInput) timing?: TimingInput;
  @ApiPropertyOptional({ type: ApplicationInput }) @Optional() @ValidateNested() @Type(() => ApplicationInput) application?: ApplicationInput;
  @ApiPropertyOptional({ type: CurationInput }) @Optional() @ValidateNested() @Type(() => CurationInput) curation?: CurationInput;
}

/** A new programme; it starts as a draft. */
export class CreateProgrammeDto extends ProgrammeFields {
  @ApiProperty({ example: 'sme-concessional-loans', maxLength: 100 })
  @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' }) slug: string;
  @ApiProperty({ type: TitleInput }) @ValidateNested() @Type(() => TitleInput) title: TitleInput;
  @ApiProperty({ type: SummaryInput }) @ValidateNested() @Type(() => SummaryInput) summary: SummaryInput;
  @ApiProperty({ description: 'slug of the providing organisation', maxLength: 100 })
  @IsString() @MaxLength(100) @Matches(SLUG_PATTERN) provider: string;
}

/** A partial change: absent fields keep their value, null clears an optional one. */
export class UpdateProgrammeDto extends ProgrammeFields {
  @ApiPropertyOptional({ maxLength: 100 })
  @Optional() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' }) slug?: string;
  @ApiPropertyOptional({ type: TitlePatch }) @Optional() @ValidateNested() @Type(() => TitlePatch) title?: TitlePatch;
  @ApiPropertyOptional({ type: SummaryPatch }) @Optional() @ValidateNested() @Type(() => SummaryPatch) summary?: SummaryPatch;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN) provider?: string;
}
