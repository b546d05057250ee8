import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { MAX_PER_PAGE, PageQuery } from '@app/common';
import { PROGRAMME_STATUSES, SLUG_PATTERN, TAXONOMY_CODE_PATTERN, type ProgrammeStatus } from '@app/catalogue';
import { type FacetSelection, isSearchCursor, SEARCH_FACETS, SORT_ORDERS, type SearchRequest, type SortOrder } from '@app/search';

/** `a&x=b` and `x=a,b` both become ['a', 'b']. */
const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== '');

/** A calendar date (start of day, UTC) or a full ISO 8601 instant; anything else stays a string and fails @IsDate. */
const toInstant = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  if (!iso.test(value)) return value;
  const day = value.slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  // a real calendar day (Date would roll 2026-02-30 over into March)
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) return value;
  const date = value.length === 10 ? midnight : new Date(value);
  return Number.isNaN(date.getTime()) ? value : date;
};

function FacetCodes(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      type: [String],
      description: 'taxonomy codes; repeat or comma-separate; OR within the facet, AND across facets',
    })(target, key);
    Transform(toList)(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(30)(target, key);
    Matches(TAXONOMY_CODE_PATTERN, { each: true, message: `${String(key)} must hold taxonomy codes` })(target, key);
  };
}

function Instant(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      type: String,
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$',
      description: `${description}; a date (YYYY-MM-DD) or an ISO 8601 instant`,
      example: '2026-12-31',
    })(target, key);
    Transform(toInstant)(target, key);
    IsOptional()(target, key);
    IsDate({ message: `${String(key)} must be a date (YYYY-MM-DD) or an ISO 8601 instant` })(target, key);
  };
}

function Amount(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: Number, minimum: 0, description })(target, key);
    Type(() => Number)(target, key);
    IsOptional()(target, key);
    IsInt({ message: `${String(key)} must be a whole number of roubles` })(target, key);
    Min(0)(target, key);
    Max(1e15)(target, key);
  };
}

/** Text and facet filters, shared by the public search and the admin list. */
export class ProgrammeFilterQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: 200, description: 'free text, Russian or English; word forms, typos and synonyms match' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @FacetCodes() supportType?: string[];
  @FacetCodes() applicantType?: string[];
  @FacetCodes() stage?: string[];
  @FacetCodes() size?: string[];
  @FacetCodes() industry?: string[];
  @FacetCodes() objective?: string[];
  @FacetCodes() territory?: string[];

  @ApiPropertyOptional({ type: [String], description: 'organisation slugs' })
  @Transform(toList)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(SLUG_PATTERN, { each: true, message: 'provider must hold organisation slugs' })
  provider?: string[];

  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES, isArray: true })
  @Transform(toList)
  @IsOptional()
  @IsArray()
  @IsIn(PROGRAMME_STATUSES, { each: true })
  status?: ProgrammeStatus[];

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

/** The public search: filters plus ranges and sorting. */
export class ProgrammeListQuery extends ProgrammeFilterQuery {
  @Amount('programmes whose amount reaches at least this') amountMin?: number;
  @Amount('programmes whose amount starts at or below this') amountMax?: number;
  @Instant('closing on or after (programmes without a deadline included)') closesAfter?: Date;
  @Instant('closing on or before') closesBefore?: Date;

  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    description:
      'default: relevance with q, updated without. deadline: open and upcoming programmes by their deadline, soonest first, then those without a deadline, closed ones last',
  })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  sort?: SortOrder;

  @ApiPropertyOptional({
    maxLength: 500,
    description:
      'a `nextCursor` from an earlier answer: the hits after its last one (sort deadline, amount or updated; instead of page). ' +
      'A walk with after never skips or repeats a programme because others were edited meanwhile.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ValidateBy({
    name: 'isSearchCursor',
    validator: { validate: isSearchCursor, defaultMessage: () => 'after must be a nextCursor from an earlier answer' },
  })
  after?: string;

  // a search may ask for no hits at all: the total and the facet counts alone
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_PAGE, default: 20, description: '0: no hits, only `total` and the facet counts' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PER_PAGE)
  declare perPage: number;
}

/**
 * The one place a list query becomes a search request. Facets are picked by
 * name from SEARCH_FACETS, so a new query parameter can never turn into one.
 */
export function toSearchRequest(query: ProgrammeListQuery): SearchRequest {
  const facets: FacetSelection = {};
  for (const facet of SEARCH_FACETS) {
    const codes = query[facet];
    if (codes?.length) facets[facet] = codes;
  }
  const { q, sort, page, perPage, lang, amountMin, amountMax, closesAfter, closesBefore, after } = query;
  return { q, sort, page, perPage, lang, amountMin, amountMax, closesAfter, closesBefore, after, facets };
}

export class SuggestQuery {
  @ApiProperty({ maxLength: 100, description: 'what has been typed so far' }) @IsString() @MaxLength(100) q: string;
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}
