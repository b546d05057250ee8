import type { Lang } from '@app/catalogue';
import { SEARCH_FACET_LABELS, type SortOrder } from '@app/search';

/** A sentence's full stop, unless its last word brings one ("7 декабря 2026 г."). */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

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
    sorts: { relevance: 'по соответствию', deadline: 'по сроку подачи', amount: 'по сумме', updated: 'по дате обновления' } as Record<
      SortOrder,
      string
    >,
    facets: SEARCH_FACET_LABELS.ru,
    activeFilters: 'Выбранные фильтры',
    removeFilter: 'Убрать фильтр',
    noFilters: 'Фильтры не выбраны.',
    found: (n: number) =>
      `${ruPlural(n, 'Найдена', 'Найдено', 'Найдено')} ${n.toLocaleString('ru-RU')} ${ruPlural(n, 'программа', 'программы', 'программ')}`,
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
    closesIn: (days: number) =>
      days === 0 ? 'приём заканчивается сегодня' : `приём закончится через ${days} ${ruPlural(days, 'день', 'дня', 'дней')}`,
    closed: 'приём закрыт',
    standing: 'принимают заявки постоянно',
    notConfirmed: 'статус приёма не подтверждён',
    notConfirmedLong: 'Статус приёма не подтверждён — уточните у организатора',
    upcoming: 'приём скоро откроется',
    openNoDeadline: 'приём открыт, срок окончания не объявлен',
    factsOld: (old: number, all: number, days: number) =>
      `${old} из ${all} ${ruPlural(all, 'сведения', 'сведений', 'сведений')} ${days === 365 ? 'старше года' : `старше ${days} дн.`} или без даты`,
    opensOn: (date: string) => `приём откроется ${date}`,
    upTo: (amount: string) => `до ${amount}`,
    from: (amount: string) => `от ${amount}`,
    range: (a: string, b: string) => `${a} – ${b}`,
    possiblyOutdated: 'Сведения могут быть устаревшими',
    language: 'English',
    languageName: 'Русский',
    switchTo: 'Switch to English',
    skipToMain: 'Перейти к содержанию',
    skipToSearch: 'Перейти к поиску',
    skipToResults: 'Перейти к результатам',
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
    sources: 'Источники',
    about: 'О программе',
    keyFacts: 'Главное',
    amountLabel: 'Сумма',
    forWhom: 'Для кого',
    deadline: 'Сроки',
    rate: 'Ставка',
    term: 'Срок',
    termMonths: (n: number) => `${n} ${ruPlural(n, 'месяц', 'месяца', 'месяцев')}`,
    asOf: (date: string) => `на ${date}`,
    undated: 'дата источника не указана',
    pageDate: (date: string) => `страница от ${date}`,
    pageUndated: 'страница без даты',
    checkedOn: (date: string) => `проверено редакцией ${date}`,
    lastChecked: (date: string) => sentence(`Редакция сверяла сведения с источниками ${date}`),
    neverChecked: 'Редакция ещё не сверяла сведения с источниками.',
    outdated: (date: string | null, days: number) =>
      `${date ? `Самый новый источник датирован ${date}` : 'Источники не датированы'} — это больше ${days} дн. назад. Условия могли измениться: сверьте их на официальном сайте перед подачей заявки.`,
    howToGet: 'Как получить',
    applyOfficial: 'Подать заявку на официальном сайте',
    actNow: 'Как действовать',
    linkLang: { ru: 'страница на русском', en: 'страница на английском' },
    call: 'Позвонить',
    write: 'Написать',
    address: 'Адрес',
    site: 'Сайт',
    phone: 'Телефон',
    providerSite: 'Сайт организатора',
    programmeContact: 'Контакт программы',
    noWayToAct: 'Официальной страницы для заявки и контактов в источниках нет.',
    statusHeading: 'Приём заявок',
    statusSource: (publisher: string, date: string | null) => `по данным: ${publisher}${date ? `, ${date}` : ''}`,
    statusText: {
      open: 'Приём заявок открыт',
      upcoming: 'Приём заявок скоро откроется',
      standing: 'Заявки принимают постоянно',
      not_confirmed: 'Статус приёма не подтверждён — уточните у организатора',
      closed: 'Приём заявок закрыт',
    } as Record<string, string>,
    rounds: 'Отборы',
    roundLine: (from: string | null, to: string | null) => (from && to ? `с ${from} по ${to}` : from ? `с ${from}` : to ? `до ${to}` : '—'),
    pastTerms: 'Прошлые условия',
    pastTermsHint: 'Эти условия действовали раньше; действующие могут отличаться. В фильтры, сортировку и подбор они не входят.',
    termsOfYear: (year: number) => `условия ${year} года`,
    validUntil: (date: string) => `действовали до ${date}`,
    factOld: 'старше года или без даты',
    factSource: (publisher: string, date: string | null) => `${publisher}, ${date ?? 'без даты'}`,
    factsNote: (old: number, all: number) =>
      `${old} из ${all} ${ruPlural(all, 'сведения', 'сведений', 'сведений')} основаны на источниках старше года или без даты. Условия могли измениться: сверьте их у организатора перед подачей заявки.`,
    checkYourself: 'Проверьте сами',
    check: (what: string) => `проверьте: ${what}`,
    sourceKind: { official: 'официальный источник', media: 'СМИ', other: 'другой источник' } as Record<string, string>,
    noSteps: 'Порядок подачи заявки пока не описан: уточните его у организатора.',
    notKnown: 'Не известно',
    taxReductions: 'Налоговые льготы',
    tax: { property: 'налог на имущество', land: 'земельный налог', transport: 'транспортный налог', profit: 'налог на прибыль' } as Record<
      string,
      string
    >,
    taxLine: (tax: string, from: string | null, to: string | null, years: number | null) =>
      `${tax}: ${from !== null ? `${from} → ` : ''}${to ?? '—'}${years ? ` на ${years} ${ruPlural(years, 'год', 'года', 'лет')}` : ''}`,
    apply: 'Подать заявку',
    related: 'Похожие программы',
    backToSearch: 'Все программы',
    facetFilter: 'Найти в списке',
    facetFilterIn: (facet: string) => `Найти в списке «${facet}»`,
    showAll: (n: number) => `Показать все (${n})`,
    criterion: {
      companyAge: (min: number | null, max: number | null) => `Возраст компании, лет: ${rangeText(min, max, 'ru')}`,
      headcount: (min: number | null, max: number | null) => `Численность сотрудников: ${rangeText(min, max, 'ru')}`,
      revenue: (max: string) => `Выручка не больше ${max}`,
      applicantTypes: 'Кто может подать заявку',
      industries: 'Отрасли',
      territories: 'Где работает компания',
      requiredStatuses: 'Нужен статус',
      sizes: 'Размер компании',
      investment: (min: string) => `Инвестиции не меньше ${min}`,
    },
    errorTitle: (status: number) =>
      status === 404
        ? 'Страница не найдена'
        : status === 429
          ? 'Слишком много запросов'
          : status < 500
            ? 'Не получилось открыть страницу'
            : 'Что-то пошло не так',
    slowDown: (seconds: number) =>
      `С вашего адреса пришло слишком много запросов. Подождите ${seconds} ${ruPlural(seconds, 'секунду', 'секунды', 'секунд')} и обновите страницу.`,
    errorHint: 'Вернитесь к поиску программ.',
    errorMessages: {
      programmeNotFound: 'Такой программы нет в каталоге. Возможно, её сняли с публикации или в адресе опечатка — найдите её через поиск.',
      pageNotFound: 'По этому адресу ничего нет. Проверьте ссылку или начните с поиска.',
      compareEmpty:
        'Чтобы сравнить программы, нажмите «Сравнить» у одной–четырёх программ в результатах поиска, затем кнопку «Сравнить» вверху списка.',
      badLink: 'В ссылке есть ошибка: часть параметров нам непонятна. Начните поиск заново — фильтры можно выбрать на странице.',
      failed: 'Мы уже знаем о сбое. Попробуйте ещё раз через минуту.',
      crossSite: 'Эту форму можно отправить только со страницы нашего сайта. Откройте поиск и подпишитесь оттуда.',
    },
    requestId: (id: string) => `Если будете писать в поддержку, укажите код обращения: ${id}`,
    didYouMean: 'Возможно, вы искали:',
    profile: {
      notice: 'На карточках отмечено, подходит ли программа вашей компании по анкете.',
      edit: 'Изменить ответы',
      remove: 'Убрать отметки',
      search: 'Посмотреть все программы с отметками в поиске',
    },
    notStated: 'не указано',
    glance: {
      sme: 'для МСП',
      forSizes: (list: string) => `для: ${list.toLowerCase()}`,
      ageFrom: (n: number) => `компании от ${n} ${ruPlural(n, 'года', 'лет', 'лет')}`,
      ageTo: (n: number) => `компании до ${n} ${ruPlural(n, 'года', 'лет', 'лет')}`,
      headcountTo: (n: number) => `до ${n} сотрудников`,
      investmentFrom: (amount: string) => `инвестиции ${amount}`,
      status: (label: string) => `нужен статус: ${label.toLowerCase()}`,
      label: 'Главные условия',
    },
    share: { link: 'Поделиться ссылкой', copied: 'Ссылка скопирована' },
    alerts: {
      subscribe: 'Получать новые программы по этому поиску на почту',
      email: 'Электронная почта',
      daily: 'раз в день',
      weekly: 'раз в неделю',
      frequency: 'Как часто',
      submit: 'Подписаться',
      note: 'Пришлём письмо для подтверждения. Отписаться можно одной кнопкой в любом письме.',
      checkTitle: 'Проверьте почту',
      checkText: 'Мы отправили письмо со ссылкой для подтверждения. Пока подписка не подтверждена, других писем не будет.',
      badTitle: 'Не получилось подписаться',
      badEmail: 'Проверьте адрес электронной почты и выберите, как часто присылать письма.',
      confirmTitle: 'Подтвердите подписку',
      confirmText:
        'Нажмите кнопку, чтобы получать письма о новых и изменённых программах по вашему поиску и о сроках, которые скоро заканчиваются.',
      confirmButton: 'Подтвердить подписку',
      confirmedTitle: 'Подписка подтверждена',
      confirmedText: 'Первое письмо придёт, когда по вашему поиску появится что-то новое. В каждом письме есть ссылка, чтобы отписаться.',
      alreadyTitle: 'Подписка уже подтверждена',
      alreadyText:
        'Вы уже подтвердили эту подписку — больше ничего делать не нужно. Письма придут, когда по вашему поиску появится что-то новое.',
      unknownTitle: 'Ссылка недействительна или устарела',
      unknownText:
        'Эта ссылка из письма не работает: возможно, она скопирована не целиком, устарела или подписку уже отменили. Откройте ссылку из последнего письма или подпишитесь заново со страницы поиска.',
      unsubscribeTitle: 'Отписаться от писем',
      unsubscribeText: 'Нажмите кнопку, и письма по этому поиску больше не придут.',
      unsubscribeButton: 'Отписаться',
      goneTitle: 'Вы отписались',
      goneText: 'Писем по этому поиску больше не будет.',
    },
    suggestions: 'Подсказки',
    nav: { search: 'Поиск', match: 'Подобрать поддержку' },
    inRussian: 'на русском',
    someWords: 'Программ со всеми словами запроса нет — показаны те, где есть часть из них.',
    chart: {
      title: 'Сейчас принимают заявки',
      caption: 'Программы с открытым приёмом заявок по видам поддержки',
      show: (label: string) => `Показать: ${label}`,
    },
    compare: {
      title: 'Сравнение программ',
      emptyTitle: 'Нечего сравнивать',
      toggle: 'Сравнить',
      chosen: (n: number, max: number) => `Выбрано для сравнения: ${n} из ${max}`,
      go: (n: number) => `Сравнить (${n})`,
      clear: 'Очистить',
      fullHint: 'Больше четырёх не сравнить: уберите одну, чтобы добавить другую.',
      hint: 'Нажмите «Сравнить» у двух–четырёх программ: выбор сохранится, даже если вы начнёте новый поиск.',
      remove: 'Убрать из сравнения',
      addMore: 'Добавить программы из поиска',
      swipe: (n: number) => `Листайте таблицу вбок, чтобы увидеть все программы (${n}).`,
      row: 'Параметр',
      summary: 'Коротко',
      scale: 'Масштаб',
    },
    feeds: { atom: 'Подписаться на обновления (Atom)', ics: 'Сроки в календарь (iCalendar)', programmeIcs: 'Добавить срок в календарь' },
    match: {
      title: 'Подберите поддержку для своей компании',
      intro:
        'Ответьте на несколько вопросов — любые можно пропустить. Мы покажем программы, которые принимают заявки, и объясним, подходит ли каждое условие.',
      applicantType: 'Кто вы',
      companyAgeYears: 'Сколько лет компании',
      headcount: 'Сколько сотрудников',
      revenueBand: 'Выручка за год',
      industry: 'Отрасль',
      size: 'Размер компании',
      investmentRub: 'Сколько готовы вложить, ₽',
      territory: 'Где работает компания',
      goal: 'Что нужно',
      okved: 'Код ОКВЭД 2 (основной)',
      okvedHint: 'Например, 62.01 или 10.71: отнесём компанию к её разделу классификатора.',
      statuses: 'Какие статусы у компании уже есть',
      noStatus: 'ни одного из этих',
      any: 'не важно',
      bands: { upTo120m: 'до 120 млн ₽', upTo800m: '120–800 млн ₽', upTo2b: '800 млн – 2 млрд ₽', over2b: 'больше 2 млрд ₽' } as Record<
        string,
        string
      >,
      submit: 'Подобрать',
      results: (n: number) => `${n} ${ruPlural(n, 'программа', 'программы', 'программ')} принимают заявки`,
      fit: { fits: 'подходит', partly: 'может подойти', does_not_fit: 'не подходит' } as Record<string, string>,
      status: { met: 'выполнено', not_met: 'не выполнено', unknown: 'уточните', not_stated: 'не ограничено' } as Record<string, string>,
      groups: {
        fits: (n: number) => `Подходят: ${n}`,
        partly: (n: number) => `Могут подойти — уточните условия: ${n}`,
        does_not_fit: (n: number) => `Не подходят: ${n}`,
      } as Record<string, (n: number) => string>,
      groupHints: {
        fits: 'Все условия, которые называет программа, выполнены.',
        partly: 'Явных препятствий нет, но часть условий зависит от того, что нужно проверить.',
        does_not_fit: 'Хотя бы одно условие программы не выполнено.',
      } as Record<string, string>,
      check: (what: string) => `Уточните: ${what}`,
      noLimit: (what: string) => `Не ограничивает: ${what}`,
      criteria: {
        applicantType: 'кто может подать',
        size: 'размер компании',
        companyAge: 'возраст компании',
        headcount: 'численность',
        revenue: 'выручку',
        investment: 'сумму инвестиций',
        industry: 'отрасль',
        territory: 'адрес площадки',
        goal: 'цель',
        status: 'статус компании',
      } as Record<string, string>,
      summary: (fits: number, partly: number, not: number) =>
        `Подходят ${fits}, могут подойти ${partly}, не подходят ${not} из программ, которые принимают заявки.`,
      noAnswers: 'Ответьте хотя бы на один вопрос, чтобы мы могли оценить программы.',
    },
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
    facets: SEARCH_FACET_LABELS.en,
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
    standing: 'always open',
    notConfirmed: 'status not confirmed',
    notConfirmedLong: 'Whether applications are open is not confirmed: check with the provider',
    upcoming: 'opening soon',
    openNoDeadline: 'open, no closing date announced',
    factsOld: (old: number, all: number, days: number) =>
      `${old} of ${all} fact${all === 1 ? '' : 's'} ${days === 365 ? 'over a year old' : `over ${days} days old`} or undated`,
    opensOn: (date: string) => `opens ${date}`,
    upTo: (amount: string) => `up to ${amount}`,
    from: (amount: string) => `from ${amount}`,
    range: (a: string, b: string) => `${a} – ${b}`,
    possiblyOutdated: 'Possibly out of date',
    language: 'Русский',
    languageName: 'English',
    switchTo: 'Перейти на русский',
    skipToMain: 'Skip to content',
    skipToSearch: 'Skip to the search',
    skipToResults: 'Skip to the results',
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
    sources: 'Sources',
    about: 'About the programme',
    keyFacts: 'Key facts',
    amountLabel: 'Amount',
    forWhom: 'Who it is for',
    deadline: 'Dates',
    rate: 'Rate',
    term: 'Term',
    termMonths: (n: number) => `${n} month${n === 1 ? '' : 's'}`,
    asOf: (date: string) => `as of ${date}`,
    undated: 'source undated',
    pageDate: (date: string) => `page dated ${date}`,
    pageUndated: 'page undated',
    checkedOn: (date: string) => `checked by our editors on ${date}`,
    lastChecked: (date: string) => sentence(`Our editors last compared this entry with its sources on ${date}`),
    neverChecked: 'Our editors have not yet compared this entry with its sources.',
    outdated: (date: string | null, days: number) =>
      `${date ? `The newest source is dated ${date}` : 'The sources are undated'}: more than ${days} days ago. The conditions may have changed: check them on the official site before applying.`,
    howToGet: 'How to get it',
    applyOfficial: 'Apply on the official site',
    actNow: 'How to act',
    linkLang: { ru: 'page in Russian', en: 'page in English' },
    call: 'Call',
    write: 'Write',
    address: 'Address',
    site: 'Website',
    phone: 'Phone',
    providerSite: "Provider's site",
    programmeContact: 'Programme contact',
    noWayToAct: 'The sources give no official application page or contact.',
    statusHeading: 'Applications',
    statusSource: (publisher: string, date: string | null) => `according to: ${publisher}${date ? `, ${date}` : ''}`,
    statusText: {
      open: 'Open for applications',
      upcoming: 'Opening soon',
      standing: 'Applications accepted at any time',
      not_confirmed: 'Whether applications are open is not confirmed: check with the provider',
      closed: 'Applications closed',
    } as Record<string, string>,
    rounds: 'Rounds',
    roundLine: (from: string | null, to: string | null) =>
      from && to ? `${from} to ${to}` : from ? `from ${from}` : to ? `until ${to}` : '—',
    pastTerms: 'Past terms',
    pastTermsHint: 'These terms held before; the current ones may differ. They never count in filters, sorting or matching.',
    termsOfYear: (year: number) => `terms of ${year}`,
    validUntil: (date: string) => `held until ${date}`,
    factOld: 'over a year old or undated',
    factSource: (publisher: string, date: string | null) => `${publisher}, ${date ?? 'undated'}`,
    factsNote: (old: number, all: number) =>
      `${old} of ${all} fact${all === 1 ? '' : 's'} rest on sources over a year old or undated. The conditions may have changed: check them with the provider before applying.`,
    checkYourself: 'Check yourself',
    check: (what: string) => `check: ${what}`,
    sourceKind: { official: 'official source', media: 'news media', other: 'other source' } as Record<string, string>,
    noSteps: 'How to apply is not described yet: ask the provider.',
    notKnown: 'Not known',
    taxReductions: 'Tax breaks',
    tax: { property: 'property tax', land: 'land tax', transport: 'transport tax', profit: 'profit tax' } as Record<string, string>,
    taxLine: (tax: string, from: string | null, to: string | null, years: number | null) =>
      `${tax}: ${from !== null ? `${from} → ` : ''}${to ?? '—'}${years ? ` for ${years} year${years === 1 ? '' : 's'}` : ''}`,
    apply: 'Apply',
    related: 'Related programmes',
    backToSearch: 'All programmes',
    facetFilter: 'Find in the list',
    facetFilterIn: (facet: string) => `Find in the list "${facet}"`,
    showAll: (n: number) => `Show all (${n})`,
    criterion: {
      companyAge: (min: number | null, max: number | null) => `Company age: ${rangeText(min, max, 'en')} years`,
      headcount: (min: number | null, max: number | null) => `Employees: ${rangeText(min, max, 'en')}`,
      revenue: (max: string) => `Revenue up to ${max}`,
      applicantTypes: 'Who may apply',
      industries: 'Industries',
      territories: 'Where the company works',
      requiredStatuses: 'Status required',
      sizes: 'Company size',
      investment: (min: string) => `Investment of at least ${min}`,
    },
    errorTitle: (status: number) =>
      status === 404
        ? 'Page not found'
        : status === 429
          ? 'Too many requests'
          : status < 500
            ? 'This page could not be opened'
            : 'Something went wrong',
    slowDown: (seconds: number) =>
      `Too many requests came from your address. Wait ${seconds} second${seconds === 1 ? '' : 's'} and reload the page.`,
    errorHint: 'Go back to the programme search.',
    errorMessages: {
      programmeNotFound:
        'There is no such programme in the catalogue. It may have been withdrawn, or the address has a typo: find it through the search.',
      pageNotFound: 'There is nothing at this address. Check the link or start from the search.',
      compareEmpty:
        'To compare programmes, press “Compare” on one to four of them in the search results, then the “Compare” button above the list.',
      badLink:
        'The link has an error: we could not understand some of its parameters. Start the search again; you can pick filters on the page.',
      failed: 'We know about the failure. Please try again in a minute.',
      crossSite: 'This form can only be sent from a page of this site. Open the search and subscribe from there.',
    },
    requestId: (id: string) => `If you contact support, quote this reference: ${id}`,
    didYouMean: 'Did you mean:',
    profile: {
      notice: 'Cards say whether each programme fits your company, from your answers.',
      edit: 'Change the answers',
      remove: 'Remove the marks',
      search: 'See every programme with these marks in the search',
    },
    notStated: 'not stated',
    glance: {
      sme: 'for SMEs',
      forSizes: (list: string) => `for: ${list.toLowerCase()}`,
      ageFrom: (n: number) => `companies ${n}+ years old`,
      ageTo: (n: number) => `companies up to ${n} years old`,
      headcountTo: (n: number) => `up to ${n} employees`,
      investmentFrom: (amount: string) => `investment ${amount}`,
      status: (label: string) => `status needed: ${label.toLowerCase()}`,
      label: 'Main conditions',
    },
    share: { link: 'Share the link', copied: 'Link copied' },
    alerts: {
      subscribe: 'Email me new programmes for this search',
      email: 'Email',
      daily: 'daily',
      weekly: 'weekly',
      frequency: 'How often',
      submit: 'Subscribe',
      note: 'We send a message to confirm. Every message has a one-click unsubscribe.',
      checkTitle: 'Check your inbox',
      checkText: 'We sent a message with a confirmation link. Nothing else is sent until you confirm.',
      badTitle: 'That did not work',
      badEmail: 'Check the email address and choose how often to send.',
      confirmTitle: 'Confirm your alert',
      confirmText: 'Press the button to get new and changed programmes for your search, and deadlines closing soon.',
      confirmButton: 'Confirm',
      confirmedTitle: 'Alert confirmed',
      confirmedText: 'The first message comes when your search has something new. Every message has an unsubscribe link.',
      alreadyTitle: 'Alert already confirmed',
      alreadyText: 'You have already confirmed this alert; there is nothing more to do. Messages come when your search has something new.',
      unknownTitle: 'This link is invalid or has expired',
      unknownText:
        'This link from the message does not work: it may be incomplete, out of date, or the alert was cancelled. Open the link from the latest message, or subscribe again from the search page.',
      unsubscribeTitle: 'Unsubscribe',
      unsubscribeText: 'Press the button and no more messages for this search will come.',
      unsubscribeButton: 'Unsubscribe',
      goneTitle: 'You are unsubscribed',
      goneText: 'No more messages for this search will come.',
    },
    suggestions: 'Suggestions',
    nav: { search: 'Search', match: 'Find support for my company' },
    inRussian: 'in Russian',
    someWords: 'No programme has every word of your search; these have some of them.',
    chart: {
      title: 'Taking applications now',
      caption: 'Programmes open for applications, by type of support',
      show: (label: string) => `Show: ${label}`,
    },
    compare: {
      title: 'Compare programmes',
      emptyTitle: 'Nothing to compare',
      toggle: 'Compare',
      chosen: (n: number, max: number) => `${n} of ${max} picked to compare`,
      go: (n: number) => `Compare (${n})`,
      clear: 'Clear',
      fullHint: 'Four is the most: remove one to add another.',
      hint: 'Press “Compare” on two to four programmes: the choice stays even if you start a new search.',
      remove: 'Remove from the comparison',
      addMore: 'Add programmes from the search',
      swipe: (n: number) => `Swipe the table sideways to see every programme (${n}).`,
      row: 'Detail',
      summary: 'In short',
      scale: 'Scale',
    },
    feeds: {
      atom: 'Follow updates (Atom)',
      ics: 'Deadlines to your calendar (iCalendar)',
      programmeIcs: 'Add the deadline to your calendar',
    },
    match: {
      title: 'Find support for your company',
      intro:
        'Answer a few questions — skip any you like. We show the programmes that take applications and explain whether each condition is met.',
      applicantType: 'You are',
      companyAgeYears: 'Company age, years',
      headcount: 'Employees',
      revenueBand: 'Yearly revenue',
      industry: 'Industry',
      size: 'Company size',
      investmentRub: 'Planned investment, RUB',
      territory: 'Where the company works',
      goal: 'What you need',
      okved: 'ОКВЭД 2 code (main activity)',
      okvedHint: 'For example 62.01 or 10.71: we place the company in its section of the classifier.',
      statuses: 'Statuses the company already holds',
      noStatus: 'none of these',
      any: 'any',
      bands: { upTo120m: 'up to RUB 120m', upTo800m: 'RUB 120–800m', upTo2b: 'RUB 800m – 2bn', over2b: 'over RUB 2bn' } as Record<
        string,
        string
      >,
      submit: 'Find programmes',
      results: (n: number) => `${n} programme${n === 1 ? '' : 's'} taking applications`,
      fit: { fits: 'fits', partly: 'may fit', does_not_fit: 'does not fit' } as Record<string, string>,
      status: { met: 'met', not_met: 'not met', unknown: 'to check', not_stated: 'no limit' } as Record<string, string>,
      groups: {
        fits: (n: number) => `Fit: ${n}`,
        partly: (n: number) => `May fit, check the conditions: ${n}`,
        does_not_fit: (n: number) => `Do not fit: ${n}`,
      } as Record<string, (n: number) => string>,
      groupHints: {
        fits: 'Every condition the programme states is met.',
        partly: 'Nothing rules it out, but some conditions depend on what you need to check.',
        does_not_fit: 'At least one condition of the programme is not met.',
      } as Record<string, string>,
      check: (what: string) => `Check: ${what}`,
      noLimit: (what: string) => `No limit on: ${what}`,
      criteria: {
        applicantType: 'who may apply',
        size: 'company size',
        companyAge: 'company age',
        headcount: 'headcount',
        revenue: 'revenue',
        investment: 'investment',
        industry: 'industry',
        territory: 'site address',
        goal: 'goal',
        status: 'company status',
      } as Record<string, string>,
      summary: (fits: number, partly: number, not: number) =>
        `${fits} fit, ${partly} may fit and ${not} do not fit, of the programmes taking applications.`,
      noAnswers: 'Answer at least one question so we can judge the programmes.',
    },
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
  new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' }).format(
    new Date(iso),
  );

const SCALES = {
  ru: [
    [1e12, 'трлн'],
    [1e9, 'млрд'],
    [1e6, 'млн'],
    [1e3, 'тыс.'],
  ],
  en: [
    [1e12, 'trn'],
    [1e9, 'bn'],
    [1e6, 'm'],
    [1e3, 'k'],
  ],
} as const;

/**
 * Amounts in the words a reader scans: "65,6–405 млн ₽", "до 1,5 млрд ₽" (both ends of a range in
 * the larger one's unit, three significant digits at most). The exact figure is on the programme page.
 */
export function compactRoubles(min: number | null, max: number | null, lang: Lang): string | null {
  const top = max ?? min;
  if (top === null) return null;
  const [size, unit] = SCALES[lang].find(([s]) => top >= s) ?? [1, ''];
  const number = (n: number) => new Intl.NumberFormat(LOCALE[lang], { maximumSignificantDigits: 3 }).format(n / size);
  const money = (text: string) => (lang === 'ru' ? `${text}${unit ? ` ${unit}` : ''} ₽` : `RUB ${text}${unit}`);
  if (min !== null && max !== null && min !== max) return money(`${number(min)}–${number(max)}`);
  if (max !== null) return lang === 'ru' ? `до ${money(number(max))}` : `up to ${money(number(max))}`;
  return lang === 'ru' ? `от ${money(number(min!))}` : `from ${money(number(min!))}`;
}

export const formatRoubles = (amount: number, lang: Lang): string =>
  new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(amount);
