import type { Lang } from '@app/catalogue';
import type { SearchFacet, SortOrder } from '@app/search';

/** The website's own words, in both languages. Catalogue content comes translated from the catalogue. */
const TEXT = {
  ru: {
    siteName: 'Навигатор поддержки',
    tagline: 'Меры поддержки бизнеса в Москве: льготы, кредиты, помещения, экспорт, инвесторы',
    searchLabel: 'Что вы ищете?',
    searchPlaceholder: 'Например: льготный кредит, технопарк, экспорт',
    searchButton: 'Найти',
    filters: 'Фильтры',
    applyFilters: 'Применить фильтры',
    clearAll: 'Сбросить всё',
    sort: 'Сортировка',
    sorts: { relevance: 'по соответствию', deadline: 'по сроку подачи', amount: 'по сумме', updated: 'по дате обновления' } as Record<SortOrder, string>,
    facets: {
      supportType: 'Вид поддержки',
      objective: 'Цель',
      applicantType: 'Кто может получить',
      size: 'Размер компании',
      stage: 'Стадия',
      industry: 'Отрасль',
      territory: 'Территория',
      provider: 'Кто предоставляет',
      status: 'Приём заявок',
    } as Record<SearchFacet, string>,
    activeFilters: 'Выбранные фильтры',
    removeFilter: 'Убрать фильтр',
    noFilters: 'Фильтры не выбраны.',
    found: (n: number) => `${ruPlural(n, 'Найдена', 'Найдено', 'Найдено')} ${n.toLocaleString('ru-RU')} ${ruPlural(n, 'программа', 'программы', 'программ')}`,
    forQuery: (q: string) => `по запросу «${q}»`,
    emptyTitle: 'Ничего не нашлось',
    emptyDropFilter: 'Уберите один из фильтров:',
    emptySpelling: 'Проверьте написание или попробуйте другие слова, например «кредит», «помещение», «экспорт».',
    emptyReset: 'Показать все программы',
    pages: 'Страницы',
    previous: 'Назад',
    next: 'Вперёд',
    page: (n: number) => `Страница ${n}`,
    provider: 'Организатор',
    closesIn: (days: number) => (days === 0 ? 'приём заканчивается сегодня' : `приём закончится через ${days} ${ruPlural(days, 'день', 'дня', 'дней')}`),
    closed: 'приём закрыт',
    ongoing: 'без срока',
    opensOn: (date: string) => `приём откроется ${date}`,
    upTo: (amount: string) => `до ${amount}`,
    from: (amount: string) => `от ${amount}`,
    range: (a: string, b: string) => `${a} – ${b}`,
    needsVerification: 'Сведения уточняются',
    language: 'English',
    languageName: 'Русский',
    switchTo: 'Switch to English',
    skipToContent: 'Перейти к результатам',
    skipToMain: 'Перейти к содержанию',
    footer: 'Сведения взяты из открытых источников; проверяйте условия у организатора программы.',
    whatYouGet: 'Что вы получаете',
    whoCanApply: 'Кто может получить',
    criteria: 'Условия',
    howToApply: 'Как подать заявку',
    documents: 'Документы',
    dates: 'Сроки',
    opens: 'Начало приёма',
    closes: 'Окончание приёма',
    noDeadline: 'Срок не ограничен',
    contacts: 'Организатор и контакты',
    source: 'Источник',
    verifiedOn: (date: string) => `Сведения проверены ${date}`,
    notVerified: 'Сведения о программе ещё уточняются: сверьте условия с организатором перед подачей заявки.',
    taxReductions: 'Налоговые льготы',
    tax: { property: 'налог на имущество', land: 'земельный налог', transport: 'транспортный налог', profit: 'налог на прибыль' } as Record<string, string>,
    taxLine: (tax: string, from: string | null, to: string | null, years: number | null) =>
      `${tax}: ${from !== null ? `${from} → ` : ''}${to ?? '—'}${years ? ` на ${years} ${ruPlural(years, 'год', 'года', 'лет')}` : ''}`,
    apply: 'Подать заявку',
    related: 'Похожие программы',
    backToSearch: 'Все программы',
    criterion: {
      companyAge: (min: number | null, max: number | null) => `Возраст компании, лет: ${rangeText(min, max, 'ru')}`,
      headcount: (min: number | null, max: number | null) => `Численность сотрудников: ${rangeText(min, max, 'ru')}`,
      revenue: (max: string) => `Выручка не больше ${max}`,
      applicantTypes: 'Кто может подать заявку',
      industries: 'Отрасли',
      territories: 'Где работает компания',
      requiredStatuses: 'Нужен статус',
    },
    statuses: { sez_resident: 'резидент ОЭЗ', technopark_resident: 'резидент технопарка', innovation_cluster_member: 'участник Московского инновационного кластера', sme_registry: 'в реестре МСП' } as Record<string, string>,
    errorTitle: (status: number) => (status === 404 ? 'Страница не найдена' : status < 500 ? 'Не получилось открыть страницу' : 'Что-то пошло не так'),
    errorHint: 'Вернитесь к поиску программ.',
    suggestions: 'Подсказки',
  },
  en: {
    siteName: 'Support Navigator',
    tagline: 'Business support in Moscow: tax breaks, loans, premises, export help, investors',
    searchLabel: 'What are you looking for?',
    searchPlaceholder: 'For example: concessional loan, technopark, export',
    searchButton: 'Search',
    filters: 'Filters',
    applyFilters: 'Apply filters',
    clearAll: 'Clear all',
    sort: 'Sort',
    sorts: { relevance: 'best match', deadline: 'deadline', amount: 'amount', updated: 'recently updated' } as Record<SortOrder, string>,
    facets: {
      supportType: 'Type of support',
      objective: 'Goal',
      applicantType: 'Who can apply',
      size: 'Company size',
      stage: 'Stage',
      industry: 'Industry',
      territory: 'Territory',
      provider: 'Provided by',
      status: 'Applications',
    } as Record<SearchFacet, string>,
    activeFilters: 'Active filters',
    removeFilter: 'Remove filter',
    noFilters: 'No filters selected.',
    found: (n: number) => `${n.toLocaleString('en-GB')} programme${n === 1 ? '' : 's'} found`,
    forQuery: (q: string) => `for “${q}”`,
    emptyTitle: 'Nothing found',
    emptyDropFilter: 'Remove one of the filters:',
    emptySpelling: 'Check the spelling or try other words, such as “loan”, “premises”, “export”.',
    emptyReset: 'Show all programmes',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    page: (n: number) => `Page ${n}`,
    provider: 'Provider',
    closesIn: (days: number) => (days === 0 ? 'closes today' : `closes in ${days} day${days === 1 ? '' : 's'}`),
    closed: 'closed',
    ongoing: 'no deadline',
    opensOn: (date: string) => `opens ${date}`,
    upTo: (amount: string) => `up to ${amount}`,
    from: (amount: string) => `from ${amount}`,
    range: (a: string, b: string) => `${a} – ${b}`,
    needsVerification: 'Being verified',
    language: 'Русский',
    languageName: 'English',
    switchTo: 'Перейти на русский',
    skipToContent: 'Skip to results',
    skipToMain: 'Skip to content',
    footer: 'Taken from public sources; check the conditions with the provider.',
    whatYouGet: 'What you get',
    whoCanApply: 'Who can apply',
    criteria: 'Conditions',
    howToApply: 'How to apply',
    documents: 'Documents',
    dates: 'Dates',
    opens: 'Applications open',
    closes: 'Applications close',
    noDeadline: 'No deadline',
    contacts: 'Provider and contacts',
    source: 'Source',
    verifiedOn: (date: string) => `Verified on ${date}`,
    notVerified: 'The details of this programme are still being verified: check the conditions with the provider before applying.',
    taxReductions: 'Tax breaks',
    tax: { property: 'property tax', land: 'land tax', transport: 'transport tax', profit: 'profit tax' } as Record<string, string>,
    taxLine: (tax: string, from: string | null, to: string | null, years: number | null) =>
      `${tax}: ${from !== null ? `${from} → ` : ''}${to ?? '—'}${years ? ` for ${years} year${years === 1 ? '' : 's'}` : ''}`,
    apply: 'Apply',
    related: 'Related programmes',
    backToSearch: 'All programmes',
    criterion: {
      companyAge: (min: number | null, max: number | null) => `Company age: ${rangeText(min, max, 'en')} years`,
      headcount: (min: number | null, max: number | null) => `Employees: ${rangeText(min, max, 'en')}`,
      revenue: (max: string) => `Revenue up to ${max}`,
      applicantTypes: 'Who may apply',
      industries: 'Industries',
      territories: 'Where the company works',
      requiredStatuses: 'Status required',
    },
    statuses: { sez_resident: 'SEZ resident', technopark_resident: 'technopark resident', innovation_cluster_member: 'Moscow Innovation Cluster member', sme_registry: 'in the SME register' } as Record<string, string>,
    errorTitle: (status: number) => (status === 404 ? 'Page not found' : status < 500 ? 'This page could not be opened' : 'Something went wrong'),
    errorHint: 'Go back to the programme search.',
    suggestions: 'Suggestions',
  },
};

export type WebText = (typeof TEXT)['ru'];

export const textFor = (lang: Lang): WebText => TEXT[lang] as WebText;

/** Russian plural forms: 1 программа, 2 программы, 5 программ. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules('ru-RU').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

function rangeText(min: number | null, max: number | null, lang: Lang): string {
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return lang === 'ru' ? `от ${min}` : `at least ${min}`;
  if (max !== null) return lang === 'ru' ? `до ${max}` : `up to ${max}`;
  return '—';
}

export const LOCALE: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

export const formatDate = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' }).format(new Date(iso));

export const formatRoubles = (amount: number, lang: Lang): string =>
  new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(amount);
