import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ERROR_CODES } from '@app/common';
import { PublicUrls } from '@app/config';
import { ROLES_KEY } from '@app/identity';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

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

type Schema = Record<string, unknown>;
type Header = { description: string; schema: Schema };
type ResponseObject = {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }>;
};

const REQUEST_ID = '5b0d6f7e-2a51-4c8e-9a8e-0c1f2d3e4a5b';

const integer = (description: string): Header => ({ description, schema: { type: 'integer' } });
const RATE_HEADERS: Record<string, Header> = {
  'X-RateLimit-Limit': integer('requests allowed in the window'),
  'X-RateLimit-Remaining': integer('requests left in the window'),
  'X-RateLimit-Reset': integer('seconds until the window resets'),
};
const RETRY_AFTER: Record<string, Header> = { 'Retry-After': integer('seconds to wait before trying again') };

/** One error answer with one or more named examples, each a real body the server sends. */
function errorResponse(
  description: string,
  examples: { code: string; message: string; details?: unknown }[],
  statusCode: number,
): ResponseObject {
  const body = (e: (typeof examples)[number]) => ({
    statusCode,
    code: e.code,
    message: e.message,
    ...(e.details ? { details: e.details } : {}),
    requestId: REQUEST_ID,
  });
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorBody' },
        ...(examples.length === 1
          ? { example: body(examples[0]) }
          : { examples: Object.fromEntries(examples.map((e) => [e.code, { value: body(e) }])) }),
      },
    },
  };
}

/** The resource a path is about, for its error codes and messages. */
const RESOURCES: [RegExp, string, string][] = [
  [/suggested-updates/, 'SUGGESTED_UPDATE', 'No pending suggested update 7 for this programme'],
  [/source-watch\/items/, 'SOURCE_WATCH_ITEM', 'No pending source-watch item 1f0c4b9e-3a53-4c1e-9d2f-2b8f1f4a9e10'],
  [/pending-change/, 'PENDING_CHANGE', 'This programme has no pending change (it was published or discarded)'],
  [/\/programmes/, 'PROGRAMME', 'No programme "no-such-programme"'],
  [/\/organisations/, 'ORGANISATION', 'No organisation "no-such-fund"'],
  [/\/taxonomy/, 'TAXONOMY', 'No industry "no_such_code" in the taxonomy'],
  [/\/synonyms/, 'SYNONYM', 'No synonym group 42'],
];
const TAKEN: Record<string, { code: string; message: string }> = {
  PROGRAMME: { code: 'PROGRAMME.SLUG_TAKEN', message: 'The slug "sme-premises" is already used by another programme' },
  ORGANISATION: { code: 'ORGANISATION.SLUG_TAKEN', message: 'The slug "mosprom" is already used by another organisation' },
  TAXONOMY: { code: 'TAXONOMY.CODE_TAKEN', message: 'The industry "electronics" already exists' },
  SYNONYM: { code: 'SYNONYM.TERM_TAKEN', message: '"лизинг" already belongs to another synonym group' },
};
const IN_USE: Record<string, { code: string; message: string }> = {
  ORGANISATION: { code: 'ORGANISATION.IN_USE', message: 'Organisation "mosprom" provides 3 programme(s); reassign them first' },
  TAXONOMY: { code: 'TAXONOMY.IN_USE', message: 'The industry "electronics" is used by 5 programme(s); remove it from them first' },
};

/** Operations that save an editor's change of a programme: for a published one, into its pending change. */
const SAVES_PENDING =
  /^(patch \/api\/v1\/admin\/programmes\/\{id\}|post .*\/(revisions\/\{version\}\/restore|suggested-updates\/\{suggestionId\}\/apply))$/;

/** A realistic 400 for an operation: its first parameter or required body field, with the rule it breaks. */
function badRequest(op: Operation, schemas: Record<string, Schema>): ResponseObject {
  const params = (op.parameters ?? []) as { name: string; in: string; schema?: Schema }[];
  const param = params.find((p) => p.in === 'query' || p.in === 'path');
  let field = param?.name;
  let rule = param?.schema ?? {};
  const ref = (
    (op.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content?.['application/json']?.schema
      ?.$ref ?? ''
  )
    .split('/')
    .pop();
  if (!field && ref && schemas[ref]) {
    const body = schemas[ref] as { required?: string[]; properties?: Record<string, Schema> };
    field = body.required?.[0] ?? Object.keys(body.properties ?? {})[0];
    rule = body.properties?.[field ?? ''] ?? {};
  }
  field ??= 'body';
  const message =
    rule.maxLength !== undefined
      ? `${field} must be shorter than or equal to ${String(rule.maxLength)} characters`
      : rule.maximum !== undefined
        ? `${field} must not be greater than ${String(rule.maximum)}`
        : rule.pattern !== undefined
          ? `${field} must match ${String(rule.pattern)}`
          : `${field} must be given as documented`;
  return errorResponse(
    'The request is invalid: `details` names each field at fault',
    [{ code: 'VALIDATION_FAILED', message: `Invalid input: ${field}`, details: [{ field, messages: [message] }] }],
    400,
  );
}

/** What a role-checked operation allows, from its @Roles (handler first, then controller). */
type RolesOf = (operationId: string | undefined) => string[] | undefined;

function rolesLookup(app: INestApplication): RolesOf {
  const controllers = new Map<string, Type<unknown>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values())
      if (wrapper.metatype) controllers.set(wrapper.metatype.name, wrapper.metatype as Type<unknown>);
  }
  return (operationId) => {
    const [controller, method] = (operationId ?? '').split('_');
    const type = controllers.get(controller);
    if (!type) return undefined;
    const handler = (type.prototype as Record<string, object>)[method];
    return (
      (handler && (Reflect.getMetadata(ROLES_KEY, handler) as string[] | undefined)) ??
      (Reflect.getMetadata(ROLES_KEY, type) as string[] | undefined)
    );
  };
}

/** Bodies exports send, per format. */
const EXPORT_CONTENT: Record<string, Record<string, { schema: Schema }>> = {
  '/api/v1/programmes.csv': { 'text/csv': { schema: { type: 'string', description: 'UTF-8 with a BOM, CRLF line ends' } } },
  '/api/v1/programmes.json': { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/ProgrammeView' } } } },
  '/api/v1/programmes.ndjson': {
    'application/x-ndjson': { schema: { type: 'string', description: 'one ProgrammeView as JSON per line' } },
  },
};

/** Constraints the validation pipe enforces, copied from class-validator into the schemas of the same name. */
const CONSTRAINTS = ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

export type Derived = Record<string, { properties?: Record<string, Schema> }>;

function copyConstraints(rule: Schema, target: Schema): void {
  for (const key of CONSTRAINTS) if (rule[key] !== undefined && target[key] === undefined) target[key] = rule[key];
  const items = rule.items as Schema | undefined;
  const targetItems = target.items as Schema | undefined;
  if (items && targetItems && !('$ref' in targetItems))
    for (const key of CONSTRAINTS) if (items[key] !== undefined && targetItems[key] === undefined) targetItems[key] = items[key];
}

/**
 * Query and path parameters get the constraints of the class they were read
 * into: the smallest validated class that has every one of the operation's parameters.
 */
function mergeParameterValidation(op: Operation, derived: Derived): void {
  const params = ((op.parameters ?? []) as { name: string; in: string; schema?: Schema }[]).filter(
    (p) => p.in === 'query' || p.in === 'path',
  );
  if (!params.length) return;
  const names = params.map((p) => p.name);
  const source = Object.values(derived)
    .filter((d) => d.properties && names.every((n) => n in d.properties!))
    .sort((x, y) => Object.keys(x.properties!).length - Object.keys(y.properties!).length)[0];
  if (!source) return;
  for (const p of params) if (p.schema && !('$ref' in p.schema)) copyConstraints(source.properties![p.name], p.schema);
}

export function mergeValidation(schemas: Record<string, Schema>, derived: Derived): void {
  for (const [name, schema] of Object.entries(schemas)) {
    const rules = derived[name];
    if (!rules || '$ref' in schema) continue;
    // the validation pipe refuses fields it does not know
    schema.additionalProperties = false;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [prop, rule] of Object.entries(rules.properties ?? {})) {
      const target = properties[prop];
      if (!target || '$ref' in target) continue;
      copyConstraints(rule, target);
    }
  }
}

/**
 * The OpenAPI 3.1 document: Nest's reflection of every route and DTO, plus
 * what is common to many operations and easy to forget on one: the
 * constraints validation enforces, the error answers each operation can
 * give (with examples of its own), security, and the headers it sends.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const base = app.get(PublicUrls).base;
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Support Navigator API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('Proprietary: ask for terms of reuse', `${base}/`)
    .addServer(base, 'this server')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'an API key, snk_…' }, 'apiKey')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'an API key (snk_…) or, for the admin API, the token from POST /api/v1/auth/login' },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas ??= {};
  const schemas = document.components.schemas as Record<string, Schema>;
  const derived = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Derived;
  mergeValidation(schemas, derived);
  schemas.FieldProblem = {
    type: 'object',
    required: ['field', 'messages'],
    properties: {
      field: { type: 'string', description: 'a dotted path into the body, or a parameter or header name' },
      messages: { type: 'array', items: { type: 'string' } },
    },
  };
  schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'code', 'message', 'requestId'],
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', enum: [...ERROR_CODES], description: 'stable; clients may branch on it' },
      message: { type: 'string', description: 'for people; may change' },
      details: {
        description:
          'either the list of fields that were wrong (for 400, and for a 409 about one field), or the facts of a conflict or limit (412: both versions; 429 and 503: retryAfterSeconds)',
        oneOf: [
          { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
          { type: 'object', additionalProperties: true },
        ],
      },
      requestId: { type: 'string', description: 'quote it when reporting a problem' },
    },
  };
  const rolesOf = rolesLookup(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      mergeParameterValidation(op, derived);
      const responses = op.responses as Record<string, ResponseObject>;
      const headerParams = ((op.parameters ?? []) as { name: string; in: string }[]).filter((p) => p.in === 'header').map((p) => p.name);
      const admin = path.startsWith('/api/v1/admin') || path === '/api/v1/auth/logout' || path === '/api/v1/auth/me';
      const limited = path.startsWith('/api/v1/') && !admin && !path.startsWith('/api/v1/auth/');
      const resource = RESOURCES.find(([pattern]) => pattern.test(path));
      const roles = rolesOf(op.operationId);
      const ifMatch = headerParams.includes('If-Match');
      const create = method === 'post' && '201' in responses;

      if (op.parameters?.length || op.requestBody) responses['400'] ??= badRequest(op, schemas);
      if (/\/pending-change\/(publish|approve)$/.test(path))
        responses['403'] ??= errorResponse(
          'PROGRAMME_REVIEW_REQUIRED is on and you wrote (part of) this change: another editor must approve or publish it',
          [
            {
              code: 'PENDING_CHANGE.REVIEW_REQUIRED',
              message:
                'A second editor must approve this change before it goes live, and you wrote it: ask a colleague to review and publish it',
            },
            {
              code: 'PENDING_CHANGE.OWN_CHANGE',
              message: 'You wrote (part of) this change, so you cannot approve it: another editor must',
            },
          ],
          403,
        );
      if (admin) {
        responses['401'] ??= errorResponse(
          'Not signed in, or the token expired',
          [{ code: 'AUTH.REQUIRED', message: 'Sign in first: send Authorization: Bearer <token from POST /api/v1/auth/login>' }],
          401,
        );
        if (roles && roles.length === 1)
          responses['403'] ??= errorResponse(
            `Signed in, but only the ${roles[0]} role may do this`,
            [{ code: 'AUTH.FORBIDDEN', message: `This needs the ${roles[0]} role` }],
            403,
          );
      }
      if (limited) {
        responses['401'] ??= errorResponse(
          'An API key or token was sent but is malformed, unknown or revoked (send none to be anonymous)',
          [
            { code: 'API_KEY.INVALID', message: 'The API key is unknown or has been revoked' },
            {
              code: 'API_KEY.MALFORMED',
              message: 'An API key looks like snk_<8 hex>_<43 characters>; send it as X-API-Key or Authorization: Bearer',
            },
          ],
          401,
        );
        responses['429'] ??= {
          ...errorResponse(
            'Over the rate limit for this client',
            [
              {
                code: 'RATE_LIMITED',
                message: 'Too many requests: 60 per 60 s for this client; retry in 42 s',
                details: { retryAfterSeconds: 42, limit: 60 },
              },
            ],
            429,
          ),
          headers: { ...RETRY_AFTER },
        };
      }
      if (path === '/api/v1/auth/login') {
        responses['401'] ??= errorResponse(
          'Wrong email or password',
          [{ code: 'AUTH.INVALID_CREDENTIALS', message: 'The email or password is wrong' }],
          401,
        );
        responses['429'] ??= {
          ...errorResponse(
            'Too many sign-in attempts',
            [
              {
                code: 'AUTH.TOO_MANY_ATTEMPTS',
                message: 'Too many sign-in attempts; try again in 60 s',
                details: { retryAfterSeconds: 60 },
              },
            ],
            429,
          ),
          headers: { ...RETRY_AFTER },
        };
      }
      if (path.includes('{') && resource)
        responses['404'] ??= errorResponse('Not found', [{ code: `${resource[1]}.NOT_FOUND`, message: resource[2] }], 404);
      else if (path.includes('{')) responses['404'] ??= errorResponse('Not found', [{ code: 'NOT_FOUND', message: 'Not found' }], 404);
      if (resource) {
        const conflicts = [
          ...(create && TAKEN[resource[1]] ? [TAKEN[resource[1]]] : []),
          ...(method === 'delete' && IN_USE[resource[1]] ? [IN_USE[resource[1]]] : []),
          ...(/\/\{id\}\/(publish|unpublish|archive|restore)$/.test(path)
            ? [{ code: 'PROGRAMME.INVALID_TRANSITION', message: 'A draft programme cannot be unpublished' }]
            : []),
          ...(create
            ? [{ code: 'IDEMPOTENCY_KEY.IN_PROGRESS', message: 'A request with this Idempotency-Key is still running; retry in a moment' }]
            : []),
          // a change of a published programme while its pending change is open must name that change
          ...(SAVES_PENDING.test(`${method} ${path}`)
            ? [
                {
                  code: 'PENDING_CHANGE.OPEN',
                  message:
                    'This published programme has a pending change (ETag "p2"): change it with that If-Match, or publish or discard it first',
                  details: { pendingVersion: 'p2' },
                },
              ]
            : []),
          ...(method === 'patch' && ['PROGRAMME', 'PENDING_CHANGE'].includes(resource[1]) ? [TAKEN.PROGRAMME] : []),
          ...(path.endsWith('/pending-change/publish')
            ? [
                {
                  code: 'PENDING_CHANGE.CONFLICT',
                  message:
                    'The published entry changed since this pending change was made, in fields it changes too: Title (ru). Choose a version of each first (POST …/pending-change/rebase)',
                  details: [
                    { field: 'title.ru', messages: ['changed both in this pending change and in the published entry since it was made'] },
                  ],
                },
              ]
            : []),
        ];
        if (conflicts.length) responses['409'] ??= errorResponse('Conflicts with the current state', conflicts, 409);
        if (ifMatch) {
          const pendingConflict = {
            code: 'PENDING_CHANGE.VERSION_CONFLICT',
            message:
              'The pending change was changed by someone else (you read "p1", it is now at "p2"); reload and apply your change again',
            details: { yourVersion: 'p1', currentVersion: 'p2' },
          };
          responses['412'] ??= errorResponse(
            'Someone saved since the version in If-Match (reload, reapply, send the new ETag), or If-Match is neither * nor a strong ETag as this service writes it',
            [
              ...(resource[1] === 'PENDING_CHANGE'
                ? []
                : [
                    {
                      code: `${resource[1] === 'SUGGESTED_UPDATE' ? 'PROGRAMME' : resource[1]}.VERSION_CONFLICT`,
                      message:
                        'It was changed by someone else (you edited version 3, it is now at version 4); reload and apply your change again',
                      details: { yourVersion: 3, currentVersion: 4 },
                    },
                  ]),
              {
                code: 'PRECONDITION_FAILED',
                message:
                  'If-Match matches no current version: send * or the exact ETag you last read (strong, such as "3"; W/"3" or "03" never match)',
                details: { ifMatch: 'W/"3"' },
              },
              ...(SAVES_PENDING.test(`${method} ${path}`) || resource[1] === 'PENDING_CHANGE' ? [pendingConflict] : []),
            ],
            412,
          );
          responses['428'] ??= errorResponse(
            'If-Match is missing',
            [{ code: 'PRECONDITION_REQUIRED', message: 'This change needs an If-Match header with the ETag you last read' }],
            428,
          );
        }
      }
      if (op.requestBody) {
        responses['413'] ??= errorResponse(
          'The body is too large',
          [{ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' }],
          413,
        );
        responses['415'] ??= errorResponse(
          'The body is not JSON',
          [{ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as application/json' }],
          415,
        );
      }
      responses['500'] ??= errorResponse(
        'Something broke on our side (details are in our log, under the request id)',
        [{ code: 'INTERNAL', message: 'Something went wrong on our side' }],
        500,
      );
      responses['503'] ??= {
        ...errorResponse(
          'Briefly unavailable (the database is not reachable or busy); nothing was saved',
          [
            {
              code: 'SERVICE_UNAVAILABLE',
              message: 'The service is briefly unavailable; nothing was saved. Try again in a few seconds.',
              details: { retryAfterSeconds: 5 },
            },
          ],
          503,
        ),
        headers: { ...RETRY_AFTER },
      };

      if (EXPORT_CONTENT[path] && responses['200']) {
        responses['200'].content = EXPORT_CONTENT[path];
        responses['200'].headers = {
          ...responses['200'].headers,
          'X-Total-Count': integer('how many programmes the export holds'),
          'X-Changes-Cursor': {
            description: 'pass as since= to the change feed to stay in sync from this export',
            schema: { type: 'string' },
          },
        };
      }
      if (path === '/api/v1/programmes' && method === 'get' && responses['200'] && !('$ref' in responses['200'])) {
        responses['200'].headers = {
          ...responses['200'].headers,
          'Server-Timing': {
            description:
              'where the time went: engine;dur=… (the search engine, named in desc) and app;dur=… (the whole answer), in milliseconds',
            schema: { type: 'string' },
          },
        };
      }
      for (const [code, response] of Object.entries(responses)) {
        if (!response || '$ref' in response) continue;
        const success = code.startsWith('2');
        if (success && headerParams.includes('If-None-Match')) {
          response.headers = {
            ETag: {
              description: 'a strong validator of this answer: send it as If-None-Match to get 304 while nothing changed',
              schema: { type: 'string' },
            },
            'Cache-Control': { description: 'public, max-age=…: how long any cache may reuse the answer', schema: { type: 'string' } },
            ...response.headers,
          };
        }
        const bodyRef = (response.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref?.split('/').pop();
        const bodySchema = bodyRef ? (schemas[bodyRef] as { properties?: Record<string, unknown> } | undefined) : undefined;
        if (success && admin && bodySchema?.properties?.version) {
          response.headers = {
            ETag: { description: 'the record\'s version, e.g. "3": send it as If-Match with the next change', schema: { type: 'string' } },
            ...response.headers,
          };
        }
        if (limited) response.headers = { ...RATE_HEADERS, ...response.headers };
      }
      if (limited) op.security = [{}, { apiKey: [] }, { bearer: [] }];
      else if (admin) op.security = [{ bearer: [] }];
      else op.security = []; // sign-in and health need no credentials
    }
  }
  return document;
}
