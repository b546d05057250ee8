import type { PublicUrls } from '@app/config';
import type { Lang } from '@app/catalogue';
import {
  labelIn,
  SEARCH_FACET_LABELS,
  SEARCH_FACETS,
  type FacetTerm,
  type SearchFacet,
  type SearchHit,
  type SearchRequest,
} from '@app/search';

/** What a message says, in the alert's language: plain text and a small HTML twin. */
export interface Composed {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WORDS = {
  ru: {
    confirmSubject: 'Подтвердите подписку на программы поддержки',
    confirmText: (search: string, frequency: string, link: string) =>
      `Вы (или кто-то от вашего имени) подписались на новые и изменённые программы по поиску:\n${search}\n\nПисьма будут приходить ${frequency}. Чтобы подтвердить подписку, откройте ссылку (она действует 7 дней):\n${link}\n\nЕсли вы не подписывались, просто не отвечайте: без подтверждения писем не будет.`,
    daily: 'раз в день',
    weekly: 'раз в неделю',
    digestSubject: (n: number) => `Программы поддержки: ${n} ${n === 1 ? 'обновление' : 'обновлений'} по вашему поиску`,
    changed: 'Новые и изменённые программы',
    closing: 'Приём заявок заканчивается в ближайшие 14 дней',
    closesOn: (date: string) => `приём до ${date}`,
    search: 'Ваш поиск',
    openSearch: 'Открыть поиск на сайте',
    unsubscribe: 'Отписаться',
    query: (q: string) => `Запрос: «${q}»`,
    everything: 'все программы каталога',
    facets: SEARCH_FACET_LABELS.ru,
    amount: 'Сумма',
    amountFrom: (n: string) => `от ${n}`,
    amountTo: (n: string) => `до ${n}`,
    closes: 'Окончание приёма',
    closesFrom: (d: string) => `не раньше ${d}`,
    closesTo: (d: string) => `не позже ${d}`,
  },
  en: {
    confirmSubject: 'Confirm your support programme alert',
    confirmText: (search: string, frequency: string, link: string) =>
      `You (or someone using your address) subscribed to new and changed programmes for this search:\n${search}\n\nMessages will come ${frequency}. To confirm, open this link (it works for 7 days):\n${link}\n\nIf it was not you, ignore this message: nothing is sent without confirmation.`,
    daily: 'once a day',
    weekly: 'once a week',
    digestSubject: (n: number) => `Support programmes: ${n} update${n === 1 ? '' : 's'} for your search`,
    changed: 'New and changed programmes',
    closing: 'Applications closing within 14 days',
    closesOn: (date: string) => `applications until ${date}`,
    search: 'Your search',
    openSearch: 'Open the search on the site',
    unsubscribe: 'Unsubscribe',
    query: (q: string) => `Words: “${q}”`,
    everything: 'every programme in the catalogue',
    facets: SEARCH_FACET_LABELS.en,
    amount: 'Amount',
    amountFrom: (n: string) => `from ${n}`,
    amountTo: (n: string) => `up to ${n}`,
    closes: 'Applications close',
    closesFrom: (d: string) => `on or after ${d}`,
    closesTo: (d: string) => `on or before ${d}`,
  },
};

const dateIn = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(new Date(iso));

const roubles = (n: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(n);

/** The search an alert follows, as the website's search page reads it. */
export type FollowedSearch = Omit<SearchRequest, 'page' | 'perPage' | 'after' | 'sort' | 'lang'>;

/** The search words the description quotes at most (the form allows 200); the rest is cut with an ellipsis. */
const QUOTED_WORDS = 80;

/**
 * A saved search in words, one line per condition: its words in quotes (cut at QUOTED_WORDS), each
 * filter's name and the labels of its values, amounts and dates ("Вид поддержки: Гранты и субсидии"),
 * never a URL's codes. (A confirmation goes to an address a stranger may have typed: it describes
 * the search and carries no link but its own.)
 */
export function describeSearch(search: FollowedSearch, terms: Record<SearchFacet, FacetTerm[]>, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines: string[] = [];
  const q = search.q?.replace(/\s+/g, ' ').trim();
  if (q) lines.push(w.query(q.length > QUOTED_WORDS ? `${q.slice(0, QUOTED_WORDS)}…` : q));
  for (const facet of SEARCH_FACETS) {
    const codes = search.facets?.[facet] ?? [];
    if (!codes.length) continue;
    const label = (code: string) => {
      const term = terms[facet]?.find((t) => t.code === code);
      return term ? labelIn(term, lang) : code;
    };
    lines.push(`${w.facets[facet]}: ${codes.map(label).join(', ')}`);
  }
  const amount = [
    search.amountMin !== undefined ? w.amountFrom(roubles(search.amountMin, lang)) : null,
    search.amountMax !== undefined ? w.amountTo(roubles(search.amountMax, lang)) : null,
  ].filter(Boolean);
  if (amount.length) lines.push(`${w.amount}: ${amount.join(' ')}`);
  const closes = [
    search.closesAfter ? w.closesFrom(dateIn(new Date(search.closesAfter).toISOString(), lang)) : null,
    search.closesBefore ? w.closesTo(dateIn(new Date(search.closesBefore).toISOString(), lang)) : null,
  ].filter(Boolean);
  if (closes.length) lines.push(`${w.closes}: ${closes.join(', ')}`);
  return lines.length ? lines : [w.everything];
}

/** A link in an HTML message, or its text where there is none. */
const linked = (html: string, url: string, text = url): string => html.replace(escape(url), `<a href="${escape(url)}">${escape(text)}</a>`);

export function confirmMessage(lang: Lang, search: string[], frequency: 'daily' | 'weekly', confirmUrl: string): Composed {
  const w = WORDS[lang];
  const words = search.map((line) => `- ${line}`).join('\n');
  const text = w.confirmText(words, w[frequency], confirmUrl);
  return {
    subject: w.confirmSubject,
    text,
    html: `<p>${linked(escape(text).replace(/\n/g, '<br>'), confirmUrl)}</p>`,
  };
}

export function digestMessage(
  lang: Lang,
  urls: PublicUrls,
  search: string[],
  searchUrl: string,
  unsubscribeUrl: string,
  changed: SearchHit[],
  closing: SearchHit[],
): Composed {
  const w = WORDS[lang];
  const link = (h: SearchHit) => urls.programme(h.slug, lang);
  const line = (h: SearchHit) => `${h.title}${h.closesAt ? ` (${w.closesOn(dateIn(h.closesAt, lang))})` : ''}`;
  const section = (title: string, hits: SearchHit[]) =>
    hits.length
      ? {
          text: `${title}:\n${hits.map((h) => `- ${line(h)}\n  ${link(h)}`).join('\n')}\n`,
          html: `<h2>${escape(title)}</h2><ul>${hits.map((h) => `<li><a href="${escape(link(h))}">${escape(line(h))}</a></li>`).join('')}</ul>`,
        }
      : { text: '', html: '' };
  const parts = [section(w.changed, changed), section(w.closing, closing)];
  return {
    subject: w.digestSubject(changed.length + closing.length),
    text: `${parts
      .map((p) => p.text)
      .filter(Boolean)
      .join(
        '\n',
      )}\n${w.search}:\n${search.map((line) => `- ${line}`).join('\n')}\n${w.openSearch}: ${searchUrl}\n${w.unsubscribe}: ${unsubscribeUrl}\n`,
    html: `${parts.map((p) => p.html).join('')}<p>${escape(w.search)}:</p><ul>${search.map((line) => `<li>${escape(line)}</li>`).join('')}</ul><p><a href="${escape(searchUrl)}">${escape(w.openSearch)}</a> · <a href="${escape(unsubscribeUrl)}">${escape(w.unsubscribe)}</a></p>`,
  };
}
