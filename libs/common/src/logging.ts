import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { requestIdOf } from './request-id';
import type { AppConfig } from '@app/config';

/** Paths that carry a secret (an invitation link's token) are logged without it. */
export const redactUrl = (url: string): string =>
  url.replace(/^(\/admin\/invite\/|\/alerts\/(?:confirm|unsubscribe)\/)[^/?#]+/, '$1[redacted]');

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
      },
    },
  };
}
