import { FACETS, type Lang, type ProgrammeStatus } from '@app/catalogue';
import type { RangeValues } from './search-filters';

/**
 * Filters with counts. Taxonomy facets come from FACETS; `provider` is an
 * organisation slug and `status` the programme's timing status.
 */
export const SEARCH_FACETS = [...FACETS.map((f) => f.param), 'provider', 'status'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** What each search facet is called, for a reader: on the site's filters and in an alert's e-mail. */
export const SEARCH_FACET_LABELS: Record<'ru' | 'en', Readonly<Record<SearchFacet, string>>> = {
  ru: {
    supportType: 'Вид поддержки',
    objective: 'Цель',
    applicantType: 'Кто может получить',
    size: 'Размер компании',
    stage: 'Стадия',
    industry: 'Отрасль',
    territory: 'Территория',
    provider: 'Кто предоставляет',
    status: 'Приём заявок',
  },
  en: {
    supportType: 'Type of support',
    objective: 'Goal',
    applicantType: 'Who can apply',
    size: 'Company size',
    stage: 'Stage',
    industry: 'Industry',
    territory: 'Territory',
    provider: 'Provided by',
    status: 'Applications',
  },
};

export const SORT_ORDERS = ['relevance', 'deadline', 'amount', 'updated'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
/** Orders a walk can continue from a hit's sort values (`after`); relevance has no stable key. */
export const KEYSET_ORDERS = ['deadline', 'amount', 'updated'] as const;
export type KeysetOrder = (typeof KEYSET_ORDERS)[number];

/**
 * Where a hit sits in a keyset order: its sort values and id. Instants are
 * ISO 8601 text in the precision the engine keeps (PostgreSQL: microseconds).
 */
export interface SortKey {
  /** Where the programme's status puts it in the deadline order (STATUS_RANK: open first, closed last). */
  statusRank: number;
  updatedAt: string;
  closesAt: string | null;
  amountSort: number | null;
  id: string;
}

export type FacetSelection = Partial<Record<SearchFacet, string[]>>;

/** What a search is narrowed to: facet codes, and the range bounds RANGE_FILTERS describes. */
export type SearchFilters = { facets: FacetSelection } & RangeValues;

/** One word of the query, folded; `prefix` for the word still being typed. */
export interface QueryWord {
  text: string;
  prefix: boolean;
  /**
   * In a synonym's phrase (an alternative the user did not type), how many positions after the
   * phrase's previous word this one stands (1: next to it; 2: one stop word between). The words
   * the user typed have none: they may stand anywhere.
   */
  gap?: number;
  /**
   * The word being typed, taken whole (the first try, see SearchService): not corrected for typos, since it may be
   * the beginning of a longer word, which the second try, as a prefix, looks for.
   */
  typing?: boolean;
}

/**
 * A position in the query: the words the user typed there, or, when they typed
 * a synonym, every equivalent phrase. The document must contain one alternative
 * (all of its words); the query needs every group.
 */
export interface QueryGroup {
  alternatives: QueryWord[][];
  /**
   * How many positions after the previous group's last typed word this group's first one stands (1: next to it;
   * 2: a stop word between), as typed; none for the first group. Ranking puts the words as typed, together, first.
   */
  distance?: number;
}

export interface ParsedQuery {
  raw: string;
  groups: QueryGroup[];
}

export interface EngineQuery {
  text: ParsedQuery | null;
  /**
   * true: a programme needs every group. false (the second try, when none has them all): the
   * programmes with the longest run of leading groups any programme has within the filters,
   * dropping groups from the last one (at least the first group; none when not even that matches).
   */
  matchAll: boolean;
  filters: SearchFilters;
  sort: SortOrder;
  offset: number;
  limit: number;
  /** false: hits and total only (as-you-type suggestions). */
  withFacets: boolean;
  /** Hits after this one in `sort` (a keyset order; `offset` is then 0). Total and counts ignore it. */
  after?: SortKey;
}

export interface FacetCount {
  code: string;
  count: number;
}

export interface EngineResult {
  /** Programme ids of the requested page, best first. */
  ids: string[];
  total: number;
  facets: Record<SearchFacet, FacetCount[]>;
  /** The sort key of the last id (keyset orders only; null when there are no ids). */
  last?: SortKey | null;
}

export type EngineName = 'postgres' | 'meilisearch';

export type SearchRequest = SearchFilters & {
  q?: string;
  sort?: SortOrder;
  page: number;
  perPage: number;
  lang: Lang;
  /** A cursor from an earlier answer's `nextCursor`: the hits after its last one (instead of `page`). */
  after?: string;
};

export interface HitHighlights {
  title: string;
  summary: string;
}

export interface SearchHit {
  slug: string;
  title: string;
  summary: string;
  lang: Lang;
  provider: { slug: string; name: string };
  supportTypes: string[];
  sizes: string[];
  applicantTypes: string[];
  /** What most often rules a company in or out, for cards. */
  conditions: {
    companyAgeMinYears: number | null;
    companyAgeMaxYears: number | null;
    headcountMax: number | null;
    investmentMinRub: number | null;
    requiredStatuses: string[];
  };
  status: ProgrammeStatus;
  closesAt: string | null;
  amountMin: number | null;
  amountMax: number | null;
  /** The newest date the entry's sources show (`YYYY-MM-DD`); null: no dated source. */
  newestSourceOn: string | null;
  /** How old its key facts are, each judged from its own source. */
  facts: { current: number; old: number; past: number };
  updatedAt: string;
  highlights: HitHighlights;
}

export interface FacetValue {
  code: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface SearchResponse {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  sort: SortOrder;
  facets: Record<SearchFacet, FacetValue[]>;
  engine: EngineName;
  degraded: boolean;
  /** false when no programme has every word: the hits have the longest run of leading words any programme has. */
  matchedAllWords: boolean;
  /** Pass as `after` for the hits after these (keyset orders; null after the last hit or for relevance). */
  nextCursor: string | null;
  /** `q` with the words the catalogue does not know replaced by the closest ones it does; null when nothing was corrected. */
  didYouMean: string | null;
  /** Milliseconds the whole answer took in this process. */
  tookMs: number;
  /** Of those, milliseconds spent waiting for the search engine (both queries when the text fell back to some of its words). */
  engineMs: number;
}

export const emptyFacetCounts = (): Record<SearchFacet, FacetCount[]> =>
  Object.fromEntries(SEARCH_FACETS.map((f) => [f, []])) as unknown as Record<SearchFacet, FacetCount[]>;
