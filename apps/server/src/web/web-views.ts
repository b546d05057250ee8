import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Lang } from '@app/catalogue';
import type { ErrorBody } from '@app/common';
import type { Request } from 'express';
import { textFor } from './web-i18n';
import { cspNonce } from '../http/security-headers';
import { requestPath } from '../http/site-paths';
import { withLang } from './web-language';

export const VIEWS_DIR = join(__dirname, 'views');
export const ASSETS_DIR = join(__dirname, 'assets');

/** Templates escape everything by default; only our own highlight HTML is marked safe in them. */
const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});
environment.addFilter('withLang', withLang);

export function render(template: string, context: Record<string, unknown> & { lang: Lang }): string {
  return environment.render(template, { t: textFor(context.lang), cspNonce: cspNonce(), ...context });
}

if (!existsSync(join(VIEWS_DIR, 'layout.njk'))) throw new Error(`website templates missing from ${VIEWS_DIR}`);

const langOf = (req: Request): Lang => (req.query?.lang === 'en' ? 'en' : 'ru');

/** The same address in the other language: always a path on this site, whatever the request's path looked like. */
function languageUrlOf(req: Request, lang: 'ru' | 'en'): string {
  const [path, query = ''] = requestPath(req).split(/\?(.*)/s);
  const params = new URLSearchParams(query);
  if (lang === 'ru') params.set('lang', 'en');
  else params.delete('lang');
  return params.size ? `${path}?${params}` : path;
}

/** Error pages for the website: any request outside /api/ that accepts HTML (the admin area has its own). */
export function renderWebError(body: ErrorBody, req: Request): string | null {
  if (req.path.startsWith('/api/') || req.path.startsWith('/health') || !req.accepts('html')) return null;
  const lang = langOf(req);
  const t = textFor(lang);
  const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  // the API's English wording is for developers: a visitor reads plain words in the page's language
  const m = t.errorMessages;
  const message =
    body.statusCode === 429
      ? t.slowDown(typeof retryAfter === 'number' ? retryAfter : 60)
      : body.statusCode >= 500
        ? m.failed
        : body.code === 'PROGRAMME.NOT_FOUND'
          ? m.programmeNotFound
          : body.code === 'CROSS_SITE_FORM'
            ? m.crossSite
            : body.statusCode === 404
              ? m.pageNotFound
              : req.path === '/compare'
                ? m.compareEmpty
                : m.badLink;
  return render('error.njk', {
    lang,
    title: req.path === '/compare' && body.statusCode === 400 ? t.compare.emptyTitle : t.errorTitle(body.statusCode),
    message,
    requestId: t.requestId(body.requestId),
    languageUrl: languageUrlOf(req, lang),
  });
}
