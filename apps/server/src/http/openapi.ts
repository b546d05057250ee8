import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponseMap = Operation['responses'];

const DESCRIPTION = `
Business-support programmes (меры поддержки): the public catalogue and search, exports, a change feed,
and the admin API.

**Authentication.** The public API answers without credentials at a low rate. An API key (ask an admin
for one) raises the limit: send it as \`X-API-Key: snk_…\` or \`Authorization: Bearer snk_…\`. The admin
API takes the bearer token from \`POST /api/v1/auth/login\`.

**Rate limits.** Every public answer carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and
\`X-RateLimit-Reset\` (seconds). Over the limit: 429 with \`Retry-After\`. Limits count per key, or per
client address without one, across every server instance.

**Caching.** Reads carry an \`ETag\` and \`Cache-Control\`; send \`If-None-Match\` to get 304 when
nothing changed.

**Errors** always have the shape \`{ statusCode, code, message, details?, requestId }\`; \`code\` is stable,
\`details\` lists the fields at fault for 400.

**Versioning.** Everything is under \`/api/v1\`. Within v1 we only add: new endpoints, new optional
parameters, new fields in answers, new enum values in answers (clients must ignore what they do not
know). Removing or renaming anything, or changing a meaning, makes \`/api/v2\`; v1 then keeps working
for at least 12 months, and its answers carry \`Deprecation\` and \`Sunset\` headers in that time.
`.trim();

const error = (statusCode: number, code: string, message: string, details?: unknown) => ({
  description: message,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorBody' },
      example: { statusCode, code, message, ...(details ? { details } : {}), requestId: '5b0d6f7e-2a51-4c8e-9a8e-0c1f2d3e4a5b' },
    },
  },
});

const ERRORS = {
  400: error(400, 'VALIDATION_FAILED', 'Invalid input: perPage', [{ field: 'perPage', messages: ['perPage must not be greater than 100'] }]),
  401: error(401, 'API_KEY.INVALID', 'The API key is unknown or has been revoked'),
  403: error(403, 'AUTH.FORBIDDEN', 'This needs the admin role'),
  404: error(404, 'PROGRAMME.NOT_FOUND', 'No programme "no-such-programme"'),
  409: error(409, 'PROGRAMME.SLUG_TAKEN', 'The slug "sme-premises" is already used by another programme'),
  412: error(412, 'PROGRAMME.VERSION_CONFLICT', 'The programme was changed by someone else (you edited version 3, it is now at version 4); reload and apply your change again'),
  413: error(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'),
  415: error(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'),
  428: error(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the ETag you last read'),
  429: {
    ...error(429, 'RATE_LIMITED', 'Too many requests: 60 per 60 s for this client; retry in 42 s', { retryAfterSeconds: 42, limit: 60 }),
    headers: { 'Retry-After': { description: 'seconds until the limit resets', schema: { type: 'integer' } } },
  },
  500: error(500, 'INTERNAL', 'Something went wrong on our side'),
  503: error(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable; try again shortly'),
};

const RATE_HEADERS = {
  'X-RateLimit-Limit': { description: 'requests allowed in the window', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'requests left in the window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'seconds until the window resets', schema: { type: 'integer' } },
};

/**
 * The OpenAPI 3.1 document: Nest's reflection of every route and DTO, plus
 * what is common to many operations and easy to forget on one: the error
 * answers each can give (with examples), security, and rate-limit headers.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Support Navigator API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'an API key, snk_…' }, 'apiKey')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key (snk_…) or, for the admin API, the token from POST /api/v1/auth/login' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'code', 'message', 'requestId'],
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', description: 'stable; clients may branch on it' },
      message: { type: 'string' },
      details: { description: 'for 400: [{ field, messages }]; for 409 / 412 / 429: facts about the conflict or limit' },
      requestId: { type: 'string', description: 'quote it when reporting a problem' },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const admin = path.startsWith('/api/v1/admin') || path === '/api/v1/auth/logout' || path === '/api/v1/auth/me';
      const limited = path.startsWith('/api/v1/') && !admin && !path.startsWith('/api/v1/auth/');
      const codes = new Set<number>([500]);
      if (op.parameters?.length || op.requestBody) codes.add(400);
      if (path.includes('{')) codes.add(404);
      if (op.requestBody) [413, 415].forEach((c) => codes.add(c));
      if (admin) [401, 403].forEach((c) => codes.add(c));
      if (admin && ['patch', 'put', 'delete'].includes(method)) [409, 412, 428].forEach((c) => codes.add(c));
      if (admin && method === 'post') [409, 412, 428].forEach((c) => codes.add(c));
      if (limited) [401, 429].forEach((c) => codes.add(c));
      if (path === '/api/v1/auth/login') [401, 429].forEach((c) => codes.add(c));
      if (path.startsWith('/health')) codes.add(503);
      const responses: ResponseMap = op.responses;
      for (const code of codes) responses[String(code)] ??= ERRORS[code as keyof typeof ERRORS];
      if (limited) {
        op.security = [{}, { apiKey: [] }, { bearer: [] }];
        for (const [code, response] of Object.entries(responses)) {
          if (code.startsWith('2') && response && !('$ref' in response)) response.headers = { ...RATE_HEADERS, ...response.headers };
        }
      } else if (admin) {
        op.security = [{ bearer: [] }];
      }
    }
  }
  return document;
}
