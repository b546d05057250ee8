import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';

/**
 * The shipped catalogue is data: one YAML file per programme (`catalogue/programmes/<slug>.yaml`,
 * an admin-API create body) and one per provider (`catalogue/providers/<slug>.yaml`), validated
 * against JSON Schemas generated from the field description (`catalogue/schema/`). Each entry
 * carries the hash of its content: an installation updates an entry when its file changed, not
 * when someone remembered to bump a number. `catalogue/drafts/` holds programmes researched but not
 * yet publishable (no official way to act found): they ship as drafts, for editors to complete.
 */

export interface ShippedProvider {
  slug: string;
  name: { ru: string; en: string };
  url: string | null;
  email: string | null;
  phone: string | null;
  address: { ru: string | null; en: string | null };
}

export interface ShippedProgramme {
  /** The file's content: a create body for the admin API (validated before it is used). */
  body: CreateProgrammeDto;
  /** The hash of that content (key order and formatting do not count). */
  contentHash: string;
  file: string;
  /** Published when shipped (programmes/), or a draft for editors to complete (drafts/). */
  publish: boolean;
}

export interface ShippedCatalogue {
  dir: string;
  providers: ShippedProvider[];
  programmes: ShippedProgramme[];
}

/** JSON with object keys sorted: the same content always hashes the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

export const contentHash = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('base64url').slice(0, 22);

/** The `catalogue/` folder: beside package.json, found from here upwards (sources, the build and the Docker image alike). */
export function findCatalogueDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'catalogue', 'programmes')) && existsSync(join(dir, 'package.json'))) return join(dir, 'catalogue');
    if (dirname(dir) === dir) throw new Error(`No catalogue/programmes folder above ${from}`);
  }
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));

/** Reads every file; a file whose name is not its slug, or that is not a YAML object, is an error naming it. */
export function loadShippedCatalogue(dir = findCatalogueDir()): ShippedCatalogue {
  const named = <T extends { slug?: unknown }>(file: string): T => {
    const value = readYaml(file);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: must hold one YAML object`);
    const slug = (value as T).slug;
    if (`${slug}.yaml` !== file.slice(file.lastIndexOf('/') + 1))
      throw new Error(`${file}: its slug is "${String(slug)}"; name the file after it`);
    return value as T;
  };
  const providers = yamlFiles(join(dir, 'providers')).map((file) => {
    const p = named<Partial<ShippedProvider> & { slug: string; name: ShippedProvider['name'] }>(file);
    return {
      slug: p.slug,
      name: p.name,
      url: p.url ?? null,
      email: p.email ?? null,
      phone: p.phone ?? null,
      address: { ru: p.address?.ru ?? null, en: p.address?.en ?? null },
    };
  });
  const read = (folder: string, publish: boolean) =>
    existsSync(join(dir, folder))
      ? yamlFiles(join(dir, folder)).map((file) => {
          const body = named<ShippedProgramme['body']>(file);
          return { body, contentHash: contentHash(body), file, publish };
        })
      : [];
  const programmes = [...read('programmes', true), ...read('drafts', false)];
  return { dir, providers, programmes };
}
