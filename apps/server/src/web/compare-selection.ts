import type { Request, Response } from 'express';
import { SLUG_PATTERN, type Lang } from '@app/catalogue';

/**
 * The programmes a visitor picked to compare, kept in a cookie so the choice survives new
 * searches, paging and programme pages, with or without JavaScript. The compare page itself
 * takes its programmes from its address (`/compare?slugs=a,b`), so it can be shared.
 */
export const COMPARE_COOKIE = 'sn_compare';
export const COMPARE_MAX = 4;
const MONTH_MS = 30 * 86_400_000;

/** The slugs in the visitor's cookie: well-formed, distinct, at most four (anything else is dropped). */
export function selectionOf(req: Request): string[] {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[COMPARE_COOKIE];
  if (typeof raw !== 'string') return [];
  const slugs = raw.split('.').filter((s) => s.length <= 200 && SLUG_PATTERN.test(s));
  return [...new Set(slugs)].slice(0, COMPARE_MAX);
}

export function keepSelection(req: Request, res: Response, slugs: string[]): void {
  if (slugs.length)
    res.cookie(COMPARE_COOKIE, slugs.join('.'), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: MONTH_MS });
  else res.clearCookie(COMPARE_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** A selection changed by one request: a slug added (unless four are picked), removed, or all cleared. */
export function changed(slugs: string[], change: { add?: string; remove?: string; clear?: boolean }): string[] {
  if (change.clear) return [];
  let next = slugs;
  if (change.remove) next = next.filter((s) => s !== change.remove);
  if (change.add && !next.includes(change.add) && next.length < COMPARE_MAX) next = [...next, change.add];
  return next;
}

/** Only an address on this site (a path, never `//host` or a scheme): a form's `back` is never an open redirect. */
export function localPath(back: string | undefined, fallback = '/'): string {
  return back && /^\/(?![/\\])/.test(back) && !/[\s\\]/.test(back) ? back : fallback;
}

/** The compare page of these programmes. */
export const compareUrl = (slugs: string[], lang: Lang): string =>
  `/compare?slugs=${slugs.map(encodeURIComponent).join(',')}${lang === 'en' ? '&lang=en' : ''}`;

/** What the compare bar and the compare toggles show. */
export interface CompareSelectionView {
  slugs: string[];
  /** The picked programmes that are still published, in the order picked. */
  items: { slug: string; title: string }[];
  count: number;
  max: number;
  full: boolean;
  url: string | null;
  /** Where a change of the selection returns to (the page showing it). */
  back: string;
}

export function selectionView(
  slugs: string[],
  titles: Map<string, { ru: string; en: string | null }>,
  lang: Lang,
  back: string,
): CompareSelectionView {
  const live = slugs.filter((s) => titles.has(s));
  const items = live.map((slug) => {
    const title = titles.get(slug)!;
    return { slug, title: (lang === 'en' && title.en) || title.ru };
  });
  return {
    slugs: live,
    items,
    count: live.length,
    max: COMPARE_MAX,
    full: live.length >= COMPARE_MAX,
    url: live.length ? compareUrl(live, lang) : null,
    back,
  };
}
