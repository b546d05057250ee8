import request from 'supertest';
import { SHIPPED_PROGRAMMES, SHIPPED_PROVIDERS, shippedStatus } from './support/shipped';
import { programmeInput, round } from '@app/testing';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

const SHIPPED = SHIPPED_PROGRAMMES.length;
const cards = (html: string): number => (html.match(/<li class="card"[ >]/g) ?? []).length;
const cardsIn = (html: string): number => (html.match(/<li class="card match-card/g) ?? []).length;

/** The website over HTTP: server-rendered pages, complete without JavaScript. */
describe('website (server-rendered HTML)', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://navigator.example/' } });
    editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  const page = (url: string) => request(t.http).get(url).set('Accept', 'text/html');

  it('serves the search page in Russian with every published programme, facets and counts', async () => {
    const res = await page('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="ru">');
    expect(cards(res.text)).toBe(Math.min(SHIPPED, 20));
    expect(res.text).toContain(`Найдено ${SHIPPED} программ`);
    expect(res.text).toMatch(/name="supportType" value="concessional_loan"/);
    expect(res.text).toMatch(/<span class="facet-count" aria-label="\d+">\d+<\/span>/);
    // the landing page counts programmes by their real status, each count a link to that search
    const count = (status: string) => SHIPPED_PROGRAMMES.filter((p) => shippedStatus(p) === status).length;
    const unconfirmed = count('not_confirmed');
    expect(unconfirmed).toBeGreaterThan(0);
    expect(res.text).toContain(
      `<a class="status-count status-not_confirmed" href="/?status=not_confirmed"><strong>${unconfirmed}</strong> Статус приёма не подтверждён</a>`,
    );
    expect(res.text).toContain(`<strong>${count('closed')}</strong> Приём заявок закрыт`);
    // the chart counts only what takes applications now: a running round or a standing offer
    const accepting = SHIPPED_PROGRAMMES.filter((p) => ['open', 'standing'].includes(shippedStatus(p)));
    if (accepting.length) expect(res.text).toContain('status=open&amp;status=standing" aria-label="Показать:');
    else expect(res.text).not.toContain('Сейчас принимают заявки');
    const filtered = await page('/?supportType=premises').expect(200);
    expect(filtered.text).not.toContain('status-counts');
  });

  it('filters, shows removable chips and a summary of active filters in words', async () => {
    const res = await page('/?supportType=concessional_loan').expect(200);
    expect(cards(res.text)).toBe(SHIPPED_PROGRAMMES.filter((p) => p.supportTypes.includes('concessional_loan')).length);
    expect(res.text).toContain('Выбранные фильтры: Вид поддержки — Льготные кредиты и займы.');
    expect(res.text).toMatch(/<a class="chip" href="\/" data-nav>/);
    // the filter's own facet still shows every other value with its count (disjunctive)
    expect(res.text).toMatch(/name="supportType" value="premises"/);
  });

  it('keeps ranges given in the URL in every link and form', async () => {
    const res = await page('/?amountMin=1000&perPage=5&supportType=premises').expect(200);
    expect(res.text).toContain('<input type="hidden" name="amountMin" value="1000">');
    expect(res.text).toMatch(/href="\/\?amountMin=1000&amp;perPage=5" data-nav>/);
  });

  it('pages through results with links that keep the query', async () => {
    const first = await page('/?perPage=5').expect(200);
    expect(cards(first.text)).toBe(5);
    expect(first.text).toContain('<nav class="pagination"');
    expect(first.text).toContain('href="/?page=2&amp;perPage=5"');
    const lastPage = Math.ceil(SHIPPED / 5);
    const last = await page(`/?perPage=5&page=${lastPage}`).expect(200);
    expect(cards(last.text)).toBe(SHIPPED - (lastPage - 1) * 5);
    expect(last.text).toContain(`<span aria-current="page">${lastPage}</span>`);
  });

  it('offers a way out of an empty result', async () => {
    const res = await page(`/?q=${encodeURIComponent('несуществующеслово')}&supportType=premises`).expect(200);
    expect(cards(res.text)).toBe(0);
    expect(res.text).toContain('Ничего не нашлось');
    expect(res.text).toContain('Уберите один из фильтров');
    expect(res.text).toContain('Показать все программы');
  });

  it('switches to English, falling back to Russian content where there is no translation', async () => {
    const res = await page('/?lang=en&perPage=100').expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain(`${SHIPPED} programmes found`);
    expect(res.text).toContain(SHIPPED_PROGRAMMES.find((p) => p.slug === 'sme-concessional-loans')!.title.en!);
    expect(res.text).toContain('href="/?lang=en"');
  });

  it("speaks English on a first visit from a browser that prefers it; the language switch's choice wins afterwards", async () => {
    const en = await page('/').set('Accept-Language', 'en-GB,en;q=0.9,ru;q=0.5').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.headers.vary).toMatch(/Accept-Language/);
    expect(en.headers.vary).toMatch(/Cookie/);
    // its links stay in English, and the switch names Russian explicitly
    expect(en.text).toMatch(/<a class="lang-switch" href="\/\?lang=ru"/);
    expect(en.text).toContain('href="/match?lang=en"');
    for (const [header, lang] of [
      ['ru-RU,ru;q=0.9,en-US;q=0.8', 'ru'],
      ['de-DE,de;q=0.9', 'ru'],
      ['de-DE,en;q=0.5', 'en'],
      ['', 'ru'],
    ])
      expect([header, (await page('/programmes/sme-premises').set('Accept-Language', header).expect(200)).text]).toEqual([
        header,
        expect.stringContaining(`<html lang="${lang}">`),
      ]);
    expect((await page('/match').set('Accept-Language', 'en').expect(200)).text).toContain('Find support for your company');
    // the switch remembers the choice, which then wins over the browser's preference
    const chosen = await page('/?lang=ru').set('Accept-Language', 'en').expect(200);
    expect(chosen.text).toContain('<html lang="ru">');
    const cookie = chosen.headers['set-cookie'] as unknown as string[];
    expect(cookie.join(';')).toMatch(/sn_lang=ru;.*HttpOnly/);
    const again = await page('/programmes/sme-premises').set('Accept-Language', 'en').set('Cookie', 'sn_lang=ru').expect(200);
    expect(again.text).toContain('<html lang="ru">');
    expect((await page('/').set('Cookie', 'sn_lang=en').expect(200)).text).toContain('<html lang="en">');
    // an address that names its language needs no Vary; the API and the admin area never guess
    expect((await page('/?lang=en').set('Accept-Language', 'ru').expect(200)).headers.vary ?? '').not.toMatch(/Accept-Language/);
    const api = await request(t.http).get('/api/v1/programmes/sme-premises').set('Accept-Language', 'en').expect(200);
    expect(api.headers.vary ?? '').not.toMatch(/Accept-Language/);
    expect((await request(t.http).get('/admin/login').set('Accept-Language', 'en').expect(200)).headers.vary ?? '').not.toMatch(
      /Accept-Language/,
    );
  });

  it('returns only the results region for the script', async () => {
    const res = await request(t.http).get('/?supportType=premises').set('X-Fragment', 'results').expect(200);
    expect(res.text).not.toContain('<html');
    expect(res.text).toContain('<section class="results"');
    expect(res.headers.vary).toMatch(/X-Fragment/i);
  });

  it('shows a programme with its sections and schema.org JSON-LD', async () => {
    const res = await page('/programmes/technopolis-moscow-sez').expect(200);
    const file = SHIPPED_PROGRAMMES.find((p) => p.slug === 'technopolis-moscow-sez')!;
    const provider = SHIPPED_PROVIDERS.find((o) => o.slug === file.provider)!;
    expect(res.text).toContain(`<h1 >${file.title.ru.replace(/"/g, '&quot;')}</h1>`);
    const ld = JSON.parse(/<script type="application\/ld\+json" nonce="[^"]+">([^<]*)<\/script>/.exec(res.text)![1]);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      name: file.title.ru,
      // the official page in the reader's language
      url: file.application!.applyUrl,
      provider: { name: provider.name.ru, ...(provider.url ? { url: provider.url } : {}) },
      areaServed: { '@type': 'City', name: 'Москва' },
    });
    // absolute links come from PUBLIC_BASE_URL, whatever Host the request claims
    const forged = await page('/programmes/technopolis-moscow-sez').set('Host', 'evil.example').expect(200);
    expect(forged.text).toContain('"@id":"https://navigator.example/programmes/technopolis-moscow-sez"');
    // related: others of its kind of support, never itself
    const premises = await page('/programmes/sme-premises').expect(200);
    const related = /<ul class="related">([\s\S]*?)<\/ul>/.exec(premises.text)![1];
    expect(related).toMatch(/href="\/programmes\/[a-z0-9-]+"/);
    expect(related).not.toContain('/programmes/sme-premises"');
    const en = await page('/programmes/technopolis-moscow-sez?lang=en').expect(200);
    expect(en.text).toContain(file.title.en!);
    expect(en.text).toContain(file.keyFacts![0].value.en!.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
  });

  it('relates programmes that meet the same need of the same businesses, those taking applications first', async () => {
    const relatedOf = async (slug: string) => {
      const html = (await page(`/programmes/${slug}`).expect(200)).text;
      const list = /<ul class="related">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      return [...list.matchAll(/href="\/programmes\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    };
    // the i.moscow grants for growing companies: never EV-charging compensation (another industry)
    const before = await relatedOf('i-moscow-growth-tools');
    expect(before).not.toContain('ev-charging-grid-connection');
    expect(before).not.toContain('business-angel-reimbursement'); // for individuals
    expect(before).toContain('moscow-technoparks');
    expect(before.length).toBeLessThanOrEqual(3);
    // an equally close programme that takes applications comes first
    const open = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        title: { ru: 'Грант на рост ИТ-компаний с постоянным приёмом' },
        provider: 'moscow-innovation-cluster',
        supportTypes: ['grant_subsidy'],
        objectives: ['scale_up', 'get_financing'],
        industries: ['information_technology', 'research'],
        applicantTypes: ['legal_entity'],
        stages: ['growth'],
        timing: { availability: { kind: 'standing', source: 's1', asOf: '2026-01-15' } },
      }),
    );
    expect((await relatedOf('i-moscow-growth-tools'))[0]).toBe(open.slug);
    // a programme sharing only a common kind of support with nothing else in common has none
    const lonely = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        title: { ru: 'Грант для самозанятых кондитеров' },
        supportTypes: ['grant_subsidy'],
        industries: ['food_production'],
        applicantTypes: ['self_employed'],
        stages: ['idea'],
      }),
    );
    expect(await relatedOf(lonely.slug)).toEqual([]);
    expect((await page(`/programmes/${lonely.slug}`).expect(200)).text).not.toContain('Похожие программы');
  });

  it('puts the way to act and the status with its source first, then current facts with their sources, past terms apart', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const created = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        title: { ru: 'Грант с прошлыми условиями', en: 'A grant with past terms' },
        keyFacts: [
          {
            group: 'benefit',
            label: { ru: 'Грант' },
            value: { ru: 'до 5 млн ₽' },
            number: 5_000_000,
            unit: 'rub',
            asOf: today,
            source: 'card',
          },
          {
            group: 'benefit',
            label: { ru: 'Старая ставка' },
            value: { ru: 'до 7 млн ₽' },
            number: 7_000_000,
            unit: 'rub',
            asOf: '2023-04-13',
            termsYear: 2023,
            source: 'news',
          },
          { group: 'eligibility', label: { ru: 'Кто может' }, value: { ru: 'МСП старше года' }, asOf: null, source: 'undated' },
        ],
        eligibility: { checks: [{ ru: 'экспорт в дружественные страны', en: 'exports to friendly countries' }] },
        timing: { availability: { kind: 'closed', source: 'card', asOf: today } },
        application: {
          applyUrl: 'https://i.moscow/measure-supports-card/test',
          applyUrlEn: 'https://i.moscow/measure-supports-card/test-en',
          contacts: { phone: '+7 (499) 225-92-52' },
          steps: [
            { text: { ru: 'Подайте заявку на i.moscow' }, url: 'https://i.moscow/measure-supports-card/test' },
            { text: { ru: 'Дождитесь решения' } },
          ],
        },
        curation: {
          sources: [
            {
              key: 'card',
              title: { ru: 'Карточка меры' },
              url: 'https://i.moscow/measure-supports-card/test',
              publisher: 'i.moscow',
              kind: 'official',
              publishedOn: today,
            },
            {
              key: 'news',
              title: { ru: 'Раунд 2023 года' },
              url: 'https://rg.ru/2023/04/13/x.html',
              publisher: 'Российская газета',
              kind: 'media',
              publishedOn: '2023-04-13',
            },
            {
              key: 'undated',
              title: { ru: 'Условия' },
              url: 'https://i.moscow/terms',
              publisher: 'i.moscow',
              kind: 'official',
              publishedOn: null,
            },
          ],
        },
      }),
    );
    const html = (await page(`/programmes/${created.slug}`).expect(200)).text;
    const section = (id: string) => new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)![1];
    // how to act comes first: the status with what says so, the official page, whom to call
    expect(html.indexOf('id="act"')).toBeLessThan(html.indexOf('id="key-facts"'));
    const act = section('act');
    expect(act).toContain('<strong>Приём заявок закрыт</strong>');
    expect(act).toContain('<a href="#source-card">по данным: i.moscow');
    expect(act).toContain(
      '<a class="button primary" href="https://i.moscow/measure-supports-card/test" rel="noopener" hreflang="ru">Подать заявку на официальном сайте</a>',
    );
    expect(act).toContain('<a href="tel:+74992259252">+7 (499) 225-92-52</a>');
    // facts that hold now, each with its own source; past terms apart, with their year, out of the amount
    const facts = section('key-facts');
    expect(facts).toContain('до 5 млн ₽');
    expect(facts).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">i\.moscow, \d+ [а-я]+ \d{4} г\.<\/time>/);
    expect(facts).toContain('i.moscow, без даты');
    expect(facts).toContain('проверьте: экспорт в дружественные страны');
    const past = /<div class="past-terms"[\s\S]*?<\/dl>/.exec(facts)![0];
    expect(past).toContain('до 7 млн ₽');
    expect(past).toContain('<span class="badge past">условия 2023 года</span>');
    expect(facts.indexOf('до 7 млн ₽')).toBeGreaterThan(facts.indexOf('Прошлые условия'));
    expect((await request(t.http).get(`/api/v1/programmes/${created.slug}`).expect(200)).body.benefit.amountMax).toBe(5_000_000);
    // each fact is judged from its own source: the undated one is marked, the fresh one not
    expect(facts).toContain('1 из 2 сведений основаны на источниках старше года или без даты');
    expect((facts.match(/class="old"/g) ?? []).length).toBe(2); // the undated fact, and the 2023 one among past terms
    // how to get it: numbered steps with their links
    const how = section('how');
    expect(how).toContain('<ol class="steps">');
    expect(how).toContain('href="https://i.moscow/measure-supports-card/test"');
    // sources: publisher, kind, the page's date (or undated)
    const sources = section('sources');
    expect(sources).toContain('id="source-news"');
    expect(sources).toContain('(СМИ; страница от 13 апреля 2023 г.)');
    expect(sources).toContain('(официальный источник; страница без даты)');
    // the English page links to the English official page
    const en = (await page(`/programmes/${created.slug}?lang=en`).expect(200)).text;
    expect(en).toContain(
      'href="https://i.moscow/measure-supports-card/test-en" rel="noopener" hreflang="en">Apply on the official site</a>',
    );
    expect(en).toContain('<strong>Applications closed</strong>');
    // printing gives a clean summary
    const css = await request(t.http).get('/assets/site.css').expect(200);
    expect(css.text).toMatch(/@media print \{[\s\S]*\.site-header[\s\S]*display: none/);
  });

  it('sends the English reader to the Russian page, marked, when there is no English one; and says plainly when the status is not confirmed', async () => {
    const created = await createProgrammeViaApi(t.http, editor, programmeInput({ title: { ru: 'Программа без английской страницы' } }));
    const en = (await page(`/programmes/${created.slug}?lang=en`).expect(200)).text;
    expect(en).toContain('hreflang="ru">Apply on the official site (page in Russian)</a>');
    const ru = (await page(`/programmes/${created.slug}`).expect(200)).text;
    expect(ru).toContain('<strong>Статус приёма не подтверждён — уточните у организатора</strong>');
    const card = (await page(`/?q=${encodeURIComponent('английской страницы')}`).expect(200)).text;
    expect(card).toContain('<span class="badge deadline deadline-unconfirmed">статус приёма не подтверждён</span>');
  });

  it('marks an entry whose facts rest on old sources, even beside a fresh one, and shows rate and term', async () => {
    const old = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        title: { ru: 'Программа со старыми сведениями' },
        benefit: { ratePercent: 5.5, termMonths: 36 },
        keyFacts: [{ group: 'benefit', label: { ru: 'Ставка' }, value: { ru: '5,5%' }, asOf: '2022-03-30', source: 'old' }],
        curation: {
          sources: [
            {
              key: 'old',
              title: { ru: 'Условия 2022 года' },
              url: 'https://mos.ru/old-terms',
              publisher: 'mos.ru',
              kind: 'official',
              publishedOn: '2022-03-30',
            },
            // a fresh page added beside it hides nothing
            {
              key: 'new',
              title: { ru: 'Новость' },
              url: 'https://mos.ru/new',
              publisher: 'mos.ru',
              kind: 'official',
              publishedOn: new Date().toISOString().slice(0, 10),
            },
          ],
        },
      }),
    );
    const res = await page(`/programmes/${old.slug}`).expect(200);
    expect(res.text).toContain('1 из 1 сведения основаны на источниках старше года или без даты');
    expect(res.text).toMatch(/<dt>Ставка<\/dt><dd><strong>5,5 %<\/strong>/);
    expect(res.text).toMatch(/<dt>Срок<\/dt><dd><strong>36 месяцев<\/strong>/);
    const list = await page(`/?q=${encodeURIComponent('старыми сведениями')}`).expect(200);
    expect(list.text).toContain('<span class="badge unverified">1 из 1 сведения старше года или без даты</span>');
  });

  it('escapes every piece of content, in pages, highlights and JSON-LD', async () => {
    const created = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ title: { ru: '<script>alert(1)</script> грант </script><img src=x onerror=alert(2)>' } }),
    );
    const search = await page('/?q=alert').expect(200);
    expect(search.text).toContain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;');
    expect(search.text).not.toContain('<script>alert');
    expect(search.text).not.toContain('<img src=x');
    const programme = await page(`/programmes/${created.slug}`).expect(200);
    expect(programme.text).not.toContain('<script>alert');
    expect(programme.text).not.toContain('</script><img');
    expect(programme.text).toContain('\\u003cscript>alert(1)\\u003c/script>');
  });

  it('sends a Content-Security-Policy with a fresh nonce per response, which every script tag carries; no inline handlers', async () => {
    const res = await page('/').expect(200);
    const csp = res.headers['content-security-policy'];
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})' 'strict-dynamic'(;|$)/.exec(csp)![1];
    expect(csp).toMatch(/script-src-attr 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const scripts = [...res.text.matchAll(/<script[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await page('/').expect(200);
    expect(again.headers['content-security-policy']).not.toContain(nonce);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
    // no attribute named on…: attribute values (escaped text, such as a title in a label) are not attributes
    expect(res.text.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    await request(t.http)
      .get('/assets/site.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await request(t.http).get('/').set('Accept-Encoding', 'gzip').expect(200).expect('Content-Encoding', 'gzip');
    await request(t.http).get('/assets/site.css').expect(200).expect('Content-Type', /css/);
  });

  it('says "did you mean" for a typo, shows conditions at a glance, and offers sharing and alerts', async () => {
    const typo = await page('/?q=технополс').expect(200);
    expect(typo.text).toMatch(/Возможно, вы искали: <a href="\/\?q=[^"]+" data-nav>технополис<\/a>/);
    expect((await page('/?q=технополис').expect(200)).text).not.toContain('Возможно, вы искали');
    const all = await page('/').expect(200);
    // eligibility at a glance: two or three short conditions per card, never more
    expect(all.text).toMatch(/<span class="glance">(для МСП|компании от \d+ (года|лет)|нужен статус: [^<]+)<\/span>/);
    for (const glance of all.text.match(/<p class="card-glance">[\s\S]*?<\/p>/g) ?? [])
      expect((glance.match(/class="glance"/g) ?? []).length).toBeLessThanOrEqual(3);
    expect(all.text).toMatch(/<a href="\/" data-share data-copied="Ссылка скопирована">Поделиться ссылкой<\/a>/);
    expect(all.text).toContain('<form method="post" action="/alerts" class="alert-form">');
    const filtered = await page('/?supportType=premises&page=1').expect(200);
    expect(filtered.text).toContain('<input type="hidden" name="query" value="supportType=premises">');
    const programme = await page('/programmes/sme-premises').expect(200);
    expect(programme.text).toContain('<a href="/programmes/sme-premises" data-share');
  });

  it('asks the questionnaire and explains, per criterion, how each programme fits', async () => {
    const empty = await page('/match').expect(200);
    expect(empty.text).toContain('Подберите поддержку для своей компании');
    expect(empty.text).toContain('<select id="industry" name="industry">');
    expect(empty.text).toContain('Ответьте хотя бы на один вопрос');
    // one programme every answer below meets, with no condition left to check
    await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ applicantTypes: ['legal_entity'], objectives: ['reduce_taxes'], territories: ['moscow'] }),
    );
    const res = await page(
      '/match?applicantType=legal_entity&goal=reduce_taxes&territory=technopolis_moscow&companyAgeYears=&headcount=40',
    ).expect(200);
    expect(res.text).toMatch(/Подходят \d+, могут подойти \d+, не подходят \d+ из программ, которые принимают заявки/);
    // three groups with counts; the programmes that do not fit are folded away
    expect(res.text).toMatch(/<h3 class="match-group-title">Подходят: [1-9]\d*<\/h3>/);
    expect(res.text).toMatch(/<h3 class="match-group-title">Могут подойти — уточните условия: \d+<\/h3>/);
    expect(res.text).toMatch(
      /<details class="match-group match-group-does_not_fit">\s*<summary>\s*<h3 class="match-group-title">Не подходят: \d+<\/h3>/,
    );
    // submitting (and paging) lands on the results
    expect(res.text).toContain('<form method="get" action="/match#results"');
    expect(res.text).toContain('<section id="results"');
    // what to check is named, one line each
    expect(res.text).toContain('class="criterion criterion-met"');
    expect(cardsIn(res.text)).toBeGreaterThan(0);
    // the questionnaire takes an ОКВЭД 2 code and the statuses the company holds, "none" included
    expect(empty.text).toContain('<input id="okved" name="okved"');
    expect(empty.text).toContain('<input type="checkbox" name="statuses" value="none"');
    await page('/match?okved=62.01&statuses=none').expect(200);
    await page('/match?okved=6201').expect(400);
    expect(res.text).toContain('Помогает с целью «Снизить налоги».');
    expect(res.text).toContain('<input type="checkbox" name="goal" value="reduce_taxes" checked>');
    // the answers live in the URL: the language switch keeps them
    expect(res.text).toMatch(
      /href="\/match\?applicantType=legal_entity&amp;goal=reduce_taxes&amp;territory=technopolis_moscow&amp;headcount=40&amp;lang=en"/,
    );
    await page('/match?headcount=-3').expect(400);
  });

  it("marks search results with a questionnaire's verdict when its answers are in the URL", async () => {
    await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        applicantTypes: ['legal_entity'],
        sizes: ['medium'],
        industries: ['electronics'],
        objectives: ['reduce_taxes'],
      }),
    );
    const match = await page('/match?applicantType=legal_entity&size=medium&industry=electronics&goal=reduce_taxes').expect(200);
    const link = /<a href="(\/\?profile=[^"]+)">Посмотреть все программы с отметками в поиске<\/a>/
      .exec(match.text)![1]
      .replace(/&amp;/g, '&');
    // every programme on one page, so the one that fits is on it whatever other tests added
    const marked = await page(`${link}&perPage=100`).expect(200);
    expect(marked.text).toContain('На карточках отмечено, подходит ли программа вашей компании');
    expect(marked.text).toMatch(/<span class="badge fit fit-fits">подходит<\/span>/);
    expect((marked.text.match(/class="badge fit fit-/g) ?? []).length).toBe(cards(marked.text));
    // filters keep the answers
    expect(marked.text).toMatch(/<input type="hidden" name="profile" value="applicantType=legal_entity&amp;size=medium/);
    expect((await page('/?profile=headcount%3D-3').expect(400)).text).toContain(
      'The link has an error'.length ? 'В ссылке есть ошибка' : '',
    );
  });

  it('compares up to four programmes side by side, with every piece of their pages', async () => {
    const res = await page('/compare?slugs=sme-premises&slugs=moscow-technoparks,sme-consulting').expect(200);
    expect((res.text.match(/<th scope="col" class="compare-column-head">/g) ?? []).length).toBe(3);
    const title = (slug: string) => SHIPPED_PROGRAMMES.find((p) => p.slug === slug)!.title.ru.replace(/"/g, '&quot;');
    expect(res.text).toContain(title('sme-premises'));
    expect(res.text).toContain(title('sme-consulting'));
    for (const row of ['Приём заявок', 'Как действовать', 'Что вы получаете', 'Для кого', 'Как получить', 'Источники'])
      expect(res.text).toContain(`<th scope="row">${row}</th>`);
    // a row no programme has anything for is left out, not filled with "не указано"
    expect(res.text).not.toContain('<th scope="row">Ставка</th>');
    await page('/compare?slugs=a,b,c,d,e').expect(400);
    await page('/compare?slugs=sme-premises,sme-premises').expect(400);
    await page('/compare?slugs=no-such-programme').expect(404);
  });

  it("shows on the compare page everything the programme's own page says: facts with sources, past terms, steps, the way to act", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const created = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        title: { ru: 'Грант для сравнения', en: 'A grant to compare' },
        keyFacts: [
          {
            group: 'benefit',
            label: { ru: 'Грант' },
            value: { ru: 'до 3 млн ₽' },
            number: 3_000_000,
            unit: 'rub',
            asOf: today,
            source: 'card',
          },
          {
            group: 'benefit',
            label: { ru: 'Прежний грант' },
            value: { ru: 'до 1 млн ₽' },
            asOf: '2022-03-01',
            termsYear: 2022,
            source: 'news',
          },
          { group: 'eligibility', label: { ru: 'Кому' }, value: { ru: 'малым предприятиям' }, asOf: today, source: 'card' },
          { group: 'timing', label: { ru: 'Отбор' }, value: { ru: 'два раза в год' }, asOf: today, source: 'card' },
          { group: 'scale', label: { ru: 'Получили' }, value: { ru: '120 компаний' }, asOf: today, source: 'card' },
        ],
        eligibility: { checks: [{ ru: 'нет долгов по налогам', en: 'no tax debts' }], text: { ru: 'Для малого бизнеса Москвы.' } },
        timing: { availability: { kind: 'standing', source: 'card', asOf: today } },
        application: {
          applyUrl: 'https://www.mos.ru/grant-compare',
          applyUrlEn: 'https://www.mos.ru/en/grant-compare',
          contacts: { phone: '+7 (495) 777-77-77', email: 'grant@mos.ru' },
          requiredDocuments: [{ ru: 'Бизнес-план', en: 'Business plan' }],
          steps: [
            { text: { ru: 'Заполните анкету на mos.ru' }, url: 'https://www.mos.ru/grant-compare/form' },
            { text: { ru: 'Пройдите собеседование' } },
            { text: { ru: 'Подпишите соглашение' } },
          ],
        },
        curation: {
          sources: [
            {
              key: 'card',
              title: { ru: 'Страница гранта' },
              url: 'https://www.mos.ru/grant-compare',
              publisher: 'mos.ru',
              kind: 'official',
              publishedOn: today,
            },
            {
              key: 'news',
              title: { ru: 'Новость 2022 года' },
              url: 'https://rg.ru/2022/03/01/grant.html',
              publisher: 'Российская газета',
              kind: 'media',
              publishedOn: '2022-03-01',
            },
          ],
        },
      }),
    );
    const programme = (await page(`/programmes/${created.slug}`).expect(200)).text;
    const compare = (await page(`/compare?slugs=${created.slug},sme-premises`).expect(200)).text;
    // each piece of the programme page (facts with their source lines, steps, checks, contacts, sources, status) is on the compare page
    const pieces = (pattern: RegExp) => [...programme.matchAll(pattern)].map((m) => m[1].replace(/\s+/g, ' ').trim());
    const expected = [
      ...pieces(/<dd><strong>([^<]+)<\/strong>/g),
      ...pieces(/<span class="as-of">(?:<time[^>]*>)?([^<]+)</g),
      ...pieces(/<span class="badge past">([^<]+)<\/span>/g),
      ...pieces(/<ol class="steps">[\s\S]*?<li>([^<]+)/g),
      ...pieces(/<li>(проверьте: [^<]+)<\/li>/g),
      ...pieces(/<a href="(tel:[^"]+)"/g),
      ...pieces(/<a href="(mailto:[^"]+)"/g),
      ...pieces(/<span class="muted">\(([^)]+)\)<\/span><\/li>/g),
      ...pieces(/<p class="status-line"><strong>([^<]+)<\/strong>/g),
    ];
    expect(expected.length).toBeGreaterThan(15);
    const flat = compare.replace(/\s+/g, ' ');
    expect(expected.filter((piece) => !flat.includes(piece))).toEqual([]);
    // and what the reader decides by, named
    expect(compare).toContain('Заполните анкету на mos.ru');
    expect(compare).toContain('href="https://www.mos.ru/grant-compare/form"');
    expect(compare).not.toContain('Как подать заявку</th><td><span class="muted">не указано');
    expect(compare).toContain('<span class="badge past">условия 2022 года</span>');
    expect(compare).toContain('(СМИ; страница от 1 марта 2022 г.)');
    expect(compare).toContain(`href="/programmes/${created.slug}#source-card">по данным: mos.ru`);
    expect(compare).toContain('<th scope="row">Масштаб</th>');
    expect(compare).toContain('<th scope="row">Прошлые условия</th>');
    expect(compare).toContain('Бизнес-план');
    expect(compare).toContain(
      'href="https://www.mos.ru/grant-compare" rel="noopener" hreflang="ru">Подать заявку на официальном сайте</a>',
    );
    // the English comparison links to the English official page
    const en = (await page(`/compare?slugs=${created.slug}&lang=en`).expect(200)).text;
    expect(en).toContain('href="https://www.mos.ru/en/grant-compare" rel="noopener" hreflang="en">Apply on the official site</a>');
  });

  it('keeps the programmes picked to compare across searches and pages, without JavaScript', async () => {
    const agent = request.agent(t.http);
    const pick = (fields: Record<string, string>, status = 303) =>
      agent.post('/compare/selection').type('form').set('Accept', 'text/html').send(fields).expect(status);
    // nothing picked: a hint, no bar
    expect((await agent.get('/').expect(200)).text).toContain('Нажмите «Сравнить» у двух–четырёх программ');
    const added = await pick({ add: 'sme-premises', back: '/?supportType=premises#card-sme-premises' });
    expect(added.headers.location).toBe('/?supportType=premises#card-sme-premises');
    expect(String(added.headers['set-cookie'])).toMatch(/sn_compare=sme-premises;.*HttpOnly.*SameSite=Lax/);
    // another search, another page: the pick is still there, its toggle pressed, the bar counting it
    await pick({ add: 'mosprom-export-support', back: '/?q=экспорт' });
    const other = (await agent.get('/?perPage=5&page=2').expect(200)).text;
    expect(other).toContain('Выбрано для сравнения: 2 из 4');
    expect(other).toContain('href="/compare?slugs=sme-premises,mosprom-export-support">Сравнить (2)</a>');
    const premises = (await agent.get('/?supportType=premises').expect(200)).text;
    expect(premises).toMatch(/name="remove" value="sme-premises"[\s\S]*?aria-pressed="true"/);
    // four at most: a fifth is not added, and the other toggles are off
    await pick({ add: 'moscow-technoparks' });
    await pick({ add: 'sme-consulting' });
    await pick({ add: 'fasie-start' });
    const full = (await agent.get('/').expect(200)).text;
    expect(full).toContain('Выбрано для сравнения: 4 из 4');
    expect(full).toContain('Больше четырёх не сравнить');
    expect(full).toMatch(/aria-pressed="false"[^>]* disabled>/);
    expect(full).not.toMatch(/aria-pressed="false">/);
    expect(full).not.toContain('fasie-start">Сравнить');
    // the programme page shows it too, and can take one out
    const programmePage = (await agent.get('/programmes/sme-consulting').expect(200)).text;
    expect(programmePage).toMatch(/name="remove" value="sme-consulting"[\s\S]*?aria-pressed="true"/);
    await pick({ remove: 'sme-consulting', back: '/programmes/sme-consulting' });
    expect((await agent.get('/').expect(200)).text).toContain('Выбрано для сравнения: 3 из 4');
    // the script asks for the bar alone
    const bar = await agent
      .post('/compare/selection')
      .type('form')
      .set('X-Fragment', 'compare-bar')
      .send({ remove: 'moscow-technoparks' })
      .expect(200);
    expect(bar.text.trim()).toMatch(
      /^<div class="compare-bar compare-bar-active" data-compare-bar data-selected="sme-premises mosprom-export-support"/,
    );
    // never a redirect off the site; bad input is a 400, an unknown programme a 404
    expect((await pick({ clear: '1', back: '//evil.example/' })).headers.location).toBe('/');
    expect((await pick({ clear: '1', back: 'https://evil.example/' })).headers.location).toBe('/');
    expect((await agent.get('/').expect(200)).text).not.toContain('Выбрано для сравнения');
    await pick({ add: 'Not A Slug' }, 400);
    await pick({ add: 'no-such-programme' }, 404);
  });

  it('publishes any search as an Atom feed and its deadlines as iCalendar', async () => {
    const closesAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const created = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ title: { ru: 'Грант со сроком подачи' }, supportTypes: ['grant_subsidy'], ...round(null, closesAt) }),
    );
    const atom = await request(t.http).get('/feed.atom?supportType=grant_subsidy').expect(200);
    expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(atom.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.text).toContain('<title type="html"><![CDATA[Грант со сроком подачи]]></title>');
    // iCalendar folds long lines; unfold before reading
    const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
    const ics = await request(t.http).get('/deadlines.ics?supportType=grant_subsidy').expect(200);
    ics.text = unfold(ics.text);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.text).toContain('BEGIN:VEVENT');
    expect(ics.text).toContain('Окончание приёма заявок: Грант со сроком подачи');
    expect((ics.text.match(/BEGIN:VEVENT/g) ?? []).length).toBe(1);
    const one = await request(t.http).get(`/programmes/${created.slug}/deadline.ics?lang=en`).expect(200);
    expect(unfold(one.text)).toContain('SUMMARY:Applications close: Грант со сроком подачи');
    await request(t.http).get('/programmes/sme-premises/deadline.ics').expect(404);
    const programme = await page(`/programmes/${created.slug}`).expect(200);
    expect(programme.text).toContain(`href="/programmes/${created.slug}/deadline.ics"`);
    // the card says how long is left, in words
    const card = await page('/?q=' + encodeURIComponent('сроком подачи')).expect(200);
    // two weeks or less left: the badge warns
    expect(card.text).toMatch(/<span class="badge deadline deadline-soon">приём закончится через (9|10) дней<\/span>/);
  });

  it('answers bad addresses with HTML error pages, and the API still with JSON', async () => {
    const missing = await page('/programmes/no-such-programme').expect(404);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    expect(missing.text).toContain('Страница не найдена');
    // plain words in the page's language, never the API's English for developers
    expect(missing.text).toContain('Такой программы нет в каталоге');
    expect(missing.text).not.toMatch(/No programme|no-such-programme"/);
    expect(missing.text).toMatch(/укажите код обращения: [0-9a-f-]{36}/);
    const bad = await page('/?perPage=1000&lang=en').expect(400);
    expect(bad.text).toContain('This page could not be opened');
    expect(bad.text).toContain('The link has an error');
    expect(bad.text).not.toMatch(/perPage must|Invalid input/);
    const compare = await page('/compare').expect(400);
    expect(compare.text).toContain('Нечего сравнивать');
    expect(compare.text).toContain('нажмите «Сравнить» у одной–четырёх программ');
    expect(compare.text).not.toMatch(/Invalid input|must be an array|slugs/);
    const api = await request(t.http).get('/api/v1/programmes?perPage=1000').set('Accept', 'text/html').expect(400);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});
