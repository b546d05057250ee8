import { Feed } from 'feed';
import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import type { Lang } from '@app/catalogue';
import { escapeHtml, type SearchHit } from '@app/search';
import type { PublicUrls } from '@app/config';
import { textFor } from './web-i18n';

/** An Atom feed of the programmes a search finds, newest change first. */
export function atomFeed(hits: SearchHit[], selfUrl: string, urls: PublicUrls, lang: Lang): string {
  const t = textFor(lang);
  const feed = new Feed({
    id: selfUrl,
    link: urls.base,
    title: t.siteName,
    description: t.tagline,
    language: lang,
    copyright: t.footer,
    updated: hits.length ? new Date(Math.max(...hits.map((h) => Date.parse(h.updatedAt)))) : new Date(0),
    feedLinks: { atom: selfUrl },
  });
  for (const hit of hits) {
    feed.addItem({
      id: urls.programme(hit.slug),
      link: urls.programme(hit.slug, lang),
      // Atom marks these type="html": plain text must be escaped, or a feed reader renders markup someone typed
      title: escapeHtml(hit.title),
      description: escapeHtml(hit.summary),
      date: new Date(hit.updatedAt),
      author: [{ name: escapeHtml(hit.provider.name) }],
    });
  }
  return feed.atom1();
}

/** What a calendar event needs of a programme (a search hit has it all). */
export type Deadline = Pick<SearchHit, 'slug' | 'title' | 'summary' | 'closesAt'> & { provider: { name: string } };

/** An iCalendar file with one all-day event on each programme's closing day. */
export function deadlinesCalendar(hits: Deadline[], urls: PublicUrls, lang: Lang, name: string): string {
  const calendar = icalGenerator({
    name,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Support Navigator', product: 'deadlines', language: lang.toUpperCase() },
  });
  for (const hit of hits) {
    if (!hit.closesAt) continue;
    const day = new Date(hit.closesAt);
    calendar.createEvent({
      id: `${hit.slug}-deadline@support-navigator`,
      start: day,
      allDay: true,
      summary: `${lang === 'ru' ? 'Окончание приёма заявок' : 'Applications close'}: ${hit.title}`,
      description: `${hit.provider.name}. ${hit.summary}`,
      url: urls.programme(hit.slug, lang),
    });
  }
  return calendar.toString();
}
