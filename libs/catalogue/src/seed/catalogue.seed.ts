/**
 * The shipped catalogue: the Moscow programmes named in the seed article, in our
 * own words, with only the facts listed in shared/FACTS.md. Every value that is
 * not known (amounts, dates, contacts, most URLs) is left empty and every entry
 * is flagged for verification; the source is recorded on each entry.
 */
import type { SeedTerm } from './taxonomy.seed';

export interface SeedOrganisation {
  slug: string;
  name: { ru: string; en: string };
  url: string | null;
}

const ARTICLE = {
  sourceName: 'ИА StolicaMedia со ссылкой на Telegram-канал мэра Москвы (22 октября)',
  sourceUrl: null,
};

const INVESTMOSCOW_TECHNOPOLIS = {
  sourceName: 'Инвестиционный портал Москвы investmoscow.ru, пресс-центр (статья 295776); ИА StolicaMedia',
  sourceUrl: 'https://investmoscow.ru/press-center/news-article/?article=295776',
};

const AIF_MOSPROM = {
  sourceName: 'aif.ru и news.rambler.ru (по сообщениям СМИ); ИА StolicaMedia',
  sourceUrl: null,
};

const AIF_I_MOSCOW = {
  sourceName: 'ИА StolicaMedia; aif.ru (по сообщениям СМИ) — о членстве в кластере',
  sourceUrl: null,
};

export const SEED_ORGANISATIONS: SeedOrganisation[] = [
  { slug: 'moscow-government', name: { ru: 'Правительство Москвы', en: 'Moscow City Government' }, url: 'https://mos.ru' },
  { slug: 'technopolis-moscow', name: { ru: 'ОЭЗ «Технополис Москва»', en: 'Technopolis Moscow special economic zone' }, url: null },
  { slug: 'mosprom', name: { ru: 'Центр «Моспром»', en: 'Mosprom Centre' }, url: null },
  { slug: 'moscow-innovation-cluster', name: { ru: 'Московский инновационный кластер', en: 'Moscow Innovation Cluster' }, url: 'https://i.moscow' },
];

const I_MOSCOW_APPLICATION = {
  howToApply: {
    ru: 'Заявка подаётся онлайн на платформе i.moscow. Для онлайн-подачи нужно состоять в Московском инновационном кластере.',
    en: 'Apply online on the i.moscow platform. Online applications require membership of the Moscow Innovation Cluster.',
  },
  applyUrl: 'https://i.moscow',
};

const unverified = (source: { sourceName: string; sourceUrl: string | null }) => ({
  sourceName: source.sourceName,
  sourceUrl: source.sourceUrl,
  verifiedAt: null,
  needsVerification: true,
});

/** Shaped as the admin API's create body, and validated by the same rules when seeded. */
export const SEED_PROGRAMMES = [
  {
    slug: 'technopolis-moscow-sez',
    provider: 'technopolis-moscow',
    title: { ru: 'Резидентство в ОЭЗ «Технополис Москва»', en: 'Technopolis Moscow special economic zone residency' },
    summary: {
      ru: 'Компании-резиденты особой экономической зоны получают налоговые льготы и помощь в развитии производства.',
      en: 'Companies resident in the special economic zone get tax breaks and help to grow their production.',
    },
    description: {
      ru: 'Технополис «Москва» — главная городская площадка для высокотехнологичных производств. Здесь выпускают электронику, лекарства, аккумуляторы, лифты и электромобили, а специалисты разных отраслей вместе развивают отечественные технологии. К 2030 году территория технополиса должна вырасти в несколько раз и дать работу более чем 90 тысячам человек.',
      en: 'Technopolis Moscow is the city’s main site for high-tech manufacturing. Companies there make electronics, medicines, batteries, elevators and electric vehicles, and specialists from different industries work together on domestic technology. By 2030 the site is due to grow several times over and employ more than 90,000 people.',
    },
    supportTypes: ['tax_relief', 'infrastructure'],
    industries: ['electronics', 'pharmaceuticals', 'batteries', 'elevators', 'electric_vehicles'],
    objectives: ['reduce_taxes', 'build_production'],
    territories: ['technopolis_moscow'],
    benefit: {
      text: {
        ru: 'Резиденты ОЭЗ десять лет не платят налог на имущество, транспортный и земельный налоги; налог на прибыль для них — 2%.',
        en: 'Residents pay no property, transport or land tax for ten years, and profit tax at 2%.',
      },
      taxReductions: [
        { tax: 'property', fromPercent: null, toPercent: 0, years: 10 },
        { tax: 'transport', fromPercent: null, toPercent: 0, years: 10 },
        { tax: 'land', fromPercent: null, toPercent: 0, years: 10 },
        { tax: 'profit', fromPercent: null, toPercent: 2, years: null },
      ],
    },
    eligibility: {
      text: {
        ru: 'Льготы действуют для компаний со статусом резидента ОЭЗ «Технополис Москва». Требования к резидентам уточняются.',
        en: 'The breaks apply to companies with resident status in the Technopolis Moscow zone. Requirements for residents are being verified.',
      },
      criteria: { requiredStatuses: ['sez_resident'], territories: ['technopolis_moscow'] },
    },
    curation: unverified(INVESTMOSCOW_TECHNOPOLIS),
  },
  {
    slug: 'moscow-technoparks',
    provider: 'moscow-government',
    title: { ru: 'Технопарки Москвы: статус и резидентство', en: 'Moscow technoparks: status and residency' },
    summary: {
      ru: 'В Москве почти 50 технопарков — площадки с помещениями и инфраструктурой для технологических компаний.',
      en: 'Moscow has almost 50 technoparks: sites with premises and infrastructure for technology companies.',
    },
    description: {
      ru: 'В технопарках города работают десятки тысяч человек. За последние годы в их развитие вложено более 180 млрд рублей. Сейчас все помещения технопарков заняты, поэтому о свободных площадях стоит узнавать заранее.',
      en: 'Tens of thousands of people work in the city’s technoparks, and more than 180 billion roubles have gone into developing them in recent years. All technopark premises are currently occupied, so ask about free space early.',
    },
    supportTypes: ['premises', 'infrastructure'],
    objectives: ['find_premises', 'build_production'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'important-products-and-research-2026',
    provider: 'moscow-government',
    title: {
      ru: 'Поддержка выпуска важной продукции и научных исследований в 2026 году',
      en: 'Support in 2026 for companies making important products and doing research',
    },
    summary: {
      ru: 'В 2026 году город продолжает поддерживать компании, которые производят нужную продукцию и ведут исследования.',
      en: 'In 2026 the city goes on supporting companies that make important products and carry out research.',
    },
    industries: ['manufacturing', 'research'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'mosprom-export-support',
    provider: 'mosprom',
    title: { ru: 'Моспром: помощь в выходе на зарубежные рынки', en: 'Mosprom: help entering foreign markets' },
    summary: {
      ru: 'Центр «Моспром» помогает московским компаниям найти партнёров за рубежом: бизнес-миссии, выставки и экспортная поддержка.',
      en: 'The Mosprom Centre helps Moscow companies find partners abroad through business missions, exhibitions and export support.',
    },
    description: {
      ru: 'При содействии «Моспрома» и программы Made in Moscow столичные компании заключили тысячи контрактов с партнёрами из разных стран.',
      en: 'With help from Mosprom and the Made in Moscow programme, Moscow companies have signed thousands of contracts with partners from many countries.',
    },
    supportTypes: ['export_support', 'consulting'],
    objectives: ['enter_foreign_markets'],
    territories: ['moscow'],
    curation: unverified(AIF_MOSPROM),
  },
  {
    slug: 'made-in-moscow',
    provider: 'moscow-government',
    title: { ru: 'Программа Made in Moscow (18+)', en: 'Made in Moscow programme (18+)' },
    summary: {
      ru: 'Городская программа, которая помогает московским производителям продавать товары за рубежом.',
      en: 'A city programme that helps Moscow producers sell abroad.',
    },
    description: {
      ru: 'Вместе с центром «Моспром» программа помогла столичным компаниям заключить тысячи контрактов с зарубежными партнёрами.',
      en: 'Together with the Mosprom Centre, the programme has helped Moscow companies sign thousands of contracts with foreign partners.',
    },
    supportTypes: ['export_support'],
    objectives: ['enter_foreign_markets'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'sme-concessional-loans',
    provider: 'moscow-government',
    title: { ru: 'Льготные кредиты для малого и среднего бизнеса', en: 'Concessional loans for small and medium businesses' },
    summary: {
      ru: 'Малые и средние предприятия Москвы могут получить кредит на выгодных условиях.',
      en: 'Small and medium-sized Moscow businesses can borrow on favourable terms.',
    },
    supportTypes: ['concessional_loan'],
    sizes: ['micro', 'small', 'medium'],
    objectives: ['get_financing'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'sme-consulting',
    provider: 'moscow-government',
    title: { ru: 'Консультации для предпринимателей', en: 'Consultations for entrepreneurs' },
    summary: {
      ru: 'Город консультирует владельцев малого и среднего бизнеса по вопросам работы и развития компании.',
      en: 'The city advises owners of small and medium businesses on running and growing their company.',
    },
    supportTypes: ['consulting'],
    sizes: ['micro', 'small', 'medium'],
    objectives: ['get_advice'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'sme-premises',
    provider: 'moscow-government',
    title: { ru: 'Помещения для малого и среднего бизнеса', en: 'Premises for small and medium businesses' },
    summary: {
      ru: 'Малый и средний бизнес может получить от города помещения для работы.',
      en: 'Small and medium businesses can get premises to work in from the city.',
    },
    supportTypes: ['premises'],
    sizes: ['micro', 'small', 'medium'],
    objectives: ['find_premises'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'new-enterprise-construction',
    provider: 'moscow-government',
    title: { ru: 'Соглашения о строительстве новых предприятий', en: 'Agreements to build new enterprises' },
    summary: {
      ru: 'Город заключает с инвесторами соглашения о строительстве новых предприятий; подписано уже более 150 таких соглашений.',
      en: 'The city signs agreements with investors to build new enterprises; more than 150 have been signed so far.',
    },
    supportTypes: ['infrastructure'],
    industries: ['manufacturing'],
    objectives: ['build_production'],
    territories: ['moscow'],
    curation: unverified(ARTICLE),
  },
  {
    slug: 'i-moscow-investors',
    provider: 'moscow-innovation-cluster',
    title: { ru: 'i.moscow: встречи стартапов с инвесторами', en: 'i.moscow: startups meet investors' },
    summary: {
      ru: 'На платформе Московского инновационного кластера стартапы находят инвесторов.',
      en: 'On the Moscow Innovation Cluster platform, startups find investors.',
    },
    description: {
      ru: 'Московский инновационный кластер и его онлайн-платформа i.moscow — главная площадка города для поддержки инноваций.',
      en: 'The Moscow Innovation Cluster and its online platform i.moscow are the city’s main venue for supporting innovation.',
    },
    supportTypes: ['investor_matching'],
    objectives: ['find_investors'],
    territories: ['moscow'],
    eligibility: { criteria: { requiredStatuses: ['innovation_cluster_member'] } },
    application: I_MOSCOW_APPLICATION,
    curation: unverified(AIF_I_MOSCOW),
  },
  {
    slug: 'i-moscow-pilot-testing',
    provider: 'moscow-innovation-cluster',
    title: { ru: 'i.moscow: пилотное тестирование разработок', en: 'i.moscow: pilot testing of new products' },
    summary: {
      ru: 'Через платформу i.moscow стартапы могут испытать свои разработки в реальных условиях.',
      en: 'Through the i.moscow platform, startups can test their developments in real conditions.',
    },
    supportTypes: ['pilot_testing'],
    objectives: ['test_product'],
    territories: ['moscow'],
    eligibility: { criteria: { requiredStatuses: ['innovation_cluster_member'] } },
    application: I_MOSCOW_APPLICATION,
    curation: unverified(AIF_I_MOSCOW),
  },
  {
    slug: 'i-moscow-growth-tools',
    provider: 'moscow-innovation-cluster',
    title: { ru: 'i.moscow: инструменты для роста стартапов', en: 'i.moscow: growth tools for startups' },
    summary: {
      ru: 'Платформа i.moscow даёт стартапам инструменты для развития и масштабирования.',
      en: 'The i.moscow platform gives startups tools to develop and scale up.',
    },
    supportTypes: ['acceleration_training'],
    objectives: ['scale_up'],
    territories: ['moscow'],
    eligibility: { criteria: { requiredStatuses: ['innovation_cluster_member'] } },
    application: I_MOSCOW_APPLICATION,
    curation: unverified(AIF_I_MOSCOW),
  },
];

export type { SeedTerm };
