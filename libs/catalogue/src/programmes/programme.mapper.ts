import type { Organisation } from '../organisations/organisation.entity';
import type { ProgrammeHitView, ProgrammeView, RevisionView } from './dto/programme-view.dto';
import type { CreateProgrammeDto, UpdateProgrammeDto } from './dto/programme-input.dto';
import type { ProgrammeRevision } from './programme-revision.entity';
import type { Programme } from './programme.entity';
import type { EligibilityCriteria, KeyFact } from './programme.types';

export type Lang = 'ru' | 'en';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function mapProvider(o: Organisation): ProgrammeView['provider'] {
  return { slug: o.slug, name: { ru: o.nameRu, en: o.nameEn }, url: o.url };
}

/** The full view; `provider` and `parent` must be loaded. */
export function mapProgramme(p: Programme): ProgrammeView {
  if (!p.provider) throw new Error(`programme ${p.id} mapped without its provider`);
  return {
    id: p.id,
    slug: p.slug,
    title: { ru: p.titleRu, en: p.titleEn },
    summary: { ru: p.summaryRu, en: p.summaryEn },
    description: { ru: p.descriptionRu, en: p.descriptionEn },
    provider: mapProvider(p.provider),
    parent: p.parent?.slug ?? null,
    supportTypes: p.supportTypes,
    applicantTypes: p.applicantTypes,
    stages: p.stages,
    sizes: p.sizes,
    industries: p.industries,
    objectives: p.objectives,
    territories: p.territories,
    benefit: {
      text: { ru: p.benefitRu, en: p.benefitEn },
      amountMin: p.amountMin,
      amountMax: p.amountMax,
      ratePercent: p.ratePercent,
      termMonths: p.termMonths,
      taxReductions: p.taxReductions,
    },
    keyFacts: p.keyFacts,
    eligibility: { text: { ru: p.eligibilityRu, en: p.eligibilityEn }, criteria: p.eligibility },
    timing: { opensAt: iso(p.opensAt), closesAt: iso(p.closesAt), status: p.status },
    application: {
      howToApply: { ru: p.howToApplyRu, en: p.howToApplyEn },
      applyUrl: p.applyUrl,
      steps: p.applicationSteps,
      requiredDocuments: p.requiredDocuments,
      // always the three keys, so a programme saved with no contacts reads the same as one never given any
      contacts: { email: p.contacts.email ?? null, phone: p.contacts.phone ?? null, url: p.contacts.url ?? null },
    },
    curation: { sources: p.sources, newestSourceOn: p.sourcesNewestOn, lastCheckedOn: p.sourcesCheckedOn },
    publicationState: p.publicationState,
    publishedAt: iso(p.publishedAt),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Picks the requested language, falling back to Russian (the required one). */
export const pick = (ru: string, en: string | null, lang: Lang): { text: string; lang: Lang } =>
  lang === 'en' && en ? { text: en, lang: 'en' } : { text: ru, lang: 'ru' };

export function mapProgrammeHit(p: Programme, lang: Lang): ProgrammeHitView {
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
    ...(withSnapshot ? { snapshot: readSnapshot(r.snapshot) as unknown as Record<string, unknown> } : {}),
  } as RevisionView;
}

const set = <K extends keyof Programme>(target: Partial<Programme>, key: K, value: Programme[K] | undefined): void => {
  if (value !== undefined) target[key] = value;
};

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
  set(target, 'descriptionRu', input.description?.ru);
  set(target, 'descriptionEn', input.description?.en);
  set(target, 'supportTypes', input.supportTypes);
  set(target, 'applicantTypes', input.applicantTypes);
  set(target, 'stages', input.stages);
  set(target, 'sizes', input.sizes);
  set(target, 'industries', input.industries);
  set(target, 'objectives', input.objectives);
  set(target, 'territories', input.territories);
  const b = input.benefit;
  set(target, 'benefitRu', b?.text?.ru);
  set(target, 'benefitEn', b?.text?.en);
  set(target, 'amountMin', b?.amountMin);
  set(target, 'amountMax', b?.amountMax);
  set(target, 'ratePercent', b?.ratePercent);
  set(target, 'termMonths', b?.termMonths);
  set(
    target,
    'taxReductions',
    b?.taxReductions?.map((t) => ({
      tax: t.tax,
      fromPercent: t.fromPercent ?? null,
      toPercent: t.toPercent ?? null,
      years: t.years ?? null,
    })),
  );
  const e = input.eligibility;
  set(target, 'eligibilityRu', e?.text?.ru);
  set(target, 'eligibilityEn', e?.text?.en);
  if (e?.criteria) set(target, 'eligibility', compactCriteria(e.criteria));
  set(target, 'opensAt', input.timing?.opensAt);
  set(target, 'closesAt', input.timing?.closesAt);
  const a = input.application;
  set(target, 'howToApplyRu', a?.howToApply?.ru);
  set(target, 'howToApplyEn', a?.howToApply?.en);
  set(target, 'applyUrl', a?.applyUrl);
  set(
    target,
    'applicationSteps',
    a?.steps?.map((step) => ({ text: { ru: step.text.ru, en: step.text.en ?? null }, url: step.url ?? null })),
  );
  set(
    target,
    'requiredDocuments',
    a?.requiredDocuments?.map((d) => ({ ru: d.ru, en: d.en ?? null })),
  );
  if (a?.contacts)
    set(target, 'contacts', { email: a.contacts.email ?? null, phone: a.contacts.phone ?? null, url: a.contacts.url ?? null });
  set(
    target,
    'keyFacts',
    input.keyFacts?.map((f) => ({
      group: f.group,
      label: { ru: f.label.ru, en: f.label.en ?? null },
      value: { ru: f.value.ru, en: f.value.en ?? null },
      number: f.number ?? null,
      unit: f.unit ?? null,
      asOf: f.asOf ?? null,
      source: f.source,
    })),
  );
  set(
    target,
    'sources',
    input.curation?.sources?.map((s) => ({
      key: s.key,
      title: { ru: s.title.ru, en: s.title.en ?? null },
      url: s.url ?? null,
      publisher: s.publisher,
      publishedOn: s.publishedOn ?? null,
      checkedOn: s.checkedOn ?? null,
    })),
  );
}

/** The newest of some `YYYY-MM-DD` dates (they sort as text), or null. */
const newestDay = (days: (string | null)[]): string | null => days.reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/** The rouble figures of benefit facts: what the entry offers, in money. */
const benefitAmounts = (facts: KeyFact[] | undefined): number[] =>
  (facts ?? []).filter((f) => f.group === 'benefit' && f.unit === 'rub' && f.number !== null).map((f) => f.number as number);

/**
 * What follows from the sources and key facts, recomputed on every save: the
 * newest date a source shows, the last check, and, when benefit facts carry
 * rouble figures, the amount range search filters and sorts by (up to the largest).
 * `previous`: the entry before this save; an amount that came from facts since
 * removed goes with them instead of staying behind as if an editor had typed it.
 */
export function deriveFromFacts(target: Partial<Programme>, previous?: Partial<Programme>): void {
  const sources = target.sources ?? [];
  target.sourcesNewestOn = newestDay(sources.map((s) => s.publishedOn));
  target.sourcesCheckedOn = newestDay(sources.map((s) => s.checkedOn));
  const amounts = benefitAmounts(target.keyFacts);
  if (amounts.length) {
    target.amountMax = Math.max(...amounts);
    if (target.amountMin != null && target.amountMin > target.amountMax) target.amountMin = null;
    return;
  }
  const before = benefitAmounts(previous?.keyFacts);
  if (before.length && target.amountMax === Math.max(...before)) target.amountMax = null;
}

/** The shape revisions stored before key facts and sources existed: one source link and a verification flag. */
interface LegacyCuration {
  sourceUrl?: string | null;
  sourceName?: string | null;
  verifiedAt?: string | null;
}

/**
 * A revision's snapshot as a programme view of today's shape. Snapshots written
 * before key facts, steps and sources existed get empty lists, and their single
 * source link becomes a source, as the migration did for the programme itself.
 */
export function readSnapshot(snapshot: unknown): ProgrammeView {
  const v = structuredClone(snapshot) as ProgrammeView & { curation: Partial<ProgrammeView['curation']> & LegacyCuration };
  v.keyFacts ??= [];
  v.application.steps ??= [];
  if (!v.curation.sources) {
    const legacy = v.curation;
    const checkedOn = legacy.verifiedAt ? legacy.verifiedAt.slice(0, 10) : null;
    const publisher = legacy.sourceName ?? (legacy.sourceUrl ? new URL(legacy.sourceUrl).host : null);
    v.curation = {
      sources: publisher
        ? [
            {
              key: 's1',
              title: { ru: legacy.sourceName ?? legacy.sourceUrl ?? publisher, en: null },
              url: legacy.sourceUrl ?? null,
              publisher,
              publishedOn: null,
              checkedOn,
            },
          ]
        : [],
      newestSourceOn: null,
      lastCheckedOn: checkedOn,
    };
  }
  return v;
}

/** Stores only the criteria that say something. */
function compactCriteria(c: EligibilityCriteria): EligibilityCriteria {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as EligibilityCriteria;
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
