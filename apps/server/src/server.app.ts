import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { assignRequestId, createValidationPipe, DomainError, HttpErrorFilter } from '@app/common';
import type { AppConfig } from '@app/config';
import { ServerModule } from './server.module';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies sent to the API must be JSON; anything else is a 415, not a silently empty body. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(req.method) && hasBody && req.path.startsWith('/api/') && !req.is('application/json')) {
    next(new DomainError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'));
    return;
  }
  next();
}

/** Builds the HTTP application: security headers, JSON limits, errors, validation, OpenAPI. */
export async function createServerApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ServerModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(helmet());
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(createValidationPipe());

  const openApi = new DocumentBuilder()
    .setTitle('Support Navigator API')
    .setDescription('Business-support programmes (меры поддержки): public catalogue, consultants and admin API.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
