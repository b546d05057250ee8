import { Logger } from '@nestjs/common';
import {
  Meilisearch,
  MeilisearchApiError,
  type Index,
  type MultiSearchQuery,
  type SearchResponse,
  type Settings,
  type Task,
} from 'meilisearch';
import { EngineSettings, IndexedEntry, RebuildSource, SearchEngine, SearchEngineUnavailableError } from '../search-engine';
import { facetKey, type SearchDocument } from '../search-document';
import { emptyFacetCounts, EngineQuery, EngineResult, ParsedQuery, QueryGroup, SEARCH_FACETS, SearchFacet } from '../search.model';
import { fold, keyText, wordKey } from '../text/normalise';
import { MIN_PREFIX_LENGTH } from '../query/parse-query';
import { buildFilter, buildSort, FILTERABLE_FIELDS, keysetFilter, SORTABLE_FIELDS } from './meilisearch-filter';

export interface MeilisearchOptions {
  url: string;
  apiKey?: string;
  index: string;
  timeoutMs: number;
}

/** The one field facet counts are asked of (see SearchDocument.facetKeys). */
const FACET_KEYS = 'facetKeys';
/** Facet values counted at most, over all facets together (taxonomy terms, providers, statuses). */
const MAX_FACET_VALUES = 10_000;
/** Large enough that `totalHits` is always exact for this catalogue. */
const MAX_TOTAL_HITS = 1_000_000;
const TASK_TIMEOUT_MS = 120_000;
const PAGE = 1000;
/** Document batches a rebuild leaves queued in Meilisearch before it waits for the oldest. */
const REBUILD_IN_FLIGHT = 8;
/** Stem lengths from which Meilisearch allows one and two typos. */
const MEILI_TYPO_ONE_FROM = 6;
const MEILI_TYPO_TWO_FROM = 10;
/** Whole words (not keys) from this length are sent as typed when their keys find nothing. */
const TYPED_TYPO_FROM = MEILI_TYPO_ONE_FROM + 1;

/** Settings for our documents; applied with every settings change and when an index is built. */
export function indexSettings(settings: EngineSettings): Settings {
  return {
    searchableAttributes: ['titleKeys', 'summaryKeys', 'bodyKeys'],
    filterableAttributes: [...FILTERABLE_FIELDS],
    sortableAttributes: [...SORTABLE_FIELDS],
    // an explicit sort comes first; relevance orders within it
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    // no stop words: documents and queries come without them already (indexText, parseQuery), and the keys of
    // stop words are also keys of other words ("за" is the key of "заём")
    stopWords: [],
    synonyms: synonymMap(settings.synonyms),
    // thresholds apply to word keys, which are stems: a typo is allowed from six letters, so two short stems one letter
    // apart stay different words ("станк" is not "ставк"), and two from ten
    // the words of synonym terms are words people use, spelled right: no typo is sought for them ("гарантия" is not
    // "грант" a letter away), as PostgreSQL corrects only words the catalogue lacks
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: MEILI_TYPO_ONE_FROM, twoTypos: MEILI_TYPO_TWO_FROM },
      disableOnWords: [
        ...new Set(settings.synonyms.flatMap((group) => group.flatMap((term) => keyText(term).split(' ')).filter(Boolean))),
      ].sort(),
    },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_FACET_VALUES },
  };
}

/** Every term of a group maps to all the others, as keys (the form the documents hold). */
export function synonymMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    const keys = [...new Set(group.map(keyText).filter(Boolean))];
    for (const key of keys) map[key] = keys.filter((k) => k !== key);
  }
  return map;
}

/**
 * Meilisearch, fed word keys (it has no Russian stemming; we stem documents and
 * queries the same way). Filters come only from whitelisted fields with quoted,
 * escaped values; facet counts are disjunctive through one multi-search; every
 * write waits for its task and fails unless the task succeeded.
 */
export class MeilisearchSearchEngine extends SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly holdsCopy = true;
  private readonly logger = new Logger(MeilisearchSearchEngine.name);
  private readonly client: Meilisearch;

  constructor(private readonly options: MeilisearchOptions) {
    super();
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      timeout: options.timeoutMs,
      // uncompressed answers: Meilisearch sends a compressed one in parts, and Node's fetch then waits for TCP's delayed
      // acknowledgement, some 40 ms on every search (measured: 48 ms a query against 5 ms of engine work); between two
      // servers in one network, compressing a few kilobytes saves nothing
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
  }

  private get index(): Index<SearchDocument> {
    return this.client.index<SearchDocument>(this.options.index);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const text = query.text;
    if (!text) return this.searchFor('', query);
    if (!query.matchAll && text.groups.length > 1) {
      // no programme has every word: the longest run of leading words some programme has (see EngineQuery.matchAll)
      const q = await this.longestMatchingRun(query, text);
      return q === null ? { ids: [], total: 0, facets: emptyFacetCounts() } : this.searchFor(q, query);
    }
    const keys = queryString(text.groups, wordKey, true);
    const found = await this.searchFor(keys, query);
    if (found.total > 0) return found;
    // a stem leaves a typo too few letters to spare ("кридиты" stems to "кридит", two edits from the documents'
    // "кред"): then long words as typed, which Meilisearch corrects against the whole words the documents also
    // hold. Shorter ones stay keys, so a whole word gets a typo from one letter more than a key does (six-letter
    // "станки" is not "ставки", as the key "станк" is not "ставк")
    const typed = queryString(text.groups, typedForm, true);
    return typed === keys ? found : this.searchFor(typed, query);
  }

  /**
   * The query text (keys, else typed forms, as `search` tries them) of the longest run of leading groups,
   * fewer than all, that some programme within the filters has; null when not even the first group matches.
   * One multi-search asks every run at once, for one hit each.
   */
  private async longestMatchingRun(query: EngineQuery, text: ParsedQuery): Promise<string | null> {
    const runs: string[] = [];
    for (let length = text.groups.length - 1; length >= 1; length--) {
      // a trailing space: the run's last word is a whole word, not a prefix (only the word being typed is)
      const groups = text.groups.slice(0, length);
      const keys = queryString(groups, wordKey, false);
      const typed = queryString(groups, typedForm, false);
      runs.push(keys, ...(typed === keys ? [] : [typed]));
    }
    const filter = buildFilter(query.filters);
    const { results } = await this.call(() =>
      this.client.multiSearch<{ queries: MultiSearchQuery[] }, SearchDocument>({
        queries: runs.map((q) => ({
          indexUid: this.options.index,
          q,
          matchingStrategy: 'all',
          filter,
          limit: 1,
          attributesToRetrieve: ['id'],
        })),
      }),
    );
    const found = (results as SearchResponse<SearchDocument>[]).findIndex((r) => r.hits.length > 0);
    return found === -1 ? null : runs[found];
  }

  private async searchFor(q: string, query: EngineQuery): Promise<EngineResult> {
    const hasText = q.length > 0;
    const selected = query.withFacets ? SEARCH_FACETS.filter((f) => query.filters.facets[f]?.length) : [];
    // every word (the relaxed query has fewer words, not a looser strategy: see EngineQuery.matchAll)
    const common = { indexUid: this.options.index, q, matchingStrategy: 'all' } as const;
    const countFacets = query.withFacets ? SEARCH_FACETS.filter((f) => !selected.includes(f)) : [];
    // after a hit (keyset): the page comes from the filtered query, total and counts from one without the key
    const main: MultiSearchQuery = {
      ...common,
      filter: query.after ? [...buildFilter(query.filters), keysetFilter(query.sort, query.after)] : buildFilter(query.filters),
      sort: buildSort(query.sort, hasText),
      facets: query.after || !countFacets.length ? [] : [FACET_KEYS],
      attributesToRetrieve: ['id', 'statusRank', 'updatedAt', 'closesAt', 'amountSort'],
      // page / hitsPerPage make Meilisearch count hits exhaustively
      page: query.limit ? Math.floor(query.offset / query.limit) + 1 : 1,
      hitsPerPage: query.limit,
    };
    // one query per selected facet, without that facet's own filter: its disjunctive counts
    const perFacet: MultiSearchQuery[] = selected.map((facet) => ({
      ...common,
      filter: buildFilter(query.filters, facet),
      facets: [FACET_KEYS],
      attributesToRetrieve: ['id'],
      // only the counts matter; one hit keeps the request in exhaustive (page) mode on every server version
      page: 1,
      hitsPerPage: 1,
    }));
    const counting: MultiSearchQuery[] = query.after
      ? [
          {
            ...common,
            filter: buildFilter(query.filters),
            facets: countFacets.length ? [FACET_KEYS] : [],
            attributesToRetrieve: ['id'],
            page: 1,
            hitsPerPage: 0,
          },
        ]
      : [];
    const { results } = await this.call(() =>
      this.client.multiSearch<{ queries: MultiSearchQuery[] }, SearchDocument>({ queries: [main, ...counting, ...perFacet] }),
    );
    const [page, ...others] = results as SearchResponse<SearchDocument>[];
    const first = query.after ? others[0] : page;
    const rest = query.after ? others.slice(1) : others;
    const facets = emptyFacetCounts();
    const take = (facet: SearchFacet, response: SearchResponse<SearchDocument>): void => {
      const prefix = facetKey(facet, '');
      facets[facet] = Object.entries(response.facetDistribution?.[FACET_KEYS] ?? {})
        .filter(([key, n]) => n > 0 && key.startsWith(prefix))
        .map(([key, count]) => ({ code: key.slice(prefix.length), count }));
    };
    if (query.withFacets) SEARCH_FACETS.filter((f) => !selected.includes(f)).forEach((f) => take(f, first));
    selected.forEach((f, i) => take(f, rest[i]));
    const last = page.hits[page.hits.length - 1];
    return {
      ids: page.hits.map((h) => h.id),
      total: first.totalHits ?? 0,
      facets,
      last: last
        ? {
            id: last.id,
            statusRank: last.statusRank,
            updatedAt: new Date(last.updatedAt).toISOString(),
            closesAt: last.closesAt !== undefined ? new Date(last.closesAt).toISOString() : null,
            amountSort: last.amountSort ?? null,
          }
        : null,
    };
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length) await this.waitFor(() => this.index.addDocuments(documents, { primaryKey: 'id' }), 'add documents');
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.waitFor(() => this.index.deleteDocuments(ids), 'delete documents');
  }

  async applySettings(settings: EngineSettings): Promise<void> {
    await this.ensureIndex(this.options.index);
    await this.waitFor(() => this.index.updateSettings(indexSettings(settings)), 'update settings');
  }

  async *listIndexed(): AsyncIterable<IndexedEntry[]> {
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.call(() => this.index.getDocuments({ fields: ['id', 'contentHash'], limit: PAGE, offset })).catch(
        (error: unknown) => {
          // no index yet (a new server): it holds nothing, so every published programme is missing
          if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return { results: [] as SearchDocument[] };
          throw error;
        },
      );
      yield page.results.map((d) => ({ id: d.id, contentHash: d.contentHash }));
      if (page.results.length < PAGE) return;
    }
  }

  /** A new index with settings and every document, swapped with the live one in one task; the old one is dropped. */
  async rebuild(source: RebuildSource, settings: EngineSettings): Promise<void> {
    const live = this.options.index;
    const fresh = `${live}_rebuild_${Date.now()}`;
    await this.waitFor(() => this.client.createIndex(fresh, { primaryKey: 'id' }), `create index ${fresh}`);
    try {
      await this.waitFor(() => this.client.index(fresh).updateSettings(indexSettings(settings)), 'update settings');
      // pipelined: the next batch is read while Meilisearch indexes the last ones, and tasks queued together are
      // indexed as one batch; at most REBUILD_IN_FLIGHT wait at once, so a slow server holds the reader back
      const queued: { uid: number; documents: number }[] = [];
      let done = 0;
      const settleOldest = async () => {
        const { uid, documents } = queued.shift()!;
        const task = await this.call(() => this.client.tasks.waitForTask(uid, { timeout: TASK_TIMEOUT_MS }));
        if (task.status !== 'succeeded') throw taskFailed('add documents', task);
        source.onProgress((done += documents));
      };
      for await (const batch of source.batches()) {
        if (!batch.length) continue;
        const { taskUid } = await this.call(() => this.client.index<SearchDocument>(fresh).addDocuments(batch, { primaryKey: 'id' }));
        queued.push({ uid: taskUid, documents: batch.length });
        if (queued.length > REBUILD_IN_FLIGHT) await settleOldest();
      }
      while (queued.length) await settleOldest();
      await this.ensureIndex(live);
      await this.swap(live, fresh);
    } finally {
      // after the swap `fresh` holds the old documents; before it, a half-built index
      await this.waitFor(() => this.client.deleteIndex(fresh), `delete index ${fresh}`).catch((error: unknown) =>
        this.logger.warn({ err: error, index: fresh }, 'Could not delete the spare index'),
      );
    }
  }

  get target(): string {
    return `meilisearch ${this.options.url.replace(/\/+$/, '')} ${this.options.index}`;
  }

  async documentCount(): Promise<number> {
    return (await this.call(() => this.index.getStats())).numberOfDocuments;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      const h = await this.client.health();
      return { ok: h.status === 'available', detail: h.status };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /**
   * Swaps `fresh` in as `live` and waits until it is. A key scoped to indexes (the worker's write key) cannot
   * read a swap's task, which names no index ("task_not_found"): then the swap is seen done when the live name
   * answers with the fresh index, whose creation time moves with it.
   */
  private async swap(live: string, fresh: string): Promise<void> {
    const { createdAt } = await this.call(() => this.client.index(fresh).getRawInfo());
    try {
      await this.waitFor(() => this.client.swapIndexes([{ indexes: [live, fresh] } as never]), 'swap indexes');
    } catch (error) {
      if (!(error instanceof MeilisearchApiError && error.cause?.code === 'task_not_found')) throw error;
      const deadline = Date.now() + TASK_TIMEOUT_MS;
      while ((await this.call(() => this.client.index(live).getRawInfo())).createdAt !== createdAt) {
        if (Date.now() > deadline) throw new Error(`Meilisearch did not swap ${fresh} in as ${live} within ${TASK_TIMEOUT_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private async ensureIndex(uid: string): Promise<void> {
    const task = await this.call(() => this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }));
    if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') throw taskFailed('create index', task);
  }

  /** Enqueues, waits for the task and throws unless it succeeded. */
  private async waitFor(enqueue: () => { waitTask: (o?: { timeout?: number }) => Promise<Task> }, what: string): Promise<Task> {
    const task = await this.call(() => enqueue().waitTask({ timeout: TASK_TIMEOUT_MS }));
    if (task.status !== 'succeeded') throw taskFailed(what, task);
    return task;
  }

  /** Network errors, timeouts and server errors mean "unavailable"; a 4xx is our bug and stays as it is. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MeilisearchApiError && (error.response?.status ?? 500) < 500) throw error;
      throw new SearchEngineUnavailableError(`Meilisearch is unavailable: ${(error as Error).message}`, { cause: error });
    }
  }
}

/**
 * The text Meilisearch is asked: each group's own words (Meilisearch expands synonyms itself) in `form`.
 * Meilisearch takes the last word for a prefix unless the text ends in a space.
 */
const queryString = (groups: QueryGroup[], form: (word: string) => string, lastIsPrefix: boolean): string => {
  const text = groups.map((g) => g.alternatives[0].map((w) => form(w.text)).join(' ')).join(' ');
  const last = groups.at(-1)?.alternatives[0].at(-1);
  // as PostgreSQL does: the word being typed is a prefix, if it and the form sent are long enough (see parseQuery)
  const prefix = lastIsPrefix && last?.prefix && form(last.text).length >= MIN_PREFIX_LENGTH;
  return prefix ? text : `${text} `;
};

/** Long words as typed (folded), shorter ones as keys: see `search`. */
const typedForm = (word: string): string => (fold(word).length >= TYPED_TYPO_FROM ? fold(word) : wordKey(word));

const taskFailed = (what: string, task: Task): Error =>
  new Error(
    `Meilisearch task ${task.uid} (${what}) ended ${task.status}${task.error ? `: ${task.error.code}: ${task.error.message}` : ''}`,
  );
