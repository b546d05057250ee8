import { deriveTiming, NOT_CONFIRMED, roundFromDates } from '../programmes/programme-status';
import type { Programme } from '../programmes/programme.entity';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same catalogue. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Phrase {
  ru: string;
  en: string;
}

const KINDS: (Phrase & { supportType: string; objective: string; weight: number; money: 'grant' | 'loan' | null })[] = [
  { ru: 'Субсидия на', en: 'Subsidy for', supportType: 'grant_subsidy', objective: 'get_financing', weight: 5, money: 'grant' },
  { ru: 'Грант на', en: 'Grant for', supportType: 'grant_subsidy', objective: 'get_financing', weight: 4, money: 'grant' },
  {
    ru: 'Льготный кредит на',
    en: 'Concessional loan for',
    supportType: 'concessional_loan',
    objective: 'get_financing',
    weight: 4,
    money: 'loan',
  },
  { ru: 'Льготный заём на', en: 'Soft loan for', supportType: 'concessional_loan', objective: 'get_financing', weight: 2, money: 'loan' },
  {
    ru: 'Поручительство по кредиту на',
    en: 'Loan guarantee for',
    supportType: 'loan_guarantee',
    objective: 'get_financing',
    weight: 2,
    money: 'loan',
  },
  {
    ru: 'Компенсация затрат на',
    en: 'Cost compensation for',
    supportType: 'grant_subsidy',
    objective: 'get_financing',
    weight: 3,
    money: 'grant',
  },
  { ru: 'Налоговая льгота на', en: 'Tax relief for', supportType: 'tax_relief', objective: 'reduce_taxes', weight: 2, money: null },
  { ru: 'Консультации по вопросам', en: 'Advice on', supportType: 'consulting', objective: 'get_advice', weight: 3, money: null },
  {
    ru: 'Помощь экспортёрам в',
    en: 'Exporter support for',
    supportType: 'export_support',
    objective: 'enter_foreign_markets',
    weight: 2,
    money: null,
  },
  {
    ru: 'Льготная аренда помещений под',
    en: 'Discounted premises for',
    supportType: 'premises',
    objective: 'find_premises',
    weight: 2,
    money: null,
  },
  {
    ru: 'Акселерационная программа на',
    en: 'Accelerator programme for',
    supportType: 'acceleration_training',
    objective: 'scale_up',
    weight: 2,
    money: null,
  },
  {
    ru: 'Пилотное внедрение на',
    en: 'Pilot deployment for',
    supportType: 'pilot_testing',
    objective: 'test_product',
    weight: 1,
    money: null,
  },
  {
    ru: 'Поиск инвесторов на',
    en: 'Investor matching for',
    supportType: 'investor_matching',
    objective: 'find_investors',
    weight: 1,
    money: null,
  },
];

const OBJECTS: Phrase[] = [
  { ru: 'покупку оборудования', en: 'buying equipment' },
  { ru: 'модернизацию производства', en: 'modernising production' },
  { ru: 'выход на зарубежные рынки', en: 'entering foreign markets' },
  { ru: 'разработку программного обеспечения', en: 'software development' },
  { ru: 'участие в международных выставках', en: 'taking part in international fairs' },
  { ru: 'сертификацию продукции', en: 'product certification' },
  { ru: 'патентование изобретений', en: 'patenting inventions' },
  { ru: 'обучение сотрудников', en: 'staff training' },
  { ru: 'строительство производственных площадок', en: 'building production sites' },
  { ru: 'внедрение искусственного интеллекта', en: 'adopting artificial intelligence' },
  { ru: 'энергосбережение', en: 'energy saving' },
  { ru: 'научные исследования и разработки', en: 'research and development' },
  { ru: 'создание рабочих мест', en: 'creating jobs' },
  { ru: 'цифровизацию бизнеса', en: 'digitalising the business' },
  { ru: 'лизинг техники', en: 'equipment leasing' },
];

const AUDIENCES: (Phrase & { applicantTypes: string[]; sizes: string[] })[] = [
  { ru: 'малых предприятий', en: 'small enterprises', applicantTypes: ['legal_entity'], sizes: ['small'] },
  { ru: 'микропредприятий', en: 'micro enterprises', applicantTypes: ['legal_entity', 'sole_trader'], sizes: ['micro'] },
  { ru: 'средних предприятий', en: 'medium-sized enterprises', applicantTypes: ['legal_entity'], sizes: ['medium'] },
  { ru: 'стартапов', en: 'startups', applicantTypes: ['startup_team', 'legal_entity'], sizes: ['micro', 'small'] },
  { ru: 'промышленных компаний', en: 'industrial companies', applicantTypes: ['legal_entity'], sizes: ['medium', 'large'] },
  { ru: 'ИТ-компаний', en: 'IT companies', applicantTypes: ['legal_entity'], sizes: ['small', 'medium'] },
  { ru: 'индивидуальных предпринимателей', en: 'sole traders', applicantTypes: ['sole_trader'], sizes: ['micro'] },
  { ru: 'самозанятых', en: 'the self-employed', applicantTypes: ['self_employed'], sizes: ['micro'] },
  { ru: 'резидентов технопарков', en: 'technopark residents', applicantTypes: ['legal_entity'], sizes: ['small', 'medium', 'large'] },
  { ru: 'экспортёров', en: 'exporters', applicantTypes: ['legal_entity'], sizes: ['medium', 'large'] },
];

const INDUSTRIES: (Phrase & { code: string })[] = [
  { code: 'electronics', ru: 'электроника', en: 'electronics' },
  { code: 'pharmaceuticals', ru: 'фармацевтика', en: 'pharmaceuticals' },
  { code: 'batteries', ru: 'производство аккумуляторов', en: 'battery making' },
  { code: 'elevators', ru: 'лифтостроение', en: 'elevator making' },
  { code: 'electric_vehicles', ru: 'электромобили', en: 'electric vehicles' },
  { code: 'manufacturing', ru: 'промышленное производство', en: 'manufacturing' },
  { code: 'research', ru: 'научные исследования', en: 'research' },
  { code: 'information_technology', ru: 'информационные технологии', en: 'information technology' },
  { code: 'artificial_intelligence', ru: 'искусственный интеллект', en: 'artificial intelligence' },
];

const SENTENCES: Phrase[] = [
  { ru: 'Заявки принимаются в электронном виде.', en: 'Applications are accepted online.' },
  { ru: 'Компания должна быть зарегистрирована в Москве.', en: 'The company must be registered in Moscow.' },
  { ru: 'Поддержка предоставляется на конкурсной основе.', en: 'Support is awarded competitively.' },
  { ru: 'Средства можно направить только на цели проекта.', en: 'Funds may be spent on the project only.' },
  { ru: 'Решение принимается в течение тридцати рабочих дней.', en: 'A decision is made within thirty working days.' },
  { ru: 'Получатель отчитывается о результатах через год.', en: 'Recipients report on results after a year.' },
  { ru: 'Предпочтение отдаётся проектам с высокой долей локализации.', en: 'Projects with a high share of local content are preferred.' },
  { ru: 'Консультанты помогают подготовить документы.', en: 'Advisers help prepare the documents.' },
];

const STAGES = ['idea', 'early', 'growth', 'mature'];
const DAY = 86_400_000;

export const SYNTHETIC_SLUG_PREFIX = 'synthetic-';
export const SYNTHETIC_SOURCE = 'synthetic (benchmarks only)';

const SYNTHETIC_STEPS = [
  { text: { ru: 'Проверьте условия программы.', en: 'Check the programme’s conditions.' }, url: null },
  { text: { ru: 'Подайте заявку оператору программы.', en: 'Apply to the programme’s operator.' }, url: null },
];

/** Synthetic providers: the real four plus a spread of funds and agencies. */
export const SYNTHETIC_PROVIDERS: { slug: string; nameRu: string; nameEn: string }[] = Array.from({ length: 16 }, (_, i) => ({
  slug: `synthetic-fund-${i + 1}`,
  nameRu: `Фонд поддержки предпринимательства №${i + 1}`,
  nameEn: `Business Support Fund No. ${i + 1}`,
}));

/** A synthetic round (or nothing confirmed) and what follows from it, as a save derives it. */
function timing(opensAt: Date | null, closesAt: Date | null, now: Date): Partial<Programme> {
  const availability = opensAt || closesAt ? roundFromDates(opensAt, closesAt, 's1') : NOT_CONFIRMED;
  const t = deriveTiming(availability, now);
  return {
    availability,
    status: t.status,
    opensAt: t.opensAt,
    closesAt: t.closesAt,
    recheckAt: t.changesAt,
    eligibilityChecks: [],
    applyUrlEn: null,
  };
}

/**
 * The `index`-th synthetic programme of the catalogue drawn from `seed`:
 * realistic Russian and English text and a realistic facet spread, for
 * benchmarks only (slugs start with `synthetic-`, source says so).
 */
export function syntheticProgramme(seed: number, index: number, providerIds: string[], now: Date): Partial<Programme> {
  const rnd = randomSource(seed * 1_000_003 + index);
  const pickOne = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const totalWeight = KINDS.reduce((a, k) => a + k.weight, 0);
  let roll = rnd() * totalWeight;
  const kind = KINDS.find((k) => (roll -= k.weight) < 0) ?? KINDS[0];
  const object = pickOne(OBJECTS);
  const audience = pickOne(AUDIENCES);
  const industries = [...new Set([pickOne(INDUSTRIES), ...(rnd() < 0.3 ? [pickOne(INDUSTRIES)] : [])])];
  const stageStart = Math.floor(rnd() * STAGES.length);
  const stages = STAGES.slice(stageStart, stageStart + 1 + Math.floor(rnd() * 2));
  const sentences = [pickOne(SENTENCES), pickOne(SENTENCES)];
  const industryRu = industries.map((i) => i.ru).join(', ');
  const industryEn = industries.map((i) => i.en).join(', ');

  let amountMin: number | null = null;
  let amountMax: number | null = null;
  if (kind.money) {
    const scale = kind.money === 'loan' ? 10_000_000 : 1_000_000;
    amountMax = Math.round(((0.5 + rnd() * 50) * scale) / 100_000) * 100_000;
    if (rnd() < 0.6) amountMin = Math.round((amountMax * rnd() * 0.2) / 100_000) * 100_000;
  }
  let opensAt: Date | null = null;
  let closesAt: Date | null = null;
  if (rnd() < 0.7) {
    opensAt = new Date(now.getTime() - Math.floor(rnd() * 400) * DAY);
    closesAt = new Date(opensAt.getTime() + (30 + Math.floor(rnd() * 540)) * DAY);
  }
  const updatedAt = new Date(now.getTime() - Math.floor(rnd() * 365 * DAY));
  return {
    slug: `${SYNTHETIC_SLUG_PREFIX}${seed}-${index}`,
    titleRu: `${kind.ru} ${object.ru} для ${audience.ru}`,
    titleEn: `${kind.en} ${object.en} for ${audience.en}`,
    summaryRu: `Программа для ${audience.ru} в отрасли «${industryRu}»: ${kind.ru.toLowerCase()} ${object.ru}.`,
    summaryEn: `A programme for ${audience.en} in ${industryEn}: ${kind.en.toLowerCase()} ${object.en}.`,
    descriptionRu: sentences.map((s) => s.ru).join(' '),
    descriptionEn: sentences.map((s) => s.en).join(' '),
    providerId: pickOne(providerIds),
    supportTypes: [kind.supportType, ...(rnd() < 0.15 ? ['consulting'] : [])].filter((v, i, a) => a.indexOf(v) === i),
    applicantTypes: audience.applicantTypes,
    stages,
    sizes: audience.sizes,
    industries: industries.map((i) => i.code),
    objectives: [kind.objective],
    territories: [rnd() < 0.07 ? 'technopolis_moscow' : 'moscow'],
    amountMin,
    amountMax,
    taxReductions: [],
    eligibility: {},
    ...timing(opensAt, closesAt, now),
    keyFacts: [],
    applicationSteps: SYNTHETIC_STEPS,
    requiredDocuments: [],
    contacts: {},
    sources: [
      {
        key: 's1',
        title: { ru: SYNTHETIC_SOURCE, en: SYNTHETIC_SOURCE },
        url: null,
        publisher: SYNTHETIC_SOURCE,
        kind: 'other',
        publishedOn: null,
        checkedOn: null,
      },
    ],
    sourcesNewestOn: null,
    sourcesCheckedOn: null,
    catalogueHash: null,
    publicationState: rnd() < 0.95 ? 'published' : 'draft',
    publishedAt: now,
    version: 1,
    updatedAt,
  };
}
