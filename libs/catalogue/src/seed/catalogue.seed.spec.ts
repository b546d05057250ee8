import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { isOfficialApplyUrl } from '../programmes/official-sites';
import { CATALOGUE_RELEASE, SEED_ORGANISATIONS, SEED_PROGRAMMES } from './catalogue.seed';
import { SEED_TAXONOMY } from './taxonomy.seed';

/** The slugs shared/FACTS.md requires. */
const REQUIRED_SLUGS = [
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
const OFFICIALS = [
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

type Entry = (typeof SEED_PROGRAMMES)[number] & Record<string, unknown>;
const entries = SEED_PROGRAMMES as Entry[];
const providerUrl = (slug: string) => SEED_ORGANISATIONS.find((o) => o.slug === slug)?.url ?? null;

/** Every text of an entry that a reader sees, without its URLs. */
function texts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'url' || key === 'applyUrl' || /^https?:/.test(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => texts(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, k));
  return [];
}

describe('the shipped catalogue', () => {
  it(`holds every slug FACTS.md requires and at least 8 more programmes, release ${CATALOGUE_RELEASE}`, () => {
    const slugs = entries.map((e) => e.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual(expect.arrayContaining(REQUIRED_SLUGS));
    expect(slugs.length - REQUIRED_SLUGS.length).toBeGreaterThanOrEqual(8);
    expect(CATALOGUE_RELEASE).toBeGreaterThanOrEqual(2);
  });

  it.each(entries.map((e) => [e.slug, e] as const))('%s passes the admin API’s validation', async (_slug, entry) => {
    const errors = await validate(plainToInstance(CreateProgrammeDto, entry), { whitelist: true, forbidNonWhitelisted: true });
    expect(errors).toEqual([]);
  });

  it.each(entries.map((e) => [e.slug, e] as const))('%s is actionable and sourced', (_slug, entry) => {
    const sources = entry.curation.sources;
    const keys = sources.map((s) => s.key);
    // at least one source shows a date, and every key fact cites a source of this entry
    expect(sources.some((s) => s.publishedOn !== null)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(entry.keyFacts.length).toBeGreaterThan(0);
    for (const f of entry.keyFacts) expect(keys).toContain(f.source);
    // a fact's "as of" is its source's date
    for (const f of entry.keyFacts) expect(f.asOf).toBe(sources.find((s) => s.key === f.source)!.publishedOn);
    // at least two steps; every link, and above all the apply link, goes to an official site
    expect(entry.application.steps.length).toBeGreaterThanOrEqual(2);
    const links = [(entry.application as { applyUrl?: string }).applyUrl, ...entry.application.steps.map((s) => s.url)].filter(
      (u): u is string => !!u,
    );
    for (const link of links)
      expect({ link, official: isOfficialApplyUrl(link, providerUrl(entry.provider)) }).toEqual({ link, official: true });
  });

  it.each(entries.map((e) => [e.slug, e] as const))('%s is written in both languages and names no official', (_slug, entry) => {
    const bilingual = [
      entry.title,
      entry.summary,
      entry.description,
      entry.benefit.text,
      entry.eligibility.text,
      ...entry.keyFacts.flatMap((f) => [f.label, f.value]),
      ...entry.application.steps.map((s) => s.text),
    ];
    for (const text of bilingual) expect(text.en).toBeTruthy();
    const all = texts(entry).join('\n');
    for (const name of OFFICIALS) expect(all).not.toContain(name);
  });

  it('uses only taxonomy codes and organisations it ships', () => {
    const codes = new Map<string, Set<string>>();
    for (const t of SEED_TAXONOMY) codes.set(t.facet, (codes.get(t.facet) ?? new Set()).add(t.code));
    const facets: [keyof Entry, string][] = [
      ['supportTypes', 'support_type'],
      ['applicantTypes', 'applicant_type'],
      ['stages', 'stage'],
      ['sizes', 'size'],
      ['industries', 'industry'],
      ['objectives', 'objective'],
      ['territories', 'territory'],
    ];
    for (const e of entries) {
      expect(SEED_ORGANISATIONS.map((o) => o.slug)).toContain(e.provider);
      for (const [field, facet] of facets)
        for (const code of (e[field] as string[] | undefined) ?? [])
          expect({ slug: e.slug, facet, code, known: codes.get(facet)!.has(code) }).toEqual({ slug: e.slug, facet, code, known: true });
    }
  });
});
