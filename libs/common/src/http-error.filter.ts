import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind, SeeOther } from './domain-error';

/** The one error shape every JSON error response has. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors thrown by body-parser / express before any handler runs. */
interface ParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/**
 * Turns anything thrown into the error shape. Domain errors map by kind, Nest's
 * HTTP exceptions keep their status, body-parser failures become 400 / 413 / 415,
 * everything else is a 500 whose details stay in the log, never in the response.
 */
/** Renders an error as an HTML page for a request that wants one (the website), or returns null for JSON. */
export type HtmlErrorRenderer = (body: ErrorBody, req: Request) => string | null;

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(
    private readonly renderHtml: HtmlErrorRenderer | null = null,
    /** Recognises a dependency that is down (the database): 503 with Retry-After instead of 500. */
    private readonly isUnavailable: (error: unknown) => boolean = () => false,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    if (error instanceof SeeOther && !res.headersSent) {
      res.redirect(303, error.location);
      return;
    }
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    const unavailable = !(error instanceof DomainError) && !(error instanceof HttpException) && this.isUnavailable(error);
    const body: ErrorBody = unavailable
      ? {
          statusCode: 503,
          code: 'SERVICE_UNAVAILABLE',
          message: 'The service is briefly unavailable; nothing was saved. Try again in a few seconds.',
          details: { retryAfterSeconds: 5 },
          requestId,
        }
      : this.toBody(error, requestId);
    if (unavailable) {
      this.logger.warn({ err: error, requestId }, 'Database unavailable');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: error, requestId: body.requestId }, 'Unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if ((body.statusCode === 429 || body.statusCode === 503) && typeof retryAfter === 'number')
      res.setHeader('Retry-After', String(retryAfter));
    const html = this.renderHtml?.(body, req) ?? null;
    if (html !== null) {
      res.status(body.statusCode).type('text/html').send(html);
      return;
    }
    res.status(body.statusCode).type('application/json').send(JSON.stringify(body));
  }

  toBody(error: unknown, requestId: string): ErrorBody {
    if (error instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[error.kind];
      return { statusCode, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId };
    }
    // body-parser / express failures, raw or wrapped by Nest's adapter as the cause of an HttpException
    const parser = (error instanceof HttpException ? error.cause : error) as ParserError | undefined;
    const status = parser?.status ?? parser?.statusCode;
    if (parser && typeof parser.type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
      switch (parser.type) {
        case 'entity.parse.failed':
          return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON', requestId };
        case 'entity.too.large':
          return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large', requestId };
        case 'encoding.unsupported':
        case 'charset.unsupported':
          return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding or charset', requestId };
        default:
          return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: 'The request could not be read', requestId };
      }
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      const response = error.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = typeof r.message === 'string' ? r.message : Array.isArray(r.message) ? r.message.join('; ') : error.message;
      const code = typeof r.code === 'string' ? r.code : (CODE_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`);
      return {
        statusCode,
        code,
        message: statusCode === 404 && !r.code ? 'Not found' : message,
        ...(r.details ? { details: r.details } : {}),
        requestId,
      };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Something went wrong on our side', requestId };
  }
}
