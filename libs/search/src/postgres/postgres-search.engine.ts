import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { leadingGroups, MIN_PREFIX_LENGTH, queryWords } from '../query/parse-query';
import { EngineSettings, IndexedEntry, RebuildSource, SearchEngine } from '../search-engine';
import type { SearchDocument } from '../search-document';
import { RANGE_FILTERS, type RangeParam } from '../search-filters';
import {
  emptyFacetCounts,
  EngineQuery,
  EngineResult,
  FacetCount,
  ParsedQuery,
  QueryWord,
  SEARCH_FACETS,
  SearchFacet,
  SortKey,
  SortOrder,
} from '../search.model';
import { wordKey } from '../text/normalise';

/**
 * Rows after `key` in a keyset order (see ORDER_BY): the same tuple comparison
 * the order makes, NULLS LAST included, on the exact values (so an index can serve it).
 */
function keysetAfter(sort: SortOrder, key: SortKey, param: (value: unknown, cast?: string) => string): string {
  const updated = param(key.updatedAt, '::timestamptz');
  const newer = `(updated_at < ${updated} OR (updated_at = ${updated} AND id > ${param(key.id, '::uuid')}))`;
  switch (sort) {
    case 'updated':
      return newer;
    case 'deadline': {
      const rank = param(key.statusRank, '::smallint');
      const within =
        key.closesAt === null
          ? `(closes_at IS NULL AND ${newer})`
          : `(closes_at IS NULL OR closes_at > ${param(key.closesAt, '::timestamptz')} OR (closes_at = ${param(key.closesAt, '::timestamptz')} AND ${newer}))`;
      return `(status_rank > ${rank} OR (status_rank = ${rank} AND ${within}))`;
    }
    case 'amount':
      return key.amountSort === null
        ? `(amount_sort IS NULL AND ${newer})`
        : `(amount_sort IS NULL OR amount_sort < ${param(key.amountSort, '::bigint')} OR (amount_sort = ${param(key.amountSort, '::bigint')} AND ${newer}))`;
    default:
      throw new Error(`no keyset for the ${sort} order`);
  }
}

const ORDER_BY: Record<SortOrder, string> = {
  relevance: 'rank DESC, updated_at DESC, id',
  // what takes applications first (STATUS_RANK: open, standing, upcoming, not confirmed, closed), the soonest deadline first
  deadline: 'status_rank, closes_at ASC NULLS LAST, updated_at DESC, id',
  amount: 'amount_sort DESC NULLS LAST, updated_at DESC, id',
  updated: 'updated_at DESC, id',
};

/**
 * How long a word's lexemes and corrections are reused: lexemes never change,
 * corrections only follow the vocabulary, so a short reuse saves a round trip
 * per query for the words people type most.
 */
const MAX_CACHED_PAGE = 100;
const RESOLVED_TTL_MS = 30_000;
const RESOLVED_MAX = 10_000;

/** Words shorter than this are never corrected (too many neighbours). */
const MIN_CORRECTED_LENGTH = 4;
/** How much farther (in trigram distance, 0 to 1) than the closest word a correction may be. */
const CORRECTION_MARGIN = 0;

interface ResolvedWord {
  word: string;
  prefix: boolean;
  lexemes: string[];
  /** Of the word's lexeme, the word itself and its key, those some programme has had (all of them for a prefix or a compound). */
  forms: string[];
  /** Those no programme had when the word was resolved: left out of the query until one has them. */
  missing: string[];
  corrections: string[];
}

/** A compiled query: the tsquery, and the forms left out because no programme had them (see ResolvedWord). */
interface Compiled {
  tsquery: string | null;
  missing: string[];
}

/** A tsquery operand taken literally (no stemming): quotes doubled, backslashes escaped. */
const lexemeLiteral = (lexeme: string, prefix: boolean, weight = ''): string =>
  `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix || weight ? `:${prefix ? '*' : ''}${weight}` : ''}`;

/**
 * Search straight from the programme table: a weighted tsvector ('russian'
 * configuration, ё folded) with a GIN index, typo correction against a
 * trigram-indexed vocabulary, and hits, exact total and every facet's
 * disjunctive counts from one statement.
 */
@Injectable()
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres' as const;
  readonly holdsCopy = false;
  /** Cache hits and misses since start (exposed for tests and the status page). */
  readonly stats = { hits: 0, misses: 0 };
  private readonly cacheSize: number;
  /**
   * Recent answers with the index version they were computed at (read in the same
   * snapshot). One is reused only while the version is unchanged, so it is exactly
   * what the statement would return; any change to any published programme moves it.
   */
  private readonly answers = new Map<string, { version: string; result: EngineResult }>();
  private readonly resolved = new Map<string, { at: number; word: ResolvedWord }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    super();
    this.cacheSize = config.search.cacheEntries;
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    for (let attempt = 0; ; attempt++) {
      // the third time without leaving out forms, which is never stale
      const answer = await this.searchOnce(query, attempt < 2);
      if (answer !== 'stale') return answer;
      // a programme published since has a form the query left out: resolve the words again
      for (const w of query.text ? queryWords(query.text) : []) this.resolved.delete(`${w.text}|${w.prefix}`);
    }
  }

  private async searchOnce(query: EngineQuery, prune = true): Promise<EngineResult | 'stale'> {
    let text = query.text;
    if (text && !query.matchAll && text.groups.length > 1) {
      // no programme has every word: the longest run of leading words some programme has (see EngineQuery.matchAll)
      const run = await this.longestMatchingRun(query, text, prune);
      text = run ? leadingGroups(text, run) : null;
      if (!text) return { ids: [], total: 0, facets: emptyFacetCounts() };
    }
    const compiled = text ? await this.compile(text, { prune }) : { tsquery: null, missing: [] };
    if (text && !compiled.tsquery) return { ids: [], total: 0, facets: emptyFacetCounts() };
    // as Meilisearch's attribute rule: a programme with every word in its title first
    const title = text && query.sort === 'relevance' ? (await this.compile(text, { prune, weight: 'A' })).tsquery : null;
    const { sql, params } = this.statement(query, compiled.tsquery, title, compiled.missing);
    // pages of a listing are remembered; the long pages of an export are not
    const key = this.cacheSize > 0 && query.limit <= MAX_CACHED_PAGE ? JSON.stringify([sql, params]) : null;
    const cached = key ? this.answers.get(key) : undefined;
    if (cached) {
      const [{ version }] = await this.dataSource.query('SELECT search_index_version()::text AS version');
      if (version === cached.version) {
        this.stats.hits++;
        return cached.result;
      }
    }
    this.stats.misses++;
    const [row] = await this.dataSource.query(sql, params);
    if (row.stale) return 'stale';
    const result = this.toResult(query, row);
    if (key) this.remember(key, row.version as string, result);
    return result;
  }

  private remember(key: string, version: string, result: EngineResult): void {
    this.answers.delete(key);
    this.answers.set(key, { version, result });
    // Map keeps insertion order: the first key is the least recently stored
    if (this.answers.size > this.cacheSize) this.answers.delete(this.answers.keys().next().value as string);
  }

  private toResult(
    query: EngineQuery,
    row: { ids: string[]; total: number; facets: [string, boolean, number][]; last?: SortKey | null },
  ): EngineResult {
    const facets = emptyFacetCounts();
    const selected = new Set(SEARCH_FACETS.filter((facet) => query.filters.facets[facet]?.length));
    for (const [key, own, count] of row.facets ?? []) {
      const colon = key.indexOf(':');
      const facet = key.slice(0, colon) as SearchFacet;
      // a selected facet's counts come from its own pass (without its filter), not from the matched rows
      if (!(facet in facets) || own !== selected.has(facet)) continue;
      facets[facet].push({ code: key.slice(colon + 1), count } satisfies FacetCount);
    }
    return { ids: row.ids ?? [], total: row.total, facets, last: row.last ?? null };
  }

  /**
   * The tsquery for a parsed query (every group; null when no word can match anything), each
   * lexeme limited to `weight` if given. With `prune`, forms no programme has are left out.
   */
  async compile(text: ParsedQuery, options: { prune?: boolean; weight?: string } = {}): Promise<Compiled> {
    const missing = new Set<string>();
    const groups = (await this.compileGroups(text, options.prune ?? true, options.weight ?? '', missing)).filter(
      (g): g is string => g !== null,
    );
    return { tsquery: groups.length ? groups.join(' & ') : null, missing: [...missing] };
  }

  /**
   * How many leading groups of `text` (fewer than all) some programme within the
   * filters has, the most first: the query relaxed from its last word. 0 when not even the first.
   */
  private async longestMatchingRun(query: EngineQuery, text: ParsedQuery, prune: boolean): Promise<number> {
    const groups = await this.compileGroups(text, prune, '', new Set());
    const runs: { length: number; tsquery: string }[] = [];
    for (let length = groups.length - 1; length >= 1; length--) {
      const parts = groups.slice(0, length).filter((g): g is string => g !== null);
      if (parts.length) runs.push({ length, tsquery: parts.join(' & ') });
    }
    if (!runs.length) return 0;
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const { ranges, facets } = this.filters(query, param);
    const matches = (tsquery: string) =>
      `EXISTS (SELECT 1 FROM programme_search_text s WHERE ${[`s.search_vector @@ ${param(tsquery, '::tsquery')}`, ...ranges, ...facets.values()].join(' AND ')})`;
    // longest first: CASE asks each run only until one matches, and each probe, planned for its own
    // tsquery, stops at the first programme it finds
    const [row] = await this.dataSource.query(
      `SELECT CASE ${runs.map((r) => `WHEN ${matches(r.tsquery)} THEN ${r.length}`).join(' ')} ELSE 0 END AS length`,
      params,
    );
    return (row?.length as number | undefined) ?? 0;
  }

  /**
   * Each group's tsquery, in the query's order (null for a group with no searchable word). Forms
   * left out (no programme has them) are added to `missing`; a synonym none of whose forms any
   * programme has is left out whole, a word typed keeps one form (it then matches nothing).
   */
  private async compileGroups(text: ParsedQuery, prune: boolean, weight: string, missing: Set<string>): Promise<(string | null)[]> {
    const resolved = new Map((await this.resolve(queryWords(text))).map((r) => [`${r.word}|${r.prefix}`, r]));
    /** A word's operands: its forms (prefixes from MIN_PREFIX_LENGTH letters), and for a word typed, corrections; null: matches nothing. */
    const wordQuery = (w: QueryWord, typed: boolean, corrected: boolean): { query: string; compound: boolean } | null | 'stop' => {
      const r = resolved.get(`${w.text}|${w.prefix}`);
      if (!r || r.lexemes.length === 0) return 'stop';
      const literal = (l: string) => lexemeLiteral(l, w.prefix && l.length >= MIN_PREFIX_LENGTH, weight);
      if (r.lexemes.length > 1) {
        // a compound (ИТ-компании → 'ит-компан', 'ит', 'компан'): every part, as PostgreSQL's own parser would
        return { query: `(${r.lexemes.map(literal).join(' & ')})`, compound: true };
      }
      // the lexeme, the word and its key: Snowball gives "кредит" → "кред" but "кредиты" → "кредит"
      const forms = prune ? r.forms : [...new Set([r.lexemes[0], r.word, wordKey(r.word)])];
      // a synonym's words are deliberate: one the catalogue lacks matches nothing rather than something close
      const corrections = corrected ? r.corrections.map((c) => lexemeLiteral(c, false, weight)) : [];
      if (prune) r.missing.forEach((m) => missing.add(m));
      if (!forms.length && !corrections.length && !typed) return null;
      const operands = [...(forms.length ? forms : [r.lexemes[0]]).map(literal), ...corrections];
      return { query: `(${operands.join(' | ')})`, compound: false };
    };
    return text.groups.map((g) => {
      const alternatives = g.alternatives
        .map((alt, a) => {
          // corrections only where the user typed the words and no synonym stands for them
          const parts = alt.map((w) => ({ w, q: wordQuery(w, a === 0, a === 0 && g.alternatives.length === 1) }));
          if (parts.some((p) => p.q === null)) return null;
          const found = parts.filter((p): p is { w: QueryWord; q: { query: string; compound: boolean } } => p.q !== null && p.q !== 'stop');
          if (!found.length) return null;
          // a synonym's phrase: its words in order, as far apart as in the term (PostgreSQL counts the positions of the
          // stop words it drops), as Meilisearch matches a multi-word synonym; the typed words may stand anywhere
          const phrase = found.length > 1 && found.length === parts.length && found.every((p, i) => !p.q.compound && (i === 0 || p.w.gap));
          return phrase
            ? `(${found.map((p, i) => (i ? `<${p.w.gap}> ${p.q.query}` : p.q.query)).join(' ')})`
            : `(${found.map((p) => p.q.query).join(' & ')})`;
        })
        .filter((alt): alt is string => alt !== null);
      return alternatives.length ? `(${alternatives.join(' | ')})` : null;
    });
  }

  /**
   * For each word: PostgreSQL's own lexemes, and when the vocabulary has no
   * such word, the closest ones by trigram similarity (up to three, as close as
   * the closest give or take CORRECTION_MARGIN: "технополиз" is "технополис",
   * not also "технопарк", which ranked first by being frequent).
   */
  private async resolve(words: QueryWord[]): Promise<ResolvedWord[]> {
    const now = Date.now();
    const cached = words.map((w) => this.resolved.get(`${w.text}|${w.prefix}`)).filter((c) => c && c.at > now - RESOLVED_TTL_MS);
    if (cached.length === words.length) return cached.map((c) => c!.word);
    const fresh = await this.resolveNow(words);
    if (this.resolved.size > RESOLVED_MAX) this.resolved.clear();
    for (const r of fresh) this.resolved.set(`${r.word}|${r.prefix}`, { at: now, word: r });
    return fresh;
  }

  private async resolveNow(words: QueryWord[]): Promise<ResolvedWord[]> {
    if (!words.length) return [];
    const rows: (Omit<ResolvedWord, 'missing'> & { candidates: string[] })[] = await this.dataSource.query(
      `SELECT w.word, w.prefix, t.lexemes, c.candidates,
              CASE WHEN w.prefix OR cardinality(t.lexemes) <> 1 THEN c.candidates
                   ELSE ARRAY(SELECT f FROM unnest(c.candidates) f WHERE EXISTS (SELECT 1 FROM search_lexeme l WHERE l.lexeme = f))
              END AS forms,
              CASE WHEN length(w.word) < $3 OR cardinality(t.lexemes) = 0 OR EXISTS (
                     SELECT 1 FROM search_lexeme l
                      WHERE l.lexeme = ANY(t.lexemes)
                         OR (w.prefix AND l.lexeme LIKE replace(replace(replace(t.lexemes[1], '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))
                   THEN '{}'::text[]
                   ELSE ARRAY(SELECT c.lexeme
                                FROM (SELECT d.lexeme, d.lexeme <-> t.lexemes[1] AS distance, min(d.lexeme <-> t.lexemes[1]) OVER () AS closest
                                        FROM (SELECT DISTINCT l.lexeme FROM search_lexeme l WHERE l.lexeme % t.lexemes[1]) d) c
                               WHERE c.distance <= c.closest + $4
                               ORDER BY c.distance, c.lexeme LIMIT 3)
              END AS corrections
         FROM unnest($1::text[], $2::boolean[], $5::text[]) AS w(word, prefix, key)
         CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('russian', search_fold(w.word))) AS lexemes) t
         CROSS JOIN LATERAL (SELECT ARRAY(SELECT DISTINCT f FROM unnest(t.lexemes[1:1] || ARRAY[w.word, w.key]) f) AS candidates) c`,
      [words.map((w) => w.text), words.map((w) => w.prefix), MIN_CORRECTED_LENGTH, CORRECTION_MARGIN, words.map((w) => wordKey(w.text))],
    );
    return rows.map(({ candidates, ...r }) => ({ ...r, missing: candidates.filter((f) => !r.forms.includes(f)) }));
  }

  /**
   * The filters of a query as SQL conditions on `s`, a row of `programme_search` or
   * `programme_search_text`: the ranges, and each selected facet's own condition.
   */
  private filters(
    query: EngineQuery,
    param: (value: unknown, cast?: string) => string,
  ): { ranges: string[]; facets: Map<SearchFacet, string> } {
    const f = query.filters;
    const bounds = f as Partial<Record<RangeParam, number | Date>>;
    const ranges = RANGE_FILTERS.flatMap((range) => {
      const value = bounds[range.param];
      return value === undefined ? [] : [range.postgres(param(value))];
    });
    const selected = SEARCH_FACETS.filter((facet) => f.facets[facet]?.length);
    // ids of the selected keys, looked up once per statement
    const facets = new Map(
      selected.map((facet) => {
        const keys = param(
          (f.facets[facet] ?? []).map((code) => `${facet}:${code}`),
          '::text[]',
        );
        return [facet, `facets && ARRAY(SELECT id FROM search_facet_key WHERE key = ANY(${keys}))`];
      }),
    );
    return { ranges, facets };
  }

  /**
   * The one statement, over `programme_search` (published programmes only):
   * the rows matching the text and ranges (`base`), those also matching every
   * facet filter (`matched`), then the page, the exact total and the counts.
   * Unselected facets are counted in one pass over `matched`'s facet ids; each
   * selected facet over `base` without its own filter, so its counts are
   * disjunctive. With text, `base` is materialised once (one index scan, ranks
   * computed once); without, each part is planned alone so sorts use indexes.
   */
  statement(
    query: EngineQuery,
    tsquery: string | null,
    title: string | null = null,
    missing: string[] = [],
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const where: string[] = [];
    let rank = '0::real';
    let from = 'programme_search s';
    if (tsquery) {
      // the text table repeats the facet and sort columns, so a text query reads one table
      const q = param(tsquery, '::tsquery');
      from = 'programme_search_text s';
      where.push(`s.search_vector @@ ${q}`);
      if (query.sort === 'relevance')
        rank = title
          ? `ts_rank(s.search_vector, ${q}, 1) + (s.search_vector @@ ${param(title, '::tsquery')})::int`
          : `ts_rank(s.search_vector, ${q}, 1)`;
    }
    const { ranges, facets: conditions } = this.filters(query, param);
    where.push(...ranges);
    const selected = [...conditions.keys()];
    const allBut = (except: SearchFacet | null): string => {
      const parts = [...conditions].filter(([facet]) => facet !== except).map(([, c]) => c);
      return parts.length ? parts.join(' AND ') : 'true';
    };
    const matched = conditions.size ? 'matched' : 'base';
    // nothing narrows the list: the counts kept by trigger are the answer
    const unfiltered = !tsquery && where.length === 0 && conditions.size === 0;
    const counts = !query.withFacets
      ? ['SELECT NULL::int4 AS k, false AS own, 0 AS count WHERE false']
      : unfiltered
        ? ['SELECT key_id AS k, false AS own, sum(delta)::int AS count FROM search_facet_delta GROUP BY key_id HAVING sum(delta) > 0']
        : [
            `SELECT k, false AS own, count(*)::int AS count FROM (SELECT unnest(facets) AS k FROM ${matched}) m GROUP BY k`,
            ...selected.map(
              (facet) =>
                // intersect first (intarray's &), so only this facet's values are unnested
                `SELECT k, true, count(*)::int FROM (
                   SELECT unnest(facets & ARRAY(SELECT id FROM search_facet_key WHERE starts_with(key, '${facet}:'))) AS k
                     FROM base WHERE ${allBut(facet)}) m GROUP BY k`,
            ),
          ];
    const materialise = tsquery ? 'MATERIALIZED' : 'NOT MATERIALIZED';
    const sql = `
      WITH base AS ${materialise} (
        SELECT s.id, s.updated_at, s.closes_at, s.status_rank, s.amount_sort, ${rank} AS rank, s.facets
          FROM ${from}
         WHERE ${where.length ? where.join(' AND ') : 'true'}
      ),
      ${conditions.size ? `matched AS ${materialise} (SELECT * FROM base WHERE ${allBut(null)}),` : ''}
      page AS (SELECT * FROM ${matched} WHERE ${query.after ? keysetAfter(query.sort, query.after, param) : 'true'}
                ORDER BY ${ORDER_BY[query.sort]} LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}),
      facet_counts AS MATERIALIZED (
        SELECT key.key, c.own, c.count
          FROM (${counts.join('\n        UNION ALL ')}) c
          JOIN search_facet_key key ON key.id = c.k
      )
      SELECT (SELECT coalesce(json_agg(id ORDER BY ${ORDER_BY[query.sort]}), '[]') FROM page) AS ids,
             (SELECT (array_agg(json_build_object('statusRank', status_rank, 'updatedAt', updated_at, 'closesAt', closes_at, 'amountSort', amount_sort, 'id', id)
                                ORDER BY ${ORDER_BY[query.sort]}))[count(*)] FROM page) AS last,
             ${
               // every programme has exactly one status, so the status counts add up to the total
               query.withFacets
                 ? `(SELECT coalesce(sum(count), 0)::int FROM facet_counts WHERE NOT own AND starts_with(key, 'status:'))`
                 : `(SELECT count(*)::int FROM ${matched})`
             } AS total,
             (SELECT coalesce(json_agg(json_build_array(key, own, count)), '[]') FROM facet_counts) AS facets,
             ${
               // a form left out because no programme had it, which one has now (published since): the caller asks again
               missing.length ? `EXISTS (SELECT 1 FROM search_lexeme WHERE lexeme = ANY(${param(missing, '::text[]')}))` : 'false'
             } AS stale,
             search_index_version()::text AS version`;
    return { sql, params };
  }

  /** The programme table is the index: nothing to send. */
  async upsert(_documents: SearchDocument[]): Promise<void> {}
  async remove(_ids: string[]): Promise<void> {}
  /** Synonyms are read at query time. */
  async applySettings(_settings: EngineSettings): Promise<void> {}

  async *listIndexed(): AsyncIterable<IndexedEntry[]> {}

  /** Rebuilds the typo vocabulary from the published catalogue (programme_search itself is kept by a trigger). */
  async rebuild(source: RebuildSource): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM search_lexeme`);
      await tx.query(
        `INSERT INTO search_lexeme (lexeme)
         SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM programme_search_text
         ON CONFLICT DO NOTHING`,
      );
    });
    source.onProgress(source.total);
  }

  /** After a bulk load: fold the facet counts and refresh the planner's statistics of the index tables. */
  async afterBulkLoad(): Promise<void> {
    await this.compactCounters();
    await this.dataSource.query('ANALYZE programme_search, programme_search_text, search_lexeme, search_facet_delta');
  }

  /**
   * Folds the append-only counters writers leave so none of them shares a row: the index
   * version's per-transaction rows into its base, the +1 / -1 facet rows into one row per value,
   * and duplicate typo-vocabulary words (each atomic: concurrent changes keep their rows).
   * Returns how many facet rows were folded.
   */
  async compactCounters(): Promise<number> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM search_version_change RETURNING 1)
       UPDATE search_version SET version = version + (SELECT count(*) FROM gone)`,
    );
    // a word two writers added at once is kept once
    await this.dataSource.query(`DELETE FROM search_lexeme a USING search_lexeme b WHERE a.lexeme = b.lexeme AND a.ctid > b.ctid`);
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM search_facet_delta RETURNING key_id, delta),
            folded AS (INSERT INTO search_facet_delta (key_id, delta)
                       SELECT key_id, sum(delta)::int4 FROM gone GROUP BY key_id HAVING sum(delta) <> 0 RETURNING 1)
       SELECT 1 FROM gone`,
    );
    return rows.length;
  }

  readonly target = 'postgres';

  async documentCount(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM programme_search`);
    return n as number;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    await this.dataSource.query('SELECT 1');
    return { ok: true };
  }
}
