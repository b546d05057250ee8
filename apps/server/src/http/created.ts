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

const LOCATION_KEY = 'http:created-location';
/** Printable ASCII, as the IETF draft and Stripe accept: a UUID fits easily. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredAnswer {
  request_hash: string;
  status: number | null;
  body: unknown;
  location: string | null;
  /** Seconds until an in-progress claim's lease runs out. */
  lease_left: number | null;
}

/** How long a claim on a key lasts without renewal, and how often a running request renews it. */
const LEASE_SECONDS = 10;
const RENEW_EVERY_MS = 2_000;

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
    const holder = randomUUID();
    return from(this.claim(principal, key, hash, holder)).pipe(
      mergeMap((stored) => {
        if (stored) {
          res.status(stored.status!);
          if (stored.location) res.setHeader('Location', stored.location);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        const renewal = setInterval(() => {
          this.dataSource
            .query(
              `UPDATE idempotency_key SET lease_until = now() + make_interval(secs => $4)
                WHERE principal = $1 AND key = $2 AND holder = $3 AND status IS NULL`,
              [principal, key, holder, LEASE_SECONDS],
            )
            .catch(() => undefined);
        }, RENEW_EVERY_MS);
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            clearInterval(renewal);
            located(body);
            await this.dataSource.query(
              `UPDATE idempotency_key SET status = $4, body = $5, location = $6, lease_until = NULL
                WHERE principal = $1 AND key = $2 AND holder = $3`,
              [principal, key, holder, res.statusCode, JSON.stringify(body ?? null), res.getHeader('Location') ?? null],
            );
            return body;
          }),
          catchError(async (error: unknown) => {
            clearInterval(renewal);
            await this.dataSource.query(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2 AND holder = $3`, [
              principal,
              key,
              holder,
            ]);
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key for this request (null), or returns the answer an earlier one left. */
  private async claim(principal: string, key: string, hash: string, holder: string): Promise<StoredAnswer | null> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, holder, lease_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING RETURNING key`,
      [principal, key, hash, holder, LEASE_SECONDS],
    );
    if (claimed.length) return null;
    const [stored] = await this.dataSource.query<StoredAnswer[]>(
      `SELECT request_hash, status, body, location,
              ceil(extract(epoch FROM lease_until - now()))::int AS lease_left
         FROM idempotency_key WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    // freed between the two statements (the first request failed): this one may go ahead
    if (!stored) return this.claim(principal, key, hash, holder);
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'invalid',
        'IDEMPOTENCY_KEY.REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new request',
        [{ field: 'Idempotency-Key', messages: ['already used for a different request'] }],
      );
    }
    if (stored.status === null) {
      // its holder stopped renewing (its server died mid-request): the key is this request's now
      const [[takenOver]] = await this.dataSource.query<[unknown[], number]>(
        `UPDATE idempotency_key SET holder = $3, lease_until = now() + make_interval(secs => $4), created_at = now()
          WHERE principal = $1 AND key = $2 AND status IS NULL
            AND (lease_until < now() OR (lease_until IS NULL AND created_at < now() - make_interval(secs => $4)))
          RETURNING key`,
        [principal, key, holder, LEASE_SECONDS],
      );
      if (takenOver) return null;
      throw new DomainError(
        'conflict',
        'IDEMPOTENCY_KEY.IN_PROGRESS',
        'A request with this Idempotency-Key is still running; retry in a moment',
        { retryAfterSeconds: Math.max(1, stored.lease_left ?? LEASE_SECONDS) },
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
