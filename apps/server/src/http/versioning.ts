import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { etagOf, type ExpectedVersion, parseIfMatch } from '@app/common';

/** What the change expects, from If-Match: `*` or the version last read (428 when missing, 412 for anything else). */
export const IfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): ExpectedVersion =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** Puts the ETag (the record's version) on every response whose body is one versioned record. */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') res.setHeader('ETag', etagOf(version));
        return body;
      }),
    );
  }
}
