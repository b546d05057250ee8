import type { Facet } from '../taxonomy/facets';

export interface SeedTerm {
  facet: Facet;
  code: string;
  ru: string;
  en: string;
  parentCode?: string;
  kind?: string;
}

/** The starting taxonomy; admins edit labels and add terms from here on. */
export const SEED_TAXONOMY: SeedTerm[] = [
  { facet: 'support_type', code: 'tax_relief', ru: 'Налоговые льготы', en: 'Tax relief' },
  { facet: 'support_type', code: 'concessional_loan', ru: 'Льготные кредиты и займы', en: 'Concessional loans' },
  { facet: 'support_type', code: 'loan_guarantee', ru: 'Поручительства по кредитам', en: 'Loan guarantees' },
  { facet: 'support_type', code: 'grant_subsidy', ru: 'Гранты и субсидии', en: 'Grants and subsidies' },
  { facet: 'support_type', code: 'export_support', ru: 'Поддержка экспорта', en: 'Export support' },
  { facet: 'support_type', code: 'consulting', ru: 'Консультации', en: 'Consulting' },
  { facet: 'support_type', code: 'premises', ru: 'Помещения и площадки', en: 'Premises and sites' },
  { facet: 'support_type', code: 'investor_matching', ru: 'Поиск инвесторов', en: 'Investor matching' },
  { facet: 'support_type', code: 'pilot_testing', ru: 'Пилотирование и тестирование', en: 'Pilots and testing' },
  { facet: 'support_type', code: 'acceleration_training', ru: 'Акселерация и обучение', en: 'Acceleration and training' },
  { facet: 'support_type', code: 'infrastructure', ru: 'Инфраструктура для производства', en: 'Production infrastructure' },
  { facet: 'support_type', code: 'public_procurement', ru: 'Городские закупки и госзаказ', en: 'City procurement' },

  { facet: 'applicant_type', code: 'legal_entity', ru: 'Юридическое лицо', en: 'Legal entity' },
  { facet: 'applicant_type', code: 'sole_trader', ru: 'Индивидуальный предприниматель', en: 'Sole trader' },
  { facet: 'applicant_type', code: 'self_employed', ru: 'Самозанятый', en: 'Self-employed' },
  { facet: 'applicant_type', code: 'startup_team', ru: 'Команда стартапа', en: 'Startup team' },
  { facet: 'applicant_type', code: 'individual', ru: 'Физическое лицо', en: 'Individual' },
  { facet: 'applicant_type', code: 'research_organisation', ru: 'Вуз или научная организация', en: 'University or research organisation' },

  { facet: 'stage', code: 'idea', ru: 'Идея', en: 'Idea' },
  { facet: 'stage', code: 'early', ru: 'Ранняя стадия', en: 'Early stage' },
  { facet: 'stage', code: 'growth', ru: 'Рост', en: 'Growth' },
  { facet: 'stage', code: 'mature', ru: 'Зрелый бизнес', en: 'Mature business' },

  { facet: 'size', code: 'micro', ru: 'Микропредприятие', en: 'Micro enterprise' },
  { facet: 'size', code: 'small', ru: 'Малое предприятие', en: 'Small enterprise' },
  { facet: 'size', code: 'medium', ru: 'Среднее предприятие', en: 'Medium enterprise' },
  { facet: 'size', code: 'large', ru: 'Крупное предприятие', en: 'Large enterprise' },

  // the sections of the national classifier ОКВЭД 2 (kind okved_section; matching/okved.ts places a code in one) …
  {
    facet: 'industry',
    code: 'agriculture',
    ru: 'Сельское хозяйство, лесное хозяйство, рыболовство',
    en: 'Agriculture, forestry and fishing',
    kind: 'okved_section',
  },
  { facet: 'industry', code: 'mining', ru: 'Добыча полезных ископаемых', en: 'Mining and quarrying', kind: 'okved_section' },
  { facet: 'industry', code: 'manufacturing', ru: 'Промышленное производство', en: 'Manufacturing', kind: 'okved_section' },
  { facet: 'industry', code: 'energy', ru: 'Электроэнергия, газ и пар', en: 'Electricity, gas and steam', kind: 'okved_section' },
  {
    facet: 'industry',
    code: 'water_waste',
    ru: 'Водоснабжение и обращение с отходами',
    en: 'Water supply and waste management',
    kind: 'okved_section',
  },
  { facet: 'industry', code: 'construction', ru: 'Строительство', en: 'Construction', kind: 'okved_section' },
  { facet: 'industry', code: 'trade', ru: 'Торговля', en: 'Wholesale and retail trade', kind: 'okved_section' },
  { facet: 'industry', code: 'transport_logistics', ru: 'Транспорт и хранение', en: 'Transport and storage', kind: 'okved_section' },
  {
    facet: 'industry',
    code: 'hospitality_food',
    ru: 'Гостиницы и общественное питание',
    en: 'Hotels, restaurants and cafés',
    kind: 'okved_section',
  },
  {
    facet: 'industry',
    code: 'information_technology',
    ru: 'Информационные технологии и связь',
    en: 'Information technology and communication',
    kind: 'okved_section',
  },
  { facet: 'industry', code: 'finance', ru: 'Финансы и страхование', en: 'Finance and insurance', kind: 'okved_section' },
  { facet: 'industry', code: 'real_estate', ru: 'Операции с недвижимостью', en: 'Real estate', kind: 'okved_section' },
  {
    facet: 'industry',
    code: 'professional_science',
    ru: 'Профессиональная, научная и техническая деятельность',
    en: 'Professional, scientific and technical activities',
    kind: 'okved_section',
  },
  {
    facet: 'industry',
    code: 'administrative_services',
    ru: 'Административные и вспомогательные услуги',
    en: 'Administrative and support services',
    kind: 'okved_section',
  },
  { facet: 'industry', code: 'education', ru: 'Образование', en: 'Education', kind: 'okved_section' },
  { facet: 'industry', code: 'healthcare', ru: 'Здравоохранение и социальные услуги', en: 'Health and social work', kind: 'okved_section' },
  { facet: 'industry', code: 'arts_sport_leisure', ru: 'Культура, спорт и досуг', en: 'Arts, sport and recreation', kind: 'okved_section' },
  { facet: 'industry', code: 'other_services', ru: 'Бытовые и прочие услуги', en: 'Personal and other services', kind: 'okved_section' },
  // … and narrower terms within them
  { facet: 'industry', code: 'electronics', ru: 'Электроника', en: 'Electronics', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'pharmaceuticals', ru: 'Лекарства и фармацевтика', en: 'Pharmaceuticals', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'batteries', ru: 'Аккумуляторы и батареи', en: 'Batteries', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'elevators', ru: 'Лифты', en: 'Elevators', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'electric_vehicles', ru: 'Электромобили', en: 'Electric vehicles', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'medical_devices', ru: 'Медицинские изделия', en: 'Medical devices', parentCode: 'manufacturing' },
  { facet: 'industry', code: 'food_production', ru: 'Производство продуктов питания', en: 'Food production', parentCode: 'manufacturing' },
  {
    facet: 'industry',
    code: 'research',
    ru: 'Научные исследования и разработки',
    en: 'Research and development',
    parentCode: 'professional_science',
  },
  {
    facet: 'industry',
    code: 'artificial_intelligence',
    ru: 'Искусственный интеллект',
    en: 'Artificial intelligence',
    parentCode: 'information_technology',
  },
  { facet: 'industry', code: 'creative_industries', ru: 'Креативные индустрии', en: 'Creative industries' },

  { facet: 'objective', code: 'reduce_taxes', ru: 'Снизить налоги', en: 'Reduce taxes' },
  { facet: 'objective', code: 'get_financing', ru: 'Получить финансирование', en: 'Get financing' },
  { facet: 'objective', code: 'find_investors', ru: 'Найти инвесторов', en: 'Find investors' },
  { facet: 'objective', code: 'enter_foreign_markets', ru: 'Выйти на зарубежные рынки', en: 'Enter foreign markets' },
  { facet: 'objective', code: 'find_premises', ru: 'Найти помещение', en: 'Find premises' },
  { facet: 'objective', code: 'get_advice', ru: 'Получить консультацию', en: 'Get advice' },
  { facet: 'objective', code: 'test_product', ru: 'Протестировать продукт', en: 'Test a product' },
  { facet: 'objective', code: 'scale_up', ru: 'Вырасти и масштабироваться', en: 'Grow and scale up' },
  { facet: 'objective', code: 'build_production', ru: 'Построить производство', en: 'Build production' },
  { facet: 'objective', code: 'sell_to_city', ru: 'Продавать городу', en: 'Sell to the city' },

  { facet: 'territory', code: 'russia', ru: 'Вся Россия', en: 'All of Russia', kind: 'country' },
  { facet: 'territory', code: 'moscow', ru: 'Москва', en: 'Moscow', kind: 'region', parentCode: 'russia' },
  {
    facet: 'territory',
    code: 'technopolis_moscow',
    ru: 'Технополис «Москва»',
    en: 'Technopolis Moscow',
    kind: 'site',
    parentCode: 'moscow',
  },
];
