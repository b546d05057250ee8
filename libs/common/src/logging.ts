import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { requestIdOf } from './request-id';
import type { AppConfig } from '@app/config';

/** Paths that carry a secret (an invitation link's token) are logged without it. */
export const redactUrl = (url: string): string =>
  url.replace(/^(\/admin\/invite\/|\/alerts\/(?:confirm|unsubscribe)\/)[^/?#]+/, '$1[redacted]');

/** The longest text an error keeps in a log line (a statement, a message), and the most items of a list. */
const MAX_LOGGED_TEXT = 2000;
const MAX_LOGGED_ITEMS = 20;

function bounded(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.length > MAX_LOGGED_TEXT ? `${value.slice(0, MAX_LOGGED_TEXT)}… (${value.length} characters)` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_LOGGED_ITEMS).map((v) => bounded(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      // a failed statement's parameters hold what was being saved (an imported file, people's data): never logged
      .filter(([key]) => key !== 'parameters')
      .map(([key, v]) => [key, bounded(v, depth + 1)]),
  );
}

/**
 * An error as a log line holds it: pino's standard fields, without any SQL parameters (TypeORM
 * puts them on QueryFailedError, its driverError and causes), every text cut at 2,000 characters.
 * A failed statement over a 300 MB parameter logs a few hundred bytes, not the parameter.
 */
export function logSafeError(error: unknown): unknown {
  if (!(error instanceof Error)) return bounded(error, 0);
  return bounded(stdSerializers.err(error), 0);
}

/** Structured JSON logs, one request id per request (taken from X-Request-Id when sane), secrets redacted. */
export function loggerParams(config: AppConfig, http: boolean): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      autoLogging: http,
      genReqId: (req: IncomingMessage, res: ServerResponse) => requestIdOf(req as IncomingMessage & { id?: string }, res),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'res.headers["set-cookie"]',
          'req.headers["x-csrf-token"]',
          '*.password',
          '*.accessToken',
          '*.token',
          '*.key',
          '*._csrf',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        err: logSafeError,
      },
    },
  };
}
