import { timingSafeEqual } from 'node:crypto';
import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CookieOptions, Request, Response } from 'express';
import { DomainError, SeeOther } from '@app/common';
import { AuditActor, AuthenticatedUser, IdentityService, Role } from '@app/identity';
import { requestPath } from '../http/site-paths';

/** The session cookie: only sent to the admin area, never readable by scripts. */
export const SESSION_COOKIE = 'sn_admin';
/** Before sign-in: a random value the sign-in form must echo (login CSRF). */
export const LOGIN_COOKIE = 'sn_login';
export const ADMIN_PATH = '/admin';

export const ADMIN_ROLES_KEY = 'admin-web:roles';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Roles allowed on an admin page (a controller declares them with @AdminPages). */
export const AdminRoles = (...roles: Role[]) => SetMetadata(ADMIN_ROLES_KEY, roles);
/** Pages anyone may open (sign-in, invitation). */
export const PublicAdminPage = () => SetMetadata(ADMIN_ROLES_KEY, 'public');

export interface AdminContext {
  user: AuthenticatedUser;
  csrfToken: string;
  sessionToken: string;
}

export interface AdminRequest extends Request {
  admin?: AdminContext;
}

/** HttpOnly, SameSite=Lax, scoped to /admin; Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export function cookieOptions(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: ADMIN_PATH, ...(expires ? { expires } : {}) };
}

/** Equal-length, constant-time comparison of two tokens. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const csrfRejected = (): DomainError =>
  new DomainError('forbidden', 'CSRF.INVALID', 'This form has expired or did not come from this site; reload the page and try again');

const pageRoles = (reflector: Reflector, context: ExecutionContext) =>
  reflector.getAllAndOverride<Role[] | 'public' | undefined>(ADMIN_ROLES_KEY, [context.getHandler(), context.getClass()]);

/**
 * Who is signed in: a live session cookie, else a redirect to sign-in for
 * pages and a 401 for actions. Sets `req.admin` for the guards after it.
 */
@Injectable()
export class AdminSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (pageRoles(this.reflector, context) === 'public') return true;
    const req = context.switchToHttp().getRequest<AdminRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = token ? await this.identity.authenticateBrowser(token) : null;
    if (!session || !token) {
      if (token) res.clearCookie(SESSION_COOKIE, cookieOptions(req));
      if (SAFE_METHODS.has(req.method)) throw new SeeOther(`${ADMIN_PATH}/login?next=${encodeURIComponent(requestPath(req))}`);
      throw new DomainError('unauthenticated', 'AUTH.SIGN_IN_REQUIRED', 'Your session has ended; sign in again');
    }
    req.admin = { user: session.user, csrfToken: session.csrfToken, sessionToken: token };
    res.setHeader('Cache-Control', 'no-store');
    return true;
  }
}

/** Every unsafe request of a signed-in page carries the session's CSRF token (synchroniser token, compared in constant time). */
@Injectable()
export class AdminCsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AdminRequest>();
    if (pageRoles(this.reflector, context) === 'public' || SAFE_METHODS.has(req.method)) return true;
    const body = req.body as Record<string, unknown> | undefined;
    if (!req.admin || !sameToken(body?._csrf ?? req.headers['x-csrf-token'], req.admin.csrfToken)) throw csrfRejected();
    return true;
  }
}

/** The page's roles (@AdminRoles, the handler's over its controller's). */
@Injectable()
export class AdminRoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = pageRoles(this.reflector, context);
    if (roles === 'public') return true;
    const admin = context.switchToHttp().getRequest<AdminRequest>().admin;
    if (!admin) throw new DomainError('unauthenticated', 'AUTH.SIGN_IN_REQUIRED', 'Your session has ended; sign in again');
    if (!roles?.includes(admin.user.role)) {
      throw new DomainError('forbidden', 'AUTH.FORBIDDEN', `This page is for the ${(roles ?? []).join(' or ')} role`);
    }
    return true;
  }
}

/**
 * An admin area controller: the session, then CSRF on unsafe requests, then
 * the roles (a handler may narrow them with its own @AdminRoles, or open a
 * page with @PublicAdminPage). In that order, so a forged form is refused
 * as forged whoever sent it.
 */
export const AdminPages = (...roles: Role[]) =>
  applyDecorators(UseGuards(AdminSessionGuard, AdminCsrfGuard, AdminRoleGuard), AdminRoles(...roles));

export const Admin = createParamDecorator((_data: unknown, ctx: ExecutionContext): AdminContext => {
  const admin = ctx.switchToHttp().getRequest<AdminRequest>().admin;
  if (!admin) throw new Error('@Admin() used on a public admin page');
  return admin;
});

/** The actor for services and the audit log. */
export const actorOf = (admin: AdminContext, req: Request): AuditActor => ({
  id: admin.user.id,
  label: admin.user.email,
  ip: req.ip ?? null,
});
