import { Injectable, Logger } from '@nestjs/common';
import { mapProgrammeHit, pick, ProgrammeRepository, type Lang, type Programme } from '@app/catalogue';
import { Clock, offsetOf, searchEngineDuration, timed, validationFailed } from '@app/common';
import { AppConfig } from '@app/config';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { parseQuery } from './query/parse-query';
import { SearchEngine } from './search-engine';
import { pickRanges } from './search-filters';
import {
  emptyFacetCounts,
  EngineQuery,
  EngineResult,
  FacetValue,
  KEYSET_ORDERS,
  type KeysetOrder,
  ParsedQuery,
  SEARCH_FACETS,
  SearchFacet,
  SearchHit,
  SearchRequest,
  SearchResponse,
  type SortKey,
  type SortOrder,
} from './search.model';
import { labelIn, SearchVocabulary } from './search-vocabulary';
import { SynonymsService } from './synonyms/synonyms.service';
import { highlight, wordMatcher } from './text/highlight';
import { correctQuery, knownWord, stemsOf } from './text/did-you-mean';

/** How long the "did you mean" vocabulary is reused before it is read again. */
const WORDS_TTL_MS = 5 * 60_000;

/** After the primary engine fails, how long searches go straight to PostgreSQL before trying it again. */
const RETRY_PRIMARY_AFTER_MS = 10_000;

export interface Suggestions {
  programmes: { slug: string; title: string; highlight: string }[];
  /** Facet values with published programmes, and how many. */
  terms: { facet: SearchFacet; code: string; label: string; highlight: string; count: number }[];
}

/**
 * Answers searches: checks the selected codes, parses the text with the current
 * synonyms, asks the primary engine (PostgreSQL when Meilisearch is down, saying
 * so), then reads the page's programmes from PostgreSQL (so a hit is always
 * current and published) and marks matches on escaped text.
 */
@Injectable()
export class SearchService {
  private words: { at: number; version: string | null; words: Promise<Map<string, number>>; refreshing: boolean } | null = null;

  private readonly stems = new WeakMap<object, Set<string>>();

  private readonly logger = new Logger(SearchService.name);
  private primaryDownUntil = 0;

  constructor(
    private readonly primary: SearchEngine,
    private readonly postgres: PostgresSearchEngine,
    private readonly programmes: ProgrammeRepository,
    private readonly vocabulary: SearchVocabulary,
    private readonly synonyms: SynonymsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  get engineName(): SearchEngine['name'] {
    return this.primary.name;
  }

  /** True while searches are answered by the fallback. */
  get degraded(): boolean {
    return this.primary !== this.postgres && Date.now() < this.primaryDownUntil;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const after = request.after !== undefined ? readCursor(request.after, effectiveSort(request), request.page) : undefined;
    const { query, text, result, engine, degraded, matchedAllWords, engineMs } = await this.answer(
      request,
      after ? 0 : offsetOf(request),
      request.perPage,
      true,
      after,
    );
    const sort = query.sort;
    const more = isKeyset(sort) && request.perPage > 0 && result.ids.length === request.perPage && result.last;
    const [hits, terms, didYouMean] = await Promise.all([
      this.hits(result.ids, request.lang, text),
      this.vocabulary.terms(),
      this.didYouMean(request.q),
    ]);
    const facets = {} as Record<SearchFacet, FacetValue[]>;
    for (const facet of SEARCH_FACETS) {
      const counts = new Map(result.facets[facet].map((c) => [c.code, c.count]));
      const selected = new Set(request.facets[facet] ?? []);
      const known = terms[facet].map((t) => ({ code: t.code, label: labelIn(t, request.lang) }));
      const extra = [...counts.keys()].filter((c) => !known.some((k) => k.code === c)).map((code) => ({ code, label: code }));
      facets[facet] = [...known, ...extra]
        .map((t) => ({ ...t, count: counts.get(t.code) ?? 0, selected: selected.has(t.code) }))
        .filter((v) => v.count > 0 || v.selected);
    }
    return {
      hits,
      total: result.total,
      page: request.page,
      perPage: request.perPage,
      sort,
      facets,
      engine,
      degraded,
      matchedAllWords,
      nextCursor: more ? writeCursor(sort, result.last!) : null,
      didYouMean,
      tookMs: tenths(performance.now() - started),
      engineMs: tenths(engineMs),
    };
  }

  /**
   * Every programme a search matches, best first, in pages of ids (for
   * exports): the same filters, text and fallback to some of the words as
   * `search`, without facets or highlights. `total` comes with the first page.
   */
  async *matchingIds(request: Omit<SearchRequest, 'page' | 'perPage'>, pageSize = 5000): AsyncGenerator<{ ids: string[]; total: number }> {
    const { query, result } = await this.answer(request, 0, pageSize, false);
    yield { ids: result.ids, total: result.total };
    // keyset orders continue after the last id, so an edit meanwhile cannot shift an unchanged programme out of the export
    let last = result.last;
    for (let offset = pageSize; offset < result.total; offset += pageSize) {
      const window = isKeyset(query.sort) && last ? { ...query, offset: 0, after: last } : { ...query, offset };
      const { result: next } = await this.run(window);
      if (next.ids.length === 0) return;
      last = next.last;
      yield { ids: next.ids, total: result.total };
    }
  }

  /**
   * One window of a search's answer: the selected codes checked, the text
   * parsed with the current synonyms, and, when nothing has every word, the
   * answer for some of them (saying so). The query comes back for more windows.
   */
  private async answer(
    request: Omit<SearchRequest, 'page' | 'perPage'>,
    offset: number,
    limit: number,
    withFacets: boolean,
    after?: SortKey,
  ) {
    await this.assertKnownCodes(request);
    const typed = request.q?.trim() ? request.q : null;
    const parsed = typed ? parseQuery(typed, await this.synonyms.index()) : null;
    // the word being typed, when it is a word spelled in full (a form of a dictionary or synonym word), is taken whole
    // first: "гарантия" is not the beginning of "гарантированные", nor "исследования" of "исследовательское"; and as
    // the beginning of longer words when nothing has it whole, or when it is no word yet ("техноп")
    const whole = parsed && (await this.typedInFull(parsed)) ? wholeWords(parsed) : null;
    let text = whole ?? parsed;
    const query: EngineQuery = {
      text,
      matchAll: true,
      sort: effectiveSort(request),
      offset,
      limit,
      withFacets,
      after,
      filters: { facets: request.facets, ...pickRanges(request) },
    };
    const began = performance.now();
    // text with no searchable word (only punctuation or stop words) matches nothing
    let { result, engine, degraded } = typed && !text ? this.nothing() : await this.run(query);
    if (whole && result.total === 0) {
      query.text = text = parsed;
      ({ result, engine, degraded } = await this.run(query));
    }
    let matchedAllWords = true;
    if (text && result.total === 0 && text.groups.length > 1) {
      // nothing has every word: rank what has some of them, and say so
      query.matchAll = false;
      ({ result, engine, degraded } = await this.run(query));
      matchedAllWords = result.total === 0;
    }
    return { query, text, result, engine, degraded, matchedAllWords, engineMs: performance.now() - began };
  }

  /**
   * The query corrected against the catalogue's own words. Reading them costs
   * seconds at 100,000 programmes, so only the first read is waited for: after
   * WORDS_TTL_MS the words in hand keep answering while one read in the
   * background checks whether anything published changed, and reads them again
   * only then.
   */
  private async didYouMean(q: string | undefined): Promise<string | null> {
    const typed = q?.trim();
    if (!typed) return null;
    const kept = this.words;
    if (!kept) {
      // set before it resolves, so concurrent searches share one read
      const reading = this.readWords();
      const words = reading.then((w) => w.words);
      words.catch(() => undefined); // searches waiting on it see the failure; unawaited, it is not an unhandled rejection
      this.words = { at: Date.now(), version: null, words, refreshing: false };
      const read = await reading.catch((error: unknown) => this.wordsFailed(error));
      if (!read) return null;
      this.words = { at: Date.now(), version: read.version, words: Promise.resolve(read.words), refreshing: false };
      return this.correct(typed, read.words);
    }
    if (Date.now() - kept.at > WORDS_TTL_MS && !kept.refreshing) {
      kept.refreshing = true;
      void this.refreshWords(kept);
    }
    const words = await kept.words.catch(() => null);
    return words ? this.correct(typed, words) : null;
  }

  /**
   * `typed` with its misspelt words corrected against the catalogue's words. A word spelled right is left
   * alone even when the catalogue lacks that form: another form of a catalogue or synonym word, by stem,
   * or a word of the Russian or English dictionary ("грант для стартапа" is not "стартапу").
   */
  private async correct(typed: string, words: Map<string, number>): Promise<string | null> {
    const groups = await this.synonyms.groups();
    return correctQuery(
      typed,
      words,
      knownWord(
        this.stemsFor(words, () => words.keys()),
        this.stemsFor(groups, () => groups.flat()),
      ),
    );
  }

  /** Whether the query's last word is matched as a prefix and is a word spelled in full (see `answer`). */
  private async typedInFull(text: ParsedQuery): Promise<boolean> {
    const last = text.groups.at(-1)?.alternatives[0].at(-1);
    if (!last?.prefix) return false;
    const groups = await this.synonyms.groups();
    return knownWord(this.stemsFor(groups, () => groups.flat()))(last.text);
  }

  /** Stems of a word list, computed once for each list read (the catalogue's words, the synonym groups). */
  private stemsFor(list: object, texts: () => Iterable<string>): Set<string> {
    let stems = this.stems.get(list);
    if (!stems) this.stems.set(list, (stems = stemsOf(texts())));
    return stems;
  }

  private async readWords(): Promise<{ version: string; words: Map<string, number> }> {
    const version = await this.programmes.publishedVersion();
    return { version, words: await this.programmes.publishedWords() };
  }

  /** In the background: the same words again when nothing published changed, else a new read; a failure keeps the old words a while longer. */
  private async refreshWords(kept: NonNullable<SearchService['words']>): Promise<void> {
    try {
      const version = await this.programmes.publishedVersion();
      const words = version === kept.version ? kept.words : Promise.resolve(await this.programmes.publishedWords());
      this.words = { at: Date.now(), version, words, refreshing: false };
    } catch (error) {
      this.wordsFailed(error);
      this.words = { ...kept, at: Date.now(), refreshing: false };
    }
  }

  /** A suggestion is not worth failing a search for: logged, no suggestion, and the next search reads again. */
  private wordsFailed(error: unknown): null {
    this.words = null;
    this.logger.warn({ err: error }, 'Could not read the "did you mean" vocabulary');
    return null;
  }

  /** As-you-type: a few programme titles and facet values for what has been typed so far. */
  async suggest(q: string, lang: Lang, limit = 5): Promise<Suggestions> {
    const text = parseQuery(q, await this.synonyms.index());
    if (!text) return { programmes: [], terms: [] };
    const query: EngineQuery = {
      text,
      matchAll: true,
      sort: 'relevance',
      offset: 0,
      limit,
      withFacets: false,
      filters: { facets: {} },
    };
    // how many published programmes each value has: a value with none would lead to an empty page
    const everything: EngineQuery = {
      text: null,
      matchAll: true,
      sort: 'updated',
      offset: 0,
      limit: 0,
      withFacets: true,
      filters: { facets: {} },
    };
    const [{ result }, { result: all }, terms] = await Promise.all([this.run(query), this.run(everything), this.vocabulary.terms()]);
    const matches = wordMatcher(text);
    const programmes = (await this.load(result.ids)).map((p) => {
      const title = pick(p.titleRu, p.titleEn, lang).text;
      return { slug: p.slug, title, highlight: highlight(title, matches) };
    });
    const answers = this.labelMatcher(text);
    const found: Suggestions['terms'] = [];
    for (const facet of SEARCH_FACETS) {
      for (const term of terms[facet]) {
        const label = labelIn(term, lang);
        const count = all.facets[facet].find((c) => c.code === term.code)?.count ?? 0;
        if (found.length < limit && count > 0 && answers([label, term.label.ru])) {
          found.push({ facet, code: term.code, label, highlight: highlight(label, matches), count });
        }
      }
    }
    return { programmes, terms: found };
  }

  /** Whether a label answers every group of the query (some alternative with all its words in the label). */
  private labelMatcher(text: ParsedQuery): (labels: string[]) => boolean {
    const groups = text.groups.map((g) =>
      g.alternatives.map((alt) => alt.map((w) => wordMatcher({ raw: w.text, groups: [{ alternatives: [[w]] }] }))),
    );
    return (labels) =>
      labels.some((label) => {
        const labelWords = label.match(/[\p{L}\p{N}]+/gu) ?? [];
        return groups.every((alternatives) => alternatives.some((alt) => alt.every((m) => labelWords.some(m))));
      });
  }

  private nothing(): { result: EngineResult; engine: SearchEngine['name']; degraded: boolean } {
    return { result: { ids: [], total: 0, facets: emptyFacetCounts() }, engine: this.primary.name, degraded: this.degraded };
  }

  private async run(query: EngineQuery): Promise<{ result: EngineResult; engine: SearchEngine['name']; degraded: boolean }> {
    if (this.primary !== this.postgres && Date.now() >= this.primaryDownUntil) {
      try {
        return {
          result: await timed(searchEngineDuration, this.primary.name, () => this.primary.search(query)),
          engine: this.primary.name,
          degraded: false,
        };
      } catch (error) {
        this.primaryDownUntil = Date.now() + RETRY_PRIMARY_AFTER_MS;
        this.logger.warn({ err: error, engine: this.primary.name }, 'Search engine failed; answering from PostgreSQL');
      }
    }
    const degraded = this.primary !== this.postgres;
    return {
      result: await timed(searchEngineDuration, this.postgres.name, () => this.postgres.search(query)),
      engine: this.postgres.name,
      degraded,
    };
  }

  private async hits(ids: string[], lang: Lang, text: ParsedQuery | null): Promise<SearchHit[]> {
    const matches = text ? wordMatcher(text) : null;
    const context = { now: this.clock.now(), maxAgeDays: this.config.catalogue.sourceMaxAgeDays };
    return (await this.load(ids)).map((p) => {
      const hit = mapProgrammeHit(p, lang, context);
      return {
        slug: hit.slug,
        title: hit.title,
        summary: hit.summary,
        lang: hit.lang,
        provider: hit.provider,
        supportTypes: hit.supportTypes,
        sizes: hit.sizes,
        applicantTypes: hit.applicantTypes,
        conditions: hit.conditions,
        status: hit.status,
        closesAt: hit.closesAt,
        amountMin: hit.amountMin,
        amountMax: hit.amountMax,
        newestSourceOn: hit.newestSourceOn,
        facts: hit.facts,
        updatedAt: hit.updatedAt,
        highlights: { title: highlight(hit.title, matches), summary: highlight(hit.summary, matches) },
      };
    });
  }

  /** The programmes, in the engine's order; any no longer published (index lag) are left out. */
  private async load(ids: string[]): Promise<Programme[]> {
    const found = new Map((await this.programmes.findPublishedHitsByIds(ids)).map((p) => [p.id, p]));
    return ids.map((id) => found.get(id)).filter((p): p is Programme => p !== undefined);
  }

  private async assertKnownCodes(request: Pick<SearchRequest, 'facets'>): Promise<void> {
    const unknown = await this.vocabulary.unknown(request.facets);
    if (unknown.length) {
      throw validationFailed(unknown.map(([facet, codes]) => ({ field: facet, messages: codes.map((c) => `unknown ${facet} "${c}"`) })));
    }
  }
}

const tenths = (ms: number): number => Math.round(ms * 10) / 10;

/** The order a request is answered in: relevance with text, newest change first without. */
const effectiveSort = (request: { q?: string; sort?: SortOrder }): SortOrder =>
  request.sort ?? (request.q?.trim() ? 'relevance' : 'updated');

const isKeyset = (sort: SortOrder): sort is KeysetOrder => (KEYSET_ORDERS as readonly string[]).includes(sort);

const cursorProblem = (message: string) => validationFailed([{ field: 'after', messages: [message] }]);

/** An opaque cursor: the order and the last hit's sort key. */
function writeCursor(sort: KeysetOrder, key: SortKey): string {
  return Buffer.from(JSON.stringify({ s: sort, k: [key.statusRank, key.updatedAt, key.closesAt, key.amountSort, key.id] })).toString(
    'base64url',
  );
}

/** A cursor's order and sort key, or null for anything `writeCursor` did not make. */
function decodeCursor(cursor: string): { sort: KeysetOrder; key: SortKey } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
  const instant = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
  if (
    typeof s !== 'string' ||
    !isKeyset(s as SortOrder) ||
    !Array.isArray(k) ||
    k.length !== 5 ||
    !(Number.isInteger(k[0]) && (k[0] as number) >= 0 && (k[0] as number) <= 9) ||
    !instant(k[1]) ||
    !(k[2] === null || instant(k[2])) ||
    !(k[3] === null || Number.isSafeInteger(k[3])) ||
    typeof k[4] !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(k[4])
  ) {
    return null;
  }
  return {
    sort: s as KeysetOrder,
    key: {
      statusRank: k[0] as number,
      updatedAt: k[1] as string,
      closesAt: k[2] as string | null,
      amountSort: k[3] as number | null,
      id: k[4],
    },
  };
}

/** The query with the word being typed taken as a whole word. */
const wholeWords = (text: ParsedQuery): ParsedQuery => ({
  raw: text.raw,
  groups: text.groups.map((g) => ({
    alternatives: g.alternatives.map((alt) => alt.map((w) => (w.prefix ? { ...w, prefix: false, typing: true } : w))),
  })),
});

/** Whether `value` is a cursor this service made (a `nextCursor`): what every `after` parameter must be. */
export const isSearchCursor = (value: unknown): boolean => typeof value === 'string' && decodeCursor(value) !== null;

function readCursor(cursor: string, sort: SortOrder, page: number): SortKey {
  if (!isKeyset(sort))
    throw cursorProblem(`a cursor continues the ${KEYSET_ORDERS.join(', ')} orders, not ${sort}; page through relevance with page`);
  if (page !== 1) throw cursorProblem('send either after or page, not both');
  const decoded = decodeCursor(cursor);
  if (!decoded) throw cursorProblem('must be a nextCursor from an earlier answer');
  if (decoded.sort !== sort) throw cursorProblem(`this cursor continues sort=${decoded.sort}; ask with that sort`);
  return decoded.key;
}
