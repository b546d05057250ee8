import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Lang } from '@app/catalogue';
import type { ErrorBody } from '@app/common';
import type { Request } from 'express';
import { textFor } from './web-i18n';
import { cspNonce } from '../http/security-headers';

export const VIEWS_DIR = join(__dirname, 'views');
export const ASSETS_DIR = join(__dirname, 'assets');

/** Templates escape everything by default; only our own highlight HTML is marked safe in them. */
const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});

export function render(template: string, context: Record<string, unknown> & { lang: Lang }): string {
  return environment.render(template, { t: textFor(context.lang), cspNonce: cspNonce(), ...context });
}

if (!existsSync(join(VIEWS_DIR, 'layout.njk'))) throw new Error(`website templates missing from ${VIEWS_DIR}`);

const ADMIN_ERROR_TITLES: Record<number, string> = {
  400: 'Some input was not accepted',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'That conflicts with the current state',
  412: 'Someone else changed this in the meantime',
  413: 'Too large',
  429: 'Too many attempts',
};

const langOf = (req: Request): Lang => (req.query?.lang === 'en' ? 'en' : 'ru');

/** Error pages for the website: any request outside /api/ that accepts HTML. */
export function renderWebError(body: ErrorBody, req: Request): string | null {
  if (req.path.startsWith('/api/') || req.path.startsWith('/health') || !req.accepts('html')) return null;
  if (req.path === '/admin' || req.path.startsWith('/admin/')) {
    return render('admin/error.njk', {
      lang: 'en',
      title: ADMIN_ERROR_TITLES[body.statusCode] ?? (body.statusCode >= 500 ? 'Something went wrong on our side' : 'That did not work'),
      message: body.statusCode >= 500 ? 'Nothing was saved. Try again; if it keeps failing, send the request id below to the team.' : body.message,
      details: Array.isArray(body.details) ? body.details : [],
      status: body.statusCode,
      requestId: body.requestId,
    });
  }
  const lang = langOf(req);
  const t = textFor(lang);
  const details = Array.isArray(body.details) ? body.details : [];
  const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return render('error.njk', {
    lang,
    title: t.errorTitle(body.statusCode),
    // the API's English wording is for developers; a visitor who went too fast is told, in their language, how long to wait
    message: body.statusCode >= 500 ? '' : body.statusCode === 429 ? t.slowDown(typeof retryAfter === 'number' ? retryAfter : 60) : body.message,
    details,
    requestId: body.requestId,
    languageUrl: lang === 'ru' ? '/?lang=en' : '/',
  });
}
