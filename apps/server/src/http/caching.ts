import { createHash } from 'node:crypto';
import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';

const MAX_AGE_KEY = 'http:public-max-age';
/** Fields that differ between two answers with the same content (timings); left out of the ETag. */
const VOLATILE = new Set(['tookMs', 'engineMs']);

/**
 * A strong ETag from the content of a JSON answer and a Cache-Control that
 * lets clients and shared caches keep it for `maxAge` seconds. A request
 * whose If-None-Match holds the ETag gets 304 with no body (Express answers
 * it from the ETag set here).
 */
@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const maxAge = this.reflector.getAllAndOverride<number | undefined>(MAX_AGE_KEY, [context.getHandler(), context.getClass()]) ?? 60;
    const res = context.switchToHttp().getResponse<Response>();
    const req = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      map((body: unknown) => {
        // serialise once: the ETag is the hash of the stable part, and the answer is that text plus the volatile fields
        const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
        const volatile = record ? Object.keys(record).filter((k) => VOLATILE.has(k)) : [];
        const stable = volatile.length ? Object.fromEntries(Object.entries(record!).filter(([k]) => !VOLATILE.has(k))) : body;
        const content = JSON.stringify(stable);
        const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=${maxAge}`);
        res.type('application/json');
        // If-None-Match is itself revalidation, so it is answered even with Cache-Control: no-cache
        // (which browsers and fetch add to it, and which Express's own freshness check obeys)
        if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
          res.status(304);
          return '';
        }
        if (!volatile.length) return content;
        const extra = volatile.map((k) => `${JSON.stringify(k)}:${JSON.stringify(record![k])}`).join(',');
        return content === '{}' ? `{${extra}}` : `${content.slice(0, -1)},${extra}}`;
      }),
    );
  }
}

/** Whether an If-None-Match list names this ETag (weak comparison, as RFC 9110 asks for GET), or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/** Marks a read as cacheable for `maxAge` seconds, with ETag / If-None-Match revalidation (documented in OpenAPI). */
export const PublicCache = (maxAge = 60) =>
  applyDecorators(
    SetMetadata(MAX_AGE_KEY, maxAge),
    UseInterceptors(PublicCacheInterceptor),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'An ETag from an earlier answer: 304 Not Modified when the content is unchanged',
    }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag in If-None-Match still matches' }),
  );
