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
import { LEGACY_STATUS_ALIASES, PROGRAMME_STATUSES, SLUG_PATTERN, TAXONOMY_CODE_PATTERN, type ProgrammeStatus } from '@app/catalogue';
import {
  isSearchCursor,
  pickRanges,
  RANGE_FILTERS,
  type RangeType,
  type RangeValues,
  SEARCH_FACETS,
  SORT_ORDERS,
  type SearchRequest,
  type SortOrder,
} from '@app/search';

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

function WholeNumber(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: Number, minimum: 0, description })(target, key);
    Type(() => Number)(target, key);
    IsOptional()(target, key);
    IsInt({ message: `${String(key)} must be a whole number` })(target, key);
    Min(0)(target, key);
    Max(1e15)(target, key);
  };
}

const RANGE_DECORATORS: Record<RangeType, (description: string) => PropertyDecorator> = { integer: WholeNumber, instant: Instant };

/** Adds one query parameter per range filter (RANGE_FILTERS), validated and documented by its type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any[]
function withRanges<T>(Base: new (...args: any[]) => T): new () => T & RangeValues {
  class Ranges extends (Base as new (...args: unknown[]) => object) {}
  for (const range of RANGE_FILTERS) RANGE_DECORATORS[range.type](range.description)(Ranges.prototype, range.param);
  return Ranges as new () => T & RangeValues;
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

  @ApiPropertyOptional({
    enum: [...PROGRAMME_STATUSES, 'ongoing'],
    isArray: true,
    description:
      'open (a round running), upcoming, standing (always open, as an official page says), not_confirmed, closed; `ongoing`, from before availability had a source, means standing',
  })
  @Transform((params) => (toList(params) as string[] | undefined)?.map((s) => LEGACY_STATUS_ALIASES[s] ?? s))
  @IsOptional()
  @IsArray()
  @IsIn(PROGRAMME_STATUSES, { each: true })
  status?: ProgrammeStatus[];

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

/** The public search: filters plus ranges and sorting. */
export class ProgrammeListQuery extends withRanges(ProgrammeFilterQuery) {
  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    description:
      'default: relevance with q, updated without. deadline: what takes applications first (open rounds by their deadline, soonest first, then open-ended ones), then standing offers, rounds to come, not confirmed, closed ones last',
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

/** The codes selected in each of `facets`, picked by name: a new query parameter can never turn into a facet. */
export function facetSelection<F extends string>(query: Partial<Record<F, string[]>>, facets: readonly F[]): Partial<Record<F, string[]>> {
  const selection: Partial<Record<F, string[]>> = {};
  for (const facet of facets) {
    const codes = query[facet];
    if (codes?.length) selection[facet] = codes;
  }
  return selection;
}

/** The one place a list query becomes a search request: facets from SEARCH_FACETS, ranges from RANGE_FILTERS. */
export function toSearchRequest(query: ProgrammeListQuery): SearchRequest {
  const { q, sort, page, perPage, lang, after } = query;
  return { q, sort, page, perPage, lang, after, facets: facetSelection(query, SEARCH_FACETS), ...pickRanges(query) };
}

export class SuggestQuery {
  @ApiProperty({ maxLength: 100, description: 'what has been typed so far' }) @IsString() @MaxLength(100) q: string;
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}
