import type { PublicUrls } from '@app/config';
import type { Lang } from '@app/catalogue';
import { SEARCH_FACETS, type SearchFacet, type SearchHit, type SearchRequest, type SearchResponse } from '@app/search';

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
      `Вы (или кто-то от вашего имени) подписались на новые и изменённые программы каталога мер поддержки, которые находит поиск:\n${search}\n\nПисьма будут приходить ${frequency}. Чтобы подтвердить подписку, откройте ссылку (она действует 7 дней):\n${link}\n\nЕсли вы не подписывались, просто не отвечайте: без подтверждения писем не будет.`,
    everything: 'все программы каталога',
    words: (q: string) => `слова поиска «${q}»`,
    facets: {
      supportType: 'вид поддержки',
      objective: 'цель',
      applicantType: 'кто может получить',
      size: 'размер компании',
      stage: 'стадия',
      industry: 'отрасль',
      territory: 'территория',
      provider: 'кто предоставляет',
      status: 'приём заявок',
    } as Record<SearchFacet, string>,
    amountFrom: (n: string) => `сумма не меньше ${n} ₽`,
    amountTo: (n: string) => `сумма не больше ${n} ₽`,
    closesAfter: (d: string) => `приём заявок после ${d}`,
    closesBefore: (d: string) => `приём заявок до ${d}`,
    openSearch: 'Открыть поиск на сайте',
    daily: 'раз в день',
    weekly: 'раз в неделю',
    digestSubject: (n: number) => `Программы поддержки: ${n} ${n === 1 ? 'обновление' : 'обновлений'} по вашему поиску`,
    changed: 'Новые и изменённые программы',
    closing: 'Приём заявок заканчивается в ближайшие 14 дней',
    closesOn: (date: string) => `приём до ${date}`,
    search: 'Ваш поиск',
    unsubscribe: 'Отписаться',
  },
  en: {
    confirmSubject: 'Confirm your support programme alert',
    confirmText: (search: string, frequency: string, link: string) =>
      `You (or someone using your address) subscribed to new and changed programmes of the business-support catalogue that this search finds:\n${search}\n\nMessages will come ${frequency}. To confirm, open this link (it works for 7 days):\n${link}\n\nIf it was not you, ignore this message: nothing is sent without confirmation.`,
    everything: 'every programme of the catalogue',
    words: (q: string) => `search words “${q}”`,
    facets: {
      supportType: 'type of support',
      objective: 'goal',
      applicantType: 'who can apply',
      size: 'company size',
      stage: 'stage',
      industry: 'industry',
      territory: 'territory',
      provider: 'provided by',
      status: 'applications',
    } as Record<SearchFacet, string>,
    amountFrom: (n: string) => `amount at least ${n} RUB`,
    amountTo: (n: string) => `amount at most ${n} RUB`,
    closesAfter: (d: string) => `applications close after ${d}`,
    closesBefore: (d: string) => `applications close by ${d}`,
    openSearch: 'Open the search on the site',
    daily: 'once a day',
    weekly: 'once a week',
    digestSubject: (n: number) => `Support programmes: ${n} update${n === 1 ? '' : 's'} for your search`,
    changed: 'New and changed programmes',
    closing: 'Applications closing within 14 days',
    closesOn: (date: string) => `applications until ${date}`,
    search: 'Your search',
    unsubscribe: 'Unsubscribe',
  },
};

const dateIn = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(new Date(iso));

/** The search words the description quotes at most (the form allows 200); the rest is cut with an ellipsis. */
const QUOTED_WORDS = 80;

/**
 * A saved search in words, for mail: the query in quotes and each filter by its
 * name and the labels of its values, never a URL. (A URL would carry whatever a
 * stranger typed into a message that goes to someone else's inbox as a link.)
 */
export function describeSearch(
  lang: Lang,
  request: Pick<SearchRequest, 'q' | 'facets' | 'amountMin' | 'amountMax' | 'closesAfter' | 'closesBefore'>,
  facets: SearchResponse['facets'],
): string {
  const w = WORDS[lang];
  const parts: string[] = [];
  const q = request.q?.replace(/\s+/g, ' ').trim();
  if (q) parts.push(w.words(q.length > QUOTED_WORDS ? `${q.slice(0, QUOTED_WORDS)}…` : q));
  for (const facet of SEARCH_FACETS) {
    const codes = request.facets?.[facet] ?? [];
    if (!codes.length) continue;
    const labels = codes.map((code) => facets[facet]?.find((v) => v.code === code)?.label ?? code);
    parts.push(`${w.facets[facet]}: ${labels.join(', ')}`);
  }
  const money = (n: number) => n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
  if (request.amountMin !== undefined) parts.push(w.amountFrom(money(request.amountMin)));
  if (request.amountMax !== undefined) parts.push(w.amountTo(money(request.amountMax)));
  if (request.closesAfter) parts.push(w.closesAfter(dateIn(new Date(request.closesAfter).toISOString(), lang)));
  if (request.closesBefore) parts.push(w.closesBefore(dateIn(new Date(request.closesBefore).toISOString(), lang)));
  return parts.length ? parts.join('; ') : w.everything;
}

export function confirmMessage(lang: Lang, search: string, frequency: 'daily' | 'weekly', confirmUrl: string): Composed {
  const w = WORDS[lang];
  const text = w.confirmText(search, w[frequency], confirmUrl);
  return {
    subject: w.confirmSubject,
    text,
    html: `<p>${escape(text)
      .replace(/\n/g, '<br>')
      .replace(escape(confirmUrl), `<a href="${escape(confirmUrl)}">${escape(confirmUrl)}</a>`)}</p>`,
  };
}

export function digestMessage(
  lang: Lang,
  urls: PublicUrls,
  search: { described: string; url: string },
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
      .join('\n')}\n${w.search}: ${search.described}\n${w.openSearch}: ${search.url}\n${w.unsubscribe}: ${unsubscribeUrl}\n`,
    html: `${parts.map((p) => p.html).join('')}<p>${escape(w.search)}: ${escape(search.described)}</p><p><a href="${escape(search.url)}">${escape(w.openSearch)}</a> · <a href="${escape(unsubscribeUrl)}">${escape(w.unsubscribe)}</a></p>`,
  };
}
