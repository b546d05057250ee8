import { isOfficialApplyUrl } from './official-sites';
import { possiblyOutdated } from './programme-status';
import { changedPaths, deriveFromFacts } from './programme.mapper';
import { readSnapshot, snapshotView } from './programme-snapshot';
import type { Programme } from './programme.entity';
import type { KeyFact } from './programme.types';

const fact = (overrides: Partial<KeyFact>): KeyFact => ({
  group: 'benefit',
  label: { ru: 'Сумма', en: null },
  value: { ru: '…', en: null },
  number: null,
  unit: null,
  asOf: null,
  source: 's1',
  ...overrides,
});

describe('programme facts and sources', () => {
  it('derives the newest source date, the last check and the amount from rouble benefit facts', () => {
    const p: Partial<Programme> = {
      amountMin: 5_000_000,
      amountMax: null,
      sources: [
        { key: 'a', title: { ru: 'A', en: null }, url: null, publisher: 'x', publishedOn: '2024-05-01', checkedOn: '2026-11-01' },
        { key: 'b', title: { ru: 'B', en: null }, url: null, publisher: 'x', publishedOn: null, checkedOn: null },
        { key: 'c', title: { ru: 'C', en: null }, url: null, publisher: 'x', publishedOn: '2025-12-22', checkedOn: '2026-02-01' },
      ],
      keyFacts: [
        fact({ number: 4_000_000, unit: 'rub' }),
        fact({ number: 2_000_000, unit: 'rub' }),
        fact({ group: 'eligibility', number: 750_000_000, unit: 'rub' }), // a threshold, not something on offer
        fact({ number: 50, unit: 'percent' }),
      ],
    };
    deriveFromFacts(p);
    expect(p).toMatchObject({ sourcesNewestOn: '2025-12-22', sourcesCheckedOn: '2026-11-01', amountMax: 4_000_000, amountMin: null });
    // the facts go: the amount they gave goes with them; an amount an editor typed stays
    const gone: Partial<Programme> = { ...p, keyFacts: [] };
    deriveFromFacts(gone, p);
    expect(gone.amountMax).toBeNull();
    const typed: Partial<Programme> = { ...p, keyFacts: [], amountMax: 7_000_000 };
    deriveFromFacts(typed, p);
    expect(typed.amountMax).toBe(7_000_000);
    const none: Partial<Programme> = { amountMin: 1, amountMax: 9, sources: [], keyFacts: [] };
    deriveFromFacts(none);
    expect(none).toMatchObject({ sourcesNewestOn: null, sourcesCheckedOn: null, amountMin: 1, amountMax: 9 });
  });

  it('calls an entry possibly out of date when its newest source is older than the configured age, or undated', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(possiblyOutdated('2026-01-18', now, 365)).toBe(false);
    expect(possiblyOutdated('2025-11-29', now, 365)).toBe(true);
    expect(possiblyOutdated('2025-11-29', now, 400)).toBe(false);
    expect(possiblyOutdated(null, now, 365)).toBe(true);
  });

  it('accepts apply links only on official portals or the provider’s own site', () => {
    expect(isOfficialApplyUrl('https://i.moscow/measure-supports-card/2e7a', null)).toBe(true);
    expect(isOfficialApplyUrl('https://imoscow.mos.ru/en/market/open-challenges', null)).toBe(true);
    expect(isOfficialApplyUrl('http://mp.prommoscow.info/taxes_en/promkomplex', null)).toBe(true);
    expect(isOfficialApplyUrl('https://сделановмоскве.рф/join', null)).toBe(true);
    expect(isOfficialApplyUrl('https://apply.example-fund.ru/form', 'https://www.example-fund.ru')).toBe(true);
    expect(isOfficialApplyUrl('https://www.m24.ru/news/some-article', null)).toBe(false);
    expect(isOfficialApplyUrl('https://mos.ru.evil.example/', null)).toBe(false);
    expect(isOfficialApplyUrl('https://notmos.ru/', null)).toBe(false);
    expect(isOfficialApplyUrl('not a url', null)).toBe(false);
  });

  it('reads a revision written before key facts and sources existed in today’s shape', () => {
    const legacy = {
      slug: 'x',
      title: { ru: 'Икс', en: null },
      summary: { ru: 'Кратко', en: null },
      provider: { slug: 'moscow-government', name: { ru: 'Правительство Москвы', en: null }, url: null },
      timing: { opensAt: null, closesAt: null, status: 'ongoing' },
      application: { howToApply: { ru: null, en: null }, applyUrl: null, requiredDocuments: [], contacts: {} },
      curation: {
        sourceUrl: 'https://investmoscow.ru/press-center/news-article/?article=295776',
        sourceName: 'investmoscow.ru',
        verifiedAt: '2026-01-02T10:00:00.000Z',
        needsVerification: true,
      },
    };
    const v = snapshotView(readSnapshot(legacy));
    expect(v.keyFacts).toEqual([]);
    expect(v.application.steps).toEqual([]);
    expect(v.curation).toEqual({
      sources: [
        {
          key: 's1',
          title: { ru: 'investmoscow.ru', en: null },
          url: 'https://investmoscow.ru/press-center/news-article/?article=295776',
          publisher: 'investmoscow.ru',
          publishedOn: null,
          checkedOn: '2026-01-02',
        },
      ],
      newestSourceOn: null,
      lastCheckedOn: '2026-01-02',
    });
    expect(legacy.curation).toHaveProperty('sourceUrl'); // the stored snapshot itself is left alone
  });

  it('compares stored JSON regardless of key order (jsonb keeps none)', () => {
    expect(changedPaths({ keyFacts: [{ a: 1, b: 2 }] }, { keyFacts: [{ b: 2, a: 1 }] })).toEqual([]);
    expect(changedPaths({ keyFacts: [{ a: 1 }] }, { keyFacts: [{ a: 2 }] })).toEqual(['keyFacts']);
  });
});
