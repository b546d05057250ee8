import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Request } from 'express';
import type { ErrorBody } from '@app/common';
import { cspNonce } from '../http/security-headers';

/** The admin area's own templates (English only), apart from the public website's. */
export const ADMIN_VIEWS_DIR = join(__dirname, 'views');

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(ADMIN_VIEWS_DIR, { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});

if (!existsSync(join(ADMIN_VIEWS_DIR, 'admin', 'layout.njk'))) throw new Error(`admin templates missing from ${ADMIN_VIEWS_DIR}`);

/** Renders an admin template (`admin/...`); every page gets the CSP nonce for its inline script. */
export function renderAdmin(template: string, context: Record<string, unknown>): string {
  return environment.render(template, { lang: 'en', cspNonce: cspNonce(), ...context });
}

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

/** The error page of the admin area, for a browser's request under /admin; null for any other. */
export function renderAdminError(body: ErrorBody, req: Request): string | null {
  if (!(req.path === '/admin' || req.path.startsWith('/admin/')) || !req.accepts('html')) return null;
  return renderAdmin('admin/error.njk', {
    title: ADMIN_ERROR_TITLES[body.statusCode] ?? (body.statusCode >= 500 ? 'Something went wrong on our side' : 'That did not work'),
    message:
      body.statusCode >= 500 ? 'Nothing was saved. Try again; if it keeps failing, send the request id below to the team.' : body.message,
    details: Array.isArray(body.details) ? body.details : [],
    status: body.statusCode,
    requestId: body.requestId,
  });
}
