import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError } from '@app/common';
import type { RateLimitConfig } from '@app/config';
import { ApiKeysService, IdentityService } from '@app/identity';
import { RATE_POLICY, type RatePolicy } from './rate-limit.decorator';

/** Who is calling the public API: a consultant's key, a signed-in user's token, or nobody (counted by address). */
export interface ApiClient {
  kind: 'key' | 'user' | 'anonymous';
  /** The counter this client's requests go to. */
  tracker: string;
  label: string;
}

export interface ApiRequest extends Request {
  apiClient?: ApiClient;
  /** The budget the matched route draws on (its @RateLimit). */
  ratePolicy?: RatePolicy;
}

/** The shared counter a client's requests of one budget go to (the guard and the export charge alike). */
export const budgetKey = (policy: RatePolicy, tracker: string): string => `${policy}:${tracker}`;

/** How many requests per window a client gets from a budget: the website's per address; on the API a key or token raises it. */
export const budgetLimit = (limits: RateLimitConfig, policy: RatePolicy, client: ApiClient | undefined): number =>
  policy === 'web' ? limits.web : client?.kind === 'anonymous' ? limits.anonymous : limits.key;

const anonymous = (req: Request): ApiClient => ({
  kind: 'anonymous',
  tracker: `address:${req.ip ?? 'unknown'}`,
  label: req.ip ?? 'unknown',
});

const invalidKey = (): DomainError => new DomainError('unauthenticated', 'API_KEY.INVALID', 'The API key is unknown or has been revoked');
const malformedKey = (): DomainError =>
  new DomainError(
    'unauthenticated',
    'API_KEY.MALFORMED',
    'An API key looks like snk_<8 hex>_<43 characters>; send it as X-API-Key or Authorization: Bearer',
  );

/**
 * Identifies the caller, then counts the request against their limit (a key
 * or token raises it) in the shared store. Over the limit: 429 with
 * Retry-After; every answer carries X-RateLimit-Limit / -Remaining / -Reset.
 * The address of an anonymous caller is Express's req.ip, which honours
 * X-Forwarded-For only from proxies TRUST_PROXY names, so a forged header
 * cannot move a request to a fresh counter.
 */
@Injectable()
export class ApiAccessGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly identity: IdentityService,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.shouldSkip(context)) return true;
    const req = context.switchToHttp().getRequest<ApiRequest>();
    req.ratePolicy = this.policyOf(context)!;
    // the website counts every visitor by address; keys and tokens are for the API
    if (req.ratePolicy === 'web') req.apiClient = anonymous(req);
    else {
      try {
        req.apiClient = await this.identify(req);
      } catch (error) {
        // a bad key or token is counted against the address like an anonymous call (guessing keys costs
        // requests), and its 401 carries the same rate-limit headers; over the limit it is a 429
        req.apiClient = anonymous(req);
        await super.canActivate(context);
        throw error;
      }
    }
    return super.canActivate(context);
  }

  /** A route without a @RateLimit policy is not counted here. */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !this.policyOf(context);
  }

  private policyOf(context: ExecutionContext): RatePolicy | undefined {
    return this.reflector.getAllAndOverride<RatePolicy | undefined>(RATE_POLICY, [context.getHandler(), context.getClass()]);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req as unknown as ApiRequest).apiClient!.tracker;
  }

  /** One counter per client and budget across every route of that budget. */
  protected override generateKey(context: ExecutionContext, tracker: string): string {
    return budgetKey(context.switchToHttp().getRequest<ApiRequest>().ratePolicy ?? 'api', tracker);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', detail.limit);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', detail.timeToBlockExpire);
    throw new DomainError(
      'too_many_requests',
      'RATE_LIMITED',
      `Too many requests: ${detail.limit} per ${Math.round(detail.ttl / 1000)} s for this client; retry in ${detail.timeToBlockExpire} s`,
      {
        retryAfterSeconds: detail.timeToBlockExpire,
        limit: detail.limit,
      },
    );
  }

  private async identify(req: Request): Promise<ApiClient> {
    const headerKey = req.headers['x-api-key'];
    const authorization = req.headers.authorization;
    if (headerKey !== undefined) return this.byKey(Array.isArray(headerKey) ? headerKey.join(',') : headerKey.trim());
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!bearer)
        throw new DomainError('unauthenticated', 'AUTH.MALFORMED_TOKEN', 'The Authorization header must be "Bearer <API key or token>"');
      if (bearer.startsWith('snk_')) return this.byKey(bearer);
      const user = await this.identity.authenticate(bearer);
      if (!user) throw new DomainError('unauthenticated', 'AUTH.INVALID_TOKEN', 'The token is unknown, expired or revoked');
      return { kind: 'user', tracker: `user:${user.id}`, label: user.email };
    }
    return anonymous(req);
  }

  private async byKey(presented: string): Promise<ApiClient> {
    if (!ApiKeysService.isWellFormed(presented)) throw malformedKey();
    const key = await this.keys.authenticate(presented);
    if (!key) throw invalidKey();
    return { kind: 'key', tracker: `key:${key.id}`, label: key.name };
  }
}
