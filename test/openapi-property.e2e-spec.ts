import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Property: for requests generated from the OpenAPI document itself (random
 * valid and invalid parameters, bodies and headers for every operation), the
 * server never answers 5xx, answers only with documented statuses, and every
 * JSON answer matches the schema documented for its status.
 */

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Values that have broken servers before: injection, markup, huge, odd numbers and encodings. */
const HOSTILE = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE programme; --',
  '<script>alert(1)</script>',
  '{"$ne":1}',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  'x'.repeat(5000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  '%',
  '%00',
  '\u202e',
  'ё',
  '🙂',
  ' ',
  '',
  'true',
  'null',
  '[]',
  'status = "open" OR 1',
  'a,b,,c',
);

function resolve(schema: Schema | undefined, doc: Document): Schema {
  let s = schema ?? {};
  for (let i = 0; typeof s.$ref === 'string' && i < 10; i++) s = doc.components.schemas[(s.$ref as string).split('/').pop()!] ?? {};
  return s;
}

/** Values a schema describes (roughly: enough to reach the handlers past validation). */
function valueOf(schema: Schema | undefined, doc: Document, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (depth > 4) return fc.constant(null);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = s[key] as Schema[] | undefined;
    if (parts?.length) return fc.oneof(...parts.map((p) => valueOf(p, doc, depth + 1)));
  }
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string | undefined];
  const type = types.find((t) => t !== 'null');
  const nullable = types.includes('null');
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'integer':
        return fc.integer({ min: Math.max(Number(s.minimum ?? -10), -1e6), max: Math.min(Number(s.maximum ?? 1e6), 1e9) });
      case 'number':
        return fc.double({ min: Number(s.minimum ?? 0), max: Math.min(Number(s.maximum ?? 1e6), 1e9), noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueOf(s.items as Schema, doc, depth + 1), { maxLength: Math.min(Number(s.maxItems ?? 3), 3) });
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const required = new Set((s.required ?? []) as string[]);
        return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueOf(v, doc, depth + 1)])), {
          requiredKeys: [...required].filter((k) => k in props),
        });
      }
      case 'string':
        if (s.format === 'date-time')
          return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
        if (s.format === 'uuid') return fc.uuid();
        return fc.string({ maxLength: Math.min(Number(s.maxLength ?? 30), 30) });
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return nullable ? fc.oneof(base, fc.constant(null)) : base;
}

/** Either what the schema describes, or something hostile in its place. */
const anyValue = (schema: Schema | undefined, doc: Document) =>
  fc.oneof({ weight: 3, arbitrary: valueOf(schema, doc) }, { weight: 1, arbitrary: HOSTILE }, { weight: 1, arbitrary: fc.string() });

const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

describe('OpenAPI-generated requests (property)', () => {
  let t: TestApp;
  let doc: Document;
  let adminToken: string;
  let ajv: Ajv2020;
  const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await t.tokenFor('admin');
    doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as Document;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
  });
  afterAll(() => t.close());

  const validatorFor = (schema: Schema): ReturnType<Ajv2020['compile']> => {
    const key = JSON.stringify(schema);
    let v = validators.get(key);
    if (!v) {
      // the document's components travel with each schema so its $refs resolve
      v = ajv.compile({ ...schema, components: doc.components });
      validators.set(key, v);
    }
    return v;
  };

  const operations = (): [string, string][] => {
    const out: [string, string][] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (path === '/api/v1/auth/logout') continue; // would revoke the token the other cases use
        out.push([method, path]);
      }
    }
    return out;
  };

  it('finds no 5xx, no undocumented status and no answer that breaks its schema', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [method, path] of operations()) {
      const op = doc.paths[path][method];
      const params = op.parameters ?? [];
      const body = op.requestBody?.content['application/json']?.schema;
      const requestArb = fc.record({
        path: fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, anyValue(p.schema, doc)]))),
        query: fc.record(Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, anyValue(p.schema, doc)])), {
          requiredKeys: [],
        }),
        body: body
          ? fc.oneof({ weight: 4, arbitrary: valueOf(body, doc) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
          : fc.constant(undefined),
        ifMatch: fc.oneof(
          fc.constant('"1"'),
          fc.constant(undefined),
          HOSTILE.filter((s) => /^[\x20-\x7e]*$/.test(s)),
        ),
        auth: fc.constantFrom<'admin' | 'none' | 'junk'>('admin', 'admin', 'none', 'junk'),
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async (r) => {
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(asText(r.path[name])) || 'x');
          let req = request(t.http)[method as 'get'](url);
          for (const [k, v] of Object.entries(r.query)) {
            for (const item of Array.isArray(v) ? v : [v]) req = req.query({ [k]: asText(item) });
          }
          if (r.auth === 'admin') req = req.set('Authorization', `Bearer ${adminToken}`);
          if (r.auth === 'junk') req = req.set('Authorization', 'Bearer snk_junk');
          if (r.ifMatch !== undefined) req = req.set('If-Match', r.ifMatch);
          if (r.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(r.body));
          const res = await req;
          sent++;
          const documented = op.responses[String(res.status)];
          const where = `${method.toUpperCase()} ${url} → ${res.status}`;
          if (res.status >= 500) failures.push(`${where}: ${res.text.slice(0, 200)}`);
          else if (!documented) failures.push(`${where}: status not documented (${Object.keys(op.responses).join(', ')})`);
          else {
            const schema = documented.content?.['application/json']?.schema;
            const json = res.headers['content-type']?.startsWith('application/json');
            // every successful JSON answer is described, so generated clients type it
            if (json && res.status < 300 && !schema) failures.push(`${where}: a JSON answer with no documented schema`);
            if (schema && json) {
              const validate = validatorFor(schema);
              if (!validate(res.body)) failures.push(`${where}: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
            }
          }
          return true;
        }),
        { numRuns: 25, seed: 20261126 },
      );
    }
    expect(sent).toBeGreaterThan(500);
    expect([...new Set(failures)].slice(0, 20)).toEqual([]);
  }, 240_000);
});
