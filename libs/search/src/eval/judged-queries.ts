/**
 * Judged queries for the shipped catalogue: what people type (Russian and
 * English, word forms, typos, abbreviations, everyday words) and the programmes
 * that answer it. `npm run eval:search` scores each engine on them;
 * test/search-quality.e2e-spec.ts keeps both at target.
 *
 * One list per part of the catalogue or kind of wording, joined at the end:
 * to judge queries for new programmes, add their slugs below and a list
 * beside the others (a unit test checks every slug is a shipped programme).
 */
export interface JudgedQuery {
  q: string;
  relevant: string[];
  /** What the query exercises; "everyday": a word people use that the catalogue does not (the synonym vocabulary). */
  kind: 'plain' | 'word-form' | 'typo' | 'synonym' | 'english' | 'prefix' | 'everyday';
}

// ---- release 1 ----
const SEZ = 'technopolis-moscow-sez';
const TECHNOPARKS = 'moscow-technoparks';
const RESEARCH = 'important-products-and-research-2026';
const MOSPROM = 'mosprom-export-support';
const MIM = 'made-in-moscow';
const LOANS = 'sme-concessional-loans';
const CONSULTING = 'sme-consulting';
const PREMISES = 'sme-premises';
const CONSTRUCTION = 'new-enterprise-construction';
const INVESTORS = 'i-moscow-investors';
const PILOTS = 'i-moscow-pilot-testing';
const GROWTH = 'i-moscow-growth-tools';
const I_MOSCOW = [INVESTORS, PILOTS, GROWTH];
// ---- release 2 (where these answer a release-1 query as well, they are judged relevant there too) ----
const INDUSTRIAL_COMPLEX = 'industrial-complex-status';
const OFFSET = 'offset-contracts';
const JOBS = 'mpt-jobs-programme';
const SOCIAL = 'social-entrepreneurship';
const CREATIVE = 'creative-industries';
const ACADEMY = 'academy-of-innovators';
const EV_CHARGING = 'ev-charging-grid-connection';
const SUPPLIER = 'supplier-portal';
const TAX_BREAKS = [SEZ, TECHNOPARKS, INDUSTRIAL_COMPLEX, CONSTRUCTION];

/** The first judged set: the catalogue's own words, their forms, typos, abbreviations and English. */
const CATALOGUE_WORDS: JudgedQuery[] = [
  { q: 'налоговые льготы', relevant: TAX_BREAKS, kind: 'plain' },
  { q: 'льготы резидентам', relevant: [SEZ, TECHNOPARKS], kind: 'word-form' },
  { q: 'налог на имущество', relevant: TAX_BREAKS, kind: 'plain' },
  { q: 'технополис', relevant: [SEZ], kind: 'plain' },
  { q: 'технаполис', relevant: [SEZ], kind: 'typo' },
  { q: 'ОЭЗ', relevant: [SEZ], kind: 'synonym' },
  { q: 'особая экономическая зона', relevant: [SEZ], kind: 'synonym' },
  { q: 'особой экономической зоны', relevant: [SEZ], kind: 'word-form' },
  { q: 'технопарки', relevant: [TECHNOPARKS], kind: 'plain' },
  { q: 'технопарков Москвы', relevant: [TECHNOPARKS], kind: 'word-form' },
  { q: 'техноп', relevant: [TECHNOPARKS, SEZ], kind: 'prefix' },
  { q: 'экспорт', relevant: [MOSPROM], kind: 'plain' },
  { q: 'экспортная поддержка', relevant: [MOSPROM], kind: 'word-form' },
  { q: 'выход на зарубежные рынки', relevant: [MOSPROM], kind: 'plain' },
  { q: 'моспром', relevant: [MOSPROM], kind: 'plain' },
  { q: 'моспорм', relevant: [MOSPROM], kind: 'typo' },
  { q: 'made in moscow', relevant: [MIM], kind: 'english' },
  { q: 'кредит', relevant: [LOANS], kind: 'plain' },
  { q: 'кредитов', relevant: [LOANS], kind: 'word-form' },
  { q: 'кридиты', relevant: [LOANS], kind: 'typo' },
  { q: 'льготный кредит', relevant: [LOANS], kind: 'word-form' },
  { q: 'кредит МСП', relevant: [LOANS], kind: 'synonym' },
  { q: 'кредиты для малого и среднего бизнеса', relevant: [LOANS], kind: 'word-form' },
  { q: 'помещения МСП', relevant: [PREMISES], kind: 'synonym' },
  { q: 'помещение для бизнеса', relevant: [PREMISES, TECHNOPARKS], kind: 'word-form' },
  { q: 'консультация', relevant: [CONSULTING], kind: 'word-form' },
  { q: 'консультацыи', relevant: [CONSULTING], kind: 'typo' },
  { q: 'консультации предпринимателям', relevant: [CONSULTING], kind: 'word-form' },
  { q: 'строительство предприятия', relevant: [CONSTRUCTION], kind: 'word-form' },
  { q: 'соглашение о строительстве', relevant: [CONSTRUCTION], kind: 'word-form' },
  { q: 'инвесторы', relevant: [INVESTORS, CONSTRUCTION], kind: 'plain' },
  { q: 'найти инвестора', relevant: [INVESTORS], kind: 'word-form' },
  { q: 'инвесторов', relevant: [INVESTORS, CONSTRUCTION], kind: 'word-form' },
  { q: 'стартап', relevant: I_MOSCOW, kind: 'plain' },
  { q: 'пилотное тестирование', relevant: [PILOTS], kind: 'plain' },
  { q: 'тестирование разработок', relevant: [PILOTS], kind: 'plain' },
  { q: 'МИК', relevant: I_MOSCOW, kind: 'synonym' },
  { q: 'инновационный кластер', relevant: I_MOSCOW, kind: 'plain' },
  { q: 'рост стартапов', relevant: [GROWTH], kind: 'word-form' },
  { q: 'масштабирование', relevant: [GROWTH], kind: 'plain' },
  { q: 'научные исследования', relevant: [RESEARCH], kind: 'plain' },
  { q: 'важная продукция', relevant: [RESEARCH], kind: 'word-form' },
  { q: 'электроника', relevant: [SEZ], kind: 'plain' },
  { q: 'лекарства', relevant: [SEZ], kind: 'plain' },
  { q: 'электромобилей', relevant: [SEZ, EV_CHARGING], kind: 'word-form' },
  { q: 'ёлектроника', relevant: [SEZ], kind: 'typo' },
  { q: 'tax relief', relevant: TAX_BREAKS, kind: 'english' },
  { q: 'SEZ', relevant: [SEZ], kind: 'synonym' },
  { q: 'special economic zone', relevant: [SEZ], kind: 'english' },
  { q: 'export', relevant: [MOSPROM], kind: 'english' },
  { q: 'foreign markets', relevant: [MOSPROM], kind: 'english' },
  { q: 'loans', relevant: [LOANS], kind: 'english' },
  { q: 'SME loan', relevant: [LOANS], kind: 'synonym' },
  { q: 'small business loans', relevant: [LOANS], kind: 'english' },
  { q: 'premises', relevant: [PREMISES, TECHNOPARKS], kind: 'english' },
  { q: 'consultations', relevant: [CONSULTING], kind: 'english' },
  { q: 'investors', relevant: [INVESTORS, CONSTRUCTION], kind: 'english' },
  { q: 'startups', relevant: I_MOSCOW, kind: 'english' },
  { q: 'pilot testing', relevant: [PILOTS], kind: 'english' },
  { q: 'technoparks', relevant: [TECHNOPARKS], kind: 'english' },
  { q: 'Moscow Innovation Cluster', relevant: I_MOSCOW, kind: 'english' },
  { q: 'build new enterprises', relevant: [CONSTRUCTION], kind: 'english' },
  { q: 'investrs', relevant: [INVESTORS, CONSTRUCTION], kind: 'typo' },
  // verbs where the programmes use nouns, multi-word names, abbreviations, typos in long words
  { q: 'построить предприятие', relevant: [CONSTRUCTION], kind: 'word-form' },
  { q: 'протестировать разработку', relevant: [PILOTS], kind: 'word-form' },
  { q: 'сделано в москве', relevant: [MIM], kind: 'synonym' },
  { q: 'особые экономические зоны', relevant: [SEZ], kind: 'synonym' },
  { q: 'МСП', relevant: [LOANS, CONSULTING, PREMISES], kind: 'synonym' },
  { q: 'технополиз', relevant: [SEZ], kind: 'typo' },
  // the pilots programme offers scaling as well ("возможность масштабирования")
  { q: 'масштабированние', relevant: [GROWTH, PILOTS], kind: 'typo' },
  { q: 'консультацый предпринемателям', relevant: [CONSULTING], kind: 'typo' },
];

/**
 * The entrepreneur's words (issue 24): everyday and professional words the programmes
 * do not use, found through the synonym vocabulary (libs/search/src/synonyms/everyday-vocabulary.json).
 */
const EVERYDAY_WORDS: JudgedQuery[] = [
  { q: 'займ для ип', relevant: [LOANS], kind: 'everyday' },
  { q: 'микрозайм', relevant: [LOANS], kind: 'everyday' },
  { q: 'ссуда', relevant: [LOANS], kind: 'everyday' },
  { q: 'кредит для ИП', relevant: [LOANS], kind: 'everyday' },
  { q: 'поручительство', relevant: [LOANS], kind: 'everyday' },
  { q: 'гарантия по кредиту', relevant: [LOANS], kind: 'everyday' },
  { q: 'microloan', relevant: [LOANS], kind: 'everyday' },
  { q: 'small loan sole trader', relevant: [LOANS], kind: 'everyday' },
  { q: 'земля под строительство завода', relevant: [CONSTRUCTION], kind: 'everyday' },
  // offset contracts: the investor builds production, the city buys from it
  { q: 'построить завод', relevant: [CONSTRUCTION, OFFSET], kind: 'everyday' },
  { q: 'участок под производство', relevant: [CONSTRUCTION, SEZ], kind: 'everyday' },
  { q: 'land for factory', relevant: [CONSTRUCTION], kind: 'everyday' },
  { q: 'самозанятый', relevant: [MIM], kind: 'everyday' },
  { q: 'self-employed', relevant: [MIM], kind: 'everyday' },
  { q: 'грант для стартапа', relevant: [GROWTH, PILOTS], kind: 'everyday' },
  { q: 'grant for startups', relevant: [GROWTH, PILOTS], kind: 'everyday' },
  { q: 'социальное предпринимательство', relevant: [SOCIAL], kind: 'everyday' },
  { q: 'EV charging', relevant: [EV_CHARGING], kind: 'everyday' },
  { q: 'зарядные станции для электромобилей', relevant: [EV_CHARGING], kind: 'everyday' },
  { q: 'стать поставщиком города', relevant: [SUPPLIER, OFFSET], kind: 'everyday' },
  { q: 'госзакупки', relevant: [SUPPLIER, OFFSET], kind: 'everyday' },
  { q: 'tender', relevant: [SUPPLIER, OFFSET], kind: 'everyday' },
  { q: 'лизинг оборудования', relevant: [GROWTH, RESEARCH, CREATIVE], kind: 'everyday' },
  { q: 'льготы для заводов', relevant: [INDUSTRIAL_COMPLEX], kind: 'everyday' },
  { q: 'преференции резидентам', relevant: [SEZ, TECHNOPARKS], kind: 'everyday' },
  { q: 'налоговый вычет', relevant: TAX_BREAKS, kind: 'everyday' },
  { q: 'господдержка малого бизнеса', relevant: [LOANS, CONSULTING, PREMISES, MOSPROM], kind: 'everyday' },
  { q: 'меры поддержки экспортёров', relevant: [MOSPROM], kind: 'everyday' },
  { q: 'ВЭД', relevant: [MOSPROM], kind: 'everyday' },
  { q: 'аренда офиса', relevant: [PREMISES, TECHNOPARKS], kind: 'everyday' },
  { q: 'обучение предпринимателей', relevant: [CONSULTING, ACADEMY], kind: 'everyday' },
  { q: 'акселератор', relevant: [ACADEMY, CONSULTING, SOCIAL], kind: 'everyday' },
  { q: 'бизнес-ангел', relevant: [INVESTORS], kind: 'everyday' },
  { q: 'рабочие места', relevant: [JOBS], kind: 'everyday' },
  { q: 'креативный бизнес', relevant: [CREATIVE], kind: 'everyday' },
  { q: 'патент', relevant: [GROWTH], kind: 'everyday' },
  { q: 'выставка', relevant: [MOSPROM, MIM], kind: 'everyday' },
];

// Release 3 (federal programmes: FASIE "Старт", ФРП loans, industrial mortgage, umbrella guarantees, …): its
// slugs above, and its queries in a list of their own here, added to JUDGED_QUERIES below.

export const JUDGED_QUERIES: JudgedQuery[] = [...CATALOGUE_WORDS, ...EVERYDAY_WORDS];
