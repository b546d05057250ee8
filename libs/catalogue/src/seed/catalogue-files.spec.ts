import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkProgramme, checkProvider, REQUIRED_SLUGS } from './catalogue-check';
import { loadShippedCatalogue } from './catalogue-files';

/**
 * Every file of the shipped catalogue (catalogue/): its JSON Schema, the admin API's validation,
 * the publishing rules and the catalogue's own (catalogue-check.ts). One test per file, named by
 * slug: `npx jest libs/catalogue/src/seed/catalogue-files.spec.ts -t <slug>` checks one.
 */
const catalogue = loadShippedCatalogue();
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const schema = (kind: string) =>
  ajv.compile(JSON.parse(readFileSync(join(catalogue.dir, 'schema', `${kind}.schema.json`), 'utf8')) as object);
const programmeSchema = schema('programme');
const providerSchema = schema('provider');

describe('the shipped catalogue', () => {
  it('holds every slug FACTS.md requires, published, and each slug once', () => {
    const slugs = catalogue.programmes.map((e) => e.body.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(catalogue.programmes.filter((e) => e.publish).map((e) => e.body.slug)).toEqual(expect.arrayContaining(REQUIRED_SLUGS));
  });

  it.each(catalogue.providers.map((p) => [p.slug, p] as const))('provider %s is valid', async (_slug, p) => {
    programmeSchema.errors = null;
    expect(providerSchema(p) ? [] : providerSchema.errors).toEqual([]);
    expect(await checkProvider(p)).toEqual([]);
  });

  it.each(catalogue.programmes.map((e) => [`${e.publish ? '' : 'draft '}${e.body.slug}`, e] as const))(
    '%s matches its schema and every rule',
    async (_slug, e) => {
      expect(programmeSchema(e.body) ? [] : programmeSchema.errors).toEqual([]);
      expect(await checkProgramme(e, catalogue.providers)).toEqual([]);
    },
  );
});
