import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LocalisedTextView } from '../../programmes/dto/programme-view.dto';
import { FACET_NAMES, TAXONOMY_CODE_PATTERN, type Facet } from '../facets';

export class TermLabelInput {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) ru: string;
  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true }) @IsOptional() @IsString() @MaxLength(200) en?: string | null;
}

export class CreateTermDto {
  @ApiProperty({ example: 'grant_subsidy', maxLength: 63 })
  @IsString()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'code must be lowercase letters, digits and underscores' })
  code: string;
  @ApiProperty({ type: TermLabelInput })
  @IsDefined({ message: 'label is required' })
  @ValidateNested()
  @Type(() => TermLabelInput)
  label: TermLabelInput;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(TAXONOMY_CODE_PATTERN) parentCode?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'region' }) @IsOptional() @IsString() @MaxLength(30) kind?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
}

export class UpdateTermDto {
  @ApiPropertyOptional({ type: TermLabelInput })
  @ValidateIf((_o, v) => v !== undefined)
  @ValidateNested()
  @Type(() => TermLabelInput)
  label?: TermLabelInput;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(TAXONOMY_CODE_PATTERN) parentCode?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(30) kind?: string | null;
  @ApiPropertyOptional() @ValidateIf((_o, v) => v !== undefined) @IsInt() @Min(0) @Max(10000) position?: number;
}

export class FacetParams {
  @ApiProperty({ enum: FACET_NAMES }) @IsIn(FACET_NAMES) facet: Facet;
}

export class TermParams extends FacetParams {
  @ApiProperty() @IsString() @Matches(TAXONOMY_CODE_PATTERN) code: string;
}

export class TermView {
  @ApiProperty({ enum: FACET_NAMES }) facet: Facet;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalisedTextView }) label: { ru: string; en: string | null };
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty({ nullable: true, type: String }) kind: string | null;
  @ApiProperty() position: number;
  @ApiProperty() version: number;
}

export class FacetView {
  @ApiProperty({ enum: FACET_NAMES }) facet: Facet;
  @ApiProperty({ description: 'query parameter that filters by this facet' }) param: string;
  @ApiProperty({ type: [TermView] }) terms: TermView[];
}

export class TaxonomyView {
  @ApiProperty({ type: [FacetView] }) facets: FacetView[];
}
