import type { PublicUrls } from '@app/config';
import type { Lang } from '@app/catalogue';
import type { SearchHit } from '@app/search';

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
      `Вы (или кто-то от вашего имени) подписались на новые и изменённые программы по поиску:\n${search}\n\nПисьма будут приходить ${frequency}. Чтобы подтвердить подписку, откройте ссылку:\n${link}\n\nЕсли вы не подписывались, просто не отвечайте: без подтверждения писем не будет.`,
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
      `You (or someone using your address) subscribed to new and changed programmes for this search:\n${search}\n\nMessages will come ${frequency}. To confirm, open this link:\n${link}\n\nIf it was not you, ignore this message: nothing is sent without confirmation.`,
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

export function confirmMessage(lang: Lang, searchUrl: string, frequency: 'daily' | 'weekly', confirmUrl: string): Composed {
  const w = WORDS[lang];
  const text = w.confirmText(searchUrl, w[frequency], confirmUrl);
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
      .join('\n')}\n${w.search}: ${searchUrl}\n${w.unsubscribe}: ${unsubscribeUrl}\n`,
    html: `${parts.map((p) => p.html).join('')}<p><a href="${escape(searchUrl)}">${escape(w.search)}</a> · <a href="${escape(unsubscribeUrl)}">${escape(w.unsubscribe)}</a></p>`,
  };
}
