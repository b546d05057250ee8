import { createHash, randomUUID } from 'node:crypto';
import {
  applyDecorators,
  type Type,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { from, Observable, of, catchError, mergeMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import type { AuthenticatedUser } from '@app/identity';
import { IdempotencyKeys, RENEW_EVERY_MS } from './idempotency-keys';

const LOCATION_KEY = 'http:created-location';
/** Printable ASCII, as the IETF draft and Stripe accept: a UUID fits easily. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * For admin creates: `Location` on the 201, and `Idempotency-Key` (optional):
 * the first request with a key does the work and keeps its answer for a day;
 * a retry with the same key and body gets that answer again (with
 * `Idempotent-Replayed: true`), never a second record. The same key with a
 * different body is a 400; a retry while the first is still running, a 409.
 * Keys are per signed-in user. A request that fails frees its key. A running
 * request holds its key by a lease it renews every 2 s: if its server dies, the
 * key is free again within LEASE_SECONDS (10 s), not a day later.
 */
@Injectable()
export class CreatedInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.keys = new IdempotencyKeys(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const locate = this.reflector.get<(body: Record<string, unknown>) => string>(LOCATION_KEY, context.getHandler());
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const res = context.switchToHttp().getResponse<Response>();
    const located = (body: unknown): unknown => {
      if (body && typeof body === 'object') res.setHeader('Location', locate(body as Record<string, unknown>));
      return body;
    };
    const header = req.headers['idempotency-key'];
    if (header === undefined) return next.handle().pipe(mergeMap(async (body: unknown) => located(body)));
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(
        'invalid',
        'IDEMPOTENCY_KEY.INVALID',
        'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is ideal)',
        [{ field: 'Idempotency-Key', messages: ['must be 1 to 255 printable ASCII characters'] }],
      );
    }
    const principal = req.user ? `user:${req.user.id}` : 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const holder = randomUUID();
    return from(this.keys.claim(principal, key, hash, holder)).pipe(
      mergeMap((stored) => {
        if (stored) {
          res.status(stored.status);
          if (stored.location) res.setHeader('Location', stored.location);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        const renewal = setInterval(() => {
          this.keys.renew(principal, key, holder).catch(() => undefined);
        }, RENEW_EVERY_MS);
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            clearInterval(renewal);
            located(body);
            const location = res.getHeader('Location');
            await this.keys.complete(principal, key, holder, {
              status: res.statusCode,
              body,
              location: typeof location === 'string' ? location : null,
            });
            return body;
          }),
          catchError(async (error: unknown) => {
            clearInterval(renewal);
            await this.keys.release(principal, key, holder);
            throw error;
          }),
        );
      }),
    );
  }
}

/** A create: 201 with `Location` (built from the answer), and `Idempotency-Key` for safe retries. */
export const Created = (type: Type<unknown>, location: (body: Record<string, unknown>) => string) =>
  applyDecorators(
    SetMetadata(LOCATION_KEY, location),
    UseInterceptors(CreatedInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'any unique string (a UUID): a retry with the same key and body gets the first answer again, never a second record; kept for 24 hours',
    }),
    ApiResponse({
      status: 201,
      description: 'Created',
      type,
      headers: {
        Location: { description: 'the new record', schema: { type: 'string' } },
        'Idempotent-Replayed': {
          description: '"true" when this is the stored answer to an earlier request with the same Idempotency-Key',
          schema: { type: 'string' },
        },
      },
    }),
  );
