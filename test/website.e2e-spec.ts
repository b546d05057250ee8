import request from 'supertest';
import { SEED_PROGRAMMES } from '@app/catalogue';
import { programmeInput } from '@app/testing';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, TestApp } from './support/test-app';

const SHIPPED = SEED_PROGRAMMES.length;
const cards = (html: string): number => (html.match(/<li class="card">/g) ?? []).length;
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
    // the landing chart: programmes taking applications now, by support type, each bar a link to that search
    expect(res.text).toContain('Сейчас принимают заявки');
    const infrastructure = SEED_PROGRAMMES.filter((p) => p.supportTypes.includes('infrastructure')).length;
    expect(res.text).toContain(
      `<a href="/?supportType=infrastructure&amp;status=open&amp;status=ongoing" aria-label="Показать: Инфраструктура для производства: ${infrastructure}">`,
    );
    const filtered = await page('/?supportType=premises').expect(200);
    expect(filtered.text).not.toContain('Сейчас принимают заявки');
  });

  it('filters, shows removable chips and a summary of active filters in words', async () => {
    const res = await page('/?supportType=concessional_loan').expect(200);
    expect(cards(res.text)).toBe(SEED_PROGRAMMES.filter((p) => p.supportTypes.includes('concessional_loan')).length);
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
    const res = await page('/?lang=en').expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain(`${SHIPPED} programmes found`);
    expect(res.text).toContain('Concessional loans and loan guarantees for small and medium businesses');
    expect(res.text).toContain('href="/?lang=en"');
  });

  it('returns only the results region for the script', async () => {
    const res = await request(t.http).get('/?supportType=premises').set('X-Fragment', 'results').expect(200);
    expect(res.text).not.toContain('<html');
    expect(res.text).toContain('<section class="results"');
    expect(res.headers.vary).toMatch(/X-Fragment/i);
  });

  it('shows a programme with its sections and schema.org JSON-LD', async () => {
    const res = await page('/programmes/technopolis-moscow-sez').expect(200);
    expect(res.text).toContain('<h1 >Резидентство в ОЭЗ «Технополис Москва»</h1>');
    const ld = JSON.parse(/<script type="application\/ld\+json" nonce="[^"]+">([^<]*)<\/script>/.exec(res.text)![1]);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      name: 'Резидентство в ОЭЗ «Технополис Москва»',
      url: 'https://technomoscow.com',
      provider: { name: 'ОЭЗ «Технополис Москва»', url: 'https://technomoscow.com' },
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
    expect(en.text).toContain('Residency in the Technopolis Moscow special economic zone');
    expect(en.text).toContain('2% until 2028, 7% in 2028–2032, 14.5% after 2032');
  });

  it('puts key facts with dates, numbered steps, the official apply button and dated sources on a programme page', async () => {
    const res = await page('/programmes/technopolis-moscow-sez').expect(200);
    const html = res.text;
    const section = (id: string) => new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)![1];
    // key facts first: what you get, for whom, the deadline, each fact with its "as of" date or an undated note
    const facts = section('key-facts');
    expect(html.indexOf('id="key-facts"')).toBeLessThan(html.indexOf('id="how"'));
    expect(facts).toContain('2% до 2028 года, 7% в 2028–2032 годах, 14,5% после 2032 года');
    expect(facts).toContain('0% в течение 10 лет');
    expect(facts).toContain('Срок не ограничен');
    expect(facts).toContain('<time datetime="2025-12-04">на 4 декабря 2025 г.</time>');
    expect(facts).toContain('дата источника не указана');
    expect(facts).toContain(
      '<a class="button primary" href="https://technomoscow.com" rel="noopener">Подать заявку на официальном сайте</a>',
    );
    // how to get it: numbered steps with their links
    const how = section('how');
    expect(how).toContain('<ol class="steps">');
    expect((how.match(/<li>/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(how).toContain('href="https://technomoscow.com/benefits"');
    // sources: publisher, the page's date (or "undated") and a link; facts link to their source
    const sources = section('sources');
    expect(sources).toContain('id="source-sites"');
    expect(sources).toContain('страница от 4 декабря 2025 г.');
    expect(sources).toContain('страница без даты');
    expect(sources).toContain('href="https://technomoscow.com/benefits"');
    expect(facts).toContain('href="#source-sites"');
    // a fresh entry is not marked as possibly out of date
    expect(html).not.toContain('Условия могли измениться');
    // printing gives a clean summary
    const css = await request(t.http).get('/assets/site.css').expect(200);
    expect(css.text).toMatch(/@media print \{[\s\S]*\.site-header[\s\S]*display: none/);
  });

  it('marks an entry whose newest source is older than the configured age as possibly out of date, and shows rate and term', async () => {
    const old = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({
        benefit: { ratePercent: 5.5, termMonths: 36 },
        curation: {
          sources: [
            {
              key: 'old',
              title: { ru: 'Условия 2022 года' },
              url: 'https://mos.ru/old-terms',
              publisher: 'mos.ru',
              publishedOn: '2022-03-30',
            },
          ],
        },
      }),
    );
    const res = await page(`/programmes/${old.slug}`).expect(200);
    expect(res.text).toContain('Самый новый источник датирован 30 марта 2022 г.');
    expect(res.text).toContain('Условия могли измениться');
    expect(res.text).toMatch(/<dt>Ставка<\/dt><dd><strong>5,5 %<\/strong>/);
    expect(res.text).toMatch(/<dt>Срок<\/dt><dd><strong>36 месяцев<\/strong>/);
    const list = await page(`/?q=${encodeURIComponent('Тестовая программа')}`).expect(200);
    expect(list.text).toContain('Сведения могут быть устаревшими');
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
    expect(res.text).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
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
    // what to check is one line per card, not a line per criterion
    expect((res.text.match(/class="criterion criterion-unknown"/g) ?? []).length).toBeLessThanOrEqual(cardsIn(res.text));
    expect(res.text).toContain('class="criterion criterion-met"');
    expect(res.text).toContain('Помогает с целью «Снизить налоги».');
    expect(res.text).toContain('<input type="checkbox" name="goal" value="reduce_taxes" checked>');
    // the answers live in the URL: the language switch keeps them
    expect(res.text).toMatch(
      /href="\/match\?applicantType=legal_entity&amp;goal=reduce_taxes&amp;territory=technopolis_moscow&amp;headcount=40&amp;lang=en"/,
    );
    await page('/match?headcount=-3').expect(400);
  });

  it("marks search results with a questionnaire's verdict when its answers are in the URL", async () => {
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

  it('compares up to four programmes side by side', async () => {
    const res = await page('/compare?slugs=sme-premises&slugs=moscow-technoparks,sme-consulting').expect(200);
    expect((res.text.match(/<th scope="col">/g) ?? []).length).toBe(4);
    expect(res.text).toContain('Помещения для малого и среднего бизнеса');
    expect(res.text).toContain('Консультации и обучение для предпринимателей');
    // rate, term and sources rows
    expect(res.text).toContain('<th scope="row">Источники</th>');
    await page('/compare?slugs=a,b,c,d,e').expect(400);
    await page('/compare?slugs=sme-premises,sme-premises').expect(400);
    await page('/compare?slugs=no-such-programme').expect(404);
    const search = await page('/').expect(200);
    expect(search.text).toContain('<form method="get" action="/compare"');
    expect(search.text).toContain('name="slugs" value="sme-premises"');
  });

  it('publishes any search as an Atom feed and its deadlines as iCalendar', async () => {
    const closesAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const created = await createProgrammeViaApi(
      t.http,
      editor,
      programmeInput({ title: { ru: 'Грант со сроком подачи' }, supportTypes: ['grant_subsidy'], timing: { closesAt } }),
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
    expect(compare.text).toContain('отметьте от одной до четырёх');
    expect(compare.text).not.toMatch(/Invalid input|must be an array|slugs/);
    const api = await request(t.http).get('/api/v1/programmes?perPage=1000').set('Accept', 'text/html').expect(400);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});
