import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const nonces = new AsyncLocalStorage<string>();

/** The CSP nonce of the request being handled (templates put it on every script tag). */
export const cspNonce = (): string | undefined => nonces.getStore();

/** Pages: scripts only with this response's nonce (and what they load); nothing inline otherwise. */
const pages = helmet({
  contentSecurityPolicy: {
    directives: {
      scriptSrc: [(_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`, "'strict-dynamic'"],
      styleSrc: ["'self'"],
      // the facet bars set their width in a style attribute; no <style> blocks or inline stylesheets
      styleSrcAttr: ["'unsafe-inline'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
});

/** The interactive API docs load swagger-ui's own bundle and stylesheet from this server. */
const apiDocs = helmet({
  contentSecurityPolicy: { directives: { scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
});

/**
 * Security headers on every response, HTML, JSON and errors alike (helmet:
 * CSP, HSTS, nosniff, frame and referrer policies), with a fresh CSP nonce
 * per request kept where the templates can read it.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  const headers = req.path.startsWith('/api/docs') ? apiDocs : pages;
  nonces.run(nonce, () => headers(req, res, next));
}
