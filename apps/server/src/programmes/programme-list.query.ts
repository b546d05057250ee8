import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@app/common';
import { PROGRAMME_STATUSES, SLUG_PATTERN, TAXONOMY_CODE_PATTERN, type ProgrammeStatus } from '@app/catalogue';

/** `a&x=b` and `x=a,b` both become ['a', 'b']. */
const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== '');

function FacetCodes(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [String], description: 'taxonomy codes; repeat or comma-separate; OR within the facet' })(target, key);
    Transform(toList)(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(30)(target, key);
    Matches(TAXONOMY_CODE_PATTERN, { each: true, message: `${String(key)} must hold taxonomy codes` })(target, key);
  };
}

export class ProgrammeListQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @FacetCodes() supportType?: string[];
  @FacetCodes() applicantType?: string[];
  @FacetCodes() stage?: string[];
  @FacetCodes() size?: string[];
  @FacetCodes() industry?: string[];
  @FacetCodes() objective?: string[];
  @FacetCodes() territory?: string[];

  @ApiPropertyOptional({ type: [String], description: 'organisation slugs' })
  @Transform(toList) @IsOptional() @IsArray() @ArrayMaxSize(30) @Matches(SLUG_PATTERN, { each: true, message: 'provider must hold organisation slugs' })
  provider?: string[];

  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES, isArray: true })
  @Transform(toList) @IsOptional() @IsArray() @IsIn(PROGRAMME_STATUSES, { each: true })
  status?: ProgrammeStatus[];

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}
