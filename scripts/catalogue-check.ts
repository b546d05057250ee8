import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkCatalogue, loadShippedCatalogue } from '@app/catalogue';

/**
 * Checks the shipped catalogue's files the way `npm test` does, and names each problem beside its
 * file and field: the JSON Schema (catalogue/schema), the admin API's validation, the publishing
 * rules and the catalogue's own (a dated source, two steps, official links, both languages).
 *
 *   npm run catalogue:check            every file
 *   npm run catalogue:check -- a b     only the programmes whose file names contain a or b
 */
export function schemaProblems(dir: string, kind: 'programme' | 'provider', value: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(dir, 'schema', `${kind}.schema.json`), 'utf8')) as object);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}`);
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const catalogue = loadShippedCatalogue();
  const problems = await checkCatalogue(catalogue);
  for (const p of catalogue.providers) problems.get(`providers/${p.slug}.yaml`)!.unshift(...schemaProblems(catalogue.dir, 'provider', p));
  for (const e of catalogue.programmes)
    problems
      .get(`${e.publish ? 'programmes' : 'drafts'}/${e.body.slug}.yaml`)!
      .unshift(...schemaProblems(catalogue.dir, 'programme', e.body));
  let bad = 0;
  for (const [file, list] of problems) {
    if (only.length && !only.some((o) => file.includes(o))) continue;
    if (!list.length) continue;
    bad++;
    process.stdout.write(`${file}\n${list.map((p) => `  - ${p}`).join('\n')}\n`);
  }
  process.stdout.write(
    `${catalogue.programmes.length} programmes, ${catalogue.providers.length} providers: ${bad ? `${bad} files with problems` : 'all fine'}\n`,
  );
  return bad ? 1 : 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
