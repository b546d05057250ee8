import { syntheticProgramme } from './synthetic-catalogue';

const providers = ['p1', 'p2', 'p3'];
const now = new Date('2026-11-26T12:00:00Z');

describe('syntheticProgramme', () => {
  it('is deterministic: the same seed and index give the same programme', () => {
    expect(syntheticProgramme(7, 42, providers, now)).toEqual(syntheticProgramme(7, 42, providers, now));
    expect(syntheticProgramme(7, 42, providers, now)).not.toEqual(syntheticProgramme(8, 42, providers, now));
  });

  it('spreads text and facets realistically, in Russian and English', () => {
    const sample = Array.from({ length: 2000 }, (_, i) => syntheticProgramme(1, i, providers, now));
    expect(new Set(sample.map((p) => p.titleRu)).size).toBeGreaterThan(500);
    expect(sample.every((p) => /[а-я]/i.test(p.titleRu!) && /^[\x20-\x7e]+$/.test(p.titleEn!))).toBe(true);
    const share = (f: (p: (typeof sample)[number]) => boolean) => sample.filter(f).length / sample.length;
    expect(share((p) => p.publicationState === 'draft')).toBeGreaterThan(0.02);
    expect(share((p) => p.publicationState === 'draft')).toBeLessThan(0.1);
    expect(share((p) => p.closesAt === null)).toBeGreaterThan(0.2);
    expect(share((p) => p.amountMax !== null)).toBeGreaterThan(0.3);
    expect(new Set(sample.flatMap((p) => p.supportTypes!)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(sample.map((p) => p.providerId)).size).toBe(3);
    expect(sample.every((p) => p.slug!.startsWith('synthetic-1-'))).toBe(true);
  });
});
