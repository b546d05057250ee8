import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '@app/common';
import { CreateOrganisationDto } from '../organisations/dto/organisation.dto';
import { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { isOfficialApplyUrl } from '../programmes/official-sites';
import { emptyValues, normaliseValue, PROGRAMME_FIELDS, getPath, setPath, type ProgrammeField } from '../programmes/programme-fields';
import { publishProblems, type RuleInput } from '../programmes/publish-rules';
import { FACETS } from '../taxonomy/facets';
import type { ShippedCatalogue, ShippedProgramme, ShippedProvider } from './catalogue-files';
import { SEED_TAXONOMY } from './taxonomy.seed';

/** The slugs shared/FACTS.md requires. */
export const REQUIRED_SLUGS = [
  'technopolis-moscow-sez',
  'moscow-technoparks',
  'important-products-and-research-2026',
  'mosprom-export-support',
  'made-in-moscow',
  'sme-concessional-loans',
  'sme-consulting',
  'sme-premises',
  'new-enterprise-construction',
  'i-moscow-investors',
  'i-moscow-pilot-testing',
  'i-moscow-growth-tools',
];

/** Officials the sources name; entries must not (their URLs may, as published). */
export const OFFICIALS = [
  'Собянин',
  'Ликсутов',
  'Ефимов',
  'Сергунин',
  'Ищенко',
  'Чумичев',
  'Степанов',
  'Гарбузов',
  'Sobyanin',
  'Liksutov',
  'Efimov',
  'Sergunina',
  'Ishchenko',
  'Chumichev',
  'Stepanov',
  'Garbuzov',
];

/** Every text of an entry that a reader sees, without its URLs. */
function texts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /url$/i.test(key) || /^https?:/.test(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => texts(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, k));
  return [];
}

/** A file's body with every described field in its normal form, as the view would hold it. */
function normalised(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body, ...structuredClone(emptyValues()) };
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) setPath(out, f.path, normaliseValue(f, getPath(body, f.path)));
  return out;
}

type Problems = string[];

async function dtoProblems<T extends object>(type: new () => T, plain: object): Promise<Problems> {
  const errors = await validate(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors).map((p) => `${p.field}: ${p.messages.join('; ')}`);
}

export async function checkProvider(p: ShippedProvider): Promise<Problems> {
  return dtoProblems(CreateOrganisationDto, p);
}

/**
 * What is wrong with one shipped programme file, in words: everything an editor's save and a
 * publish would refuse (validation, the publishing rules), and what the shipped catalogue asks
 * beyond them: a dated source, two steps, official links only, both languages, no official's name,
 * shipped codes and providers, and each fact's "as of" its source's date.
 */
export async function checkProgramme(entry: ShippedProgramme, providers: ShippedProvider[]): Promise<Problems> {
  const problems = await dtoProblems(CreateProgrammeDto, entry.body);
  if (problems.length) return problems;
  const e = normalised(entry.body as unknown as Record<string, unknown>) as unknown as RuleInput & {
    slug: string;
    provider: string;
    title: { ru: string; en: string | null };
    summary: { ru: string; en: string | null };
    description: { ru: string | null; en: string | null };
    benefit: { text: { ru: string | null; en: string | null } };
    eligibility: { text: { ru: string | null; en: string | null }; checks: { ru: string; en: string | null }[] };
  } & Record<string, unknown>;
  const provider = providers.find((p) => p.slug === e.provider);
  if (!provider) return [`provider: no catalogue/providers/${e.provider}.yaml`];

  const taxonomy = new Map<string, Set<string>>();
  for (const t of SEED_TAXONOMY) taxonomy.set(t.facet, (taxonomy.get(t.facet) ?? new Set()).add(t.code));
  for (const f of FACETS)
    for (const code of (e[f.field] as string[]) ?? [])
      if (!taxonomy.get(f.facet)?.has(code)) problems.push(`${f.field}: "${code}" is not a shipped ${f.facet} code`);

  const sources = e.curation.sources;
  const keys = sources.map((s) => s.key);
  if (new Set(keys).size !== keys.length) problems.push('curation.sources: a key is used twice');
  if (!sources.some((s) => s.publishedOn !== null)) problems.push('curation.sources: at least one source must show a date');
  if (!e.keyFacts.length) problems.push('keyFacts: state at least one fact');
  e.keyFacts.forEach((f, i) => {
    const s = sources.find((x) => x.key === f.source);
    if (!s) problems.push(`keyFacts.${i}.source: "${f.source}" is not one of this entry's sources`);
    else if (f.asOf !== s.publishedOn) problems.push(`keyFacts.${i}.asOf: must be its source's date (${s.publishedOn ?? 'null'})`);
  });
  if (e.application.steps.length < 2) problems.push('application.steps: give at least two steps');

  const view = { ...e, provider } as unknown as RuleInput;
  // a shipped draft is researched but not yet publishable: the publishing rules are what it waits on
  if (entry.publish) for (const p of publishProblems(view)) problems.push(`${p.field}: ${p.messages.join('; ')}`);
  const links = [
    ['application.applyUrl', e.application.applyUrl],
    ['application.applyUrlEn', e.application.applyUrlEn],
    ['application.contacts.url', e.application.contacts.url],
    ...e.application.steps.map((s, i) => [`application.steps.${i}.url`, s.url]),
  ].filter((l): l is [string, string] => !!l[1]);
  for (const [field, link] of links)
    if (!isOfficialApplyUrl(link, provider.url)) problems.push(`${field}: ${link} is not on an official site or the provider's own`);

  const bilingual: [string, { ru: string | null; en: string | null }][] = [
    ['title', e.title],
    ['summary', e.summary],
    ['description', e.description],
    ['benefit.text', e.benefit.text],
    ['eligibility.text', e.eligibility.text],
    ...e.eligibility.checks.map((c, i): [string, typeof c] => [`eligibility.checks.${i}`, c]),
    ...e.keyFacts.flatMap((f, i): [string, { ru: string; en: string | null }][] => [
      [`keyFacts.${i}.label`, f.label],
      [`keyFacts.${i}.value`, f.value],
    ]),
    ...e.application.steps.map((s, i): [string, { ru: string; en: string | null }] => [`application.steps.${i}.text`, s.text]),
  ];
  for (const [field, text] of bilingual) {
    if (!text.ru) problems.push(`${field}.ru: write it`);
    if (!text.en) problems.push(`${field}.en: write it in English too`);
  }
  const all = texts(entry.body).join('\n');
  for (const name of OFFICIALS) if (all.includes(name)) problems.push(`names an official (${name}): entries never do`);
  return problems;
}

/** Every problem of the catalogue, by file; empty when it can ship. */
export async function checkCatalogue(c: ShippedCatalogue): Promise<Map<string, Problems>> {
  const out = new Map<string, Problems>();
  for (const p of c.providers) out.set(`providers/${p.slug}.yaml`, await checkProvider(p));
  for (const e of c.programmes) out.set(`${e.publish ? 'programmes' : 'drafts'}/${e.body.slug}.yaml`, await checkProgramme(e, c.providers));
  const slugs = c.programmes.map((e) => e.body.slug);
  const missing = REQUIRED_SLUGS.filter((s) => !slugs.includes(s));
  if (missing.length) out.set('programmes/', [`missing the slugs FACTS.md requires: ${missing.join(', ')}`]);
  return out;
}
