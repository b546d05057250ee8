import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FactsAgeView, GlanceConditionsView, PROGRAMME_STATUSES } from '@app/catalogue';
import { SEARCH_FACETS, SORT_ORDERS } from '@app/search';

class HitProviderView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

class HighlightsView {
  @ApiProperty({ description: 'HTML: escaped text with matches in <mark>' }) title: string;
  @ApiProperty({ description: 'HTML: escaped text with matches in <mark>' }) summary: string;
}

export class SearchHitView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['ru', 'en'], description: 'language of title and summary (Russian when no translation)' }) lang: string;
  @ApiProperty({ type: HitProviderView }) provider: HitProviderView;
  @ApiProperty({ type: [String] }) supportTypes: string[];
  @ApiProperty({ type: [String], description: 'company sizes it is for (empty: any)' }) sizes: string[];
  @ApiProperty({ type: [String], description: 'who may apply (empty: not stated)' }) applicantTypes: string[];
  @ApiProperty({ type: GlanceConditionsView, description: 'the conditions that most often rule a company in or out' })
  conditions: GlanceConditionsView;
  @ApiProperty({ enum: [...PROGRAMME_STATUSES, 'ongoing'], description: 'ongoing is listed for v1 clients; no programme has it any more' })
  status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountMin: number | null;
  @ApiProperty({ type: Number, nullable: true }) amountMax: number | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "the newest date the entry's sources show; null: no dated source",
  })
  newestSourceOn: string | null;
  @ApiProperty({ type: FactsAgeView, description: 'how old its key facts are, each judged from its own source' }) facts: FactsAgeView;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: HighlightsView }) highlights: HighlightsView;
}

export class FacetValueView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'matches if this value were selected too (own facet selection ignored)' }) count: number;
  @ApiProperty() selected: boolean;
}

class FacetsView {}
for (const facet of SEARCH_FACETS) ApiProperty({ type: [FacetValueView] })(FacetsView.prototype, facet);

export class SearchResponseView {
  @ApiProperty({ type: [SearchHitView] }) hits: SearchHitView[];
  @ApiProperty({ description: 'exact number of matches' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
  @ApiProperty({ enum: SORT_ORDERS }) sort: string;
  @ApiProperty({ type: FacetsView }) facets: FacetsView;
  @ApiProperty({ enum: ['postgres', 'meilisearch'] }) engine: string;
  @ApiProperty({ description: 'true when the primary engine failed and PostgreSQL answered' }) degraded: boolean;
  @ApiProperty({
    description:
      'false when no programme has every word of q: the hits then have the longest run of its leading words that any programme has (words are dropped from the last one)',
  })
  matchedAllWords: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'pass as after= for the hits after these (sort deadline, amount, updated); null after the last hit, and for relevance',
  })
  nextCursor: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'q with words the catalogue does not know replaced by the closest ones it does ("did you mean"); null when nothing was corrected',
  })
  didYouMean: string | null;
  @ApiProperty({ description: 'milliseconds this answer took on the server' }) tookMs: number;
  @ApiProperty({ description: 'of tookMs, milliseconds spent in the search engine (also sent as the Server-Timing header)' })
  engineMs: number;
}

class SuggestedProgrammeView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'HTML' }) highlight: string;
}

class SuggestedTermView {
  @ApiProperty({ enum: SEARCH_FACETS }) facet: string;
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'HTML' }) highlight: string;
  @ApiProperty({ type: 'integer', description: 'published programmes with this value (values with none are not suggested)' }) count: number;
}

export class SuggestionsView {
  @ApiProperty({ type: [SuggestedProgrammeView] }) programmes: SuggestedProgrammeView[];
  @ApiPropertyOptional({ type: [SuggestedTermView] }) terms: SuggestedTermView[];
}
