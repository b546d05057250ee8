import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  OKVED_PATTERN,
  REQUIRED_STATUSES,
  REVENUE_BAND_CODES,
  TAXONOMY_CODE_PATTERN,
  type CompanyProfile,
  type RevenueBand,
} from '@app/catalogue';
import { PageQuery } from '@app/common';

const blankToUndefined = ({ value }: { value: unknown }): unknown => (value === '' || value === null ? undefined : value);
/** An empty form field is no answer, not zero; anything else is read as a number (and validated as one). */
const optionalNumber = ({ value }: { value: unknown }): unknown =>
  value === '' || value === null || value === undefined ? undefined : typeof value === 'string' ? Number(value) : value;

/** One code or several (repeated in a URL, or a JSON array). */
const oneOrMany = ({ value }: { value: unknown }): unknown =>
  value === '' || value === null || value === undefined ? undefined : (Array.isArray(value) ? value : [value]).filter((v) => v !== '');

/** A company's answers to the questionnaire; every one is optional. */
export class CompanyProfileFields implements CompanyProfile {
  @ApiPropertyOptional({ example: 'legal_entity', description: 'applicant_type taxonomy code' })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'applicantType must be a taxonomy code' })
  applicantType?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 200 })
  @Transform(optionalNumber)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(200)
  companyAgeYears?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000 })
  @Transform(optionalNumber)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount?: number;

  @ApiPropertyOptional({ enum: REVENUE_BAND_CODES, description: 'yearly revenue: up to 120m, 800m, 2bn roubles, or over' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(REVENUE_BAND_CODES)
  revenueBand?: RevenueBand;

  @ApiPropertyOptional({ example: 'medium', description: 'size taxonomy code (micro, small, medium, large)' })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'size must be a taxonomy code' })
  size?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1e15, description: 'how much the company plans to invest, RUB' })
  @Transform(optionalNumber)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  investmentRub?: number;

  @ApiPropertyOptional({ example: 'electronics', description: 'industry taxonomy code' })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'industry must be a taxonomy code' })
  industry?: string;

  @ApiPropertyOptional({
    example: '62.01',
    description: "the company's ОКВЭД 2 code: placed in its section (and a narrower industry where the catalogue has one)",
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(OKVED_PATTERN, { message: 'okved must be an ОКВЭД 2 code such as 62.01' })
  okved?: string;

  @ApiPropertyOptional({ example: 'moscow', description: 'territory taxonomy code' })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'territory must be a taxonomy code' })
  territory?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 10 }],
    example: ['reduce_taxes', 'build_production'],
    description: 'objective taxonomy code, or several: met when a programme serves any of them',
  })
  @Transform(oneOrMany)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(TAXONOMY_CODE_PATTERN, { each: true, message: 'goal must hold taxonomy codes' })
  goal?: string[];

  @ApiPropertyOptional({
    enum: REQUIRED_STATUSES,
    isArray: true,
    description: 'statuses the company holds; when sent, a required status not listed is "not met"',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REQUIRED_STATUSES.length)
  @IsIn(REQUIRED_STATUSES, { each: true })
  statuses?: string[];
}

export class MatchRequestDto extends CompanyProfileFields {
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
  @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(10_000) page: number = 1;
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 }) @IsOptional() @IsInt() @Min(1) @Max(100) perPage: number =
    20;
}

/** The same answers from a URL (the website's /match page). */
export class MatchQuery extends PageQuery {
  @Transform(blankToUndefined) @IsOptional() @Matches(TAXONOMY_CODE_PATTERN) applicantType?: string;
  @Transform(optionalNumber) @IsOptional() @IsInt() @Min(0) @Max(200) companyAgeYears?: number;
  @Transform(optionalNumber) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) headcount?: number;
  @Transform(blankToUndefined) @IsOptional() @IsIn(REVENUE_BAND_CODES) revenueBand?: RevenueBand;
  @Transform(blankToUndefined) @IsOptional() @Matches(TAXONOMY_CODE_PATTERN) size?: string;
  @Transform(optionalNumber) @IsOptional() @IsInt() @Min(0) @Max(1e15) investmentRub?: number;
  @Transform(blankToUndefined) @IsOptional() @Matches(TAXONOMY_CODE_PATTERN) industry?: string;
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(OKVED_PATTERN, { message: 'okved must be an ОКВЭД 2 code such as 62.01' })
  okved?: string;
  @Transform(blankToUndefined) @IsOptional() @Matches(TAXONOMY_CODE_PATTERN) territory?: string;
  @Transform(oneOrMany) @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(TAXONOMY_CODE_PATTERN, { each: true }) goal?: string[];
  /** "none" is an answer: the company holds none of the statuses (a required one is then not met). */
  @Transform(oneOrMany)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REQUIRED_STATUSES.length + 1)
  @IsIn([...REQUIRED_STATUSES, 'none'], { each: true })
  statuses?: string[];
  @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

class CriterionView {
  @ApiProperty({
    enum: ['applicantType', 'size', 'companyAge', 'headcount', 'revenue', 'investment', 'industry', 'territory', 'goal', 'status', 'check'],
    description: 'check: a condition only the company can check (never "fits" while one is listed)',
  })
  criterion: string;
  @ApiProperty({
    enum: ['met', 'not_met', 'unknown', 'not_stated'],
    description: 'not_stated: the programme sets no such condition (no obstacle); unknown: it depends on something to check',
  })
  status: string;
  @ApiProperty({ description: 'in plain words, in the requested language' }) explanation: string;
}

class MatchedProgrammeView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() provider: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closesAt: string | null;
  @ApiProperty({ enum: ['fits', 'partly', 'does_not_fit'] }) fit: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
}

class MatchGroupsView {
  @ApiProperty({ type: 'integer', description: 'every condition the programme states is met' }) fits: number;
  @ApiProperty({ type: 'integer', description: 'nothing unmet, but some conditions depend on what the company has to check' })
  partly: number;
  @ApiProperty({ type: 'integer', description: 'a stated condition is not met' }) does_not_fit: number;
}

export class MatchResponseView {
  @ApiProperty({ type: [MatchedProgrammeView], description: 'fits first, then partly, then does_not_fit; within each, best first' })
  results: MatchedProgrammeView[];
  @ApiProperty() total: number;
  @ApiProperty({ type: MatchGroupsView }) groups: MatchGroupsView;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}
