import type { NextFunction, Request, Response } from 'express';
import type { Lang } from '@app/catalogue';

/** The language a visitor chose with the switch (or by following a link in it), remembered for addresses that do not name one. */
export const LANG_COOKIE = 'sn_lang';
const YEAR_MS = 365 * 86_400_000;

/** The website's pages, feeds and alert pages: not the API, the admin area, assets, health or metrics. */
const websitePath = (path: string): boolean => !/^\/(api|admin|assets|health|metrics)(\/|$)/.test(path);

const isLang = (value: unknown): value is Lang => value === 'ru' || value === 'en';

/**
 * The website's language when its address does not name one: the one the visitor chose
 * before (`sn_lang`), else English for a browser that prefers it to Russian, else Russian.
 * The result is written into the address (`lang=en`), so every page, link and error page
 * reads it from there as before; such answers vary by Accept-Language (all by Cookie). An
 * address that names its language (`lang=ru|en`, as the switch does) is that language
 * and remembers it.
 */
export function websiteLanguage(req: Request, res: Response, next: NextFunction): void {
  if (!websitePath(req.path)) return next();
  // pages also show the visitor's compare selection, which a cookie keeps
  res.vary('Cookie');
  const query = req.url.indexOf('?');
  const params = new URLSearchParams(query === -1 ? '' : req.url.slice(query + 1));
  const named = params.getAll('lang');
  const cookie = (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE];
  if (named.length) {
    // one valid language: remembered; anything else is the page's own 400
    if (named.length === 1 && isLang(named[0]) && cookie !== named[0] && (req.method === 'GET' || req.method === 'HEAD'))
      res.cookie(LANG_COOKIE, named[0], { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: YEAR_MS });
    return next();
  }
  res.vary('Accept-Language');
  const lang: Lang = isLang(cookie) ? cookie : req.acceptsLanguages('ru', 'en') === 'en' ? 'en' : 'ru';
  if (lang === 'en') {
    params.set('lang', 'en');
    req.url = `${query === -1 ? req.url : req.url.slice(0, query)}?${params}`;
  }
  next();
}

/** An address of the website with its language named, so following it chooses that language. */
export function withLang(url: string, lang: Lang): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${path}?${params}`;
}
