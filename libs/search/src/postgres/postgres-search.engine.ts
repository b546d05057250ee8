import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FACETS } from '@app/catalogue';
import { queryWords } from '../query/parse-query';
import { EngineSettings, IndexedEntry, RebuildSource, SearchEngine } from '../search-engine';
import type { SearchDocument } from '../search-document';
import {
  emptyFacetCounts, EngineQuery, EngineResult, FacetCount, ParsedQuery, QueryWord, SEARCH_FACETS, SearchFacet, SortOrder,
} from '../search.model';
import { wordKey } from '../text/normalise';

/** Column (in the `base` CTE) and condition of each facet; `$n` is the selected codes. */
const FACET_SQL = {
  ...Object.fromEntries(FACETS.map((f) => [f.param, { column: f.column, array: true }])),
  provider: { column: 'provider', array: false },
  status: { column: 'status', array: false },
} as Record<SearchFacet, { column: string; array: boolean }>;

const ORDER_BY: Record<SortOrder, string> = {
  relevance: 'rank DESC, updated_at DESC, id',
  deadline: 'closes_at ASC NULLS LAST, updated_at DESC, id',
  amount: 'amount_sort DESC NULLS LAST, updated_at DESC, id',
  updated: 'updated_at DESC, id',
};

/** Words shorter than this are never corrected (too many neighbours). */
const MIN_CORRECTED_LENGTH = 4;

interface ResolvedWord {
  word: string;
  prefix: boolean;
  lexemes: string[];
  corrections: string[];
}

/** A tsquery operand taken literally (no stemming): quotes doubled, backslashes escaped. */
const lexemeLiteral = (lexeme: string, prefix: boolean): string =>
  `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;

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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const tsquery = query.text ? await this.compile(query.text, query.matchAll) : null;
    if (query.text && !tsquery) return { ids: [], total: 0, facets: emptyFacetCounts() };
    const { sql, params } = this.statement(query, tsquery);
    const [row] = await this.dataSource.query(sql, params);
    const facets = emptyFacetCounts();
    for (const f of (row.facets ?? []) as { facet: SearchFacet; code: string; count: number }[]) {
      facets[f.facet].push({ code: f.code, count: f.count } satisfies FacetCount);
    }
    return { ids: (row.ids ?? []) as string[], total: row.total as number, facets };
  }

  /** The tsquery for a parsed query, or null when no word can match anything. */
  async compile(text: ParsedQuery, matchAll: boolean): Promise<string | null> {
    const resolved = new Map((await this.resolve(queryWords(text))).map((r) => [`${r.word}|${r.prefix}`, r]));
    const wordQuery = (w: QueryWord): string | null => {
      const r = resolved.get(`${w.text}|${w.prefix}`);
      if (!r || r.lexemes.length === 0) return null; // a stop word
      const exact = new Set([...r.lexemes, w.text, wordKey(w.text)]);
      const operands = [...[...exact].map((l) => lexemeLiteral(l, w.prefix)), ...r.corrections.map((c) => lexemeLiteral(c, false))];
      return `(${operands.join(' | ')})`;
    };
    const groups = text.groups
      .map((g) => {
        const alternatives = g.alternatives
          .map((alt) => alt.map(wordQuery).filter((q): q is string => q !== null))
          .filter((alt) => alt.length > 0)
          .map((alt) => `(${alt.join(' & ')})`);
        return alternatives.length ? `(${alternatives.join(' | ')})` : null;
      })
      .filter((g): g is string => g !== null);
    return groups.length ? groups.join(matchAll ? ' & ' : ' | ') : null;
  }

  /**
   * For each word: PostgreSQL's own lexemes, and when the vocabulary has no
   * such word, up to three close ones by trigram similarity.
   */
  private async resolve(words: QueryWord[]): Promise<ResolvedWord[]> {
    if (!words.length) return [];
    return this.dataSource.query(
      `SELECT w.word, w.prefix, t.lexemes,
              CASE WHEN length(w.word) < $3 OR cardinality(t.lexemes) = 0 OR EXISTS (
                     SELECT 1 FROM search_lexeme l
                      WHERE l.lexeme = ANY(t.lexemes)
                         OR (w.prefix AND l.lexeme LIKE replace(replace(replace(t.lexemes[1], '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))
                   THEN '{}'::text[]
                   ELSE ARRAY(SELECT l.lexeme FROM search_lexeme l
                               WHERE l.lexeme % t.lexemes[1]
                               ORDER BY l.lexeme <-> t.lexemes[1], l.lexeme LIMIT 3)
              END AS corrections
         FROM unnest($1::text[], $2::boolean[]) AS w(word, prefix)
         CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('russian', search_fold(w.word))) AS lexemes) t`,
      [words.map((w) => w.text), words.map((w) => w.prefix), MIN_CORRECTED_LENGTH],
    );
  }

  /** The one statement: matching rows once, then the page, the total and every facet's counts. */
  statement(query: EngineQuery, tsquery: string | null): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const where = [`p.publication_state = 'published'`, 'p.deleted_at IS NULL'];
    let rank = '0::real';
    if (tsquery) {
      const q = param(tsquery, '::tsquery');
      where.push(`p.search_vector @@ ${q}`);
      if (query.sort === 'relevance') rank = `ts_rank(p.search_vector, ${q}, 1)`;
    }
    const f = query.filters;
    // a known minimum with no maximum has no cap; a known maximum with no minimum starts at zero
    if (f.amountMin !== undefined) where.push(`(p.amount_max >= ${param(f.amountMin)} OR (p.amount_max IS NULL AND p.amount_min IS NOT NULL))`);
    if (f.amountMax !== undefined) where.push(`(p.amount_min <= ${param(f.amountMax)} OR (p.amount_min IS NULL AND p.amount_max IS NOT NULL))`);
    if (f.closesAfter) where.push(`(p.closes_at IS NULL OR p.closes_at >= ${param(f.closesAfter)})`);
    if (f.closesBefore) where.push(`p.closes_at <= ${param(f.closesBefore)}`);

    const conditions = new Map<SearchFacet, string>();
    for (const facet of SEARCH_FACETS) {
      const codes = f.facets[facet];
      if (!codes?.length) continue;
      const { column, array } = FACET_SQL[facet];
      conditions.set(facet, array ? `${column} && ${param(codes, '::text[]')}` : `${column} = ANY(${param(codes, '::text[]')})`);
    }
    const allBut = (except: SearchFacet | null): string => {
      const parts = [...conditions].filter(([facet]) => facet !== except).map(([, c]) => c);
      return parts.length ? parts.join(' AND ') : 'true';
    };
    const counts = (query.withFacets ? SEARCH_FACETS : []).map((facet) => {
      const { column, array } = FACET_SQL[facet];
      const value = array ? 'v' : column;
      const from = array ? `base CROSS JOIN LATERAL unnest(base.${column}) AS v` : 'base';
      return `SELECT '${facet}' AS facet, ${value} AS code, count(*)::int AS count FROM ${from} WHERE ${allBut(facet)} GROUP BY ${value}`;
    });
    const sql = `
      WITH base AS MATERIALIZED (
        SELECT p.id, p.updated_at, p.closes_at, coalesce(p.amount_max, p.amount_min) AS amount_sort, ${rank} AS rank,
               ${FACETS.map((x) => `p.${x.column}`).join(', ')}, o.slug AS provider, p.status
          FROM programme p JOIN organisation o ON o.id = p.provider_id
         WHERE ${where.join(' AND ')}
      ),
      matched AS (SELECT * FROM base WHERE ${allBut(null)}),
      page AS (SELECT * FROM matched ORDER BY ${ORDER_BY[query.sort]} LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}),
      facet_counts AS (${counts.length ? counts.join('\n        UNION ALL ') : 'SELECT NULL::text AS facet, NULL::text AS code, 0 AS count WHERE false'})
      SELECT (SELECT coalesce(json_agg(id ORDER BY ${ORDER_BY[query.sort]}), '[]') FROM page) AS ids,
             (SELECT count(*)::int FROM matched) AS total,
             (SELECT coalesce(json_agg(facet_counts), '[]') FROM facet_counts) AS facets`;
    return { sql, params };
  }

  /** The programme table is the index: nothing to send. */
  async upsert(_documents: SearchDocument[]): Promise<void> {}
  async remove(_ids: string[]): Promise<void> {}
  /** Synonyms are read at query time. */
  async applySettings(_settings: EngineSettings): Promise<void> {}

  async *listIndexed(): AsyncIterable<IndexedEntry[]> {}

  /** Rebuilds the typo vocabulary from the live catalogue (the tsvector column is kept by PostgreSQL itself). */
  async rebuild(source: RebuildSource): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM search_lexeme`);
      await tx.query(
        `INSERT INTO search_lexeme (lexeme)
         SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM programme WHERE deleted_at IS NULL
         ON CONFLICT DO NOTHING`,
      );
    });
    source.onProgress(source.total);
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    await this.dataSource.query('SELECT 1');
    return { ok: true };
  }
}
