import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Meilisearch } from 'meilisearch';
import request from 'supertest';
import { exactVersion } from '@app/common';
import { loadConfig } from '@app/config';
import { CreateProgrammeDto, ProgrammesService, SYSTEM_SEED } from '@app/catalogue';
import { SearchOutbox, SearchSyncRelay } from '@app/search';
import { PUBLISHABLE, round } from '@app/testing';
import { readMeiliUrl } from './support/meili';
import { createTestApp, TestApp } from './support/test-app';

/**
 * One contract, every engine: the same requests over HTTP must give the same
 * answers whether PostgreSQL or Meilisearch does the searching. The
 * Meilisearch run needs MEILI_URL (a real server) and is skipped without it.
 */
const MEILI_URL = readMeiliUrl();
const ENGINES = [
  { name: 'postgres', env: {} as Record<string, string>, run: describe },
  {
    name: 'meilisearch',
    env: { MEILI_URL: MEILI_URL ?? 'http://127.0.0.1:1', MEILI_INDEX: `contract_${randomBytes(4).toString('hex')}` } as Record<
      string,
      string
    >,
    run: MEILI_URL ? describe : describe.skip,
  },
];

const DAY = 86_400_000;
const inDays = (n: number): Date => new Date(Date.now() + n * DAY);
/** The calendar date `n` days from now, as a query parameter. */
const day = (n: number): string => inDays(n).toISOString().slice(0, 10);

type Fixture = Partial<CreateProgrammeDto> & { slug: string; title: { ru: string; en?: string } };

/** A small catalogue where every query below has one right answer. */
const FIXTURES: Fixture[] = [
  {
    slug: 'tax-relief-technoparks',
    title: { ru: 'Налоговые льготы для резидентов технопарков', en: 'Tax relief for technopark residents' },
    summary: { ru: 'Сниженные ставки налогов на имущество и землю.', en: 'Lower property and land tax rates.' },
    provider: 'moscow-government',
    supportTypes: ['tax_relief'],
    applicantTypes: ['legal_entity'],
    stages: ['growth'],
    sizes: ['medium'],
    industries: ['manufacturing'],
    objectives: ['reduce_taxes'],
    territories: ['moscow'],
    // an official page says it is always open
    timing: { availability: { kind: 'standing', rounds: [], source: 's1', asOf: null, note: { ru: null, en: null } } },
  },
  {
    slug: 'loans-sme',
    title: { ru: 'Кредиты для малого и среднего бизнеса', en: 'Loans for small and medium businesses' },
    summary: { ru: 'Займы на льготных условиях для предпринимателей.', en: 'Loans on favourable terms for entrepreneurs.' },
    provider: 'moscow-government',
    supportTypes: ['concessional_loan'],
    applicantTypes: ['legal_entity', 'sole_trader'],
    stages: ['early', 'growth'],
    sizes: ['small', 'medium'],
    industries: ['information_technology'],
    objectives: ['get_financing'],
    territories: ['moscow'],
    benefit: { amountMin: 1_000_000, amountMax: 50_000_000 },
    ...round(null, inDays(90)),
  },
  {
    slug: 'export-help',
    title: { ru: 'Помощь экспортёрам от центра Моспром', en: 'Help for exporters from the Mosprom centre' },
    summary: { ru: 'Выход на зарубежные рынки и поиск покупателей.', en: 'Entering foreign markets and finding buyers.' },
    provider: 'mosprom',
    supportTypes: ['export_support', 'consulting'],
    applicantTypes: ['legal_entity'],
    stages: ['mature'],
    sizes: ['large'],
    industries: ['electronics'],
    objectives: ['enter_foreign_markets'],
    territories: ['moscow'],
    benefit: { amountMax: 5_000_000 },
    ...round(null, inDays(30)),
  },
  {
    slug: 'sez-residency',
    title: { ru: 'Резидентство в особой экономической зоне Технополис', en: 'Residency in the Technopolis special economic zone' },
    summary: { ru: 'Площадки для производства электроники.', en: 'Sites for electronics production.' },
    provider: 'technopolis-moscow',
    supportTypes: ['tax_relief', 'premises'],
    applicantTypes: ['legal_entity'],
    stages: ['growth', 'mature'],
    sizes: ['large'],
    industries: ['electronics', 'pharmaceuticals'],
    objectives: ['reduce_taxes', 'build_production'],
    territories: ['technopolis_moscow'],
    benefit: { amountMin: 100_000_000 },
    ...round(null, inDays(400)),
  },
  {
    slug: 'cluster-platform',
    title: { ru: 'Платформа Московского инновационного кластера', en: 'Moscow Innovation Cluster platform' },
    summary: { ru: 'Стартапы встречаются с инвесторами.', en: 'Startups meet investors.' },
    description: { ru: 'Упоминание льготы в описании, а не в заголовке; и технопарков тоже.' },
    provider: 'moscow-innovation-cluster',
    supportTypes: ['investor_matching'],
    applicantTypes: ['startup_team'],
    stages: ['idea', 'early'],
    sizes: ['micro'],
    industries: ['artificial_intelligence'],
    objectives: ['find_investors'],
    territories: ['moscow'],
    ...round(inDays(-60), inDays(-1)),
  },
  {
    slug: 'script-title',
    title: { ru: '<script>alert(1)</script> гранты' },
    summary: { ru: 'Проверка экранирования <b>разметки</b>.' },
    provider: 'moscow-government',
    supportTypes: ['grant_subsidy'],
    territories: ['moscow'],
  },
];
const ALL_PUBLISHED = FIXTURES.map((f) => f.slug);

/** The same multi-word queries on the shipped catalogue, answered by each engine (compared at the end). */
const SHIPPED_MULTI_WORD = [
  'стать поставщиком города',
  'EV charging',
  'займ для ип',
  'земля под строительство завода',
  'построить завод',
  'land for factory',
  'грант для стартапа',
  'социальное предпринимательство',
  'small loan sole trader',
  'налоговые льготы для резидентов технопарков',
  'кредиты малого бизнеса на оборудование',
];
const shippedAnswers: Record<string, Map<string, { total: number; slugs: string[] }>> = {};

for (const engine of ENGINES) {
  engine.run(`search contract: ${engine.name}`, () => {
    let t: TestApp;
    let programmes: ProgrammesService;
    const api = () => request(t.http);
    const sync = async () => {
      await t.app.get(SearchOutbox).retryNow();
      const run = await t.app.get(SearchSyncRelay).drain();
      expect(run.failed).toBe(0);
    };
    const search = async (query: string) => (await api().get(`/api/v1/programmes?${query}`).expect(200)).body;
    const slugs = async (query: string): Promise<string[]> => (await search(query)).hits.map((h: { slug: string }) => h.slug);
    const create = async (input: Fixture, publish: boolean) => {
      const created = await programmes.create(
        { summary: { ru: 'Описание.' }, ...PUBLISHABLE, ...input } as CreateProgrammeDto,
        SYSTEM_SEED,
      );
      return publish ? programmes.transition(created.id, exactVersion(created.version), 'publish', SYSTEM_SEED) : created;
    };

    beforeAll(async () => {
      t = await createTestApp({ seed: true, env: engine.env });
      programmes = t.app.get(ProgrammesService);
      // the shipped catalogue goes, so every count below is about the fixtures alone
      const shipped = await programmes.listForAdmin({}, { page: 1, perPage: 100 });
      for (const p of shipped.items) await programmes.remove(p.id, exactVersion(p.version), SYSTEM_SEED);
      for (const f of FIXTURES) await create(f, true);
      await create(
        {
          slug: 'draft-benefit',
          title: { ru: 'Черновик: налоговые льготы технопарков' },
          provider: 'moscow-government',
          supportTypes: ['tax_relief'],
        },
        false,
      );
      const archived = await create(
        {
          slug: 'archived-benefit',
          title: { ru: 'Архив: налоговые льготы технопарков' },
          provider: 'moscow-government',
          supportTypes: ['tax_relief'],
        },
        true,
      );
      await programmes.transition(archived.id, exactVersion(archived.version), 'archive', SYSTEM_SEED);
      await sync();
    }, 120_000);
    afterAll(async () => {
      if (engine.name === 'meilisearch' && MEILI_URL) {
        // the suite's throw-away index goes with it
        const config = loadConfig({ ...process.env, ...engine.env });
        await new Meilisearch({ host: MEILI_URL, apiKey: config.search.meiliApiKey }).deleteIndex(config.search.meiliIndex).waitTask();
      }
      await t?.close();
    });

    it('names the engine that answered and is not degraded', async () => {
      const body = await search('q=кредит');
      expect(body).toMatchObject({ engine: engine.name, degraded: false });
      expect(typeof body.tookMs).toBe('number');
    });

    it.each([
      ['льгота', 'tax-relief-technoparks'],
      ['льготы', 'tax-relief-technoparks'],
      ['льготами', 'tax-relief-technoparks'],
      ['кредит', 'loans-sme'],
      ['кредитов', 'loans-sme'],
      ['экспортерам', 'export-help'],
      ['экспортёров', 'export-help'],
      ['технаполис', 'sez-residency'],
      ['моспорм', 'export-help'],
      ['кридиты', 'loans-sme'],
      ['МСП', 'loans-sme'],
      ['SME loans', 'loans-sme'],
      ['ОЭЗ', 'sez-residency'],
      ['SEZ', 'sez-residency'],
      ['МИК', 'cluster-platform'],
      ['exporters', 'export-help'],
      ['investors', 'cluster-platform'],
      ['технопарков резидентам', 'tax-relief-technoparks'],
    ])('"%s" finds %s first', async (q, slug) => {
      expect((await slugs(`q=${encodeURIComponent(q)}`))[0]).toBe(slug);
    });

    // The rule for a query of several words: the programmes with every word; when none has them all, the last word
    // is dropped and the rest asked again, and so on down to the first word, and the answer says so.
    it('recalls the programmes with every word, else drops words from the last one while none matches, and says so', async () => {
      const answer = async (q: string, more = '') => {
        const body = await search(`q=${encodeURIComponent(q)}&perPage=100${more}`);
        return { slugs: body.hits.map((h: { slug: string }) => h.slug).sort(), total: body.total, matchedAllWords: body.matchedAllWords };
      };
      expect(await answer('кредит')).toEqual({ slugs: ['loans-sme'], total: 1, matchedAllWords: true });
      // "электроника" goes first: what has "кредит", and only that (not everything with some of the words)
      expect(await answer('кредит электроника')).toEqual({ slugs: ['loans-sme'], total: 1, matchedAllWords: false });
      // the order of the words decides which go
      expect(await answer('электроника кредит')).toEqual({ slugs: ['sez-residency'], total: 1, matchedAllWords: false });
      // two dropped: "налоговые льготы" is the longest run of leading words a programme has
      expect(await answer('налоговые льготы электроника кредит')).toEqual({
        slugs: ['tax-relief-technoparks'],
        total: 1,
        matchedAllWords: false,
      });
      // within the filters: with size=large, not even "кредит" has a programme
      expect(await answer('кредит электроника', '&size=large')).toMatchObject({ slugs: [], total: 0 });
      // a word of the dropped run that was being typed is not a prefix any more, nor is the run's last word
      expect(await answer('экспорт кред')).toEqual({ slugs: ['export-help'], total: 1, matchedAllWords: false });
    });

    it('as you type, puts the programmes with a title word starting so first, above a mention in the description', async () => {
      // "техноп" begins "технопарков" and "Технополис" alike: both titles come first, in either order
      const found = await slugs(`q=${encodeURIComponent('техноп')}`);
      expect(new Set(found.slice(0, 2))).toEqual(new Set(['sez-residency', 'tax-relief-technoparks']));
      expect(found.indexOf('cluster-platform')).toBeGreaterThan(1);
    });

    it('takes the word being typed whole when some programme has it so, else as the beginning of longer words', async () => {
      // "льготы" is a word in full: the loans' "льготных" only begins like it
      const whole = await slugs(`q=${encodeURIComponent('льготы')}&perPage=100`);
      expect(whole).toContain('tax-relief-technoparks');
      expect(whole).not.toContain('loans-sme');
      // a word no programme has whole: "экономической" begins with it
      expect(await slugs(`q=${encodeURIComponent('эконом')}&perPage=100`)).toEqual(['sez-residency']);
      // a word not finished
      expect((await slugs(`q=${encodeURIComponent('технопар')}&perPage=100`)).sort()).toEqual([
        'cluster-platform',
        'tax-relief-technoparks',
      ]);
    });

    it("finds every word whose stem's stem is the typed word's: the forms Meilisearch's documents hold as one", async () => {
      // as "имущество" takes "имущественного": Snowball stems the adjective to "…ствен", and that to "…ств", the noun's
      // stem (made-up words, which no programme has had, so the second question must see the edit; not the last word,
      // which as a word no dictionary knows would be taken as the beginning of longer ones)
      const noun = await create(
        { slug: 'made-up-noun', title: { ru: 'Программа: зорбаство в Москве' }, provider: 'moscow-government' },
        true,
      );
      await sync();
      expect(await slugs(`q=${encodeURIComponent('зорбаство программа')}&perPage=100`)).toEqual(['made-up-noun']);
      const adjective = await create(
        { slug: 'made-up-adjective', title: { ru: 'Программа зорбаственного развития' }, provider: 'moscow-government' },
        true,
      );
      await sync();
      expect((await slugs(`q=${encodeURIComponent('зорбаство программа')}&perPage=100`)).sort()).toEqual([
        'made-up-adjective',
        'made-up-noun',
      ]);
      // and the other way round
      expect((await slugs(`q=${encodeURIComponent('зорбаственного программа')}&perPage=100`)).sort()).toEqual([
        'made-up-adjective',
        'made-up-noun',
      ]);
      for (const p of [noun, adjective]) await programmes.remove(p.id, exactVersion(p.version), SYSTEM_SEED);
      await sync();
    });

    it('puts the programmes with the words together, in the order typed, first: before a title with them apart', async () => {
      const apart = await create({ slug: 'words-apart', title: { ru: 'Лунный свет и парус' }, provider: 'moscow-government' }, true);
      const together = await create(
        {
          slug: 'words-together',
          title: { ru: 'Программа навигации' },
          summary: { ru: 'Лунный парус для судов.' },
          provider: 'moscow-government',
        },
        true,
      );
      await sync();
      expect(await slugs(`q=${encodeURIComponent('лунный парус')}&perPage=100`)).toEqual(['words-together', 'words-apart']);
      for (const p of [apart, together]) await programmes.remove(p.id, exactVersion(p.version), SYSTEM_SEED);
      await sync();
    });

    it('ranks a title match above a mention in the description', async () => {
      const found = await slugs(`q=${encodeURIComponent('льготы')}`);
      expect(found[0]).toBe('tax-relief-technoparks');
      expect(found).toContain('cluster-platform');
      expect(found.indexOf('cluster-platform')).toBeGreaterThan(found.indexOf('tax-relief-technoparks'));
    });

    it('never finds drafts or archived programmes', async () => {
      const found = await slugs(`q=${encodeURIComponent('налоговые льготы технопарков')}&perPage=100`);
      expect(found).toContain('tax-relief-technoparks');
      expect(found).not.toContain('draft-benefit');
      expect(found).not.toContain('archived-benefit');
      expect((await search('perPage=100')).total).toBe(ALL_PUBLISHED.length);
    });

    it.each([
      ['supportType=premises', ['sez-residency']],
      ['applicantType=sole_trader', ['loans-sme']],
      ['stage=idea', ['cluster-platform']],
      ['size=large', ['export-help', 'sez-residency']],
      ['industry=pharmaceuticals', ['sez-residency']],
      ['objective=enter_foreign_markets', ['export-help']],
      // a place finds every programme that serves it: the site's own, and the city's
      [
        'territory=technopolis_moscow',
        ['cluster-platform', 'export-help', 'loans-sme', 'script-title', 'sez-residency', 'tax-relief-technoparks'],
      ],
      ['territory=moscow', ['cluster-platform', 'export-help', 'loans-sme', 'script-title', 'tax-relief-technoparks']],
      ['provider=mosprom', ['export-help']],
      ['status=closed', ['cluster-platform']],
      ['status=open', ['export-help', 'loans-sme', 'sez-residency']],
      ['status=standing', ['tax-relief-technoparks']],
      // API v1's "ongoing" means standing
      ['status=ongoing', ['tax-relief-technoparks']],
      // no source says whether it is open: never counted as open
      ['status=not_confirmed', ['script-title']],
    ])('filters by %s', async (filter, expected) => {
      expect((await slugs(`${filter}&perPage=100`)).sort()).toEqual(expected);
    });

    it('ORs codes inside a facet and ANDs across facets', async () => {
      expect((await slugs('supportType=premises&supportType=concessional_loan')).sort()).toEqual(['loans-sme', 'sez-residency']);
      expect((await slugs('supportType=premises,concessional_loan')).sort()).toEqual(['loans-sme', 'sez-residency']);
      expect((await slugs('supportType=tax_relief&industry=electronics')).sort()).toEqual(['sez-residency']);
      expect(await slugs('supportType=tax_relief&industry=artificial_intelligence')).toEqual([]);
    });

    it('filters by amount and deadline ranges', async () => {
      expect((await slugs('amountMin=10000000')).sort()).toEqual(['loans-sme', 'sez-residency']);
      expect((await slugs('amountMax=2000000')).sort()).toEqual(['export-help', 'loans-sme']);
      // a maximum alone starts at zero; a minimum alone has no cap
      expect((await slugs('amountMin=2000000&amountMax=60000000')).sort()).toEqual(['export-help', 'loans-sme']);
      expect(await slugs('amountMin=500000000')).toEqual(['sez-residency']);
      const soon = day(60);
      expect((await slugs(`closesBefore=${soon}`)).sort()).toEqual(['cluster-platform', 'export-help']);
      // no deadline counts as closing after any date
      expect((await slugs(`closesAfter=${soon}&perPage=100`)).sort()).toEqual([
        'loans-sme',
        'script-title',
        'sez-residency',
        'tax-relief-technoparks',
      ]);
      expect(await slugs(`closesAfter=${day(7)}&closesBefore=${soon}`)).toEqual(['export-help']);
    });

    it('sorts by deadline, amount and last update', async () => {
      expect(await slugs('sort=deadline&perPage=100')).toEqual([
        // running rounds, the soonest deadline first
        'export-help',
        'loans-sme',
        'sez-residency',
        // then what is always open
        'tax-relief-technoparks',
        // then what no source confirms
        'script-title',
        // closed ones last
        'cluster-platform',
      ]);
      expect((await slugs('sort=amount&perPage=100')).slice(0, 3)).toEqual(['sez-residency', 'loans-sme', 'export-help']);
      const updated = (await search('sort=updated&perPage=100')).hits.map((h: { updatedAt: string }) => h.updatedAt);
      expect([...updated].sort().reverse()).toEqual(updated);
      expect(updated).toHaveLength(ALL_PUBLISHED.length);
    });

    it('walks with a cursor (after=) in the deadline, amount and updated orders, as one long page lists them', async () => {
      for (const sort of ['deadline', 'amount', 'updated']) {
        const whole = (await search(`sort=${sort}&perPage=100`)).hits.map((h: { slug: string }) => h.slug);
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 20; i++) {
          const body = await search(`sort=${sort}&perPage=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
          seen.push(...body.hits.map((h: { slug: string }) => h.slug));
          after = body.nextCursor;
          if (!after) break;
        }
        expect({ sort, seen }).toEqual({ sort, seen: whole });
      }
      // counts only
      const counts = await search('perPage=0');
      expect([counts.hits.length, counts.total]).toEqual([0, ALL_PUBLISHED.length]);
    });

    it('pages through exact totals without repeats', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const body = await search(`sort=deadline&perPage=2&page=${page}`);
        expect(body).toMatchObject({ total: ALL_PUBLISHED.length, page, perPage: 2 });
        seen.push(...body.hits.map((h: { slug: string }) => h.slug));
      }
      expect(seen).toEqual(await slugs('sort=deadline&perPage=100'));
      expect((await search('sort=deadline&perPage=2&page=4')).hits).toEqual([]);
    });

    it("counts every facet exactly, a facet's own selection not shrinking its counts", async () => {
      const count = (body: { facets: Record<string, { code: string; count: number }[]> }, facet: string, code: string) =>
        body.facets[facet].find((v) => v.code === code)?.count ?? 0;
      const all = await search('perPage=1');
      expect(count(all, 'supportType', 'tax_relief')).toBe(2);
      expect(count(all, 'supportType', 'premises')).toBe(1);
      expect(count(all, 'size', 'large')).toBe(2);
      expect(count(all, 'provider', 'moscow-government')).toBe(3);
      expect(count(all, 'status', 'open')).toBe(3);
      expect(count(all, 'territory', 'moscow')).toBe(5);

      const selected = await search('supportType=tax_relief&perPage=1');
      expect(selected.total).toBe(2);
      // own facet: as if nothing were selected in it
      expect(count(selected, 'supportType', 'tax_relief')).toBe(2);
      expect(count(selected, 'supportType', 'concessional_loan')).toBe(1);
      expect(selected.facets.supportType.find((v: { code: string }) => v.code === 'tax_relief').selected).toBe(true);
      // other facets: narrowed by the selection
      expect(count(selected, 'size', 'large')).toBe(1);
      expect(count(selected, 'provider', 'mosprom')).toBe(0);

      const withText = await search(`q=${encodeURIComponent('льготы')}&supportType=tax_relief`);
      expect(count(withText, 'supportType', 'investor_matching')).toBe(1);
      expect(withText.total).toBe(1);
    });

    it('escapes text before marking matches', async () => {
      const body = await search('q=alert');
      expect(body.hits[0].slug).toBe('script-title');
      expect(body.hits[0].title).toBe('<script>alert(1)</script> гранты');
      expect(body.hits[0].highlights.title).toBe('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; гранты');
      expect(body.hits[0].highlights.summary).toBe('Проверка экранирования &lt;b&gt;разметки&lt;/b&gt;.');
      const forms = await search(`q=${encodeURIComponent('льгота')}`);
      expect(forms.hits[0].highlights.title).toBe('Налоговые <mark>льготы</mark> для резидентов технопарков');
    });

    it('answers in English when asked, falling back to Russian', async () => {
      const en = await search('q=loans&lang=en');
      expect(en.hits[0]).toMatchObject({ slug: 'loans-sme', title: 'Loans for small and medium businesses', lang: 'en' });
      expect(en.hits[0].highlights.title).toBe('<mark>Loans</mark> for small and medium businesses');
      const fallback = await search('q=alert&lang=en');
      expect(fallback.hits[0]).toMatchObject({ lang: 'ru' });
    });

    it('answers any text, however odd, without a server error (property)', async () => {
      const odd = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.constantFrom("'", '\\', ':*', '&|!()', "o'neil", 'a:b', '\u0000', 'ИТ-компаний ит-', 'ё'.repeat(200), '<mark>', 'x'.repeat(200)),
      );
      await fc.assert(
        fc.asyncProperty(odd, async (q) => {
          const res = await api().get('/api/v1/programmes').query({ q });
          // a NUL is refused up front (PostgreSQL text cannot hold it); anything else is searched
          expect(res.status).toBe(q.includes('\u0000') ? 400 : 200);
          if (res.status === 200) expect(res.body.total).toBeGreaterThanOrEqual(0);
          const suggest = await api()
            .get('/api/v1/suggest')
            .query({ q: q.slice(0, 100) });
          expect(suggest.status).toBe(q.slice(0, 100).includes('\u0000') ? 400 : 200);
        }),
        { numRuns: 60 },
      );
    });

    it('suggests titles and facet values as you type', async () => {
      const res = await api()
        .get(`/api/v1/suggest?q=${encodeURIComponent('техноп')}`)
        .expect(200);
      expect(res.body.programmes.map((p: { slug: string }) => p.slug)).toContain('sez-residency');
      expect(res.body.terms).toContainEqual(expect.objectContaining({ facet: 'territory', code: 'technopolis_moscow' }));
      expect(res.body.programmes[0].highlight).toContain('<mark>');
    });

    it('drops a deleted programme and finds an edited one by its new words', async () => {
      const extra = await create(
        { slug: 'short-lived', title: { ru: 'Временная субсидия на оборудование' }, provider: 'moscow-government' },
        true,
      );
      await sync();
      expect(await slugs(`q=${encodeURIComponent('оборудование')}`)).toEqual(['short-lived']);
      // asked before any programme has the word: no answer outlives the edit adding it
      expect(await slugs(`q=${encodeURIComponent('станки')}`)).toEqual([]);
      const edited = await programmes.update(
        extra.id,
        exactVersion(extra.version),
        { title: { ru: 'Временная субсидия на станки' } },
        SYSTEM_SEED,
      );
      await sync();
      expect(await slugs(`q=${encodeURIComponent('оборудование')}`)).toEqual([]);
      expect(await slugs(`q=${encodeURIComponent('станки')}`)).toEqual(['short-lived']);
      await programmes.remove(edited.id, exactVersion(edited.version), SYSTEM_SEED);
      await sync();
      expect(await slugs(`q=${encodeURIComponent('станки')}`)).toEqual([]);
      expect((await search('perPage=1')).total).toBe(ALL_PUBLISHED.length);
    });

    it('finds a programme by a synonym no programme had when the question was first asked', async () => {
      const admin = await t.tokenFor('admin');
      await api()
        .post('/api/v1/admin/search/synonyms')
        .set('Authorization', `Bearer ${admin}`)
        .send({ terms: ['контрафакт', 'подделка'] })
        .expect(201);
      await sync();
      expect(await slugs(`q=${encodeURIComponent('контрафакт')}`)).toEqual([]);
      const fake = await create({ slug: 'anti-fakes', title: { ru: 'Защита товаров от подделки' }, provider: 'moscow-government' }, true);
      await sync();
      expect(await slugs(`q=${encodeURIComponent('контрафакт')}`)).toEqual(['anti-fakes']);
      await programmes.remove(fake.id, exactVersion(fake.version), SYSTEM_SEED);
      await sync();
    });

    it('uses synonyms admins add', async () => {
      expect(await slugs(`q=${encodeURIComponent('полупроводники')}`)).toEqual([]);
      const admin = await t.tokenFor('admin');
      // (not "электроника": the everyday vocabulary has it)
      await api()
        .post('/api/v1/admin/search/synonyms')
        .set('Authorization', `Bearer ${admin}`)
        .send({ terms: ['полупроводники', 'резидентство'] })
        .expect(201);
      await sync();
      expect(await slugs(`q=${encodeURIComponent('полупроводники')}`)).toEqual(['sez-residency']);
    });
  });
}

for (const engine of ENGINES) {
  engine.run(`search contract on the shipped catalogue: ${engine.name}`, () => {
    let t: TestApp;
    const env = { ...engine.env, MEILI_INDEX: `contract_shipped_${randomBytes(4).toString('hex')}` };
    const search = async (q: string) =>
      (
        await request(t.http)
          .get(`/api/v1/programmes?q=${encodeURIComponent(q)}&perPage=100`)
          .expect(200)
      ).body;
    const top = async (q: string, n: number) => (await search(q)).hits.slice(0, n).map((h: { slug: string }) => h.slug);

    beforeAll(async () => {
      t = await createTestApp({ seed: true, env });
      await t.app.get(SearchOutbox).retryNow();
      expect((await t.app.get(SearchSyncRelay).drain()).failed).toBe(0);
    }, 120_000);
    afterAll(async () => {
      if (engine.name === 'meilisearch' && MEILI_URL) {
        const config = loadConfig({ ...process.env, ...env });
        await new Meilisearch({ host: MEILI_URL, apiKey: config.search.meiliApiKey }).deleteIndex(config.search.meiliIndex).waitTask();
      }
      await t?.close();
    });

    it.each([
      ['займ для ип', 'sme-concessional-loans'],
      ['микрозайм', 'sme-concessional-loans'],
      ['земля под строительство завода', 'new-enterprise-construction'],
      ['EV charging', 'ev-charging-grid-connection'],
      ['стать поставщиком города', 'supplier-portal'],
    ])('"%s" puts %s in the first three', async (q, slug) => {
      expect(await top(q, 3)).toContain(slug);
    });

    it('answers the multi-word queries (recorded for the comparison of the engines)', async () => {
      const answers = new Map<string, { total: number; slugs: string[] }>();
      for (const q of SHIPPED_MULTI_WORD) {
        const body = await search(q);
        answers.set(q, { total: body.total, slugs: body.hits.map((h: { slug: string }) => h.slug).sort() });
      }
      shippedAnswers[engine.name] = answers;
      expect(answers.get('EV charging')!.slugs).toContain('ev-charging-grid-connection');
    });
  });
}

(MEILI_URL ? describe : describe.skip)('both engines on the shipped catalogue', () => {
  it('recall the same programmes for every multi-word query', () => {
    const [postgres, meilisearch] = [shippedAnswers.postgres, shippedAnswers.meilisearch];
    expect(postgres && meilisearch).toBeTruthy();
    for (const q of SHIPPED_MULTI_WORD) expect({ q, ...meilisearch.get(q) }).toEqual({ q, ...postgres.get(q) });
  });
});
