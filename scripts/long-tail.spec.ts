import { longTail } from './long-tail';

const vocabulary = {
  words: Array.from({ length: 300 }, (_, i) => `слово${String.fromCharCode(1072 + (i % 32))}${i}`),
  facets: {
    supportType: ['grant_subsidy', 'concessional_loan', 'tax_relief'],
    territory: ['moscow', 'zelenograd'],
    industry: ['electronics', 'pharmaceuticals'],
  },
};

describe('longTail', () => {
  const mix = longTail(vocabulary, { distinct: 2000, length: 20_000, seed: 7 });

  it('builds thousands of distinct search requests from the vocabulary', () => {
    expect(mix.distinct).toBe(2000);
    const paths = new Set(mix.sequence);
    expect(paths.size).toBeGreaterThan(1000);
    for (const path of paths) expect(path).toMatch(/^\/api\/v1\/programmes\?.*perPage=20$/);
    const params = [...paths].map((p) => new URLSearchParams(p.split('?')[1]));
    expect(params.filter((p) => p.has('q') && !p.has('supportType') && !p.has('territory') && !p.has('industry')).length).toBeGreaterThan(
      300,
    );
    expect(params.filter((p) => !p.has('q')).length).toBeGreaterThan(100);
    expect(params.filter((p) => p.get('sort') === 'deadline').length).toBeGreaterThan(15);
    expect(params.filter((p) => p.get('page') === '2').length).toBeGreaterThan(100);
    expect(params.filter((p) => p.get('lang') === 'en').length).toBeGreaterThan(30);
  });

  it('repeats a few requests often and most rarely (Zipf-like)', () => {
    const counts = new Map<string, number>();
    for (const p of mix.sequence) counts.set(p, (counts.get(p) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    // with exponent 1 over 2000 requests the most common is about 1/8 of the traffic, and the top 1 % under half
    expect(sorted[0] / mix.sequence.length).toBeGreaterThan(0.08);
    expect(sorted.slice(0, 20).reduce((a, b) => a + b, 0) / mix.sequence.length).toBeLessThan(0.5);
    expect(sorted.filter((n) => n <= 3).length).toBeGreaterThan(counts.size / 2);
  });

  it('is the same for a seed and different for another', () => {
    expect(longTail(vocabulary, { distinct: 2000, length: 20_000, seed: 7 }).sequence).toEqual(mix.sequence);
    expect(longTail(vocabulary, { distinct: 2000, length: 20_000, seed: 8 }).sequence).not.toEqual(mix.sequence);
  });
});
