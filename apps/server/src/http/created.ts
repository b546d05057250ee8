import { createHash } from 'node:crypto';
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

const LOCATION_KEY = 'http:created-location';
/** Printable ASCII, as the IETF draft and Stripe accept: a UUID fits easily. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredAnswer {
  request_hash: string;
  status: number | null;
  body: unknown;
  location: string | null;
}

/**
 * For admin creates: `Location` on the 201, and `Idempotency-Key` (optional):
 * the first request with a key does the work and keeps its answer for a day;
 * a retry with the same key and body gets that answer again (with
 * `Idempotent-Replayed: true`), never a second record. The same key with a
 * different body is a 400; a retry while the first is still running, a 409.
 * Keys are per signed-in user. A request that fails frees its key.
 */
@Injectable()
export class CreatedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
    return from(this.claim(principal, key, hash)).pipe(
      mergeMap((stored) => {
        if (stored) {
          res.status(stored.status!);
          if (stored.location) res.setHeader('Location', stored.location);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            located(body);
            await this.dataSource.query(
              `UPDATE idempotency_key SET status = $3, body = $4, location = $5 WHERE principal = $1 AND key = $2`,
              [principal, key, res.statusCode, JSON.stringify(body ?? null), res.getHeader('Location') ?? null],
            );
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.dataSource.query(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2`, [principal, key]);
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key for this request (null), or returns the answer an earlier one left. */
  private async claim(principal: string, key: string, hash: string): Promise<StoredAnswer | null> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_key (principal, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [principal, key, hash],
    );
    if (claimed.length) return null;
    const [stored] = await this.dataSource.query<StoredAnswer[]>(
      `SELECT request_hash, status, body, location FROM idempotency_key WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    // freed between the two statements (the first request failed): this one may go ahead
    if (!stored) return this.claim(principal, key, hash);
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'invalid',
        'IDEMPOTENCY_KEY.REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new request',
        [{ field: 'Idempotency-Key', messages: ['already used for a different request'] }],
      );
    }
    if (stored.status === null) {
      throw new DomainError(
        'conflict',
        'IDEMPOTENCY_KEY.IN_PROGRESS',
        'A request with this Idempotency-Key is still running; retry in a moment',
      );
    }
    return stored;
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
