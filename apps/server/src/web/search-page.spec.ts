import type { SearchResponse } from '@app/search';
import { glanceOf, searchPage } from './search-page';

const response = (providers: { code: string; label: string; count: number }[]): SearchResponse => ({
  hits: [],
  total: 0,
  page: 1,
  perPage: 20,
  sort: 'updated',
  engine: 'postgres',
  degraded: false,
  matchedAllWords: true,
  nextCursor: null,
  didYouMean: null,
  tookMs: 1,
  engineMs: 1,
  facets: {
    supportType: [],
    applicantType: [],
    stage: [],
    size: [],
    industry: [],
    objective: [],
    territory: [],
    status: [],
    provider: providers.map((p) => ({ ...p, selected: false })),
  },
});

describe('searchPage facets', () => {
  it('shows the most used values first, ties in natural order, the rest behind "show all"', () => {
    const providers = Array.from({ length: 20 }, (_, i) => ({ code: `fund-${i + 1}`, label: `Фонд №${i + 1}`, count: i < 3 ? 5 : 1 }));
    const view = searchPage({ q: '', facets: {}, page: 1, lang: 'ru' }, response(providers), new Date(), 365);
    const panel = view.panels.find((p) => p.facet === 'provider')!;
    expect(panel.long).toBe(true);
    expect(panel.values.map((v) => v.label)).toEqual([
      'Фонд №1',
      'Фонд №2',
      'Фонд №3',
      'Фонд №4',
      'Фонд №5',
      'Фонд №6',
      'Фонд №7',
      'Фонд №8',
    ]);
    expect(panel.rest.map((v) => v.label).slice(0, 3)).toEqual(['Фонд №9', 'Фонд №10', 'Фонд №11']);
    expect(panel.values.length + panel.rest.length).toBe(20);
  });

  it('shows a short facet whole', () => {
    const providers = Array.from({ length: 9 }, (_, i) => ({ code: `f${i}`, label: `Фонд ${i}`, count: 1 }));
    const panel = searchPage({ q: '', facets: {}, page: 1, lang: 'ru' }, response(providers), new Date(), 365).panels.find(
      (p) => p.facet === 'provider',
    )!;
    expect([panel.long, panel.values.length, panel.rest.length]).toEqual([false, 9, 0]);
  });
});

describe('searchPage heading', () => {
  it('names the filters that apply, for the heading announced after an update', () => {
    const res = response([{ code: 'moscow-fund', label: 'Фонд Москвы', count: 3 }]);
    res.facets.supportType = [{ code: 'grant_subsidy', label: 'Гранты и субсидии', count: 3, selected: true }];
    res.total = 3;
    const view = searchPage(
      { q: 'экспорт', facets: { supportType: ['grant_subsidy'], provider: ['moscow-fund'] }, page: 1, lang: 'ru' },
      res,
      new Date(),
      365,
    );
    expect(`${view.summary}: ${view.summaryFilters}`).toBe('Найдено 3 программы по запросу «экспорт»: Гранты и субсидии, Фонд Москвы');
    expect(searchPage({ q: '', facets: {}, page: 1, lang: 'ru' }, res, new Date(), 365).summaryFilters).toBe('');
  });
});

describe('glanceOf', () => {
  const hit = (sizes: string[], conditions: Partial<SearchResponse['hits'][number]['conditions']> = {}) =>
    ({
      sizes,
      conditions: {
        companyAgeMinYears: null,
        companyAgeMaxYears: null,
        headcountMax: null,
        investmentMinRub: null,
        requiredStatuses: [],
        ...conditions,
      },
    }) as unknown as SearchResponse['hits'][number];

  it('says "for SMEs" for small and medium sizes, nothing for every size, and at most three conditions', () => {
    expect(glanceOf(hit(['micro', 'small']), 'ru')).toEqual(['для МСП']);
    expect(glanceOf(hit(['micro', 'small', 'medium', 'large']), 'ru')).toEqual([]);
    expect(
      glanceOf(
        hit(['large'], { companyAgeMinYears: 2, headcountMax: 250, investmentMinRub: 750_000_000, requiredStatuses: ['sez_resident'] }),
        'ru',
      ),
    ).toHaveLength(3);
    expect(glanceOf(hit([], { companyAgeMinYears: 2 }), 'en')).toEqual(['companies 2+ years old']);
  });
});
