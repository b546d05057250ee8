import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { etagOf, type ExpectedVersion, parseIfMatch } from '@app/common';
import { parseWorkingIfMatch, type WorkingVersion } from '@app/catalogue';

/** What the change expects, from If-Match: `*` or the version last read (428 when missing, 412 for anything else). */
export const IfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): ExpectedVersion =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** The version of a programme the editor last read, from If-Match: the entry's (`"7"`) or its pending change's (`"p3"`), or `*`. */
export const WorkingIfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): WorkingVersion =>
  parseWorkingIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** Puts the ETag (the record's version, or the `etag` it names) on every response whose body is one versioned record. */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const { version, etag } = (body as { version?: unknown; etag?: unknown } | null) ?? {};
        // a pending change names its own ETag ("p3"), never mistaken for the entry's version
        if (typeof etag === 'string') res.setHeader('ETag', `"${etag}"`);
        else if (typeof version === 'number') res.setHeader('ETag', etagOf(version));
        return body;
      }),
    );
  }
}
