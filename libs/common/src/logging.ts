import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { requestIdOf } from './request-id';
import type { AppConfig } from '@app/config';

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
          '*.password',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  };
}
