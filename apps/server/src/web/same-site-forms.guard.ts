import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@app/common';
import { RATE_POLICY, type RatePolicy } from '../api-access/rate-limit.decorator';

const CROSS_SITE_ALLOWED = 'crossSiteAllowed';

/** A website form another site may send too, and why that is harmless (the route needs a secret the sender must hold). */
export const CrossSiteAllowed = (why: string): MethodDecorator => SetMetadata(CROSS_SITE_ALLOWED, why);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser sent this request from a page of another site: Sec-Fetch-Site says so
 * (anything but same-origin, or none for a typed address), or, from a browser without it,
 * an Origin that is not this request's own host. A request with neither (a mail client's
 * RFC 8058 unsubscribe, curl) was not sent by a page.
 */
export function sentFromAnotherSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true; // `null` (a sandboxed or privacy-sensitive context) and anything unreadable
  }
}

/**
 * The public website's forms (every unsafe request of a `@RateLimit('web')` route) are refused
 * when a page of another site sends them: a hostile page cannot subscribe its visitors' browsers
 * to alerts. The admin area has its own CSRF tokens; the API takes JSON, which needs CORS.
 */
@Injectable()
export class SameSiteFormsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const policy = this.reflector.getAllAndOverride<RatePolicy | undefined>(RATE_POLICY, [context.getHandler(), context.getClass()]);
    if (policy !== 'web' || this.reflector.get<string | undefined>(CROSS_SITE_ALLOWED, context.getHandler())) return true;
    if (sentFromAnotherSite(req)) {
      throw new DomainError('forbidden', 'CROSS_SITE_FORM', 'This form can only be sent from a page of this site');
    }
    return true;
  }
}
