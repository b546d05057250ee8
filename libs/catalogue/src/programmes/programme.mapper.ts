import type { Organisation } from '../organisations/organisation.entity';
import type { ProgrammeHitView, ProgrammeView, RevisionView } from './dto/programme-view.dto';
import type { CreateProgrammeDto, UpdateProgrammeDto } from './dto/programme-input.dto';
import type { ProgrammeRevision } from './programme-revision.entity';
import type { Programme } from './programme.entity';
import type { Availability, EligibilityCriteria, KeyFact, ProgrammeSource } from './programme.types';
import { publicParentOf, readSnapshot, snapshotView } from './programme-snapshot';
import { emptyValues, getPath, normaliseValue, PROGRAMME_FIELDS, setPath, type ProgrammeField } from './programme-fields';
import { deriveTiming, NOT_CONFIRMED, roundFromDates } from './programme-status';
import { currentFacts, factExpiresAt, factsAge } from './key-facts';
import { publishProblems, type RuleInput } from './publish-rules';

export type Lang = 'ru' | 'en';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function mapProvider(o: Organisation): ProgrammeView['provider'] {
  return {
    slug: o.slug,
    name: { ru: o.nameRu, en: o.nameEn },
    url: o.url,
    email: o.email ?? null,
    phone: o.phone ?? null,
    address: { ru: o.addressRu ?? null, en: o.addressEn ?? null },
  };
}

/** A described field's value as its columns hold it, in the view's form. */
function readField(p: Programme, f: ProgrammeField): unknown {
  const columns = p as unknown as Record<string, unknown>;
  switch (f.type) {
    case 'localised':
      return { ru: columns[`${f.column}Ru`] ?? null, en: columns[`${f.column}En`] ?? null };
    case 'datetime':
      return iso(columns[f.column] as Date | null);
    case 'structured':
      return normaliseValue(f, columns[f.column] ?? f.empty);
    default:
      return columns[f.column];
  }
}

/** A programme as the public sees it: the full view with only public relations. */
export const mapPublicProgramme = (p: Programme): ProgrammeView => ({ ...mapProgramme(p), parent: publicParentOf(p) });

/** The full view; `provider` and `parent` must be loaded. */
export function mapProgramme(p: Programme): ProgrammeView {
  if (!p.provider) throw new Error(`programme ${p.id} mapped without its provider`);
  const view: Record<string, unknown> = {
    id: p.id,
    slug: p.slug,
    title: { ru: p.titleRu, en: p.titleEn },
    summary: { ru: p.summaryRu, en: p.summaryEn },
    provider: mapProvider(p.provider),
    parent: p.parent?.slug ?? null,
  };
  for (const f of PROGRAMME_FIELDS) setPath(view, f.path, readField(p, f));
  setPath(view, 'timing.status', p.status);
  setPath(view, 'curation.newestSourceOn', p.sourcesNewestOn);
  setPath(view, 'curation.lastCheckedOn', p.sourcesCheckedOn);
  setPath(view, 'curation.problems', publishProblems(view as unknown as ProgrammeView));
  Object.assign(view, {
    publicationState: p.publicationState,
    publishedAt: iso(p.publishedAt),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  });
  return view as unknown as ProgrammeView;
}

/** Picks the requested language, falling back to Russian (the required one). */
export const pick = (ru: string, en: string | null, lang: Lang): { text: string; lang: Lang } =>
  lang === 'en' && en ? { text: en, lang: 'en' } : { text: ru, lang: 'ru' };

/** What a result card needs beside the row: today, and the age past which a fact's source is too old. */
export interface HitContext {
  now: Date;
  maxAgeDays: number;
}

export function mapProgrammeHit(p: Programme, lang: Lang, context: HitContext): ProgrammeHitView {
  if (!p.provider) throw new Error(`programme ${p.id} mapped without its provider`);
  const title = pick(p.titleRu, p.titleEn, lang);
  return {
    slug: p.slug,
    title: title.text,
    summary: pick(p.summaryRu, title.lang === 'en' ? p.summaryEn : null, title.lang).text,
    lang: title.lang,
    provider: { slug: p.provider.slug, name: pick(p.provider.nameRu, p.provider.nameEn, lang).text },
    supportTypes: p.supportTypes,
    sizes: p.sizes ?? [],
    applicantTypes: p.applicantTypes ?? [],
    conditions: glanceConditions(p.eligibility ?? {}),
    status: p.status,
    closesAt: iso(p.closesAt),
    amountMin: p.amountMin,
    amountMax: p.amountMax,
    newestSourceOn: p.sourcesNewestOn,
    facts: factsAge(stored(p, 'keyFacts'), stored(p, 'curation.sources'), context.now, context.maxAgeDays),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The conditions a result card shows at a glance (what most often rules a company in or out). */
export function glanceConditions(c: EligibilityCriteria): ProgrammeHitView['conditions'] {
  return {
    companyAgeMinYears: c.companyAgeMinYears ?? null,
    companyAgeMaxYears: c.companyAgeMaxYears ?? null,
    headcountMax: c.headcountMax ?? null,
    investmentMinRub: c.investmentMinRub ?? null,
    requiredStatuses: c.requiredStatuses ?? [],
  };
}

export function mapRevision(r: ProgrammeRevision, withSnapshot: boolean): RevisionView {
  return {
    version: r.version,
    action: r.action,
    actor: { id: r.actorId, label: r.actorLabel },
    createdAt: r.createdAt.toISOString(),
    changedFields: r.changedFields,
    ...(withSnapshot ? { snapshot: snapshotView(readSnapshot(r.snapshot)) } : {}),
  } as RevisionView;
}

const set = <K extends keyof Programme>(target: Partial<Programme>, key: K, value: Programme[K] | undefined): void => {
  if (value !== undefined) target[key] = value;
};

/** A new programme's described columns: nothing, empty lists and objects. */
export function emptyColumns(): Partial<Programme> {
  const draft: Partial<Programme> = {};
  applyProgrammeInput(draft, emptyValues() as unknown as CreateProgrammeDto);
  return draft;
}

/**
 * Copies the fields an editor sent onto the programme's columns. Absent fields are
 * left alone; null clears. Provider and parent are resolved by the service.
 */
export function applyProgrammeInput(target: Partial<Programme>, input: CreateProgrammeDto | UpdateProgrammeDto): void {
  set(target, 'slug', input.slug);
  set(target, 'titleRu', input.title?.ru);
  set(target, 'titleEn', input.title?.en);
  set(target, 'summaryRu', input.summary?.ru);
  set(target, 'summaryEn', input.summary?.en);
  const columns = target as Record<string, unknown>;
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) {
    const value = getPath(input, f.path);
    if (value === undefined) continue;
    if (f.type === 'localised') {
      const text = value as { ru?: string | null; en?: string | null };
      if (text.ru !== undefined) columns[`${f.column}Ru`] = text.ru;
      if (text.en !== undefined) columns[`${f.column}En`] = text.en;
    } else {
      columns[f.column] = normaliseValue(f, value);
    }
  }
}

/** The newest of some `YYYY-MM-DD` dates (they sort as text), or null. */
const newestDay = (days: (string | null)[]): string | null => days.reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/** The rouble figures of the benefit facts that hold now: what the entry offers, in money. */
const benefitAmounts = (facts: KeyFact[] | undefined, now: Date): number[] =>
  currentFacts(facts ?? [], now)
    .filter((f) => f.group === 'benefit' && f.unit === 'rub' && f.number !== null)
    .map((f) => f.number as number);

/**
 * Dates sent without an availability (API v1's `timing.opensAt` / `closesAt`) stand for one
 * round, with no source yet; with an availability, the availability decides and the dates
 * follow from it. Call on the input before it is applied.
 */
export function availabilityFromDates(
  input: { timing?: { availability?: unknown; opensAt?: Date | null; closesAt?: Date | null } },
  current?: Partial<Programme>,
): Availability | undefined {
  const t = input.timing;
  if (!t || t.availability !== undefined || (t.opensAt === undefined && t.closesAt === undefined)) return undefined;
  const opensAt = t.opensAt !== undefined ? t.opensAt : (current?.opensAt ?? null);
  const closesAt = t.closesAt !== undefined ? t.closesAt : (current?.closesAt ?? null);
  return roundFromDates(opensAt, closesAt);
}

/**
 * What follows from the availability, the sources and the key facts, recomputed on every save
 * and by the status job: the status and the deciding round's dates, when those next change by
 * themselves, the newest date a source shows and the last check, the amount range search
 * filters and sorts by (from the benefit facts that hold now: past terms never count), and how
 * many publishing rules the entry breaks. `previous`: the entry before this save; an amount that
 * came from facts since removed (or since past) goes with them instead of staying behind as if an
 * editor had typed it.
 */
export function deriveProgramme(target: Partial<Programme>, now: Date, previous?: Partial<Programme>): void {
  const timing = deriveTiming(target.availability ?? NOT_CONFIRMED, now);
  target.status = timing.status;
  target.opensAt = timing.opensAt;
  target.closesAt = timing.closesAt;
  const sources = stored<ProgrammeSource[]>(target, 'curation.sources');
  target.sourcesNewestOn = newestDay(sources.map((s) => s.publishedOn));
  target.sourcesCheckedOn = newestDay(sources.map((s) => s.checkedOn));
  const facts = stored<KeyFact[]>(target, 'keyFacts');
  const expiries = currentFacts(facts, now)
    .map(factExpiresAt)
    .filter((d): d is Date => d !== null);
  const changes = [timing.changesAt, ...expiries].filter((d): d is Date => d !== null).map((d) => d.getTime());
  target.recheckAt = changes.length ? new Date(Math.min(...changes)) : null;
  const amounts = benefitAmounts(facts, now);
  if (amounts.length) {
    target.amountMax = Math.max(...amounts);
    if (target.amountMin != null && target.amountMin > target.amountMax) target.amountMin = null;
  } else {
    // an amount some rouble benefit fact gave (one since removed, or since past) goes with it; one an editor typed stays
    const fromFacts = [...(previous?.keyFacts ?? []), ...facts]
      .filter((f) => f.group === 'benefit' && f.unit === 'rub' && f.number !== null)
      .map((f) => f.number as number);
    if (target.amountMax != null && fromFacts.includes(target.amountMax)) target.amountMax = null;
  }
  if (target.provider) target.problemCount = publishProblems(ruleInput(target)).length;
}

/** A structured column in its normal form (rows stored before a key existed read with its default). */
function stored<T>(p: Partial<Programme>, path: string): T {
  const f = (PROGRAMME_FIELDS as readonly ProgrammeField[]).find((x) => x.path === path)!;
  return normaliseValue(f, (p as Record<string, unknown>)[f.column]) as T;
}

/** What the publishing rules read, from the entity's columns. */
export function ruleInput(p: Partial<Programme>): RuleInput {
  if (!p.provider) throw new Error(`programme ${p.id ?? p.slug} checked without its provider`);
  return {
    keyFacts: stored(p, 'keyFacts'),
    provider: mapProvider(p.provider),
    timing: { availability: p.availability ?? NOT_CONFIRMED },
    application: {
      applyUrl: p.applyUrl ?? null,
      applyUrlEn: p.applyUrlEn ?? null,
      steps: p.applicationSteps ?? [],
      contacts: p.contacts ?? { email: null, phone: null, url: null },
    },
    curation: { sources: stored(p, 'curation.sources') },
  };
}

/** Dotted paths whose values differ between two snapshots. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const ignored = new Set(['version', 'updatedAt', 'createdAt']);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const key of keys) {
      if (!prefix && ignored.has(key)) continue;
      out.push(...changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  return stableJson(before) === stableJson(after) ? [] : [prefix];
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order keys were written in. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
