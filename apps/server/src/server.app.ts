import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './http/openapi';
import { SiteExpressAdapter } from './http/method-not-allowed';
import { securityHeaders } from './http/security-headers';
import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import multer from 'multer';
import { Logger } from 'nestjs-pino';
import {
  assignRequestId,
  createValidationPipe,
  DomainError,
  httpRequestDuration,
  HttpErrorFilter,
  Lifecycle,
  validationFailed,
} from '@app/common';
import type { AppConfig } from '@app/config';
import { isDatabaseUnavailable } from '@app/database';
import { ServerModule } from './server.module';
import { SESSION_COOKIE } from './admin-web/admin-session';
import { IdentityService } from '@app/identity';
import { ASSETS_DIR, renderWebError } from './web/web-views';
import { websiteLanguage } from './web/web-language';
import { renderAdminError } from './admin-web/admin-views';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** The programme edit form with every field filled is well under this. */
const ADMIN_FORM_LIMIT = '1mb';

/** Bodies sent to the API must be JSON; anything else is a 415, not a silently empty body. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(req.method) && hasBody && req.path.startsWith('/api/') && !req.is('application/json')) {
    next(new DomainError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'));
    return;
  }
  next();
}

/** An empty JSON body (Content-Length: 0) is no body, as one never sent is: body-parser would make it `{}`. */
function emptyJsonIsNoBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.headers['content-length'] === '0' && req.is('application/json')) req.body = undefined;
  next();
}

/** The first field (dotted path) holding a string with a NUL character, which PostgreSQL text cannot store. */
function fieldWithNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (depth > 32 || typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = fieldWithNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A Host header is a name or an address with an optional port; anything else is a malformed request. */
const VALID_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A malformed Host header is a 400 (the server never builds links from it, but it should not reach the app either). */
function rejectInvalidHost(req: Request, _res: Response, next: NextFunction): void {
  const host = req.headers.host;
  if (host !== undefined && !VALID_HOST.test(host)) {
    next(new DomainError('invalid', 'INVALID_HOST', 'The Host header is not a valid host name'));
    return;
  }
  next();
}

/** Deeper than any real request: a programme body nests 5 levels. */
const MAX_BODY_DEPTH = 32;

/** Whether a parsed body nests deeper than `limit` (walked with a stack: a hostile body cannot overflow it). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** A body nested deeper than any request needs is a 400 before anything walks it recursively (validation would overflow the stack). */
function rejectDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
    next(validationFailed([{ field: 'body', messages: [`must not nest deeper than ${MAX_BODY_DEPTH} levels`] }]));
    return;
  }
  next();
}

/** A NUL anywhere in the body or query is a 400 naming the field, never a database error. */
function rejectNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const field = fieldWithNul(req.body, '') ?? fieldWithNul(req.query, '');
  if (field) {
    next(validationFailed([{ field, messages: ['must not contain the NUL character (\\u0000)'] }]));
    return;
  }
  next();
}

/**
 * The import form's file, read before the guards run so its CSRF field is there to check.
 * Only a signed-in session's upload is read at all (an anonymous one is left to the guard
 * to refuse, never buffered); upload limits become 413 / 400.
 */
function acceptImportUpload(identity: IdentityService, maxFileBytes: number) {
  const importUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxFileBytes, files: 1, fields: 5 } }).single('file');
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (req.method !== 'POST' || !token) return next();
    identity.authenticateBrowser(token).then(
      (session) => {
        if (!session) return next();
        importUpload(req, res, (error: unknown) => {
          if (error instanceof multer.MulterError) {
            next(
              error.code === 'LIMIT_FILE_SIZE'
                ? new DomainError(
                    'payload_too_large',
                    'IMPORT.FILE_TOO_LARGE',
                    `The file is larger than ${maxFileBytes / 1024 / 1024} MB, the most one import may be (IMPORT_MAX_FILE_MB)`,
                    { maxFileBytes },
                  )
                : new DomainError('invalid', 'IMPORT.BAD_UPLOAD', `The upload was refused: ${error.message}`),
            );
            return;
          }
          next(error);
        });
      },
      (error: unknown) => next(error),
    );
  };
}

/** NDJSON is text like JSON; `compression`'s default filter does not know the type. */
const compressible = (req: Request, res: Response): boolean =>
  /^application\/x-ndjson\b/.test(String(res.getHeader('Content-Type') ?? '')) || compression.filter(req, res);

/** Headers a script on another origin may read from a public answer. */
const CORS_EXPOSED = [
  'ETag',
  'X-Total-Count',
  'X-Changes-Cursor',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'X-Request-Id',
  'Link',
];

/** The public read API, which any origin may read (the admin API and sign-in are not in it). */
const isPublicApi = (path: string): boolean =>
  path.startsWith('/api/v1/') && !path.startsWith('/api/v1/admin') && !path.startsWith('/api/v1/auth/');

/**
 * CORS for the public read API: GET and HEAD from any origin, with no
 * credentials (cookies are never read there; an API key travels in a header
 * the page sets). The preflight allows only those methods and headers.
 */
function publicCors(req: Request, res: Response, next: NextFunction): void {
  if (!isPublicApi(req.path) || !req.headers.origin) return next();
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Origin');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
    res.setHeader('Access-Control-Allow-Headers', 'X-API-Key, Authorization, If-None-Match, Accept, Accept-Language');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED.join(', '));
  next();
}

/**
 * Requests Node's parser refuses before any route runs (raw non-ASCII in the
 * URL, broken headers) still get the usual error JSON instead of an empty 400.
 */
export function answerUnparsableRequests(server: import('node:http').Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive']
          : [
              400,
              'MALFORMED_REQUEST',
              'The request could not be read. Percent-encode non-ASCII characters in the URL (curl: -G --data-urlencode "q=…")',
            ];
    const body = JSON.stringify({ statusCode: status, code, message, requestId: randomUUID() });
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status as 400 | 408 | 431];
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Request latency by route pattern (never the raw URL: slugs and ids would make endless series). */
function recordLatency(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer({ method: req.method });
  res.on('finish', () => {
    const route = req.route
      ? `${req.baseUrl}${String((req.route as { path: string }).path)}`
      : req.path.startsWith('/assets/')
        ? '/assets'
        : 'unmatched';
    end({ route, status: String(res.statusCode) });
  });
  next();
}

/** Builds the HTTP application: security headers, JSON limits, errors, validation, OpenAPI. */
export async function createServerApp(config: AppConfig): Promise<INestApplication> {
  // Routes match only their exact spelling: /API/v1/... or a trailing slash is a 404, so every
  // policy that looks at a path (rate limits, JSON-only bodies) sees the path Express dispatches.
  const instance = express();
  instance.set('case sensitive routing', true);
  instance.set('strict routing', true);
  const app: NestExpressApplication = await NestFactory.create<NestExpressApplication>(
    ServerModule.forRoot(config),
    new SiteExpressAdapter(instance),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(rejectInvalidHost);
  app.use(recordLatency);
  const lifecycle = app.get(Lifecycle);
  // while stopping, answers ask clients to reconnect (to another instance) instead of keeping this connection
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (lifecycle.stopping) res.setHeader('Connection', 'close');
    next();
  });
  app.use(securityHeaders);
  // level 3: most of the saving of the default (6) for a fraction of the CPU on JSON and HTML
  app.use(compression({ level: 3, filter: compressible }));
  app.use(publicCors);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(emptyJsonIsNoBody);
  // admin forms: plain urlencoded fields (dotted names, repeats become arrays) and one upload
  app.useBodyParser('urlencoded', { extended: false, limit: ADMIN_FORM_LIMIT, parameterLimit: 5000 });
  app.use(cookieParser());
  app.use(websiteLanguage);
  app.use('/admin/import', acceptImportUpload(app.get(IdentityService), config.transfer.maxFileBytes));
  app.use(rejectDeepBodies);
  app.use(rejectNulCharacters);
  app.useStaticAssets(ASSETS_DIR, { prefix: '/assets/', maxAge: config.env === 'production' ? '1d' : 0, index: false });
  app.useGlobalFilters(new HttpErrorFilter((body, req) => renderAdminError(body, req) ?? renderWebError(body, req), isDatabaseUnavailable));
  app.useGlobalPipes(createValidationPipe());

  answerUnparsableRequests(app.getHttpServer());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
