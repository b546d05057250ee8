export { JUDGED_QUERIES } from './eval/judged-queries';
export { evaluateSearch, formatEvalReport, type EvalReport } from './eval/search-eval';
export { verifyMeilisearchKey } from './meilisearch/meilisearch-key-check';
export { PostgresSearchEngine } from './postgres/postgres-search.engine';
export { type SearchDocument } from './search-document';
export { SearchEngine, SearchEngineUnavailableError, type EngineSettings, type IndexedEntry, type RebuildSource } from './search-engine';
export { RANGE_FILTERS, pickRanges, rangeParams, withoutRanges, type RangeParam, type RangeType, type RangeValues } from './search-filters';
export { SearchStatusService, type SearchStatus } from './search-status.service';
export { SearchVocabulary, labelIn, type FacetTerm } from './search-vocabulary';
export {
  SEARCH_FACETS,
  SORT_ORDERS,
  type EngineQuery,
  type EngineResult,
  SEARCH_FACET_LABELS,
  type SearchFacet,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
  type SortOrder,
} from './search.model';
export { SearchModule } from './search.module';
export { SearchService, isSearchCursor } from './search.service';
export { SearchMaintenanceService } from './sync/search-maintenance.service';
export { SearchOutbox } from './sync/search-outbox';
export { SearchSyncRelay } from './sync/search-sync.relay';
export { SynonymInputDto, SynonymView } from './synonyms/synonym.dto';
export { SynonymsService } from './synonyms/synonyms.service';
export { escapeHtml } from './text/highlight';
export { WORD_STEMS_DIR, WORD_STEMS_FILE, WORD_STEMS_SOURCES, type WordStemsSource } from './text/word-stems';
