import { factExpiresAt, factsAge, isPastFact } from './key-facts';

const NOW = new Date('2026-12-07T09:00:00Z');
const fact = (source: string, period: { validUntil?: string; termsYear?: number } = {}) => ({
  source,
  validUntil: period.validUntil ?? null,
  termsYear: period.termsYear ?? null,
});
const source = (key: string, publishedOn: string | null, checkedOn: string | null = null) => ({ key, publishedOn, checkedOn });

describe('key facts: periods and age', () => {
  it('marks terms whose period ended as past terms, counted in Moscow days', () => {
    expect(isPastFact(fact('s', { validUntil: '2023-12-31' }), NOW)).toBe(true);
    expect(isPastFact(fact('s', { termsYear: 2025 }), NOW)).toBe(true);
    expect(isPastFact(fact('s', { termsYear: 2026 }), NOW)).toBe(false);
    expect(isPastFact(fact('s'), NOW)).toBe(false);
    // 21:30 UTC on 31 December is already 1 January in Moscow
    expect(isPastFact(fact('s', { validUntil: '2026-12-31' }), new Date('2026-12-31T21:30:00Z'))).toBe(true);
    expect(isPastFact(fact('s', { validUntil: '2026-12-31' }), new Date('2026-12-31T20:30:00Z'))).toBe(false);
    expect(factExpiresAt(fact('s', { validUntil: '2026-12-31' }))?.toISOString()).toBe('2026-12-31T21:00:00.000Z');
    expect(factExpiresAt(fact('s'))).toBeNull();
  });

  it('judges each fact by its own source, so one fresh source never hides older facts', () => {
    const facts = [fact('old'), fact('old'), fact('undated'), fact('fresh'), fact('checked'), fact('x', { termsYear: 2023 })];
    const sources = [
      source('old', '2023-05-01'),
      source('undated', null),
      source('fresh', '2026-11-01'),
      source('checked', null, '2026-10-01'),
    ];
    expect(factsAge(facts, sources, NOW, 365)).toEqual({ current: 5, old: 3, past: 1 });
    // adding a 2026 source changes nothing for the facts that cite 2023 and undated pages
    expect(factsAge(facts, [...sources, source('new', '2026-12-01')], NOW, 365)).toEqual({ current: 5, old: 3, past: 1 });
    // a check against the page vouches for it like a new date
    expect(factsAge(facts, [source('old', '2023-05-01', '2026-12-01'), ...sources.slice(1)], NOW, 365).old).toBe(1);
  });
});
