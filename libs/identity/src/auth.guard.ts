import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@app/common';
import { AuthenticatedUser, IdentityService } from './identity.service';
import type { Role } from './user.entity';

export const ROLES_KEY = 'identity:roles';

/** Restricts a route (or every route of a controller) to signed-in users with one of the roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'identity:public';

/**
 * Declares a route (or every route of a controller) open to anyone: no sign-in
 * is asked for. `note` says what else guards it, if anything (a key that raises
 * a rate limit, a scraper token). Every route declares one access policy:
 * this, @Roles (bearer token) or @AdminRoles / @PublicAdminPage (admin session);
 * the route-policy test fails on a route with none, or more than one.
 */
export const Public = (note = 'anyone') => SetMetadata(PUBLIC_KEY, note);

export interface AuthenticatedRequest extends Request {
  user?: AuthenticatedUser;
  accessToken?: string;
}

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  if (!match) throw new DomainError('unauthenticated', 'AUTH.MALFORMED_TOKEN', 'The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Applies to routes marked with @Roles: no or unknown token → 401, a valid
 * token whose role is not listed → 403.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req);
    if (!token) throw new DomainError('unauthenticated', 'AUTH.REQUIRED', 'Sign in first: send Authorization: Bearer <token>');
    const user = await this.identity.authenticate(token);
    if (!user) throw new DomainError('unauthenticated', 'AUTH.INVALID_TOKEN', 'The token is unknown, expired or revoked');
    req.user = user;
    req.accessToken = token;
    if (!roles.includes(user.role)) {
      throw new DomainError('forbidden', 'AUTH.FORBIDDEN', `This needs the ${roles.join(' or ')} role`);
    }
    return true;
  }
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without @Roles');
  return user;
});

export const AccessToken = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const token = ctx.switchToHttp().getRequest<AuthenticatedRequest>().accessToken;
  if (!token) throw new Error('AccessToken used on a route without @Roles');
  return token;
});
