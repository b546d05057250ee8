/**
 * The shipped catalogue: real Moscow programmes, written in our own words from
 * the facts in shared/facts/moscow-programmes.md. Every figure carries the source
 * it comes from and the date that page shows; where the sources disagree the
 * newer figure is used and both sources are kept; where nothing reliable was
 * found the entry says so instead of guessing. No amount, rate, date, link or
 * contact is invented, and "apply" links lead only to official sites.
 *
 * CATALOGUE_RELEASE goes up whenever an entry here changes: on start (and with
 * `cli seed`) entries no editor has touched are brought up to the new release,
 * and entries an editor has changed get a suggested update instead.
 */
import { fact, MLN, source, step } from './seed-builders';

export const CATALOGUE_RELEASE = 2;

export interface SeedOrganisation {
  slug: string;
  name: { ru: string; en: string };
  url: string | null;
}

export const SEED_ORGANISATIONS: SeedOrganisation[] = [
  { slug: 'moscow-government', name: { ru: 'Правительство Москвы', en: 'Moscow City Government' }, url: 'https://mos.ru' },
  {
    slug: 'technopolis-moscow',
    name: { ru: 'ОЭЗ «Технополис Москва»', en: 'Technopolis Moscow special economic zone' },
    url: 'https://technomoscow.com',
  },
  { slug: 'mosprom', name: { ru: 'Центр «Моспром»', en: 'Mosprom Centre' }, url: null },
  {
    slug: 'moscow-innovation-cluster',
    name: { ru: 'Московский инновационный кластер', en: 'Moscow Innovation Cluster' },
    url: 'https://i.moscow',
  },
  {
    slug: 'moscow-investment-industrial-policy',
    name: { ru: 'Департамент инвестиционной и промышленной политики Москвы', en: 'Moscow Department of Investment and Industrial Policy' },
    url: 'https://support.prommoscow.info',
  },
  {
    slug: 'moscow-entrepreneurship-innovation',
    name: {
      ru: 'Департамент предпринимательства и инновационного развития Москвы',
      en: 'Moscow Department of Entrepreneurship and Innovative Development',
    },
    url: null,
  },
  {
    slug: 'moscow-industry-fund',
    name: {
      ru: 'Московский фонд поддержки промышленности и предпринимательства',
      en: 'Moscow Fund for Support of Industry and Entrepreneurship',
    },
    url: null,
  },
  {
    slug: 'moscow-innovation-agency',
    name: { ru: 'Агентство инноваций Москвы', en: 'Moscow Innovation Agency' },
    url: 'https://innoagency.ru',
  },
  { slug: 'moscow-export-center', name: { ru: 'Московский экспортный центр', en: 'Moscow Export Center' }, url: null },
  { slug: 'moscow-guarantee-fund', name: { ru: 'Московский гарантийный фонд', en: 'Moscow Guarantee Fund' }, url: null },
];

const ALL_SIZES = ['micro', 'small', 'medium', 'large'];
const SME_SIZES = ['micro', 'small', 'medium'];
const MANUFACTURING = ['manufacturing', 'electronics', 'pharmaceuticals', 'medical_devices', 'batteries', 'elevators', 'electric_vehicles'];
const COMPANIES = ['legal_entity', 'sole_trader'];

// ---- 1. Technopolis Moscow SEZ ----
const sezBenefits = source(
  'benefits',
  'technomoscow.com',
  'https://technomoscow.com/benefits',
  null,
  'ОЭЗ «Технополис Москва»: льготы резидентам',
  'Technopolis Moscow SEZ: benefits for residents',
);
const sezRequirements = source(
  'requirements',
  'technomoscow.com',
  'http://technomoscow.com/benefits',
  null,
  'ОЭЗ «Технополис Москва»: требования к резидентам (прежняя версия страницы)',
  'Technopolis Moscow SEZ: requirements for residents (earlier copy of the page)',
);
const sezInvestPortal = source(
  'investmoscow',
  'en.investmoscow.ru',
  'https://en.investmoscow.ru/industry-and-innovation/oez-of-moscow/',
  null,
  'Инвестиционный портал Москвы: ОЭЗ Москвы',
  'Moscow investment portal: Moscow SEZ',
);
const sezPress = source(
  'press',
  'investmoscow.ru',
  'https://investmoscow.ru/press-center/news-article/?article=295776',
  null,
  'Инвестиционный портал Москвы, пресс-центр: льготы резидентов ОЭЗ',
  'Moscow investment portal, press centre: SEZ residents’ tax breaks',
);
const sezScale = source(
  'scale',
  'Москва 24',
  'https://www.m24.ru/videos/mehr-Moskvy/18012026/864837',
  '2026-01-18',
  '20 лет ОЭЗ «Технополис Москва»',
  'Twenty years of Technopolis Moscow SEZ',
);
const sezSites = source(
  'sites',
  '360.ru',
  'https://360.ru/news/moskva/liksutov-tehnopolis-moskva-v-pjatyj-raz-podrjad-vozglavila-rejting-rossijskih-oez/',
  '2025-12-04',
  '«Технополис Москва» в пятый раз возглавила рейтинг ОЭЗ',
  'Technopolis Moscow tops the SEZ rating for the fifth time',
);
const sezPlan = source(
  'plan',
  'ТАСС',
  'https://tass.ru/ekonomika/25415795',
  '2025-10-22',
  'Планы развития ОЭЗ до 2030 года',
  'Plans for the SEZ to 2030',
);
const sezLaw = source(
  'law',
  'fzakon.ru',
  'https://fzakon.ru/amp/laws/federalnyy-zakon-ot-22.07.2005-n-116-fz/statya-13',
  null,
  'Федеральный закон № 116-ФЗ «Об особых экономических зонах», статья 13',
  'Federal Law 116-FZ on special economic zones, article 13',
);
// older figures the newer ones replace (the sources disagree; both are kept)
const sezSize2017 = source(
  'size-2017',
  'iz.promo.vg',
  'https://iz.promo.vg/650918/marina-kochetova/moskva-rasshiriaet-lgoty-innovatcionnomu-biznesu',
  null,
  'Площадь ОЭЗ в 2017 году: 207,5 га (более ранние данные)',
  'SEZ area in 2017: 207.5 ha (earlier figure)',
);
const sezSize280 = source(
  'size-280',
  'coollifehack.ru',
  'https://coollifehack.ru/liksytov-soobshil-o-planah-rasshirit-ploshad-oez-tehnopolis-moskva-k-2030-gody.html',
  null,
  'Площадь ОЭЗ 280 га и планы до 2030 года (более ранние данные)',
  'SEZ area of 280 ha and plans to 2030 (earlier figure)',
);
const sezResidents2024 = source(
  'residents-2024',
  'РИАМО',
  'https://riamo.ru/news/ekonomika/svyshe-100-kompanij-yavlyayutsya-rezidentami-oez-tehnopolis-moskva',
  null,
  'Свыше 100 компаний — резиденты ОЭЗ (≈2024)',
  'Over 100 companies are SEZ residents (≈2024)',
);
const sezRate = source(
  'rate-2025',
  'Новости Mail',
  'https://news.mail.ru/economics/67909533/',
  '2025-09-16',
  'Базовая ставка налога на прибыль с 2025 года — 25%',
  'The base profit-tax rate is 25% from 2025',
);

const technopolis = {
  slug: 'technopolis-moscow-sez',
  provider: 'technopolis-moscow',
  title: { ru: 'Резидентство в ОЭЗ «Технополис Москва»', en: 'Residency in the Technopolis Moscow special economic zone' },
  summary: {
    ru: 'Производители электроники, лекарств, аккумуляторов, лифтов и электромобилей — резиденты особой экономической зоны — 10 лет не платят налоги на имущество, землю и транспорт, платят налог на прибыль от 2% и ввозят оборудование без НДС и пошлин.',
    en: 'Makers of electronics, medicines, batteries, elevators and electric vehicles resident in the special economic zone pay no property, land or transport tax for 10 years, profit tax from 2%, and import equipment free of VAT and duty.',
  },
  description: {
    ru: 'Технико-внедренческая особая экономическая зона Москвы: 10 площадок общей площадью 392 га, где выпускают микроэлектронику, лекарства, аккумуляторы, лифты и электромобили. Резидентом становится компания, которая зарегистрирована в районе размещения зоны и заключила соглашение о деятельности в ней. Сайт ОЭЗ сравнивает льготную ставку налога на прибыль с обычной ставкой 20%; с 2025 года базовая ставка выросла до 25%, а сведений о том, менялся ли график 2% / 7% / 14,5%, мы не нашли.',
    en: 'Moscow’s technology-innovation special economic zone: 10 sites covering 392 ha that make microelectronics, medicines, batteries, elevators and electric vehicles. A company becomes a resident by registering in the zone’s district and signing an agreement on its activity there. The zone’s site compares its profit-tax rate with a regular 20%; the base rate rose to 25% in 2025, and we found no source on whether the 2% / 7% / 14.5% schedule changed.',
  },
  supportTypes: ['tax_relief', 'infrastructure'],
  applicantTypes: COMPANIES,
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [
    'electronics',
    'pharmaceuticals',
    'medical_devices',
    'batteries',
    'elevators',
    'electric_vehicles',
    'information_technology',
    'manufacturing',
    'research',
  ],
  objectives: ['reduce_taxes', 'build_production'],
  territories: ['moscow', 'technopolis_moscow'],
  benefit: {
    text: {
      ru: 'Налоговые льготы на 10 лет, свободная таможенная зона, льготная аренда земли с правом выкупа, бесплатное подключение к сетям.',
      en: 'Ten years of tax breaks, a free customs zone, reduced land rent with the right to buy the plot, and free utility connections.',
    },
    taxReductions: [
      { tax: 'property', fromPercent: 2, toPercent: 0, years: 10 },
      { tax: 'land', fromPercent: 1.5, toPercent: 0, years: 10 },
      { tax: 'transport', fromPercent: null, toPercent: 0, years: 10 },
      { tax: 'profit', fromPercent: null, toPercent: 2, years: null },
    ],
  },
  keyFacts: [
    fact(
      'benefit',
      sezBenefits,
      ['Налоги на имущество, землю и транспорт', 'Property, land and transport tax'],
      [
        '0% в течение 10 лет (обычно: имущество 2%, земля 1,5%, транспорт до 150 ₽ за л. с.)',
        '0% for 10 years (regular rates: property 2%, land 1.5%, transport up to RUB 150 per hp)',
      ],
      { number: 0, unit: 'percent' },
    ),
    fact(
      'benefit',
      sezBenefits,
      ['Налог на прибыль (с федеральной частью)', 'Profit tax (including the federal part)'],
      ['2% до 2028 года, 7% в 2028–2032 годах, 14,5% после 2032 года', '2% until 2028, 7% in 2028–2032, 14.5% after 2032'],
      { number: 2, unit: 'percent' },
    ),
    fact(
      'benefit',
      sezBenefits,
      ['Таможня', 'Customs'],
      [
        'Свободная таможенная зона: товары и оборудование ввозятся без НДС и пошлин; свой таможенный пост',
        'Free customs zone: goods and equipment enter free of VAT and import duty; the zone has its own customs post',
      ],
    ),
    fact(
      'benefit',
      sezBenefits,
      ['Аренда и выкуп земли', 'Land rent and purchase'],
      [
        '2% кадастровой стоимости с коэффициентом 0,4 (1-й год) — 0,7 (4–8-й годы); после ввода объекта участок можно выкупить за 1% кадастровой стоимости',
        '2% of cadastral value times 0.4 (year 1) to 0.7 (years 4–8); once the building is commissioned the plot can be bought for 1% of cadastral value',
      ],
    ),
    fact(
      'benefit',
      sezInvestPortal,
      ['Инфраструктура', 'Infrastructure'],
      [
        'Электричество, вода, канализация и тепло подключаются бесплатно',
        'Electricity, water, sewage and heat are connected free of charge',
      ],
    ),
    fact(
      'eligibility',
      sezRequirements,
      ['Кто может стать резидентом', 'Who can become a resident'],
      [
        'ИП или коммерческая организация (не унитарное предприятие), зарегистрированная в районе размещения ОЭЗ (Печатники, ИФНС № 23), без филиалов вне зоны',
        'A sole trader or commercial company (not a unitary enterprise) registered in the zone’s district (Pechatniki, tax office No. 23), with no branches outside the zone',
      ],
    ),
    fact(
      'eligibility',
      sezRequirements,
      ['Инвестиции на новой площадке', 'Investment on a greenfield site'],
      [
        '250 млн ₽ на гектар за 5 лет; выручка 300 млн ₽ на гектар в год',
        'RUB 250m per hectare over 5 years; revenue of RUB 300m per hectare a year',
      ],
      { number: 250 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      sezRequirements,
      ['Инвестиции в существующих зданиях', 'Investment in existing buildings'],
      ['50 000 ₽ на м²; выручка 200 000 ₽ на м² в год', 'RUB 50,000 per m²; revenue of RUB 200,000 per m² a year'],
      { number: 50_000, unit: 'rub' },
    ),
    fact('eligibility', sezRequirements, ['Средняя зарплата', 'Average salary'], ['68 176 ₽', 'RUB 68,176'], {
      number: 68_176,
      unit: 'rub',
    }),
    fact('timing', sezBenefits, ['Приём заявок', 'Applications'], ['Постоянно, срок не объявлен', 'Ongoing, no deadline announced']),
    fact('scale', sezSites, ['Площадь', 'Area'], ['10 площадок, 392 га', '10 sites, 392 ha'], { number: 392, unit: 'hectares' }),
    fact(
      'scale',
      sezScale,
      ['Компании и рабочие места', 'Companies and jobs'],
      ['Более 240 компаний и 30 000 рабочих мест', 'More than 240 companies and 30,000 jobs'],
    ),
    fact(
      'scale',
      sezPlan,
      ['План до 2030 года', 'Plan to 2030'],
      ['Площади вырастут в 3,5 раза, более 90 000 новых рабочих мест', 'Floor space to grow 3.5 times, more than 90,000 new jobs'],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Компания или ИП, зарегистрированные в районе размещения ОЭЗ, без филиалов за её пределами, готовые выполнить требования к инвестициям, выручке и зарплате и заключить соглашение о деятельности в зоне.',
      en: 'A company or sole trader registered in the zone’s district, with no branches outside it, ready to meet the investment, revenue and salary thresholds and to sign an agreement on its activity in the zone.',
    },
    criteria: { applicantTypes: COMPANIES, territories: ['moscow'] },
  },
  application: {
    applyUrl: 'https://technomoscow.com',
    steps: [
      step(
        'Сверьте проект с требованиями к резидентам: инвестиции, выручка и средняя зарплата.',
        'Check the project against the residents’ thresholds: investment, revenue and average salary.',
        'https://technomoscow.com/benefits',
      ),
      step(
        'Зарегистрируйте компанию в районе размещения ОЭЗ (Печатники, ИФНС № 23); филиалов вне зоны быть не должно.',
        'Register the company in the zone’s district (Pechatniki, tax office No. 23); it must have no branches outside the zone.',
      ),
      step(
        'Подайте заявку на соглашение о промышленно-производственной или технико-внедренческой деятельности: опишите деятельность, нужное имущество, площадь участка и объём инвестиций.',
        'Apply for an agreement on industrial-production or technology-development activity, describing the activity, the property needed, the land area and the planned investment.',
      ),
      step(
        'Подпишите соглашение — с ним компания становится резидентом и получает льготы.',
        'Sign the agreement: with it the company becomes a resident and gets the benefits.',
      ),
    ],
    requiredDocuments: [
      {
        ru: 'Заявка на заключение соглашения с описанием деятельности, нужного имущества, площади участка и инвестиций',
        en: 'An application for the activity agreement describing the activity, the property needed, the land area and the investment',
      },
    ],
  },
  curation: {
    sources: [
      sezBenefits,
      sezRequirements,
      sezInvestPortal,
      sezPress,
      sezScale,
      sezSites,
      sezPlan,
      sezLaw,
      sezRate,
      sezSize2017,
      sezSize280,
      sezResidents2024,
    ],
  },
};

// ---- 2. Moscow technoparks ----
const parkPage = source(
  'i-moscow',
  'i.moscow',
  'https://i.moscow/techpark_eng2',
  null,
  'Технопарки Москвы: статус и льготы',
  'Moscow technoparks: status and benefits',
);
const parkRules = source(
  'rules',
  'docs.cntd.ru',
  'https://docs.cntd.ru/document/537988465/titles/8P00LT',
  '2023-12-05',
  'Постановление Правительства Москвы № 2273-ПП: порядок присвоения статусов (редакция с 5 декабря 2023 г.)',
  'Moscow Government decree 2273-PP: how statuses are granted (in force from 5 December 2023)',
);
const parkCount = source(
  'count',
  'НСН',
  'https://nsn.fm/novosti-moskvy/sergei-sobyanin-v-2025-godu-v-moskve-vveli-v-ekspluatatsiu-chetyre-tehnoparka',
  '2026-01-12',
  'В 2025 году в Москве открылись четыре технопарка',
  'Four technoparks opened in Moscow in 2025',
);
const parkRent = source(
  'rent',
  'Москва 24',
  'https://www.m24.ru/news/ehkonomika/16012026/864418',
  '2026-01-16',
  'Технопарки и промкомплексы сэкономили на аренде земли',
  'Technoparks and industrial complexes saved on land rent',
);
const parkPremises = source(
  'premises',
  'BFM.ru',
  'https://www.bfm.ru/amp/news/298128',
  null,
  'Льготная аренда городских помещений в технопарках',
  'Preferential rent of city premises in technoparks',
);
const parkRequirements = source(
  'requirements',
  'en.investmoscow.ru',
  'https://en.investmoscow.ru/industry-and-innovation/support-measures/priority-projects/ipp/requirements',
  null,
  'Требования к технопаркам',
  'Requirements for technoparks',
);
const parkArea = source(
  'area-video',
  'Москва 24',
  'https://www.m24.ru/videos/mehr-Moskvy/12012026/862782',
  '2026-01-12',
  'Почти 3 млн м² в технопарках (другая оценка того же дня)',
  'Almost 3 million m² in technoparks (another figure from the same day)',
);
const parkResidents = source(
  'residents',
  'ru-main.ru',
  'https://ru-main.ru/moscow-authorities-to-pay-subsidies-to-technology-parks-residents/',
  '2020-03-07',
  'Субсидии резидентам технопарков',
  'Subsidies for technopark residents',
);

const technoparks = {
  slug: 'moscow-technoparks',
  provider: 'moscow-investment-industrial-policy',
  title: { ru: 'Технопарки Москвы: статус технопарка и резидентство', en: 'Moscow technoparks: technopark status and residency' },
  summary: {
    ru: 'Управляющая компания технопарка получает налоговые льготы, аренду земли за 0,01% кадастровой стоимости и субсидии до 300 млн ₽; компании-резиденты — помещения и городскую поддержку.',
    en: 'A technopark’s managing company gets tax breaks, land rent at 0.01% of cadastral value and subsidies of up to RUB 300m; resident companies get space and city support.',
  },
  description: {
    ru: 'В Москве 49 технопарков: в них работают более 2 300 компаний и 76 000 человек, площадь — 2,7 млн м², и почти все помещения заняты. Статус технопарка присваивает Межведомственная комиссия Правительства Москвы по заявке в Департамент инвестиционной и промышленной политики, на 10 лет с ежегодным подтверждением. Льготами города пользуются и управляющая компания, и резиденты технопарка.',
    en: 'Moscow has 49 technoparks with more than 2,300 companies and 76,000 people on 2.7 million m², and almost all space is taken. The status is granted by the Moscow Government’s interdepartmental commission on an application to the Department of Investment and Industrial Policy, for 10 years with yearly confirmation. Both the managing company and the park’s residents can use the city’s support.',
  },
  supportTypes: ['tax_relief', 'grant_subsidy', 'premises', 'infrastructure'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: ['research', 'information_technology', ...MANUFACTURING],
  objectives: ['reduce_taxes', 'find_premises', 'build_production', 'get_financing'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Для управляющей компании: льготы по налогам на прибыль, имущество и землю, аренда земли за 0,01% кадастровой стоимости и городские субсидии. Для резидентов: городские помещения на льготных условиях.',
      en: 'For the managing company: profit, property and land tax breaks, land rent at 0.01% of cadastral value and city subsidies. For residents: city premises on preferential terms.',
    },
    taxReductions: [
      { tax: 'profit', fromPercent: 20, toPercent: 16.5, years: 10 },
      { tax: 'property', fromPercent: 2.2, toPercent: 0, years: 10 },
    ],
  },
  keyFacts: [
    fact(
      'benefit',
      parkPage,
      ['Налоги управляющей компании', 'Managing company’s taxes'],
      [
        'Налог на прибыль 20% → 16,5%; налог на имущество 2,2% → 0; земельный налог 1,5% → 0,7% от исчисленного',
        'Profit tax 20% → 16.5%; property tax 2.2% → 0; land tax 1.5% → 0.7% of the amount calculated',
      ],
    ),
    fact(
      'benefit',
      parkPage,
      ['Аренда земли', 'Land rent'],
      ['0,01% кадастровой стоимости вместо 1,5%', '0.01% of cadastral value instead of 1.5%'],
      { number: 0.01, unit: 'percent' },
    ),
    fact(
      'benefit',
      parkPage,
      ['Субсидия на имущественный комплекс', 'Subsidy for the property complex'],
      ['до 300 млн ₽ на создание и развитие', 'up to RUB 300m to create and develop it'],
      { number: 300 * MLN, unit: 'rub' },
    ),
    fact('benefit', parkPage, ['Субсидия на подключение к сетям', 'Subsidy for utility connections'], ['до 100 млн ₽', 'up to RUB 100m'], {
      number: 100 * MLN,
      unit: 'rub',
    }),
    fact(
      'benefit',
      parkPage,
      ['Субсидия на проценты по кредитам или оборудование', 'Subsidy for loan interest or equipment'],
      ['до 200 млн ₽', 'up to RUB 200m'],
      { number: 200 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      parkPremises,
      ['Городские помещения для резидентов', 'City premises for residents'],
      [
        '1 ₽ за объект в первый год, если арендатор отремонтирует или оснастит помещение; 3 500 ₽ за м² во второй год; дальше — рыночная ставка',
        'RUB 1 per object in the first year if the tenant refurbishes or equips it; RUB 3,500 per m² in year two; the market rate after that',
      ],
    ),
    fact(
      'eligibility',
      parkPage,
      ['Управляющая компания', 'Managing company'],
      [
        'Налогоплательщик Москвы без долгов по налогам, не в ликвидации или банкротстве, участник Московского инновационного кластера; не больше 20% площади у непрофильных арендаторов',
        'A Moscow taxpayer with no tax arrears, not in liquidation or bankruptcy, a Moscow Innovation Cluster participant; at most 20% of the area let to non-core tenants',
      ],
    ),
    fact(
      'eligibility',
      parkRequirements,
      ['Площадка', 'Site'],
      [
        'Плотность от 8 000 м² на га; от 10 000 м² (здания целиком) или 5 000 м² (части зданий); центр коллективного пользования, коворкинг, инжиниринговый или прототипный центр',
        'Density of at least 8,000 m² per ha; at least 10,000 m² (whole buildings) or 5,000 m² (parts of buildings); shared infrastructure such as a shared-use, coworking, engineering or prototyping centre',
      ],
    ),
    fact('timing', parkRules, ['Срок статуса', 'Status term'], ['10 лет, подтверждается ежегодно', '10 years, confirmed every year'], {
      number: 10,
      unit: 'years',
    }),
    fact(
      'scale',
      parkCount,
      ['Технопарков в Москве', 'Technoparks in Moscow'],
      ['49; более 2 300 компаний и 76 000 человек; 2,7 млн м²', '49, with more than 2,300 companies and 76,000 people on 2.7 million m²'],
      { number: 49, unit: 'count' },
    ),
    fact(
      'scale',
      parkRent,
      ['Экономия на аренде земли в 2025 году', 'Land-rent savings in 2025'],
      [
        'Более 300 млн ₽ у 20 технопарков и промкомплексов со статусом ИПП',
        'More than RUB 300m for 20 technoparks and industrial complexes with priority-project status',
      ],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Статус получает управляющая компания площадки — налогоплательщик Москвы без налоговых долгов, участник Московского инновационного кластера, работающая в управлении недвижимостью, исследованиях, испытаниях, ИКТ или производстве (кроме табачного). Компании, которым нужно помещение, становятся резидентами действующих технопарков.',
      en: 'The status goes to a site’s managing company: a Moscow taxpayer with no tax arrears, a Moscow Innovation Cluster participant, working in property management, research, testing, ICT or manufacturing (not tobacco). Companies that need space become residents of existing technoparks.',
    },
    criteria: { applicantTypes: ['legal_entity'], territories: ['moscow'], requiredStatuses: ['innovation_cluster_member'] },
  },
  application: {
    applyUrl: 'https://i.moscow/techpark_eng2',
    steps: [
      step(
        'Проверьте требования к площадке и управляющей компании на странице программы.',
        'Check the site and managing-company requirements on the programme page.',
        'https://i.moscow/techpark_eng2',
      ),
      step(
        'Станьте участником Московского инновационного кластера на i.moscow, если ещё не стали.',
        'Join the Moscow Innovation Cluster on i.moscow if you have not yet.',
        'https://i.moscow',
      ),
      step(
        'Подайте заявку в Департамент инвестиционной и промышленной политики; к документам прикладывают копии не меньше двух договоров аренды.',
        'Apply to the Department of Investment and Industrial Policy; the documents include copies of at least two lease agreements.',
      ),
      step(
        'Департамент направляет экспертные заключения и акт осмотра площадки в Межведомственную комиссию, которая присваивает статус.',
        'The department sends expert opinions and a site-inspection report to the interdepartmental commission, which grants the status.',
      ),
      step(
        'Компании, которой нужно помещение, — найти свободные площади через сервис аренды на странице технопарков i.moscow.',
        'A company looking for space: find it through the premises-for-rent service on the i.moscow technopark page.',
        'https://i.moscow/techpark_eng2',
      ),
    ],
    requiredDocuments: [
      { ru: 'Копии не меньше двух договоров аренды с резидентами', en: 'Copies of at least two lease agreements with residents' },
    ],
  },
  curation: { sources: [parkPage, parkRules, parkCount, parkRent, parkPremises, parkRequirements, parkResidents, parkArea] },
};

// ---- 3. Important products and research, 2026 ----
const irPledge = source(
  'pledge',
  'Москва 24',
  'https://www.m24.ru/news/mehr-Moskvy/22102025/840345',
  '2025-10-22',
  'Москва продолжит поддержку высокотехнологичных предприятий в 2026 году',
  'Moscow will keep supporting high-tech enterprises in 2026',
);
const irLoans = source(
  'interest',
  'Новости Mail',
  'https://news.mail.ru/society/69055563/',
  '2025-12-11',
  'Компенсация процентов по инвестиционным кредитам промышленных предприятий',
  'Compensation of interest on industrial investment loans',
);
const irPurposes = source(
  'purposes',
  'Москва 24',
  'https://www.m24.ru/videos/mehr-Moskvy/11122025/855026',
  '2025-12-11',
  'На что можно направить кредит с компенсацией процентов',
  'What a loan with compensated interest can pay for',
);
const irCap = source(
  'cap',
  'kapotnya.mirtesen.ru',
  'https://kapotnya.mirtesen.ru/blog/43355239827/Sobyanin-rasshiril-meryi-podderzhki-promyishlennyih-predpriyatiy',
  null,
  'Расширены меры поддержки промышленных предприятий',
  'Support for industrial enterprises extended',
);
const irImport = source(
  'import',
  'НСН',
  'https://nsn.fm/economy/sobyanin-uchredil-granty-na-sozdanie-importozameschauschih-proizvodstv-v-moskve',
  null,
  'Гранты на создание импортозамещающих производств',
  'Grants for import-substituting production',
);
const irTools = source(
  'tools',
  'РИА Новости',
  'https://ria.ru/20260208/predpriyatiya-2072991167.html',
  '2026-02-08',
  '20 финансовых и нефинансовых инструментов для наукоёмких производств',
  'Twenty financial and non-financial instruments for science-intensive production',
);

const importantProducts = {
  slug: 'important-products-and-research-2026',
  provider: 'moscow-industry-fund',
  title: {
    ru: 'Поддержка выпуска важной продукции и научных исследований в 2026 году: компенсация процентов по кредитам',
    en: 'Support in 2026 for important products and research: compensated loan interest',
  },
  summary: {
    ru: 'Город продолжает в 2026 году финансовую поддержку высокотехнологичных и промышленных предприятий: главный инструмент — компенсация процентов по инвестиционным кредитам через МФППиП.',
    en: 'In 2026 the city keeps funding high-tech and industrial enterprises; the main instrument is compensation of interest on investment loans through the Moscow Fund for Support of Industry and Entrepreneurship.',
  },
  description: {
    ru: 'Единой программы с таким названием нет: это обещание города на 2026 год, за которым стоят конкретные инструменты — прежде всего компенсация процентов по инвестиционным кредитам (с 2022 года её получили более 170 компаний). Точные ставки и лимиты на 2026 год в найденных источниках не опубликованы; условия ниже — по данным прошлых лет.',
    en: 'There is no single programme by this name: it is the city’s commitment for 2026, backed by concrete instruments, above all compensation of interest on investment loans (more than 170 companies have used it since 2022). Exact 2026 rates and limits were not published in the sources we found; the terms below are from earlier years.',
  },
  supportTypes: ['grant_subsidy', 'concessional_loan'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [...MANUFACTURING, 'research'],
  objectives: ['get_financing', 'build_production'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Город возмещает часть процентов по кредитам на оборудование, строительство инфраструктуры, программное обеспечение или лизинг.',
      en: 'The city pays back part of the interest on loans for equipment, infrastructure construction, software or leasing.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      irPurposes,
      ['Что компенсируют', 'What is compensated'],
      [
        'Проценты по кредитам на новое оборудование, строительство инфраструктуры, ПО или лизинг',
        'Interest on loans for new equipment, infrastructure construction, software or leasing',
      ],
    ),
    fact(
      'benefit',
      irCap,
      ['Предел компенсации по кредитам на оборудование и права на ИС', 'Ceiling on compensation for equipment and IP loans'],
      [
        'По ставке кредита, но не выше ключевой ставки Банка России; до 100 млн ₽ на компанию в год',
        'At the loan rate, capped at the Bank of Russia key rate; up to RUB 100m per company a year',
      ],
      { number: 100 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      irImport,
      ['Грант на импортозамещающее производство (≈2022)', 'Import-substitution production grant (≈2022)'],
      [
        'До 100 млн ₽ и до 50% затрат на здания и оборудование, 25% — авансом; для компаний любого размера',
        'Up to RUB 100m and up to 50% of the cost of buildings and equipment, 25% paid in advance; for companies of any size',
      ],
      { number: 100 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      irLoans,
      ['Кто получает', 'Who gets it'],
      [
        'Промышленные предприятия ключевых отраслей, взявшие инвестиционный кредит',
        'Industrial enterprises in key sectors that have taken an investment loan',
      ],
    ),
    fact(
      'timing',
      irLoans,
      ['2026 год', '2026'],
      ['Поддержка продолжится; ставки и лимиты на 2026 год не названы', 'Support continues; 2026 rates and limits not announced'],
    ),
    fact(
      'scale',
      irLoans,
      ['Итоги за 4 года', 'Four-year results'],
      [
        'Более 170 компаний, привлечено около 300 млрд ₽, куплено более 1 600 единиц оборудования',
        'More than 170 companies, about RUB 300bn raised, over 1,600 units of equipment bought',
      ],
    ),
    fact(
      'scale',
      irTools,
      ['Инструменты для наукоёмких производств', 'Instruments for science-intensive production'],
      ['Комплекс из 20 финансовых и нефинансовых мер', 'A set of 20 financial and non-financial measures'],
      { number: 20, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Промышленные и высокотехнологичные предприятия Москвы, которые берут инвестиционный кредит. Подробные требования на 2026 год в найденных источниках не названы: уточните их в МФППиП.',
      en: 'Moscow industrial and high-tech enterprises taking an investment loan. Detailed 2026 requirements are not given in the sources we found: check them with the fund.',
    },
    criteria: { applicantTypes: ['legal_entity'], territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Заключите кредитный договор с банком на инвестиционные цели: оборудование, инфраструктуру, ПО или лизинг.',
        'Sign a loan agreement with a bank for investment: equipment, infrastructure, software or leasing.',
      ),
      step(
        'Подайте заявку на компенсацию процентов в Московский фонд поддержки промышленности и предпринимательства (МФППиП).',
        'Apply for interest compensation to the Moscow Fund for Support of Industry and Entrepreneurship.',
      ),
      step(
        'После одобрения подпишите с фондом соглашение о финансовой поддержке.',
        'Once approved, sign a financial-support agreement with the fund.',
      ),
      step(
        'Компенсация поступает на счёт, где обслуживается кредит.',
        'The compensation is paid into the account where the loan is serviced.',
      ),
    ],
  },
  curation: { sources: [irPledge, irLoans, irPurposes, irCap, irImport, irTools] },
};

// ---- 4. Mosprom: export support ----
const exGrant = source(
  'grant-card',
  'i.moscow',
  'https://i.moscow/measure-supports-card/2e7a54e9a7f54bda86bb88d740bfb2a8',
  null,
  'Гранты на экспортную деятельность',
  'Grants for export activity',
);
const exServices = source(
  'services',
  'ТВЦ',
  'https://www.tvc.ru/news/331043',
  null,
  '«Моспром» помогает выходить на мировые рынки',
  'Mosprom helps companies enter world markets',
);
const exFairs = source(
  'fairs',
  'НСН',
  'https://nsn.fm/novosti-moskvy/sobyanin-moskovskie-kompanii-smogut-vybrat-zarubezhnye-vystavki-dlya-prodvizheniya',
  '2025-08-25',
  'Московские компании выбирают зарубежные выставки на 2026 год',
  'Moscow companies choose foreign exhibitions for 2026',
);
const exSubsidy = source(
  'subsidy',
  'deguninskievesti.ru',
  'https://deguninskievesti.ru/sobyanin-moskovskie-kompanii-eksportery-smogut-vozmestit-chast-zatrat-po-kontraktam-tekushhego-goda',
  null,
  'Экспортёры смогут возместить часть затрат по контрактам текущего года',
  'Exporters can recover part of the costs of current-year contracts',
);
const exBodies = source(
  'bodies',
  'Рамблер/новости',
  'https://news.rambler.ru/moscow_city/55501656-sobyanin-moskva-prodolzhit-podderzhku-vysokotehnologichnyh-predpriyatiy/',
  '2025-10-22',
  'Центр «Моспром» и Московский экспортный центр',
  'The Mosprom Centre and the Moscow Export Center',
);
const exRanking = source(
  'ranking',
  'ПРАЙМ',
  'https://1prime.ru/20260206/moskva-867253236.html',
  '2026-02-06',
  'МЭЦ — первый в рейтинге региональной инфраструктуры поддержки экспорта',
  'MEC ranks first among regional export-support bodies',
);
const exSince2016 = source(
  'since-2016',
  'news.ru',
  'https://news.ru/amp/business/kompanii-iz-moskvy-predstavyat-svoyu-produkciyu-v-12-stranah',
  null,
  'Выставочная программа Made in Moscow запущена в 2016 году (≈2019)',
  'The Made in Moscow exhibition programme started in 2016 (≈2019)',
);
const exSince2018 = source(
  'since-2018',
  'madeinrussia.ru',
  'https://madeinrussia.ru/ru/news/25398',
  null,
  'С 2018 года более 1 600 компаний на 91 выставке (≈2023)',
  'Since 2018, over 1,600 firms at 91 exhibitions (≈2023)',
);
const exResults = source(
  'results',
  '123ru.net',
  'https://m.123ru.net/smi/vm/420579926',
  null,
  'Итоги Московского экспортного центра за 2025 год',
  'Moscow Export Center results for 2025',
);

const mosprom = {
  slug: 'mosprom-export-support',
  provider: 'mosprom',
  title: {
    ru: '«Моспром» и Московский экспортный центр: выход на зарубежные рынки',
    en: 'Mosprom and the Moscow Export Center: entering foreign markets',
  },
  summary: {
    ru: 'Экспортёрам — грант до 10 млн ₽, возмещение затрат до 3 млн ₽, место на коллективном стенде Made in Moscow на зарубежных выставках, аналитика и правовая помощь.',
    en: 'For exporters: a grant of up to RUB 10m, cost recovery of up to RUB 3m, a place on the Made in Moscow stand at foreign exhibitions, market analytics and legal help.',
  },
  description: {
    ru: 'В Москве две экспортные организации — центр «Моспром» и Московский экспортный центр (МЭЦ). Они организуют бизнес-миссии и коллективные стенды на выставках, помогают с аналитикой по странам и отраслям и стратегией продаж; гранты и субсидии экспортёрам оформляются на i.moscow. Не путайте выставочный стенд Made in Moscow с городским проектом «Сделано в Москве» для местных брендов.',
    en: 'Moscow has two export bodies: the Mosprom Centre and the Moscow Export Center (MEC). They organise business missions and collective stands at exhibitions and help with country and industry analytics and sales strategy; grants and subsidies for exporters are applied for on i.moscow. The Made in Moscow exhibition stand is not the same as the city’s Made in Moscow project for local brands.',
  },
  supportTypes: ['export_support', 'grant_subsidy', 'consulting'],
  applicantTypes: COMPANIES,
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['enter_foreign_markets', 'get_financing', 'get_advice'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Деньги (грант и возмещение затрат), участие в выставках за счёт города и консультации по выходу на рынки.',
      en: 'Money (a grant and cost recovery), exhibitions paid for by the city, and advice on entering markets.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      exGrant,
      ['Грант на экспорт', 'Export grant'],
      [
        'До 10 млн ₽ безвозвратно: до 20% поступлений по экспортным контрактам при росте экспорта более чем на 20% или для новичков, 10% — для остальных',
        'Up to RUB 10m, non-repayable: up to 20% of export-contract receipts if exports grew over 20% or for first-time exporters, 10% for others',
      ],
      { number: 10 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      exSubsidy,
      ['Возмещение затрат экспортёра', 'Exporter cost recovery'],
      [
        'До 3 млн ₽, не больше 50% экспортной выручки и налогов в бюджет Москвы; можно по контрактам текущего года',
        'Up to RUB 3m, at most 50% of export revenue and taxes paid to Moscow; current-year contracts count',
      ],
      { number: 3 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      exFairs,
      ['Зарубежные выставки', 'Foreign exhibitions'],
      [
        'Город оплачивает место на коллективном стенде Made in Moscow, деловую программу и переговоры с партнёрами',
        'The city pays for space on the Made in Moscow stand, the business programme and partner meetings',
      ],
    ),
    fact(
      'benefit',
      exServices,
      ['Услуги «Моспрома»', 'Mosprom services'],
      [
        'Информационная и правовая поддержка, аналитика по странам и отраслям, персональная стратегия продаж',
        'Information and legal support, country and industry analytics, a personal sales strategy',
      ],
    ),
    fact(
      'eligibility',
      exGrant,
      ['Кто получает грант', 'Who gets the grant'],
      [
        'МСП — налоговые резиденты Москвы, экспортирующие российские товары или услуги',
        'SMEs that are Moscow tax residents exporting Russian-made goods or services',
      ],
    ),
    fact(
      'timing',
      exGrant,
      ['Приём заявок на грант', 'Grant applications'],
      [
        'Закрыт на момент проверки карточки на i.moscow; следите за новым отбором',
        'Closed when the i.moscow card was checked; watch for a new round',
      ],
    ),
    fact(
      'scale',
      exResults,
      ['МЭЦ в 2025 году', 'MEC in 2025'],
      [
        'Контракты с партнёрами из 62 стран, 27,3 млрд ₽ дополнительной экспортной выручки',
        'Contracts with partners in 62 countries, RUB 27.3bn of extra export revenue',
      ],
    ),
    fact(
      'scale',
      exRanking,
      ['Рейтинг РЭЦ за 2025 год', 'REC ranking for 2025'],
      ['1-е место среди региональных центров поддержки экспорта', 'First among regional export-support bodies'],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Грант и субсидия — для малого и среднего бизнеса, зарегистрированного как налоговый резидент Москвы. Участие в выставках и консультации открыты московским производителям.',
      en: 'The grant and subsidy are for small and medium businesses that are Moscow tax residents. Exhibitions and advice are open to Moscow manufacturers.',
    },
    criteria: { applicantTypes: COMPANIES, territories: ['moscow'] },
  },
  application: {
    applyUrl: 'https://i.moscow/measure-supports-card/2e7a54e9a7f54bda86bb88d740bfb2a8',
    steps: [
      step(
        'Откройте карточку гранта на i.moscow и проверьте, идёт ли приём заявок.',
        'Open the grant card on i.moscow and check whether applications are open.',
        'https://i.moscow/measure-supports-card/2e7a54e9a7f54bda86bb88d740bfb2a8',
      ),
      step(
        'Подготовьте электронную подпись: карточка гранта ссылается на инструкцию по ней, так что она, скорее всего, понадобится.',
        'Get an electronic signature: the grant card links to a guide on it, so you will most likely need one.',
      ),
      step(
        'Соберите экспортные контракты и подтверждение поступлений по ним и подайте заявку онлайн.',
        'Gather your export contracts and proof of receipts and apply online.',
      ),
      step(
        'Для выставок — проголосуйте за зарубежные выставки следующего года на платформе Made in Moscow и заявитесь на коллективный стенд.',
        'For exhibitions: vote for next year’s foreign exhibitions on the Made in Moscow platform and apply for the collective stand.',
      ),
    ],
    requiredDocuments: [
      { ru: 'Экспортные контракты и подтверждение поступлений по ним', en: 'Export contracts and proof of receipts under them' },
    ],
  },
  curation: { sources: [exGrant, exServices, exFairs, exSubsidy, exBodies, exRanking, exResults, exSince2016, exSince2018] },
};

// ---- 5. Made in Moscow (local brands) ----
const mimPortal = source(
  'portal',
  'Москва 24',
  'https://www.m24.ru/news/mehr-Moskvy/01092025/826579',
  '2025-09-01',
  'Проект «Сделано в Москве»: более 7 500 брендов',
  'Made in Moscow: over 7,500 brands',
);
const mimResults = source(
  'results-2025',
  'Южный горизонт',
  'https://www.ugorizont.ru/2026/01/23/dopolnitelnaya-vyruchka-uchastnikov-sdelano-v-moskve-vyrosla-na-50-sobyanin',
  '2026-01-23',
  'Дополнительная выручка участников выросла на 50%',
  'Participants’ extra revenue grew by 50%',
);
const mimShops = source(
  'shops',
  'Москва 24',
  'https://www.m24.ru/news/biznes/15092025/830336',
  '2025-09-15',
  'Отбор брендов в магазины «Сделано в Москве»',
  'Brand selection for Made in Moscow shops',
);
const mimOrder = source(
  'order',
  'base.garant.ru',
  'https://base.garant.ru/406819259/53f89421bbdaf741eb2d1ecc4ddb4c33/',
  '2023-04-28',
  'Приказ № П-18-12-105/23 о пилотном проекте продвижения продукции московских производителей',
  'Order П-18-12-105/23 on the pilot project promoting Moscow-made products',
);
const mimSelfEmployed = source(
  'self-employed',
  'infox.ru',
  'https://bitb.infox.ru/news/282/309686-v-stolice-hotat-zapustit-set-magazinov-sdelano-v-moskve',
  '2024-11-22',
  'На сайте проекта — товары московских производителей, включая самозанятых',
  'The project site lists goods of Moscow producers, including the self-employed',
);
const mimCount2024 = source(
  'count-2024',
  'Юго-Восточный курьер',
  'https://uv-kurier.ru/2024/11/29/sobyanin-rasskazal-kak-proekt-sdelano-v-moskve-pomogaet-rasti-mestnym-brendam',
  '2024-11-29',
  'Более 6 000 компаний и стратегия до 2030 года',
  'Over 6,000 companies and a strategy to 2030',
);
const mimFairs = source(
  'fairs',
  'parusmoscow.ru',
  'https://parusmoscow.ru/2025/07/17/sobianin-stolichnye-brendy-narastili-vyrychky-za-schet-proekta-sdelano-v-moskve',
  '2025-07-17',
  'Участие в отраслевых выставках, включая Moscow Fashion Week',
  'Industry exhibitions including Moscow Fashion Week',
);

const madeInMoscow = {
  slug: 'made-in-moscow',
  provider: 'moscow-entrepreneurship-innovation',
  title: { ru: '«Сделано в Москве»: бесплатное продвижение местных брендов', en: 'Made in Moscow: free promotion for local brands' },
  summary: {
    ru: 'Московские производители, включая самозанятых, бесплатно продвигают товары через портал проекта, витрины на маркетплейсах, фирменные магазины, арт-павильоны и выставки.',
    en: 'Moscow producers, the self-employed included, promote their goods for free through the project portal, marketplace storefronts, branded shops, art pavilions and exhibitions.',
  },
  description: {
    ru: 'Городской проект для местных брендов действует с сентября 2022 года и охватывает более 35 товарных категорий; стратегия поддержки городских брендов утверждена до 2030 года. Проект ведёт, по всей видимости, Департамент предпринимательства и инновационного развития — это наш вывод из источников, прямо он не назван. Первая редакция положения действовала до конца 2024 года, но проект продолжился и в 2025–2026 годах. Не путайте его со стендом Made in Moscow на зарубежных выставках.',
    en: 'The city’s project for local brands has run since September 2022 and covers more than 35 product categories; a strategy for supporting city brands runs to 2030. It is most likely run by the Department of Entrepreneurship and Innovative Development: that is our reading of the sources, which do not name it outright. The first version of its regulation ran to the end of 2024, but the project continued in 2025–2026. It is not the Made in Moscow stand at foreign exhibitions.',
  },
  supportTypes: ['consulting', 'premises'],
  applicantTypes: ['legal_entity', 'sole_trader', 'self_employed'],
  stages: ['early', 'growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['scale_up'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Бесплатные инструменты продвижения: портал проекта, акции и витрины с крупными маркетплейсами, фирменные магазины, арт-павильоны и городские мероприятия.',
      en: 'Free promotion tools: the project portal, promotions and storefronts with large marketplaces, branded shops, art pavilions and city events.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      mimPortal,
      ['Что даёт проект', 'What the project gives'],
      [
        'Бесплатно: портал с каталогом товаров, ярмарки, фирменные магазины, арт-павильоны',
        'Free of charge: a portal with a product catalogue, fairs, branded shops and art pavilions',
      ],
    ),
    fact(
      'benefit',
      mimFairs,
      ['Выставки', 'Exhibitions'],
      [
        'Бесплатное участие в отраслевых выставках, включая Moscow Fashion Week',
        'Free places at industry exhibitions, Moscow Fashion Week included',
      ],
    ),
    fact(
      'benefit',
      mimShops,
      ['Полки в магазинах «Сделано в Москве»', 'Shelf space in Made in Moscow shops'],
      [
        'Сезонный отбор брендов; заявку подают на сайте проекта уже зарегистрированные участники',
        'Seasonal selection of brands; registered participants apply on the project site',
      ],
    ),
    fact(
      'eligibility',
      mimSelfEmployed,
      ['Кто может участвовать', 'Who can take part'],
      [
        'Московские производители — малые, средние и крупные, а также самозанятые',
        'Moscow producers, small, medium and large, and the self-employed',
      ],
    ),
    fact(
      'timing',
      mimOrder,
      ['Срок по первой редакции положения', 'Term under the first regulation'],
      ['До 31 декабря 2024 года; проект продолжился в 2025–2026 годах', 'To 31 December 2024; the project continued in 2025–2026'],
    ),
    fact(
      'scale',
      mimPortal,
      ['Участники', 'Participants'],
      ['Более 7 500 брендов и 36 000 товаров', 'More than 7,500 brands and 36,000 products'],
      { number: 7_500, unit: 'count' },
    ),
    fact(
      'scale',
      mimResults,
      ['Доп. выручка участников в 2025 году', 'Participants’ extra revenue in 2025'],
      ['Более 1,5 млрд ₽ (+50% к 2024 году)', 'More than RUB 1.5bn (+50% on 2024)'],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Производители товаров в Москве любого размера и самозанятые. Подробные критерии положения в найденных источниках не видны.',
      en: 'Producers of goods in Moscow of any size, and the self-employed. The regulation’s detailed criteria were not visible in the sources we found.',
    },
    criteria: { applicantTypes: ['legal_entity', 'sole_trader', 'self_employed'], sizes: ALL_SIZES, territories: ['moscow'] },
  },
  application: {
    applyUrl: 'https://xn--80aeaffd7aflilc4aj.xn--p1ai',
    steps: [
      step(
        'Зарегистрируйтесь участником на сайте проекта сделановмоскве.рф.',
        'Register as a participant on the project site, сделановмоскве.рф.',
        'https://xn--80aeaffd7aflilc4aj.xn--p1ai',
      ),
      step('Добавьте свои товары в каталог портала.', 'Add your products to the portal’s catalogue.'),
      step(
        'Подавайте заявки на отборы: полки в магазинах «Сделано в Москве», арт-павильоны, ярмарки и выставки.',
        'Apply to the selections: shelves in Made in Moscow shops, art pavilions, fairs and exhibitions.',
      ),
    ],
  },
  curation: { sources: [mimPortal, mimResults, mimShops, mimOrder, mimSelfEmployed, mimFairs, mimCount2024] },
};

// ---- 6. SME concessional loans and guarantees ----
const loanGuarantee = source(
  'guarantee',
  'Вечерняя Москва',
  'https://vm.ru/news/842251-sergej-sobyanin-rasskazal-o-rabote-fonda-sodejstviya-kreditovaniyu-malogo-biznesa-moskvy/amp',
  null,
  'Фонд содействия кредитованию малого бизнеса Москвы',
  'The Moscow small-business lending fund',
);
const loan2022 = source(
  'package-2022',
  'ruposters.ru',
  'https://ruposters.ru/news/30-03-2022/moskva-potratit-pomosch-biznesu',
  '2022-03-30',
  'Антикризисный пакет 2022 года для МСП',
  'The 2022 anti-crisis package for SMEs',
);
const loanTech = source(
  'tech-2022',
  'allbusiness.ru',
  'http://moscow.allbusiness.ru/PressReleasemoscow/PressReleaseShow.asp?id=750031',
  null,
  'Программа Правительства Москвы и Корпорации МСП для технологических компаний',
  'Moscow Government and SME Corporation programme for tech companies',
);
const loanExtended = source(
  'extended',
  'Москва 24',
  'https://m24.ru/amp/news/mehr-Moskvy/15092022/502035',
  '2022-09-15',
  'Льготное кредитование МСП продлено до конца 2023 года',
  'Concessional SME lending extended to the end of 2023',
);
const loanTotals = source(
  'totals',
  'Южный горизонт',
  'https://www.ugorizont.ru/2022/09/15/sobyanin-prodlil-do-koncza-2023-goda-usloviya-lgotnogo-kreditovaniya-subektov-msp/',
  '2022-09-15',
  'Итоги льготного кредитования 2020–2021 годов',
  'Concessional lending results for 2020–2021',
);
const loanFund = source(
  'fund-2017',
  'Ведомости',
  'https://vedomosti.ru/management/articles/2017/04/05/684218-predprinimatelyu-ne-hvataet',
  '2017-04-05',
  'Московский гарантийный фонд',
  'The Moscow Guarantee Fund',
);

const smeLoans = {
  slug: 'sme-concessional-loans',
  provider: 'moscow-guarantee-fund',
  title: {
    ru: 'Льготные кредиты и поручительства для малого и среднего бизнеса',
    en: 'Concessional loans and loan guarantees for small and medium businesses',
  },
  summary: {
    ru: 'Город субсидирует ставку по кредитам партнёрских банков, а Московский гарантийный фонд ручается перед банком за часть кредита — до 70%. Последние найденные условия — 2022–2023 годов.',
    en: 'The city subsidises the rate on partner banks’ loans, and the Moscow Guarantee Fund guarantees up to 70% of a loan to the bank. The newest terms we found are from 2022–2023.',
  },
  description: {
    ru: 'Московский гарантийный фонд работает с 2006 года и был крупнейшим из региональных фондов. Городские программы льготного кредитования в 2020–2021 годах помогли более чем 20 000 компаний получить свыше 160 млрд ₽. Ставки и лимиты на 2025–2026 годы, а также текущую стоимость поручительства мы в источниках не нашли: уточните их у фонда или в банке-партнёре перед подачей заявки.',
    en: 'The Moscow Guarantee Fund has worked since 2006 and was the largest regional fund. In 2020–2021 the city’s concessional lending helped more than 20,000 companies borrow over RUB 160bn. We found no 2025–2026 rates or limits and no current guarantee fees: check them with the fund or a partner bank before applying.',
  },
  supportTypes: ['concessional_loan', 'loan_guarantee'],
  applicantTypes: COMPANIES,
  stages: ['early', 'growth', 'mature'],
  sizes: SME_SIZES,
  industries: [],
  objectives: ['get_financing'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Поручительство фонда до 70% кредита и сниженная за счёт города ставка по кредитам банков-партнёров.',
      en: 'A fund guarantee of up to 70% of the loan and a bank rate lowered by the city’s subsidy.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      loanGuarantee,
      ['Поручительство', 'Guarantee'],
      ['Фонд ручается перед банком до 70% суммы кредита', 'The fund guarantees up to 70% of the loan to the bank'],
      { number: 70, unit: 'percent' },
    ),
    fact(
      'benefit',
      loan2022,
      ['Инвестиционные кредиты для науки, промышленности и ИТ (2022)', 'Investment loans for science, industry and IT (2022)'],
      [
        'До 300 млн ₽ под 5,5% для средних и 7% для малых и микропредприятий',
        'Up to RUB 300m at 5.5% for medium and 7% for small and micro businesses',
      ],
      { number: 300 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      loan2022,
      ['Кредиты массового сегмента (2022)', 'Mass-market loans (2022)'],
      ['До 50 млн ₽ под ставку до 15% с субсидией на 12 месяцев', 'Up to RUB 50m at up to 15% with a 12-month subsidy'],
      { number: 50 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      loanTech,
      ['Технологические компании', 'Technology companies'],
      [
        'Город предварительно отбирает проекты; Корпорация МСП даёт «зонтичное» поручительство до 50%',
        'The city pre-selects projects; the SME Corporation adds an umbrella guarantee of up to 50%',
      ],
    ),
    fact(
      'timing',
      loanExtended,
      ['Действие условий', 'Terms valid'],
      ['Продлены до конца 2023 года; более новых условий не найдено', 'Extended to the end of 2023; no newer terms found'],
    ),
    fact(
      'scale',
      loanTotals,
      ['2020–2021 годы', '2020–2021'],
      [
        'Более 20 000 МСП получили льготные кредиты на сумму свыше 160 млрд ₽',
        'More than 20,000 SMEs received concessional loans worth over RUB 160bn',
      ],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Малые и средние предприятия и ИП, зарегистрированные в Москве.',
      en: 'Small and medium businesses and sole traders registered in Moscow.',
    },
    criteria: { applicantTypes: COMPANIES, sizes: SME_SIZES, territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Узнайте текущие условия льготных кредитов в банке — партнёре городской программы.',
        'Ask a bank that partners the city programme for the current concessional terms.',
      ),
      step(
        'Если не хватает залога, обратитесь за поручительством: через партнёров фонда, центры обслуживания бизнеса или в фонд напрямую.',
        'If you lack collateral, ask for a guarantee: through the fund’s partners, a business service centre, or the fund itself.',
      ),
      step(
        'Подайте заявку на кредит в банк вместе с документом о регистрации в Москве.',
        'Apply to the bank for the loan with proof that the business is registered in Moscow.',
      ),
    ],
    requiredDocuments: [{ ru: 'Подтверждение регистрации в Москве', en: 'Proof of registration in Moscow' }],
  },
  curation: { sources: [loanGuarantee, loan2022, loanTech, loanExtended, loanTotals, loanFund] },
};

// ---- 7. SME consulting ----
const consCentres = source(
  'centres-2021',
  'Наше Москворечье-Сабурово',
  'https://gazeta-nashe-moskvoreche-saburovo.ru/2021/08/27/85309',
  '2021-08-27',
  'Центры обслуживания бизнеса в Москве',
  'Business service centres in Moscow',
);
const consSchool = source(
  'startup-school',
  'letnews.ru',
  'http://letnews.ru/na-vdnx-dlya-nachinayushhix-predprinimatelej-nachal-rabotu-obrazovatelnyj-klaster-texnograd',
  null,
  'Стартап-школа МБМ на ВДНХ',
  'The MBM startup school at VDNKh',
);
const consTechnograd = source(
  'technograd',
  'konkovomedia.ru',
  'https://konkovomedia.ru/news/sobyanin-provel-vstrecu-s-predprinimatelyami-v-novom-centre-biznestexnograd-na-vdnx',
  null,
  'Центр «Бизнес.Техноград» на ВДНХ',
  'The Business.Technograd centre at VDNKh',
);
const consFund = source(
  'mbm-2012',
  'Москва 24',
  'https://www.m24.ru/articles/malyj-biznes/19112012/9148',
  '2012-11-19',
  'Фонд «Малый бизнес Москвы»',
  'The Small Business of Moscow fund',
);

const smeConsulting = {
  slug: 'sme-consulting',
  provider: 'moscow-government',
  title: { ru: 'Консультации и обучение для предпринимателей', en: 'Consultations and training for entrepreneurs' },
  summary: {
    ru: 'Город давал предпринимателям бесплатные консультации в центрах обслуживания бизнеса и обучение для начинающих. Актуальных на 2024–2026 годы адресов и списка услуг мы не нашли.',
    en: 'The city has given entrepreneurs free advice at business service centres and training for beginners. We found no current (2024–2026) addresses or list of services.',
  },
  description: {
    ru: 'Что известно достоверно, — по источникам 2012–2021 годов: центры обслуживания бизнеса (17 в 2021 году, в основном в центрах «Мои документы»), бесплатная стартап-школа для начинающих и образовательный центр «Бизнес.Техноград» на ВДНХ. Действует ли сейчас каждая из этих услуг и где её получить, источники не говорят. Не нашли мы и описания московского центра «Мой бизнес». Узнайте актуальный перечень на mos.ru; инновационным компаниям консультации доступны и через i.moscow.',
    en: 'What is reliably known comes from 2012–2021 sources: business service centres (17 in 2021, mostly in «Мои документы» public-service offices), a free startup school for beginners and the Business.Technograd training centre at VDNKh. The sources do not say whether each service still runs or where to get it now, and we found no description of a Moscow «Мой бизнес» centre. Check the current list on mos.ru; innovative companies can also get advice through i.moscow.',
  },
  supportTypes: ['consulting', 'acceleration_training'],
  applicantTypes: ['legal_entity', 'sole_trader', 'self_employed', 'startup_team'],
  stages: ['idea', 'early', 'growth'],
  sizes: SME_SIZES,
  industries: [],
  objectives: ['get_advice'],
  territories: ['moscow'],
  benefit: {
    text: { ru: 'Бесплатные консультации и обучение основам предпринимательства.', en: 'Free advice and training in running a business.' },
  },
  keyFacts: [
    fact(
      'benefit',
      consCentres,
      ['Центры обслуживания бизнеса (2021)', 'Business service centres (2021)'],
      ['17 центров, в основном в центрах «Мои документы»', '17 centres, mostly in «Мои документы» public-service offices'],
      { number: 17, unit: 'count' },
    ),
    fact(
      'benefit',
      consSchool,
      ['Стартап-школа МБМ', 'MBM startup school'],
      ['Бесплатный 5-дневный курс для начинающих предпринимателей', 'A free 5-day course for new entrepreneurs'],
    ),
    fact(
      'benefit',
      consTechnograd,
      ['«Бизнес.Техноград» на ВДНХ', 'Business.Technograd at VDNKh'],
      [
        'Центр обучения предпринимательским навыкам: акселератор и преакселератор «Бизнес.Уикенд»',
        'A centre teaching entrepreneurial skills, with the Business.Weekend accelerator and pre-accelerator',
      ],
    ),
    fact(
      'timing',
      consCentres,
      ['Актуальность', 'How current'],
      [
        'Новейший найденный источник — 2021 год; текущие адреса не названы',
        'The newest source found is from 2021; current addresses are not given',
      ],
    ),
  ],
  eligibility: {
    text: { ru: 'Начинающие и действующие предприниматели Москвы.', en: 'New and established entrepreneurs in Moscow.' },
    criteria: { territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Найдите актуальные услуги для бизнеса на официальном портале mos.ru.',
        'Look up current services for businesses on the official mos.ru portal.',
        'https://mos.ru',
      ),
      step(
        'Обратитесь в ближайший центр «Мои документы» и спросите о консультациях для предпринимателей.',
        'Ask at your nearest «Мои документы» office about advice for entrepreneurs.',
      ),
      step(
        'Если ваша компания инновационная, зарегистрируйтесь на i.moscow: консультации и сервисы доступны там онлайн.',
        'If your company is innovative, register on i.moscow, where advice and services are online.',
        'https://i.moscow',
      ),
    ],
  },
  curation: { sources: [consCentres, consSchool, consTechnograd, consFund] },
};

// ---- 8. SME premises ----
const premHeritage = source(
  'heritage',
  'Москва 24',
  'https://www.m24.ru/articles/aukciony/17062013/19710',
  '2013-06-17',
  'Программа «1 рубль за квадратный метр»',
  'The “1 rouble per square metre” programme',
);
const premResults = source(
  'results',
  'РИА Новости',
  'https://ria.ru/20251230/efimov-2065495063.html',
  '2025-12-30',
  'Итоги программы «1 рубль за квадратный метр»',
  'Results of the “1 rouble per square metre” programme',
);
const premSocial = source(
  'social-rates',
  'heal-cardio.ru',
  'https://heal-cardio.ru/nedvizhimost/arendatory-pomeshhenij-v-moskve-sekonomyat-do-65-mlrd-rublej/',
  null,
  'Льготные ставки аренды городских помещений',
  'Preferential rent of city premises',
);
const premLaw = source(
  'law',
  'kantc-kit.ru',
  'https://kantc-kit.ru/real-estate/lgoty-po-arende-dlya-malyh-predpriyatii-lgotnye-arendnye.html',
  null,
  'Закон Москвы № 60, статья 18: имущественная поддержка МСП',
  'Moscow Law No. 60, art. 18: property support for SMEs',
);
const premTechnoparks = source(
  'technoparks',
  'BFM.ru',
  'https://www.bfm.ru/amp/news/298128',
  null,
  'Аренда городских помещений в технопарках и технополисах',
  'Renting city premises in technoparks and technopolises',
);
const premPortal = source(
  'i-moscow',
  'i.moscow',
  'https://i.moscow/techpark_eng2',
  null,
  'Технопарки Москвы: сервис «Аренда помещений»',
  'Moscow technoparks: the premises-for-rent service',
);

const smePremises = {
  slug: 'sme-premises',
  provider: 'moscow-government',
  title: {
    ru: 'Помещения для малого и среднего бизнеса на льготных условиях',
    en: 'Premises for small and medium businesses on preferential terms',
  },
  summary: {
    ru: 'Три пути: аренда исторических зданий за 1 ₽ за м² в год после реставрации, льготная аренда городских помещений для социально значимого бизнеса и городские площади в технопарках.',
    en: 'Three routes: historic buildings at RUB 1 per m² a year after restoration, preferential rent of city premises for socially significant businesses, and city space in technoparks.',
  },
  description: {
    ru: 'Общей льготы «1 ₽ за м²» для любых городских помещений нет. Она действует для объектов культурного наследия после реставрации (а также для частных школ, детских садов и гостиниц), для первого года аренды городских помещений в технопарках и технополисах и — отдельно — для земли под масштабные инвестпроекты. Социально значимым предприятиям город сдаёт помещения по фиксированным льготным ставкам.',
    en: 'There is no general “RUB 1 per m²” for any city premises. It applies to heritage buildings after restoration (and to private schools, kindergartens and hotels), to the first year of city premises in technoparks and technopolises and, separately, to land for large investment projects. Socially significant businesses rent city premises at fixed preferential rates.',
  },
  supportTypes: ['premises'],
  applicantTypes: COMPANIES,
  stages: ['early', 'growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['find_premises'],
  territories: ['moscow'],
  benefit: {
    text: { ru: 'Аренда значительно ниже рыночной — от 1 ₽ за м² в год.', en: 'Rent well below the market, from RUB 1 per m² a year.' },
  },
  keyFacts: [
    fact(
      'benefit',
      premHeritage,
      ['Исторические здания', 'Historic buildings'],
      [
        'Аренда на 49 лет; после реставрации (в течение 5 лет) — 1 ₽ за м² в год, до неё — рыночная ставка',
        'A 49-year lease; after restoration (within 5 years) RUB 1 per m² a year, the market rate until then',
      ],
    ),
    fact(
      'benefit',
      premSocial,
      ['Льготная аренда для социально значимого бизнеса', 'Preferential rent for socially significant businesses'],
      [
        '4 200 ₽ за м² в год — социальная сфера и компании, где не меньше половины сотрудников — люди с инвалидностью; 3 500 ₽ — образование, стоматологии и медцентры; 1 800 ₽ — лицензированные детские сады и школы',
        'RUB 4,200 per m² a year for the social sector and firms where at least half the staff are disabled; RUB 3,500 for education, dental and medical centres; RUB 1,800 for licensed kindergartens and schools',
      ],
    ),
    fact(
      'benefit',
      premTechnoparks,
      ['Городские помещения в технопарках', 'City premises in technoparks'],
      [
        '1 ₽ за объект в первый год при ремонте или оснащении, 3 500 ₽ за м² во второй год, дальше — рыночная ставка',
        'RUB 1 per object in year one if refurbished or equipped, RUB 3,500 per m² in year two, then the market rate',
      ],
    ),
    fact(
      'eligibility',
      premLaw,
      ['Кому положена льготная аренда', 'Who gets preferential rent'],
      [
        'Культура, спорт, общепит и торговля социального назначения, здравоохранение, образование, бытовые услуги, работодатели людей с инвалидностью (Закон Москвы № 60, ст. 18)',
        'Culture, sport, social catering and retail, health, education, consumer services and employers of disabled people (Moscow Law No. 60, art. 18)',
      ],
    ),
    fact(
      'scale',
      premResults,
      ['«1 рубль за м²» на конец 2025 года', '“RUB 1 per m²” at the end of 2025'],
      [
        '73 объекта в аренде, 50 арендаторов на ставке 1 ₽, 25 зданий отреставрировано',
        '73 buildings let, 50 tenants on the RUB 1 rate, 25 buildings restored',
      ],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Для исторических зданий — инвесторы, готовые отреставрировать объект за 5 лет. Для льготной аренды — предприятия социально значимых отраслей. Для технопарков — технологические компании.',
      en: 'Historic buildings: investors ready to restore the building within 5 years. Preferential rent: businesses in socially significant sectors. Technoparks: technology companies.',
    },
    criteria: { applicantTypes: COMPANIES, territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Выберите путь: историческое здание, льготная аренда для социального бизнеса или площадь в технопарке.',
        'Choose the route: a historic building, preferential rent for a social business, or space in a technopark.',
      ),
      step(
        'Историческое здание: участвуйте в специализированных торгах, которые проводит Департамент города Москвы по конкурентной политике.',
        'Historic building: bid in the specialised auctions run by the Moscow Department for Competition Policy.',
      ),
      step(
        'Площадь в технопарке: найдите свободные помещения через сервис аренды на i.moscow.',
        'Technopark space: find free premises through the rental service on i.moscow.',
        'https://i.moscow/techpark_eng2',
      ),
      step(
        'После реставрации или оснащения помещения переходите на льготную ставку по договору аренды.',
        'Once the building is restored or the premises equipped, move to the preferential rate under the lease.',
      ),
    ],
  },
  curation: { sources: [premHeritage, premResults, premSocial, premLaw, premTechnoparks, premPortal] },
};

// ---- 9. New enterprises: МаИП land and ИПП status ----
const nePlots = source(
  'maip',
  'РИА Новости',
  'https://ria.ru/20251113/efimov-2054583884.html',
  '2025-11-13',
  'Земля под производство за 1 рубль в год',
  'Land for production at 1 rouble a year',
);
const neAuctions = source(
  'auctions',
  'Известия',
  'https://iz.ru/1968992/ulia-romanova/lokalno-i-globalno-kak-polucit-zemlu-v-moskve-za-odin-rubl-v-god',
  '2025-10-09',
  'Как получить землю в Москве за 1 рубль в год',
  'How to get land in Moscow for 1 rouble a year',
);
const neRates = source(
  'ipp-rates',
  'Правительство Москвы (перепечатка)',
  'https://nkeu.foreignaffairs.co.nz/2023/06/29/%D1%81%D0%B5%D1%80%D0%B3%D0%B5%D0%B9-%D1%81%D0%BE%D0%B1%D1%8F%D0%BD%D0%B8%D0%BD-%D1%80%D0%B0%D1%81%D1%88%D0%B8%D1%80%D0%B8%D0%BB-%D0%BC%D0%B5%D1%80%D1%8B-%D0%BF%D0%BE%D0%B4%D0%B4%D0%B5%D1%80%D0%B6/',
  '2023-06-29',
  'Льготы для инвестиционных приоритетных проектов',
  'Benefits of investment priority projects',
);
const neDocuments = source(
  'ipp-documents',
  'en.investmoscow.ru',
  'https://en.investmoscow.ru/industry-and-innovation/support-new-projects/supported-entities/',
  null,
  'Инвестиционный приоритетный проект: кто может получить статус',
  'Investment priority project: who can get the status',
);
const neThresholds = source(
  'ipp-thresholds',
  '1kto.ru',
  'https://1kto.ru/pressa/vlasti-moskvy-utverdili-trebovaniya-k-prioritetnym-investitsionnym-proektam',
  '2016-08-09',
  'Требования к приоритетным инвестиционным проектам',
  'Requirements for priority investment projects',
);
const neProcedure = source(
  'ipp-procedure',
  'base.garant.ru',
  'https://base.garant.ru/403198748/53f89421bbdaf741eb2d1ecc4ddb4c33',
  '2021-11-30',
  'Постановление № 1859-ПП о порядке присвоения статуса ИПП',
  'Decree 1859-PP on granting priority-project status',
);
const neOlderRate = source(
  'ipp-older',
  'en.investmoscow.ru',
  'http://en.investmoscow.ru/industry-and-innovation/support-new-projects/description/',
  null,
  'ИПП: 13,5% вместо 18% (более старая редакция страницы)',
  'Priority projects: 13.5% instead of 18% (older version of the page)',
);
const neScale = source(
  'maip-2025',
  'РИА Новости',
  'https://ria.ru/20260307/efimov-2079130738.html',
  '2026-03-07',
  'Итоги 2025 года по масштабным инвестпроектам',
  'Large-scale investment projects in 2025',
);

const newEnterprises = {
  slug: 'new-enterprise-construction',
  provider: 'moscow-government',
  title: {
    ru: 'Строительство новых предприятий: земля за 1 ₽ в год и статус инвестиционного приоритетного проекта',
    en: 'Building new enterprises: land at RUB 1 a year and investment-priority-project status',
  },
  summary: {
    ru: 'Инвестор производства может взять участок в аренду за 1 ₽ в год по итогам торгов (масштабный инвестпроект) и снизить региональные налоги до 25% со статусом инвестиционного приоритетного проекта.',
    en: 'A manufacturing investor can lease a plot for RUB 1 a year through an auction (a large-scale investment project) and cut regional taxes by up to 25% with investment-priority-project status.',
  },
  description: {
    ru: 'Масштабные инвестиционные проекты (МаИП) существуют с 2016 года; с 2022 года под производство дают землю за 1 ₽ в год, а сейчас участки с заранее согласованными параметрами разыгрывают на торгах — это ускоряет старт стройки. Статус инвестиционного приоритетного проекта (ИПП) снижает налоги и аренду земли; его присваивают по соглашению с Правительством Москвы и подтверждают ежегодно. Пороги инвестиций, приведённые ниже, утверждены в 2016 году — более новых мы не нашли.',
    en: 'Large-scale investment projects have existed since 2016; since 2022 land for production has been let at RUB 1 a year, and plots with pre-agreed parameters are now auctioned, which speeds up the start of construction. Investment-priority-project status lowers taxes and land rent; it comes with an agreement with the Moscow Government and is confirmed every year. The investment thresholds below were set in 2016; we found no newer ones.',
  },
  supportTypes: ['tax_relief', 'premises', 'infrastructure'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [...MANUFACTURING, 'research'],
  objectives: ['build_production', 'reduce_taxes'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Земля под производство за 1 ₽ в год; для ИПП — налог на прибыль в бюджет города 13,5%, нулевой налог на имущество, сниженные земельный налог и аренда.',
      en: 'Land for production at RUB 1 a year; for priority projects, city profit tax of 13.5%, no property tax, and reduced land tax and rent.',
    },
    taxReductions: [
      { tax: 'profit', fromPercent: 17, toPercent: 13.5, years: null },
      { tax: 'property', fromPercent: null, toPercent: 0, years: null },
    ],
  },
  keyFacts: [
    fact(
      'benefit',
      nePlots,
      ['Земля под производство (МаИП)', 'Land for production (large-scale project)'],
      ['Аренда за 1 ₽ в год, с 2022 года', 'Leased at RUB 1 a year, since 2022'],
    ),
    fact(
      'benefit',
      neRates,
      ['Налоги со статусом ИПП', 'Taxes with priority-project status'],
      [
        'Налог на прибыль в бюджет города 13,5% вместо 17%, налог на имущество 0, земельный налог 0,7% от исчисленного, аренда земли 0,01% кадастровой стоимости — нагрузка ниже до 25%',
        'City profit tax 13.5% instead of 17%, property tax 0, land tax 0.7% of the amount calculated, land rent 0.01% of cadastral value: up to 25% less regional tax',
      ],
    ),
    fact(
      'eligibility',
      neThresholds,
      ['Минимальные инвестиции для ИПП (2016)', 'Minimum investment for priority projects (2016)'],
      [
        'Производство — 750 млн ₽ за 3 года; строительство предприятия — 1 млрд ₽ за 5 лет; индустриальный парк — 3,2 млрд ₽; технопарк — 1 млрд ₽; ГЧП и концессии — 2 млрд ₽',
        'Production: RUB 750m within 3 years; building an enterprise: RUB 1bn within 5 years; industrial park: RUB 3.2bn; technopark: RUB 1bn; PPP or concession: RUB 2bn',
      ],
      { number: 750 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      neDocuments,
      ['Проекты', 'Projects'],
      [
        'Производство, промышленный комплекс, индустриальный парк, технопарк, концессия или ГЧП, объекты образования, культуры и социальной сферы; нужно соглашение с Правительством Москвы',
        'Production, an industrial complex, an industrial park, a technopark, a concession or PPP, education, culture and social facilities; an agreement with the Moscow Government is required',
      ],
    ),
    fact(
      'timing',
      neProcedure,
      ['Статус ИПП', 'Priority-project status'],
      [
        'Присваивается и ежегодно подтверждается Межведомственной комиссией (постановление № 1859-ПП)',
        'Granted and confirmed every year by the interdepartmental commission (decree 1859-PP)',
      ],
    ),
    fact(
      'scale',
      neScale,
      ['2025 год', '2025'],
      ['Около 100 га для 10 новых масштабных инвестпроектов', 'About 100 ha for 10 new large-scale investment projects'],
      { number: 100, unit: 'hectares' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Компании, которые строят или расширяют производство, технопарк, индустриальный парк или социальный объект в Москве и готовы вложить не меньше установленного порога.',
      en: 'Companies building or expanding production, a technopark, an industrial park or a social facility in Moscow and ready to invest at least the set threshold.',
    },
    criteria: { applicantTypes: ['legal_entity'], territories: ['moscow'], investmentMinRub: 750 * MLN },
  },
  application: {
    applyUrl: 'https://en.investmoscow.ru/industry-and-innovation/support-new-projects/supported-entities/',
    steps: [
      step(
        'Земля: выберите участок с согласованными параметрами проекта и участвуйте в торгах на его аренду.',
        'Land: choose a plot with pre-agreed project parameters and bid in the auction for its lease.',
      ),
      step(
        'Статус ИПП: подготовьте заявление, бизнес-план, подтверждение финансовой состоятельности и согласие на раскрытие налоговой тайны.',
        'Priority-project status: prepare an application, a business plan, proof of financial viability and consent to disclose tax information.',
        'https://en.investmoscow.ru/industry-and-innovation/support-new-projects/supported-entities/',
      ),
      step(
        'Заключите с Правительством Москвы соглашение об инвестиционном проекте; сниженную аренду земли оформляют дополнительным соглашением к договору аренды.',
        'Sign an investment-project agreement with the Moscow Government; the reduced land rent is added to the lease by a supplementary agreement.',
      ),
      step(
        'Подтверждайте статус каждый год на Межведомственной комиссии.',
        'Confirm the status every year before the interdepartmental commission.',
      ),
    ],
    requiredDocuments: [
      { ru: 'Заявление о присвоении статуса', en: 'An application for the status' },
      { ru: 'Бизнес-план проекта', en: 'The project’s business plan' },
      { ru: 'Подтверждение финансовой состоятельности', en: 'Proof of financial viability' },
      { ru: 'Согласие на раскрытие налоговой тайны', en: 'Consent to disclose tax information' },
    ],
  },
  curation: { sources: [nePlots, neAuctions, neRates, neDocuments, neThresholds, neProcedure, neScale, neOlderRate] },
};

// ---- 10. i.moscow: investors ----
const invPlatform = source(
  'platform-2020',
  'ТАСС',
  'https://tass.ru/moskva/8724267',
  '2020-06-15',
  'Участники кластера ищут на платформе заказчиков, инвесторов и партнёров',
  'Cluster participants look for customers, investors and partners on the platform',
);
const invLaunch = source(
  'launch-2019',
  'imoscow.mos.ru',
  'https://imoscow.mos.ru/en/news-detail?id=3683',
  '2019-03-14',
  'Запуск ИТ-платформы инновационного кластера',
  'Launch of the innovation cluster’s IT platform',
);
const invTotals = source(
  'totals-2025',
  'ТАСС',
  'https://tass.ru/ekonomika/26155117',
  '2026-01-15',
  'Итоги i.moscow за 2025 год',
  'i.moscow in 2025',
);
const invContests = source(
  'contests',
  'ru24.pro',
  'https://ru24.pro/pics/296184700',
  null,
  'Технологические конкурсы МИК',
  'MIC technology contests',
);
const invFund = source(
  'venture-fund',
  'РИАМО',
  'https://riamo.ru/news/ekonomika/moskva-i-afk-sistema-budut-razvivat-rossijskij-venchurnyj-rynok-xl',
  null,
  'Москва и АФК «Система» создают венчурный фонд',
  'Moscow and AFK Sistema set up a venture fund',
);

const iMoscowInvestors = {
  slug: 'i-moscow-investors',
  provider: 'moscow-innovation-cluster',
  title: { ru: 'i.moscow: как стартапу найти инвестора', en: 'i.moscow: finding investors for startups' },
  summary: {
    ru: 'На платформе Московского инновационного кластера участники ищут инвесторов, заказчиков и партнёров; в 2025 году компании привлекли через неё более 7 млрд ₽ инвестиций и льготных займов.',
    en: 'On the Moscow Innovation Cluster’s platform participants look for investors, customers and partners; in 2025 companies raised over RUB 7bn of investment and concessional loans through it.',
  },
  description: {
    ru: 'Платформа i.moscow с запуска в 2019 году задумана в том числе для поиска инвесторов, а вся поддержка на ней оказывается онлайн. Описания отдельного сервиса подбора инвесторов — его названия, условий, числа сделок и порядка подачи — мы в источниках не нашли; известны лишь общие итоги. Уточняйте возможности в личном кабинете участника.',
    en: 'Since its 2019 launch the i.moscow platform has been meant, among other things, for finding investors, and all its support is online. We found no description of a dedicated investor-matching service (its name, terms, number of deals or how to apply), only overall totals. Check what is available in the participant’s account.',
  },
  supportTypes: ['investor_matching'],
  applicantTypes: ['legal_entity', 'sole_trader', 'startup_team'],
  stages: ['early', 'growth'],
  sizes: SME_SIZES,
  industries: [],
  objectives: ['find_investors', 'get_financing'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Доступ к инвесторам, заказчикам и партнёрам на платформе кластера.',
      en: 'Access to investors, customers and partners on the cluster’s platform.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      invPlatform,
      ['Что даёт платформа', 'What the platform gives'],
      [
        'Поиск заказчиков, инвесторов и партнёров среди участников кластера',
        'Finding customers, investors and partners among cluster participants',
      ],
    ),
    fact(
      'benefit',
      invFund,
      ['Венчурный фонд с АФК «Система»', 'Venture fund with AFK Sistema'],
      [
        'Город через фонд МИК вложил 1 млрд ₽; фокус — ИИ, логистика, цифровые продукты, биотех',
        'The city put RUB 1bn in through the MIC foundation; focus on AI, logistics, digital products and biotech',
      ],
    ),
    fact(
      'eligibility',
      invTotals,
      ['Кто пользуется', 'Who uses it'],
      ['Около 41 000 предпринимателей из Москвы и 86 регионов', 'About 41,000 entrepreneurs from Moscow and 86 regions'],
      { number: 41_000, unit: 'count' },
    ),
    fact(
      'scale',
      invTotals,
      ['Привлечено в 2025 году', 'Raised in 2025'],
      [
        'Более 11 млрд ₽: около 4 млрд ₽ грантов и субсидий и более 7 млрд ₽ инвестиций и льготных займов',
        'Over RUB 11bn: about RUB 4bn of grants and subsidies and over RUB 7bn of investment and concessional loans',
      ],
    ),
    fact(
      'scale',
      invContests,
      ['Технологические конкурсы с 2020 года', 'Technology contests since 2020'],
      [
        'Более 2 500 заявок, 250 отобранных стартапов, 150 пилотов с корпорациями; стартапы привлекли более 1 млрд ₽',
        'Over 2,500 applicants, 250 startups selected, 150 pilots with corporations; startups raised over RUB 1bn',
      ],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Полноправные участники кластера — юрлица и ИП, зарегистрированные в Москве; компании из других регионов могут подключиться как партнёры и пользоваться большинством сервисов.',
      en: 'Full cluster participants are legal entities and sole traders registered in Moscow; companies from other regions can join as partners and use most services.',
    },
    criteria: { applicantTypes: ['legal_entity', 'sole_trader'] },
  },
  application: {
    applyUrl: 'https://i.moscow',
    steps: [
      step('Зарегистрируйтесь на платформе i.moscow.', 'Register on the i.moscow platform.', 'https://i.moscow'),
      step(
        'Вступите в Московский инновационный кластер (компании из других регионов — как партнёры).',
        'Join the Moscow Innovation Cluster (companies from other regions join as partners).',
      ),
      step(
        'Заполните профиль компании и проекта — по нему вас находят инвесторы и заказчики — и откликайтесь на конкурсы и предложения.',
        'Complete your company and project profile, which investors and customers search, and respond to contests and offers.',
      ),
    ],
  },
  curation: { sources: [invPlatform, invLaunch, invTotals, invContests, invFund] },
};

// ---- 11. i.moscow: pilot testing ----
const pilotScale = source(
  'scale',
  'ТАСС',
  'https://tass.ru/ekonomika/25985567',
  '2025-12-22',
  'Пилотное тестирование инноваций в Москве: итоги 2025 года',
  'Pilot testing of innovations in Moscow: 2025',
);
const pilotGrant = source(
  'grant-2024',
  'ruposters.ru',
  'https://ruposters.ru/news/24-05-2024/sobyanin-povisil-razmer-granta-testirovanie-innovatsii',
  '2024-05-24',
  'Грант на тестирование инноваций увеличен до 4 млн ₽',
  'Pilot-testing grant raised to RUB 4m',
);
const pilotCosts = source(
  'grant-2022',
  'jetinfo.ru',
  'https://jetinfo.ru/news/predprinimateli-mogut-podat-zayavku-na-granty-dlya-provedeniya-pilotnogo-testirovaniya-innovaczij',
  null,
  'Гранты на пилотное тестирование: какие расходы покрываются',
  'Pilot-testing grants: which costs are covered',
);
const pilotOlder = source(
  'totals-older',
  'Москва 24',
  'https://www.m24.ru/shows2/113/829593',
  null,
  '650 пилотов за 5 лет, 281 площадка (более ранние данные)',
  '650 pilots in 5 years at 281 sites (earlier figure)',
);
const pilotChallenges = source(
  'open-challenges',
  'imoscow.mos.ru',
  'https://imoscow.mos.ru/en/market/open-challenges',
  null,
  'International Open Challenges',
  'International Open Challenges',
);

const iMoscowPilots = {
  slug: 'i-moscow-pilot-testing',
  provider: 'moscow-innovation-agency',
  title: {
    ru: 'Пилотное тестирование инноваций и разработок стартапов на городских площадках',
    en: 'Pilot testing of startups’ innovations at city sites',
  },
  summary: {
    ru: 'Разработчики испытывают свои решения на одной из 318 площадок города — в школах, на заводах, в парках и на транспорте — и могут получить грант до 4 млн ₽ на тестирование.',
    en: 'Developers test their solutions at one of 318 city sites (schools, factories, parks, transport) and can get a grant of up to RUB 4m for the test.',
  },
  description: {
    ru: 'С мая 2020 года в Москве протестировано около 640 решений; участники заключили с городом более 2 000 контрактов. Ежегодно публикуется около 10 международных запросов (Open Challenges) от городских организаций: победители пилотируют решение на городской инфраструктуре и могут масштабировать его. Грант до 4 млн ₽ с мая 2024 года — только для участников межотраслевых кластеров; раньше максимум был 2 млн ₽.',
    en: 'Since May 2020 about 640 solutions have been tested in Moscow, and participants have signed more than 2,000 contracts with the city. About 10 international Open Challenges from city organisations are posted each year: winners pilot their solution on city infrastructure and may scale it up. Since May 2024 the grant of up to RUB 4m is only for inter-industry cluster participants; the maximum used to be RUB 2m.',
  },
  supportTypes: ['pilot_testing', 'grant_subsidy'],
  applicantTypes: ['legal_entity', 'sole_trader', 'startup_team'],
  stages: ['early', 'growth'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['test_product', 'sell_to_city'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Площадка для пилота в городской инфраструктуре, возможность масштабирования и грант на расходы по тестированию.',
      en: 'A site for the pilot in city infrastructure, a chance to scale up, and a grant for the cost of testing.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      pilotGrant,
      ['Грант на тестирование', 'Testing grant'],
      [
        'До 4 млн ₽ за финансовый год — для участников межотраслевых кластеров',
        'Up to RUB 4m per financial year, for inter-industry cluster participants',
      ],
      { number: 4 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      pilotCosts,
      ['Что покрывает грант', 'What the grant covers'],
      [
        'Логистику, страхование, сертификацию, расходные материалы и комплектующие, оплату труда, аренду доп. оборудования',
        'Logistics, insurance, certification, consumables and components, labour and rent of extra equipment',
      ],
    ),
    fact(
      'benefit',
      pilotChallenges,
      ['Open Challenges', 'Open Challenges'],
      [
        'Пилот на городской инфраструктуре, возможное масштабирование, доступ к финансированию, приоритет при резидентстве в технопарках',
        'A pilot on city infrastructure, possible scale-up, access to funding and priority for technopark residency',
      ],
    ),
    fact(
      'eligibility',
      pilotChallenges,
      ['Кто может участвовать', 'Who can take part'],
      [
        'Российские и иностранные разработчики, производители и дистрибьюторы',
        'Russian and foreign developers, manufacturers and distributors',
      ],
    ),
    fact(
      'timing',
      pilotChallenges,
      ['Запросы', 'Challenges'],
      ['Около 10 новых запросов в год; приём заявок онлайн', 'About 10 new challenges a year; applications online'],
      { number: 10, unit: 'count' },
    ),
    fact(
      'scale',
      pilotScale,
      ['Площадки и итоги', 'Sites and results'],
      [
        '318 площадок; около 640 протестированных решений с мая 2020 года; более 2 000 контрактов с городом',
        '318 sites; about 640 solutions tested since May 2020; over 2,000 contracts with the city',
      ],
      { number: 318, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Компании и проектные команды, которые разрабатывают новые продукты, технологии или программы. Грант — только участникам межотраслевых кластеров.',
      en: 'Companies and project teams developing new products, technologies or software. The grant is only for inter-industry cluster participants.',
    },
    criteria: { applicantTypes: ['legal_entity', 'sole_trader', 'startup_team'] },
  },
  application: {
    applyUrl: 'https://imoscow.mos.ru/en/market/open-challenges',
    steps: [
      step(
        'Выберите опубликованный запрос (challenge) или площадку для тестирования.',
        'Pick a posted challenge or a test site.',
        'https://imoscow.mos.ru/en/market/open-challenges',
      ),
      step('Подайте заявку онлайн с описанием решения.', 'Apply online with a description of your solution.'),
      step(
        'Экспертный комитет рассматривает заявки и отбирает решения.',
        'An expert committee reviews the applications and selects solutions.',
      ),
      step(
        'Проведите пилот на городской площадке; для покрытия расходов подайте заявку на грант, если вы участник межотраслевого кластера.',
        'Run the pilot at the city site; to cover its cost, apply for the grant if you are an inter-industry cluster participant.',
      ),
    ],
    contacts: { phone: '+7 (499) 225-92-52' },
  },
  curation: { sources: [pilotScale, pilotGrant, pilotCosts, pilotChallenges, pilotOlder] },
};

// ---- 12. i.moscow: growth tools ----
const gtScale = source(
  'scale',
  'Независимая газета',
  'https://www.ng.ru/news/821967.html',
  '2025-08-12',
  'Более 40 000 участников и партнёров МИК',
  'Over 40,000 MIC participants and partners',
);
const gtTotals = source(
  'totals',
  'НСН',
  'https://nsn.fm/novosti-moskvy/uchastnikami-i-partnerami-mik-stali-predprinimateli-iz-87-regionov-rossii',
  '2026-01-15',
  'Участники МИК из 87 регионов: 22,5 млрд ₽ субсидий и грантов за 7 лет',
  'MIC participants from 87 regions: RUB 22.5bn of subsidies and grants in 7 years',
);
const gtEquipment = source(
  'equipment-2023',
  'Российская газета',
  'https://rg.ru/2023/04/13/moskovskie-predpriiatiia-vnov-mogut-poluchit-grant-na-pokupku-oborudovaniia.html',
  '2023-04-13',
  'Грант на покупку оборудования',
  'Equipment purchase grant',
);
const gtEquipmentCap = source(
  'equipment-2022',
  'newsvostok.ru',
  'https://newsvostok.ru/sobyanin-rasshiril-programmu-podderzhki-malogo-i-srednego-biznesa',
  '2022-03-16',
  'Расширен грант на оборудование',
  'Equipment grant extended',
);
const gtComplex = source(
  'complex-project',
  'Рамблер/финансы',
  'https://finance-rambler.ru/economics/46663194-mik-otkryvaet-priem-zayavok-na-poluchenie-grantov-dlya-realizatsii-kompleksnyh-innovatsionnyh-proektov',
  null,
  'Гранты на комплексные инновационные проекты',
  'Grants for complex innovation projects',
);
const gtClusters = source(
  'inter-industry',
  'Нагатинский затон',
  'https://gazeta-nagatinsky-zaton.ru/2021/07/13/82563/',
  '2021-07-13',
  'Гранты межотраслевым кластерам',
  'Grants for inter-industry clusters',
);
const gtImport = source(
  'import-patents',
  'mbgazeta.ru',
  'https://mbgazeta.ru/arhiv/kak-poluchit-grant-na-importozameshhenie',
  null,
  'Грант на импортозамещение и ваучер на патентование',
  'Import-substitution grant and patenting voucher',
);
const gtMembers = source(
  'membership',
  'АиФ',
  'https://aif.ru/moscow/chleny_moskovskogo_innovacionnogo_klastera_mogut_podat_zayavki_na_subsidii',
  null,
  'Участники МИК могут подать заявки на субсидии',
  'MIC members can apply for subsidies',
);
const gtEquipmentOlder = source(
  'equipment-older',
  'rosvest.com',
  'https://rosvest.com/society/7483-v-moskve-okazhut-finansovuyu-podderzhku-vysokotehnologichnym-kompaniyam.html',
  null,
  'Субсидия на оборудование до 35% (более ранние данные)',
  'Equipment subsidy of up to 35% (earlier figure)',
);
const gtRules = source(
  'rules-358',
  'rbintellekt.ru',
  'https://rbintellekt.ru/analitika/news/pravitelstvo-moskvy-utverdilo-pravila-predostavleniya-grantov-iz-byudzheta-moskvy-uchastnikam-innova/',
  null,
  'Правила предоставления грантов участникам МИК (№ 358-ПП)',
  'Rules for grants to MIC participants (decree 358-PP)',
);

const iMoscowGrowth = {
  slug: 'i-moscow-growth-tools',
  provider: 'moscow-innovation-cluster',
  title: {
    ru: 'i.moscow: гранты и сервисы для роста стартапов и инновационных компаний',
    en: 'i.moscow: grants and services for startups and innovative companies to grow',
  },
  summary: {
    ru: 'Участники Московского инновационного кластера получают для масштабирования гранты на оборудование, комплексные и межотраслевые проекты (до 200 млн ₽ в год), импортозамещение и патентование, а также онлайн-сервисы платформы.',
    en: 'Moscow Innovation Cluster participants get grants for scaling up: for equipment, complex and inter-industry projects (up to RUB 200m a year), import substitution and patenting, plus the platform’s online services.',
  },
  description: {
    ru: 'Кластер создан в 2018 году; сейчас у него более 40 000 участников и партнёров, а за 7 лет около 10 000 компаний получили 22,5 млрд ₽ субсидий и грантов. Гранты выдаются по отборам с собственными сроками — сроки прошлых раундов (например, приём на грант на оборудование закрылся 19 мая 2023 года) не означают, что приём идёт сейчас. Суммы и доли ниже — по последним найденным раундам.',
    en: 'The cluster was set up in 2018 and now has over 40,000 participants and partners; in 7 years about 10,000 companies received RUB 22.5bn of subsidies and grants. Grants are given in rounds with their own deadlines; past deadlines (the equipment grant closed on 19 May 2023, for example) do not mean a round is open now. The amounts and shares below come from the latest rounds we found.',
  },
  supportTypes: ['grant_subsidy', 'acceleration_training'],
  applicantTypes: COMPANIES,
  stages: ['early', 'growth', 'mature'],
  sizes: ALL_SIZES,
  industries: ['research', 'information_technology', ...MANUFACTURING],
  objectives: ['get_financing', 'scale_up', 'build_production'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Гранты и субсидии по отборам, инновационные ваучеры и сервисы платформы: биржа контрактного производства, маркетплейс, инжиниринг.',
      en: 'Grants and subsidies in rounds, innovation vouchers and platform services: a contract-manufacturing exchange, a marketplace and engineering.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      gtEquipment,
      ['Грант на оборудование (2023)', 'Equipment grant (2023)'],
      [
        '50% стоимости российского или 35% импортного оборудования (покупка или лизинг) плюс проценты по кредиту',
        '50% of the cost of Russian or 35% of imported equipment (purchase or leasing), plus loan interest',
      ],
    ),
    fact(
      'benefit',
      gtEquipmentCap,
      ['Предел гранта на оборудование', 'Equipment grant ceiling'],
      ['До 30 млн ₽ на организацию', 'Up to RUB 30m per organisation'],
      { number: 30 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      gtComplex,
      ['Комплексный инновационный проект', 'Complex innovation project'],
      [
        'До 15% затрат проекта: до 200 млн ₽ в год или 600 млн ₽ за 3 года',
        'Up to 15% of project costs: up to RUB 200m a year or RUB 600m over 3 years',
      ],
      { number: 200 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      gtClusters,
      ['Межотраслевой кластер', 'Inter-industry cluster'],
      [
        'Консорциум из 2–5 участников: до 25% затрат, не больше 200 млн ₽ в год',
        'A consortium of 2–5 participants: up to 25% of costs, at most RUB 200m a year',
      ],
      { number: 200 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      gtImport,
      ['Импортозамещение и патенты', 'Import substitution and patents'],
      [
        'Грант до 100 млн ₽ для МСП — участников МИК, работающих от года; ваучер на зарубежное патентование — 70% затрат, до 2 млн ₽ на изобретение',
        'A grant of up to RUB 100m for SME participants registered at least a year; a voucher for foreign patenting covering 70% of costs, up to RUB 2m per invention',
      ],
      { number: 100 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      gtMembers,
      ['Кто может получить', 'Who can get it'],
      [
        'Участники МИК — юрлица и ИП, зарегистрированные в Москве; компании из регионов — партнёры с доступом к большинству сервисов',
        'MIC participants: legal entities and sole traders registered in Moscow; companies from other regions join as partners with most services',
      ],
    ),
    fact(
      'eligibility',
      gtRules,
      ['Основной вид деятельности', 'Main activity'],
      [
        'Исследования и разработки, испытания и сертификация, ИКТ или производство (постановление № 358-ПП)',
        'Research and development, testing and certification, ICT or manufacturing (decree 358-PP)',
      ],
    ),
    fact(
      'scale',
      gtTotals,
      ['За 7 лет', 'In seven years'],
      [
        'Около 10 000 компаний получили 22,5 млрд ₽ субсидий и грантов',
        'About 10,000 companies received RUB 22.5bn of subsidies and grants',
      ],
    ),
    fact(
      'scale',
      gtScale,
      ['Участники', 'Participants'],
      [
        'Более 40 000 участников и партнёров; более 130 000 оказанных услуг',
        'Over 40,000 participants and partners; over 130,000 services delivered',
      ],
      { number: 40_000, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Участники Московского инновационного кластера, зарегистрированные в Москве, с основным видом деятельности в исследованиях, испытаниях, ИКТ или производстве. У отдельных грантов свои условия: например, грант на оборудование — для МСП.',
      en: 'Moscow Innovation Cluster participants registered in Moscow whose main activity is research, testing, ICT or manufacturing. Some grants have their own conditions: the equipment grant, for example, is for SMEs.',
    },
    criteria: { applicantTypes: COMPANIES, territories: ['moscow'], requiredStatuses: ['innovation_cluster_member'] },
  },
  application: {
    applyUrl: 'https://i.moscow',
    steps: [
      step(
        'Зарегистрируйтесь на i.moscow и вступите в Московский инновационный кластер.',
        'Register on i.moscow and join the Moscow Innovation Cluster.',
        'https://i.moscow',
      ),
      step(
        'Выберите меру поддержки в каталоге платформы и проверьте, открыт ли отбор и каковы его условия.',
        'Pick a measure in the platform’s catalogue and check whether its round is open and what it requires.',
      ),
      step('Подайте заявку онлайн в сроки отбора.', 'Apply online within the round’s dates.'),
    ],
  },
  curation: {
    sources: [gtScale, gtTotals, gtEquipment, gtEquipmentCap, gtComplex, gtClusters, gtImport, gtMembers, gtRules, gtEquipmentOlder],
  },
};

// ---- A. Industrial complex status ----
const icPage = source(
  'dipp',
  'mp.prommoscow.info',
  'http://mp.prommoscow.info/taxes_en/promkomplex',
  null,
  'Статус «промышленный комплекс»',
  'Industrial complex status',
);
const icScale = source(
  'scale-2022',
  'msk-news.net',
  'https://msk-news.net/other/2022/04/22/252478.html',
  '2022-04-22',
  '64 промышленных комплекса Москвы',
  'Moscow’s 64 industrial complexes',
);

const industrialComplex = {
  slug: 'industrial-complex-status',
  provider: 'moscow-investment-industrial-policy',
  title: {
    ru: 'Статус «промышленный комплекс»: налоговые льготы для действующих заводов',
    en: 'Industrial complex status: tax breaks for operating factories',
  },
  summary: {
    ru: 'Действующее производство или R&D-предприятие на 10 лет получает налог на прибыль в бюджет города 13,5% вместо 17%, земельный налог и аренду земли на 80% ниже и налог на имущество вдвое ниже.',
    en: 'An operating manufacturing or R&D enterprise gets, for 10 years, city profit tax of 13.5% instead of 17%, land tax and land rent cut by 80%, and property tax halved.',
  },
  description: {
    ru: 'Статус присваивает Департамент инвестиционной и промышленной политики на 10 лет с ежегодным подтверждением. Обязательное условие — фонд оплаты труда на гектар; из трёх других порогов нужно выполнить два. В 2022 году статус имели 64 комплекса на площади более 320 га, где работают более 75 000 человек.',
    en: 'The Department of Investment and Industrial Policy grants the status for 10 years with yearly confirmation. The payroll-per-hectare threshold is mandatory, and two of the three other thresholds must be met. In 2022, 64 complexes on more than 320 ha with over 75,000 jobs held the status.',
  },
  supportTypes: ['tax_relief'],
  applicantTypes: ['legal_entity'],
  stages: ['mature'],
  sizes: ALL_SIZES,
  industries: [...MANUFACTURING, 'research'],
  objectives: ['reduce_taxes'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Снижение налога на прибыль, земельного налога, аренды земли и налога на имущество.',
      en: 'Lower profit tax, land tax, land rent and property tax.',
    },
    taxReductions: [{ tax: 'profit', fromPercent: 17, toPercent: 13.5, years: 10 }],
  },
  keyFacts: [
    fact(
      'benefit',
      icPage,
      ['Льготы', 'Benefits'],
      [
        'Налог на прибыль в бюджет города 13,5% вместо 17%; земельный налог −80%; аренда земли −80%; налог на имущество −50%',
        'City profit tax 13.5% instead of 17%; land tax −80%; land rent −80%; property tax −50%',
      ],
      { number: 13.5, unit: 'percent' },
    ),
    fact(
      'eligibility',
      icPage,
      ['Требования', 'Requirements'],
      [
        'Налогоплательщик Москвы без долгов, не в ликвидации, участник МИК; плотность застройки от 4 000 м² на га (2 000 — в Троицком и Новомосковском округах); не больше 20% площади под торговлю и офисы',
        'A Moscow taxpayer with no debts, not in liquidation, an MIC participant; building density of at least 4,000 m² per ha (2,000 in Troitsk and Novomoskovsky okrugs); at most 20% retail or office use',
      ],
    ),
    fact(
      'eligibility',
      icPage,
      ['Экономические пороги', 'Economic thresholds'],
      [
        'Обязательно: ФОТ от 125,3 млн ₽ на га. Плюс два из трёх: инвестиции от 107,9 млн ₽ на га за 5 лет; выручка от 378,8 млн ₽ на га; средняя зарплата от 72 331 ₽',
        'Mandatory: payroll of at least RUB 125.3m per ha. Plus two of three: 5-year investment of RUB 107.9m per ha; revenue of RUB 378.8m per ha; average salary of RUB 72,331',
      ],
    ),
    fact('timing', icPage, ['Срок статуса', 'Status term'], ['10 лет с ежегодным подтверждением', '10 years, confirmed every year'], {
      number: 10,
      unit: 'years',
    }),
    fact(
      'scale',
      icScale,
      ['Промышленные комплексы (2022)', 'Industrial complexes (2022)'],
      [
        '64 комплекса, более 320 га, более 75 000 рабочих мест; экономия до 1,9 млрд ₽ в год',
        '64 complexes, over 320 ha, over 75,000 jobs; savings of up to RUB 1.9bn a year',
      ],
      { number: 64, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Действующие производственные и научно-исследовательские предприятия Москвы — участники Московского инновационного кластера, выполняющие пороги по плотности и экономическим показателям.',
      en: 'Operating manufacturing and R&D enterprises in Moscow that are Moscow Innovation Cluster participants and meet the density and economic thresholds.',
    },
    criteria: { applicantTypes: ['legal_entity'], territories: ['moscow'], requiredStatuses: ['innovation_cluster_member'] },
  },
  application: {
    applyUrl: 'http://mp.prommoscow.info/taxes_en/promkomplex',
    steps: [
      step(
        'Сверьте предприятие с требованиями и порогами на портале Департамента инвестиционной и промышленной политики.',
        'Check the enterprise against the requirements and thresholds on the Department of Investment and Industrial Policy’s portal.',
        'http://mp.prommoscow.info/taxes_en/promkomplex',
      ),
      step(
        'Станьте участником Московского инновационного кластера на i.moscow.',
        'Become a Moscow Innovation Cluster participant on i.moscow.',
        'https://i.moscow',
      ),
      step(
        'Подайте заявку на статус в Департамент инвестиционной и промышленной политики.',
        'Apply for the status to the Department of Investment and Industrial Policy.',
      ),
      step(
        'Подтверждайте статус ежегодно, чтобы сохранить льготы на все 10 лет.',
        'Confirm the status every year to keep the benefits for all 10 years.',
      ),
    ],
  },
  curation: { sources: [icPage, icScale] },
};

// ---- B. Offset contracts ----
const offPage = source(
  'dipp',
  'mp.prommoscow.info',
  'http://mp.prommoscow.info/public_private_partnership_en/offset_contract',
  null,
  'Офсетный контракт',
  'Offset contract',
);
const offScale = source(
  'scale-2025',
  'Независимая газета',
  'https://www.ng.ru/news/828911.html',
  '2025-11-24',
  '36 офсетных соглашений с 2017 года',
  '36 offset agreements since 2017',
);
const offOlder = source(
  'older-count',
  'Рамблер',
  'https://woman.rambler.ru/beauty/52286145-moskva-zaklyuchit-ofsetnyy-kontrakt-na-postavku-komponentov-dlya-asfaltovyh-pokrytiy',
  null,
  '17 офсетных контрактов с 2017 года (более ранние данные)',
  '17 offset contracts since 2017 (earlier figure)',
);

const offsetContracts = {
  slug: 'offset-contracts',
  provider: 'moscow-investment-industrial-policy',
  title: {
    ru: 'Офсетные контракты: гарантированные закупки города за новое производство',
    en: 'Offset contracts: guaranteed city purchases in return for new production',
  },
  summary: {
    ru: 'Инвестор строит или модернизирует производство, а город на несколько лет гарантирует закупки его продукции. Контракт разыгрывается на открытом электронном конкурсе.',
    en: 'The investor builds or modernises production and the city guarantees to buy its products for several years. The contract is awarded by an open electronic tender.',
  },
  description: {
    ru: 'Офсетный контракт — долгосрочный договор поставки с инвестиционными обязательствами. С 2017 года заключено 36 офсетных соглашений (лекарства, тяговые батареи, лифты, малогабаритная коммунальная техника, транспортное оборудование), по 9 из них производство уже запущено. В более старом источнике говорилось о 17 контрактах; мы приводим более новую цифру.',
    en: 'An offset contract is a long-term supply contract with investment obligations. Since 2017, 36 offset agreements have been signed (medicines, traction batteries, lifts, compact municipal machinery, transport equipment), and production has started under 9 of them. An older source spoke of 17 contracts; we give the newer figure.',
  },
  supportTypes: ['public_procurement'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: MANUFACTURING,
  objectives: ['sell_to_city', 'build_production'],
  territories: ['moscow'],
  benefit: {
    text: { ru: 'Гарантированный сбыт продукции городу на несколько лет.', en: 'Guaranteed sales to the city for several years.' },
  },
  keyFacts: [
    fact(
      'benefit',
      offPage,
      ['Что получает инвестор', 'What the investor gets'],
      [
        'Город гарантирует закупки продукции на несколько лет в обмен на создание или модернизацию производства',
        'The city guarantees purchases for several years in return for building or modernising production',
      ],
    ),
    fact(
      'eligibility',
      offPage,
      ['Кто может участвовать', 'Who can bid'],
      ['Компании, зарегистрированные в России', 'Companies registered in Russia'],
    ),
    fact(
      'timing',
      offPage,
      ['Порядок и сроки', 'Procedure and timing'],
      [
        'Открытый электронный конкурс по ст. 51 Закона № 44-ФЗ; контракт подписывают через 75–80 дней после объявления',
        'An open electronic tender under art. 51 of Law 44-FZ; the contract is signed 75–80 days after the announcement',
      ],
    ),
    fact(
      'scale',
      offScale,
      ['С 2017 года', 'Since 2017'],
      ['36 офсетных соглашений, производство запущено по 9', '36 offset agreements, production launched under 9'],
      { number: 36, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Компании, зарегистрированные в России, готовые вложиться в производство в Москве.',
      en: 'Companies registered in Russia ready to invest in production in Moscow.',
    },
    criteria: { applicantTypes: ['legal_entity'] },
  },
  application: {
    applyUrl: 'http://mp.prommoscow.info/public_private_partnership_en/offset_contract',
    steps: [
      step(
        'Следите за объявлениями об офсетных конкурсах на портале Департамента инвестиционной и промышленной политики.',
        'Watch for offset tender announcements on the Department of Investment and Industrial Policy’s portal.',
        'http://mp.prommoscow.info/public_private_partnership_en/offset_contract',
      ),
      step(
        'Подайте заявку на открытый электронный конкурс (ст. 51 Закона № 44-ФЗ).',
        'Bid in the open electronic tender (art. 51 of Law 44-FZ).',
      ),
      step(
        'Подпишите контракт — через 75–80 дней после объявления конкурса.',
        'Sign the contract, 75–80 days after the tender is announced.',
      ),
      step(
        'Создайте или модернизируйте производство и поставляйте продукцию по контракту.',
        'Build or modernise the production and supply under the contract.',
      ),
    ],
  },
  curation: { sources: [offPage, offScale, offOlder] },
};

// ---- C. Jobs-near-homes programme (МПТ) ----
const mptResults = source(
  'results-2025',
  '360.ru',
  'https://360.ru/news/moskva/garbuzov-v-moskve-realizovali-12-proektov-po-programme-stimulirovanija-mpt/',
  '2025-10-29',
  'Итоги программы стимулирования МПТ',
  'Results of the jobs programme',
);
const mptCoefficients = source(
  'coefficients',
  'support.prommoscow.info',
  'https://support.prommoscow.info/creation-places-employment',
  null,
  'Создание мест приложения труда: коэффициенты',
  'Creating places of employment: coefficients',
);
const mptPlans = source(
  'plans-2025',
  'РИАМО',
  'https://riamo.ru/news/ekonomika/liksutov-investitsii-po-programme-stimulirovanija-sozdanija-mpt-prevysjat-27-trln-rub/',
  '2025-10-08',
  'Инвестиции по программе МПТ превысят 2,7 трлн ₽',
  'Investment under the jobs programme to exceed RUB 2.7trn',
);
const mptMechanism = source(
  'mechanism',
  'designmyhome.ru',
  'https://www.designmyhome.ru/news/v-moskve-v-sozdanie-rabochih-mest-investiruyut-bolee-300-mlrd-rublei.html',
  null,
  'Как работает льгота по программе МПТ',
  'How the jobs-programme benefit works',
);

const jobsProgramme = {
  slug: 'mpt-jobs-programme',
  provider: 'moscow-investment-industrial-policy',
  title: {
    ru: 'Программа «Места приложения труда»: льгота за рабочие места рядом с домом',
    en: 'Places of employment programme: a benefit for building workplaces near homes',
  },
  summary: {
    ru: 'Инвестор, который строит производство, офисы, торговлю или социальный объект рядом с жильём, платит меньше за изменение вида разрешённого использования участка.',
    en: 'An investor building production, offices, retail or a social facility near housing pays less for changing a plot’s permitted use.',
  },
  description: {
    ru: 'Программа работает с 2020 года и помогает сократить поездки на работу. Льготу считают через понижающие коэффициенты к плате за изменение вида разрешённого использования участка; в 2025 году коэффициент льготы повысили на 14%. К октябрю 2025 года введено 40 объектов (около 30 000 рабочих мест), а до 2030 года запланировано более 250 объектов и более 340 000 рабочих мест.',
    en: 'The programme has run since 2020 to cut commuting. The benefit is calculated with reduction coefficients on the fee for changing a plot’s permitted use; in 2025 the benefit coefficient was raised by 14%. By October 2025, 40 buildings had opened (about 30,000 jobs), with more than 250 buildings and 340,000 jobs planned by 2030.',
  },
  supportTypes: ['premises', 'infrastructure'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['build_production'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Сниженная плата за изменение вида разрешённого использования участка.',
      en: 'A lower fee for changing a plot’s permitted use.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      mptCoefficients,
      ['Коэффициенты (Kмест)', 'Coefficients (Kмест)'],
      [
        'Промышленность, культура, спорт — 0,8; гостиницы — 0,5; социальные объекты — 0,3; прочие внутри ТТК — 0,7; приоритетные зоны — 0,8',
        'Industry, culture, sport 0.8; hotels 0.5; social facilities 0.3; others inside the Third Ring 0.7; priority zones 0.8',
      ],
    ),
    fact(
      'benefit',
      mptResults,
      ['Изменение в 2025 году', 'Change in 2025'],
      ['Коэффициент льготы повышен на 14%', 'Benefit coefficient raised by 14%'],
    ),
    fact(
      'eligibility',
      mptMechanism,
      ['Кто получает', 'Who gets it'],
      [
        'Инвесторы, строящие промышленные, деловые, торговые или социальные объекты рядом с жильём',
        'Investors building industrial, business, retail or social facilities near housing',
      ],
    ),
    fact(
      'scale',
      mptResults,
      ['Итоги на октябрь 2025 года', 'Results by October 2025'],
      ['40 объектов, около 30 000 рабочих мест, более 193 млрд ₽ инвестиций', '40 buildings, about 30,000 jobs, over RUB 193bn invested'],
    ),
    fact(
      'scale',
      mptPlans,
      ['План до 2030 года', 'Plan to 2030'],
      [
        'Более 250 объектов, более 340 000 рабочих мест, инвестиции более 2,7 трлн ₽',
        'Over 250 buildings, over 340,000 jobs, investment above RUB 2.7trn',
      ],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Инвесторы-застройщики объектов с рабочими местами в жилых районах Москвы.',
      en: 'Investors building facilities with jobs in Moscow’s residential districts.',
    },
    criteria: { applicantTypes: ['legal_entity'], territories: ['moscow'] },
  },
  application: {
    applyUrl: 'https://support.prommoscow.info/creation-places-employment',
    steps: [
      step(
        'Узнайте коэффициент для вашего типа объекта на портале мер поддержки.',
        'Find the coefficient for your type of building on the support-measures portal.',
        'https://support.prommoscow.info/creation-places-employment',
      ),
      step('Заключите с городом соглашение об участии в программе.', 'Sign an agreement with the city to join the programme.'),
      step(
        'Постройте и введите объект: льгота применяется к плате за изменение вида разрешённого использования участка.',
        'Build and commission the building: the benefit applies to the fee for changing the plot’s permitted use.',
      ),
    ],
  },
  curation: { sources: [mptResults, mptCoefficients, mptPlans, mptMechanism] },
};

// ---- E. Social entrepreneurship ----
const socialNews = source(
  'grants-2023',
  'Москва 24',
  'https://m24.ru/amp/news/mehr-Moskvy/10082023/606735',
  '2023-08-10',
  'Новые меры поддержки социального предпринимательства',
  'New support for social entrepreneurship',
);
// the page shows only the month (August 2023), so it stays undated here
const socialMore = source(
  'grants-2023-360',
  '360.ru',
  'https://360.ru/news/moskva/sobjanin-rasskazal-o-novyh-merah-podderzhki-sotsialnogo-predprinimatelstva/?page=2',
  null,
  'Меры поддержки социальных предпринимателей (август 2023 года)',
  'Support for social entrepreneurs (August 2023)',
);

const socialEntrepreneurship = {
  slug: 'social-entrepreneurship',
  provider: 'moscow-government',
  title: { ru: 'Гранты социальным предпринимателям', en: 'Grants for social entrepreneurs' },
  summary: {
    ru: 'Социальные предприниматели, прошедшие городские образовательные или акселерационные программы, могут получить грант до 3 млн ₽ (до 75% затрат проекта); победители конкурсов — до 300 000 ₽.',
    en: 'Social entrepreneurs who have completed a city education or acceleration programme can get a grant of up to RUB 3m (up to 75% of project costs); contest winners up to RUB 300,000.',
  },
  description: {
    ru: 'Меры расширены в августе 2023 года; в Москве более 46 000 социально ориентированных компаний. Где именно подавать заявку и действуют ли эти условия в 2026 году, найденные источники не говорят: проверьте на mos.ru.',
    en: 'The measures were extended in August 2023; Moscow has more than 46,000 socially oriented companies. The sources we found do not say exactly where to apply or whether these terms hold in 2026: check on mos.ru.',
  },
  supportTypes: ['grant_subsidy', 'acceleration_training'],
  applicantTypes: COMPANIES,
  stages: ['early', 'growth'],
  sizes: SME_SIZES,
  industries: [],
  objectives: ['get_financing'],
  territories: ['moscow'],
  benefit: {
    text: { ru: 'Грант на проект социального предприятия.', en: 'A grant for a social enterprise’s project.' },
  },
  keyFacts: [
    fact(
      'benefit',
      socialNews,
      ['Грант на проект', 'Project grant'],
      ['До 3 млн ₽, до 75% затрат проекта', 'Up to RUB 3m, up to 75% of project costs'],
      { number: 3 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      socialMore,
      ['Победителям конкурсов', 'For contest winners'],
      [
        'До 300 000 ₽ победителям конкурсов и лучшим участникам программ',
        'Up to RUB 300,000 for contest winners and top programme participants',
      ],
      { number: 300_000, unit: 'rub' },
    ),
    fact(
      'eligibility',
      socialNews,
      ['Условие', 'Condition'],
      ['Пройти городскую образовательную или акселерационную программу', 'Complete a city education or acceleration programme'],
    ),
    fact('scale', socialNews, ['Социальных компаний в Москве', 'Social companies in Moscow'], ['Более 46 000', 'More than 46,000'], {
      number: 46_000,
      unit: 'count',
    }),
  ],
  eligibility: {
    text: {
      ru: 'Социально ориентированные компании Москвы, прошедшие городскую образовательную или акселерационную программу.',
      en: 'Socially oriented Moscow companies that have completed a city education or acceleration programme.',
    },
    criteria: { applicantTypes: COMPANIES, sizes: SME_SIZES, territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Пройдите городскую образовательную или акселерационную программу для социальных предпринимателей.',
        'Complete a city education or acceleration programme for social entrepreneurs.',
      ),
      step(
        'Узнайте на mos.ru, когда и где принимаются заявки на грант.',
        'Find out on mos.ru when and where grant applications are taken.',
        'https://mos.ru',
      ),
      step(
        'Подайте заявку с описанием проекта и сметой: грант покрывает до 75% затрат.',
        'Apply with a project description and budget; the grant covers up to 75% of the costs.',
      ),
    ],
  },
  curation: { sources: [socialNews, socialMore] },
};

// ---- F. Creative industries ----
const crPilot = source(
  'pilot-2019',
  'aspmedia24.ru',
  'https://aspmedia24.ru/novosti/item/24949-sozdanie-pilotnykh-kreativnykh-tekhnoparkov-v-stolitse',
  null,
  'Пилотные креативные технопарки в Москве',
  'Pilot creative technoparks in Moscow',
);
const crEquipment = source(
  'equipment-2021',
  'Наше Москворечье-Сабурово',
  'https://gazeta-nashe-moskvoreche-saburovo.ru/2021/08/27/85309',
  '2021-08-27',
  'Субсидии резидентам креативных технопарков',
  'Subsidies for creative-technopark residents',
);
const crAgency = source(
  'agency',
  'Арбатские вести',
  'https://arbatskievesti.moscow/2023/10/06/sobyanin-soobshhil-o-skorom-otkrytii-kinoklastera-i-unikalnogo-czentra-materialov/',
  '2023-10-06',
  'Агентство креативных индустрий и креативная экономика Москвы',
  'The Creative Industries Agency and Moscow’s creative economy',
);

const creativeIndustries = {
  slug: 'creative-industries',
  provider: 'moscow-government',
  title: {
    ru: 'Креативные технопарки: субсидии резидентам и грант управляющей компании',
    en: 'Creative technoparks: subsidies for residents and a grant for the managing company',
  },
  summary: {
    ru: 'Резиденты креативных технопарков — дизайн, архитектура, искусство, кино, ТВ и радио, издательское дело, игры — получают субсидии на оборудование (до 10 млн ₽ в год), проценты по кредитам и лизинг.',
    en: 'Residents of creative technoparks (design, architecture, arts, film, TV and radio, publishing, games) get subsidies for equipment (up to RUB 10m a year), loan interest and leasing.',
  },
  description: {
    ru: 'Статус «креативный технопарк» введён в 2019 году как пилот. Управляющие компании получают гранты на имущественный комплекс, а их резиденты — городские субсидии. С 2020 года работает Агентство креативных индустрий; в Москве более 106 000 креативных организаций. Источники о субсидиях — 2019–2021 годов: действующие суммы и порядок подачи уточните у управляющей компании технопарка.',
    en: 'The creative technopark status started as a pilot in 2019. Managing companies get grants for the property complex and their residents get city subsidies. The Creative Industries Agency has worked since 2020; Moscow has over 106,000 creative organisations. The subsidy sources date from 2019–2021: check the current amounts and procedure with the technopark’s managing company.',
  },
  supportTypes: ['grant_subsidy', 'premises'],
  applicantTypes: COMPANIES,
  stages: ['early', 'growth', 'mature'],
  sizes: ALL_SIZES,
  industries: ['creative_industries'],
  objectives: ['get_financing', 'find_premises'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Субсидии резидентам на оборудование, проценты по кредитам и лизинг; грант управляющей компании.',
      en: 'Subsidies for residents’ equipment, loan interest and leasing; a grant for the managing company.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      crEquipment,
      ['Оборудование для резидентов', 'Equipment for residents'],
      ['До 10 млн ₽ в год', 'Up to RUB 10m a year'],
      { number: 10 * MLN, unit: 'rub' },
    ),
    fact(
      'benefit',
      crPilot,
      ['Что ещё компенсируют', 'What else is compensated'],
      [
        'Проценты по кредитам и лизинговые платежи резидентов; управляющей компании — грант на имущественный комплекс',
        'Residents’ loan interest and leasing payments; for the managing company, a grant for the property complex',
      ],
    ),
    fact(
      'eligibility',
      crPilot,
      ['Отрасли', 'Fields'],
      [
        'Дизайн, архитектура, искусство, кино, телевидение и радио, издательское дело, игры',
        'Design, architecture, arts, film, TV and radio, publishing, games',
      ],
    ),
    fact('timing', crPilot, ['Статус', 'Status'], ['Пилот с 2019 года', 'A pilot since 2019']),
    fact(
      'scale',
      crAgency,
      ['Креативная экономика Москвы', 'Moscow’s creative economy'],
      [
        '106 500 креативных организаций; Агентство креативных индустрий — с 2020 года',
        '106,500 creative organisations; the Creative Industries Agency since 2020',
      ],
      { number: 106_500, unit: 'count' },
    ),
  ],
  eligibility: {
    text: {
      ru: 'Компании креативных отраслей — резиденты креативного технопарка в Москве.',
      en: 'Creative-industry companies resident in a Moscow creative technopark.',
    },
    criteria: {
      applicantTypes: COMPANIES,
      industries: ['creative_industries'],
      territories: ['moscow'],
      requiredStatuses: ['technopark_resident'],
    },
  },
  application: {
    steps: [
      step(
        'Станьте резидентом креативного технопарка: договоритесь об аренде с его управляющей компанией.',
        'Become a resident of a creative technopark by agreeing a lease with its managing company.',
      ),
      step(
        'Узнайте у управляющей компании текущий порядок подачи заявки на субсидию: в найденных источниках он не описан.',
        'Ask the managing company for the current subsidy application procedure: the sources we found do not describe it.',
      ),
      step(
        'Подайте заявку на субсидию на оборудование, проценты по кредиту или лизинг.',
        'Apply for the subsidy for equipment, loan interest or leasing.',
      ),
    ],
  },
  curation: { sources: [crPilot, crEquipment, crAgency] },
};

// ---- G. Academy of Innovators ----
const acResults = source(
  'results-2025',
  'Южный горизонт',
  'https://www.ugorizont.ru/2025/07/09/mer-moskvy-nazval-samye-populyarnye-napravleniya-v-akademii-innovatorov',
  '2025-07-09',
  'Самые популярные направления «Академии инноваторов»',
  'The most popular tracks of the Academy of Innovators',
);
const acAge = source(
  'age',
  'Пятый канал',
  'https://www.5-tv.ru/news/5045578/vse-vozmoznosti-dla-rosta-kakie-proekty-realizuutsa-vmoskve-dla-molodyh-izobretatelej/',
  '2025-11-15',
  'Возможности для молодых изобретателей в Москве',
  'Opportunities for young inventors in Moscow',
);

const academyOfInnovators = {
  slug: 'academy-of-innovators',
  provider: 'moscow-entrepreneurship-innovation',
  title: {
    ru: '«Академия инноваторов»: городской акселератор технологических проектов',
    en: 'Academy of Innovators: the city’s accelerator for technology projects',
  },
  summary: {
    ru: 'Городская акселерационная программа для авторов технологических проектов — с 14 лет. Её участники привлекли более 650 млн ₽ инвестиций и грантов.',
    en: 'The city’s acceleration programme for people with technology projects, from age 14. Its participants have raised more than RUB 650m of investment and grants.',
  },
  description: {
    ru: 'Акселератор перезапущен в 2023 году и с тех пор открыт с 14 лет. В нём учились 36 000 человек из 79 регионов и 40 стран; выручка проектов участников в 2024 году превысила 1 млрд ₽. Как и где подавать заявку, найденные источники не говорят: ищите программу на mos.ru.',
    en: 'The accelerator was relaunched in 2023 and has been open from age 14 since then. 36,000 people from 79 regions and 40 countries have taken part, and participants’ projects earned over RUB 1bn in 2024. The sources we found do not say how or where to apply: look the programme up on mos.ru.',
  },
  supportTypes: ['acceleration_training'],
  applicantTypes: ['startup_team', 'sole_trader', 'self_employed', 'legal_entity'],
  stages: ['idea', 'early'],
  sizes: ['micro', 'small'],
  industries: [],
  objectives: ['scale_up', 'find_investors', 'get_advice'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Обучение, наставничество и выход на инвесторов для технологического проекта.',
      en: 'Training, mentoring and a route to investors for a technology project.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      acResults,
      ['Что даёт', 'What it gives'],
      [
        'Акселерация технологического проекта; участники привлекли более 650 млн ₽ инвестиций и грантов',
        'Acceleration of a technology project; participants raised over RUB 650m of investment and grants',
      ],
    ),
    fact('eligibility', acAge, ['Возраст участников', 'Participants’ age'], ['С 14 лет (с 2023 года)', 'From age 14 (since 2023)'], {
      number: 14,
      unit: 'years',
    }),
    fact(
      'scale',
      acResults,
      ['Участники', 'Participants'],
      [
        '36 000 человек из 79 регионов и 40 стран; 48% — в возрасте 14–35 лет',
        '36,000 people from 79 regions and 40 countries; 48% aged 14–35',
      ],
      { number: 36_000, unit: 'count' },
    ),
    fact('scale', acResults, ['Выручка проектов в 2024 году', 'Projects’ revenue in 2024'], ['Более 1 млрд ₽', 'Over RUB 1bn']),
  ],
  eligibility: {
    text: {
      ru: 'Авторы технологических проектов и команды стартапов от 14 лет.',
      en: 'Authors of technology projects and startup teams aged 14 and over.',
    },
    criteria: {},
  },
  application: {
    steps: [
      step(
        'Найдите актуальный набор «Академии инноваторов» на официальном портале mos.ru.',
        'Find the current intake of the Academy of Innovators on the official mos.ru portal.',
        'https://mos.ru',
      ),
      step('Подайте заявку с описанием своего технологического проекта.', 'Apply with a description of your technology project.'),
      step(
        'Пройдите акселерационную программу и представьте проект инвесторам.',
        'Complete the acceleration programme and present your project to investors.',
      ),
    ],
  },
  curation: { sources: [acResults, acAge] },
};

// ---- H. EV charging: grid-connection compensation ----
const evNews = source(
  'announcement',
  'Интерфакс',
  'https://www.interfax.ru/moscow/1051789',
  '2025-10-09',
  'Компенсация техприсоединения зарядных станций',
  'Compensation for connecting charging stations',
);
const evStart = source(
  'start',
  'Москва 24',
  'https://www.m24.ru/shows2/113/837716',
  '2025-10-13',
  'Компенсация начнёт действовать с января 2026 года',
  'Compensation starts in January 2026',
);

const evCharging = {
  slug: 'ev-charging-grid-connection',
  provider: 'moscow-industry-fund',
  title: {
    ru: 'Компенсация подключения зарядных станций для электромобилей',
    en: 'Compensation for connecting electric-vehicle charging stations',
  },
  summary: {
    ru: 'Частные инвесторы возвращают до 50% затрат на технологическое присоединение зарядной станции к сети, до 2 млн ₽ за станцию. Действует с января 2026 года.',
    en: 'Private investors recover up to 50% of the cost of connecting a charging station to the grid, up to RUB 2m per station. Runs from January 2026.',
  },
  description: {
    ru: 'Станция должна быть подключена к городским системам — Единому парковочному пространству, «Энергии Москвы» и приложению «Метро». Заявку подают в Московский фонд поддержки промышленности и предпринимательства.',
    en: 'The station must be connected to the city’s systems: the unified parking space, Energiya Moskvy and the Metro app. Applications go to the Moscow Fund for Support of Industry and Entrepreneurship.',
  },
  supportTypes: ['grant_subsidy', 'infrastructure'],
  applicantTypes: COMPANIES,
  stages: ['growth', 'mature'],
  sizes: ALL_SIZES,
  industries: ['electric_vehicles'],
  objectives: ['get_financing'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Возмещение половины затрат на подключение станции к электросети.',
      en: 'Half the cost of connecting a station to the grid paid back.',
    },
  },
  keyFacts: [
    fact(
      'benefit',
      evNews,
      ['Компенсация', 'Compensation'],
      ['До 50% затрат на техприсоединение, до 2 млн ₽ за станцию', 'Up to 50% of grid-connection costs, up to RUB 2m per station'],
      { number: 2 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      evNews,
      ['Условие', 'Condition'],
      [
        'Станция интегрирована с Единым парковочным пространством, «Энергией Москвы» и приложением «Метро»',
        'The station is integrated with the unified parking space, Energiya Moskvy and the Metro app',
      ],
    ),
    fact('timing', evStart, ['Начало', 'Start'], ['С января 2026 года', 'From January 2026']),
  ],
  eligibility: {
    text: {
      ru: 'Частные инвесторы, устанавливающие зарядные станции в Москве.',
      en: 'Private investors installing charging stations in Moscow.',
    },
    criteria: { applicantTypes: COMPANIES, territories: ['moscow'] },
  },
  application: {
    steps: [
      step(
        'Подключите зарядную станцию к электросети и сохраните документы о затратах на техприсоединение.',
        'Connect the charging station to the grid and keep the documents on the connection costs.',
      ),
      step(
        'Интегрируйте станцию с Единым парковочным пространством, «Энергией Москвы» и приложением «Метро».',
        'Integrate the station with the unified parking space, Energiya Moskvy and the Metro app.',
      ),
      step(
        'Подайте заявку на компенсацию в Московский фонд поддержки промышленности и предпринимательства.',
        'Apply for compensation to the Moscow Fund for Support of Industry and Entrepreneurship.',
      ),
    ],
    requiredDocuments: [{ ru: 'Документы о затратах на технологическое присоединение', en: 'Documents on the grid-connection costs' }],
  },
  curation: { sources: [evNews, evStart] },
};

// ---- J. Supplier portal: quotation sessions ----
const spNews = source(
  'quotations',
  'Новости Mail',
  'https://news.mail.ru/society/68392619/',
  '2025-10-21',
  'Котировочные сессии на Портале поставщиков',
  'Quotation sessions on the supplier portal',
);

const supplierPortal = {
  slug: 'supplier-portal',
  provider: 'moscow-government',
  title: {
    ru: 'Портал поставщиков: котировочные сессии для малых закупок города',
    en: 'Supplier portal: quotation sessions for the city’s small purchases',
  },
  summary: {
    ru: 'Поставщики из любого региона продают московским заказчикам товары до 5 млн ₽ и работы или услуги до 3 млн ₽ через котировочные сессии — мини-аукционы на понижение цены.',
    en: 'Suppliers from any region sell Moscow customers goods worth up to RUB 5m and works or services up to RUB 3m through quotation sessions: mini-auctions where the price goes down.',
  },
  description: {
    ru: 'Котировочная сессия — упрощённая закупка: заказчик публикует потребность, поставщики снижают цену, побеждает лучшее предложение. Подходит малому бизнесу, который хочет продавать городу без больших конкурсов.',
    en: 'A quotation session is a simplified purchase: the customer posts a need, suppliers bid the price down and the best offer wins. It suits small businesses that want to sell to the city without large tenders.',
  },
  supportTypes: ['public_procurement'],
  applicantTypes: ['legal_entity', 'sole_trader', 'self_employed'],
  stages: ['early', 'growth', 'mature'],
  sizes: ALL_SIZES,
  industries: [],
  objectives: ['sell_to_city'],
  territories: ['moscow'],
  benefit: {
    text: {
      ru: 'Доступ к закупкам московских заказчиков без сложных конкурсов.',
      en: 'Access to Moscow customers’ purchases without complex tenders.',
    },
  },
  keyFacts: [
    fact('benefit', spNews, ['Формат', 'Format'], ['Мини-аукцион на понижение цены', 'A mini-auction where the price goes down']),
    fact(
      'eligibility',
      spNews,
      ['Пределы закупки', 'Purchase limits'],
      ['Товары — до 5 млн ₽, работы и услуги — до 3 млн ₽', 'Goods up to RUB 5m, works and services up to RUB 3m'],
      { number: 5 * MLN, unit: 'rub' },
    ),
    fact(
      'eligibility',
      spNews,
      ['Кто может участвовать', 'Who can take part'],
      ['Поставщики из любого региона', 'Suppliers from any region'],
    ),
  ],
  eligibility: {
    text: {
      ru: 'Поставщики товаров, работ и услуг из любого региона России.',
      en: 'Suppliers of goods, works and services from any region of Russia.',
    },
    criteria: {},
  },
  application: {
    steps: [
      step(
        'Найдите котировочные сессии московских заказчиков по своим товарам или услугам на Портале поставщиков.',
        'Find Moscow customers’ quotation sessions for your goods or services on the supplier portal.',
      ),
      step(
        'Сделайте ценовое предложение и снижайте цену в ходе сессии: побеждает лучшее предложение.',
        'Make a price offer and lower it during the session: the best offer wins.',
      ),
      step('Заключите контракт с заказчиком и выполните поставку.', 'Sign the contract with the customer and deliver.'),
    ],
  },
  curation: { sources: [spNews] },
};

/** Shaped as the admin API's create body, and validated by the same rules when seeded. */
export const SEED_PROGRAMMES = [
  technopolis,
  technoparks,
  importantProducts,
  mosprom,
  madeInMoscow,
  smeLoans,
  smeConsulting,
  smePremises,
  newEnterprises,
  iMoscowInvestors,
  iMoscowPilots,
  iMoscowGrowth,
  industrialComplex,
  offsetContracts,
  jobsProgramme,
  socialEntrepreneurship,
  creativeIndustries,
  academyOfInnovators,
  evCharging,
  supplierPortal,
];
