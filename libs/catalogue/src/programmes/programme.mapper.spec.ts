import { isHomePage, isOfficialApplyUrl, likelyKind, looksEnglish } from './official-sites';
import { NOT_CONFIRMED, possiblyOutdated } from './programme-status';
import { changedPaths, deriveProgramme } from './programme.mapper';
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
  validUntil: null,
  termsYear: null,
  source: 's1',
  ...overrides,
});
const NOW = new Date('2026-12-07T09:00:00Z');
const source = (key: string, publishedOn: string | null, checkedOn: string | null = null) => ({
  key,
  title: { ru: key, en: null },
  url: null,
  publisher: 'x',
  kind: 'media' as const,
  publishedOn,
  checkedOn,
});

describe('programme facts and sources', () => {
  it('derives the newest source date, the last check and the amount from rouble benefit facts', () => {
    const p: Partial<Programme> = {
      amountMin: 5_000_000,
      amountMax: null,
      sources: [source('a', '2024-05-01', '2026-11-01'), source('b', null), source('c', '2025-12-22', '2026-02-01')],
      keyFacts: [
        fact({ number: 4_000_000, unit: 'rub' }),
        fact({ number: 2_000_000, unit: 'rub' }),
        fact({ group: 'eligibility', number: 750_000_000, unit: 'rub' }), // a threshold, not something on offer
        fact({ number: 50, unit: 'percent' }),
      ],
    };
    deriveProgramme(p, NOW);
    expect(p).toMatchObject({ sourcesNewestOn: '2025-12-22', sourcesCheckedOn: '2026-11-01', amountMax: 4_000_000, amountMin: null });
    // the facts go: the amount they gave goes with them; an amount an editor typed stays
    const gone: Partial<Programme> = { ...p, keyFacts: [] };
    deriveProgramme(gone, NOW, p);
    expect(gone.amountMax).toBeNull();
    const typed: Partial<Programme> = { ...p, keyFacts: [], amountMax: 7_000_000 };
    deriveProgramme(typed, NOW, p);
    expect(typed.amountMax).toBe(7_000_000);
    const none: Partial<Programme> = { amountMin: 1, amountMax: 9, sources: [], keyFacts: [] };
    deriveProgramme(none, NOW);
    expect(none).toMatchObject({ sourcesNewestOn: null, sourcesCheckedOn: null, amountMin: 1, amountMax: 9 });
  });

  it('never lets past terms feed the amount, and rechecks when current terms end', () => {
    const p: Partial<Programme> = {
      amountMin: null,
      amountMax: null,
      sources: [source('s1', '2022-03-30')],
      keyFacts: [
        fact({ number: 300_000_000, unit: 'rub', validUntil: '2023-12-31' }), // the 2022 programme, extended to the end of 2023
        fact({ number: 50_000_000, unit: 'rub', termsYear: 2025 }),
        fact({ number: 10_000_000, unit: 'rub', termsYear: 2026 }), // this year's terms, until the year ends
      ],
    };
    deriveProgramme(p, NOW);
    expect(p.amountMax).toBe(10_000_000);
    // the first instant of 2027 in Moscow, when this year's terms become past terms
    expect(p.recheckAt?.toISOString()).toBe('2026-12-31T21:00:00.000Z');
    const nextYear = new Date('2027-01-01T00:00:00+03:00');
    const later: Partial<Programme> = { ...p };
    deriveProgramme(later, nextYear, p);
    expect(later).toMatchObject({ amountMax: null, recheckAt: null });
  });

  it('derives the status and the deciding round from the availability, and when it next changes', () => {
    const p: Partial<Programme> = {
      sources: [],
      keyFacts: [],
      availability: {
        ...NOT_CONFIRMED,
        kind: 'rounds',
        rounds: [{ opensAt: '2027-02-26T06:00:00.000Z', closesAt: '2027-03-23T15:00:00.000Z', source: 's1' }],
      },
    };
    deriveProgramme(p, NOW);
    expect(p).toMatchObject({
      status: 'upcoming',
      opensAt: new Date('2027-02-26T06:00:00.000Z'),
      recheckAt: new Date('2027-02-26T06:00:00.000Z'),
    });
    const empty: Partial<Programme> = { sources: [], keyFacts: [] };
    deriveProgramme(empty, NOW);
    expect(empty).toMatchObject({ status: 'not_confirmed', opensAt: null, closesAt: null, recheckAt: null });
  });

  it('calls a page possibly out of date when it is older than the configured age, or undated', () => {
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
    expect(isOfficialApplyUrl('https://frprf.ru/zaymy/proekty-razvitiya/', null)).toBe(true);
    expect(isOfficialApplyUrl('https://www.nalog.gov.ru/rn77/', null)).toBe(true);
  });

  it('tells a programme’s own page from a portal’s home page, and an English page from a Russian one', () => {
    expect(isHomePage('https://i.moscow/', null)).toBe(true);
    expect(isHomePage('https://www.mos.ru', null)).toBe(true);
    expect(isHomePage('https://frprf.ru/', 'https://frprf.ru')).toBe(true); // the provider runs many programmes
    expect(isHomePage('https://xn--80aeaffd7aflilc4aj.xn--p1ai/', null)).toBe(false); // a site of the programme's own
    expect(isHomePage('https://zakupki.mos.ru/', null)).toBe(false); // one under a portal's domain too
    expect(isHomePage('https://i.moscow/measure-supports-card/2e7a', null)).toBe(false);
    expect(looksEnglish('https://i.moscow/techpark_eng2')).toBe(true);
    expect(looksEnglish('https://en.investmoscow.ru/business/subsidies-high-tech-sector')).toBe(true);
    expect(looksEnglish('https://imoscow.mos.ru/en/financing')).toBe(true);
    expect(looksEnglish('http://mp.prommoscow.info/taxes_en/promkomplex')).toBe(true);
    expect(looksEnglish('https://technomoscow.com/oae/preferentsii-i-lgoty')).toBe(false);
    expect(likelyKind('https://i.moscow/measure-supports-card/2e7a')).toBe('official');
    expect(likelyKind('https://base.garant.ru/403198748/')).toBe('official');
    expect(likelyKind('https://nkeu.foreignaffairs.co.nz/2023/07/19/x')).toBe('other');
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
          kind: 'official',
          publishedOn: null,
          checkedOn: '2026-01-02',
        },
      ],
      newestSourceOn: null,
      lastCheckedOn: '2026-01-02',
      problems: expect.any(Array),
    });
    // no dates, no source: its status was a default; it reads as not confirmed
    expect(v.timing).toMatchObject({ status: 'not_confirmed', availability: { kind: 'not_confirmed' } });
    expect(legacy.curation).toHaveProperty('sourceUrl'); // the stored snapshot itself is left alone
  });

  it('compares stored JSON regardless of key order (jsonb keeps none)', () => {
    expect(changedPaths({ keyFacts: [{ a: 1, b: 2 }] }, { keyFacts: [{ b: 2, a: 1 }] })).toEqual([]);
    expect(changedPaths({ keyFacts: [{ a: 1 }] }, { keyFacts: [{ a: 2 }] })).toEqual(['keyFacts']);
  });
});
