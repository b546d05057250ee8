import { buildFilter, buildSort, quoteValue } from './meilisearch-filter';
import { indexSettings, synonymMap } from './meilisearch-search.engine';

describe('Meilisearch filters', () => {
  it('quotes every value, escaping backslash first and then the quote', () => {
    expect(quoteValue('plain')).toBe('"plain"');
    expect(quoteValue('a"b')).toBe('"a\\"b"');
    expect(quoteValue('a\\"b')).toBe('"a\\\\\\"b"');
    expect(quoteValue('x" OR provider = "y')).toBe('"x\\" OR provider = \\"y"');
  });

  it('ANDs facets, ORs codes and can leave one facet out for its own counts', () => {
    const filters = {
      facets: { supportType: ['tax_relief', 'premises'], provider: ['mosprom'] },
      amountMin: 5,
      closesAfter: new Date(1000),
    };
    expect(buildFilter(filters)).toEqual([
      'supportType IN ["tax_relief", "premises"]',
      'provider IN ["mosprom"]',
      'amountUpper >= 5',
      '(closesAt >= 1000 OR closesAt NOT EXISTS)',
    ]);
    expect(buildFilter(filters, 'supportType')).toEqual([
      'provider IN ["mosprom"]',
      'amountUpper >= 5',
      '(closesAt >= 1000 OR closesAt NOT EXISTS)',
    ]);
  });

  it('refuses a non-finite bound rather than writing it into a filter', () => {
    expect(() => buildFilter({ facets: {}, amountMax: Number.NaN })).toThrow();
  });

  it('sorts like the PostgreSQL engine', () => {
    expect(buildSort('relevance', true)).toBeUndefined();
    expect(buildSort('relevance', false)).toEqual(['updatedAt:desc', 'id:asc']);
    expect(buildSort('deadline', true)).toEqual(['statusRank:asc', 'closesAt:asc', 'updatedAt:desc', 'id:asc']);
  });
});

describe('Meilisearch settings', () => {
  it('maps synonym groups both ways, as word keys', () => {
    expect(synonymMap([['МСП', 'малый и средний бизнес']])).toEqual({ мсп: ['мал средн бизнес'], 'мал средн бизнес': ['мсп'] });
  });

  it('makes totals exact and lets an explicit sort lead', () => {
    const settings = indexSettings({ synonyms: [] });
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(100_000);
    expect(settings.rankingRules?.[0]).toBe('sort');
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['supportType', 'provider', 'status', 'statusRank', 'closesAt', 'amountUpper']),
    );
  });
});
