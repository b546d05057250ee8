import { likelyKind } from './official-sites';
import { NOT_CONFIRMED } from './programme-status';
import type {
  ApplicationStep,
  Availability,
  EligibilityCriteria,
  KeyFact,
  LocalisedText,
  OptionalLocalisedText,
  ProgrammeContacts,
  ProgrammeSource,
  TaxReduction,
} from './programme.types';

/**
 * The one description of a programme's fields. Everything else is derived from it:
 * the entity's columns (programme.entity.ts), the input DTOs' validation and the
 * API views (dto/), the mapper in both directions, the import/export record and
 * its CSV columns (transfer/programme-record.ts), the admin form's fields and
 * merge (admin-web/programme-form.ts), the public export's columns and the facet
 * list (taxonomy/facets.ts, and from it search). Adding a field is an entry here,
 * a migration adding its column, and the templates where it shows (README,
 * "Adding a field").
 *
 * Not described here, because each is special: the identity of an entry (slug,
 * title, summary, provider, parent; required on create, resolved to references),
 * its publication state, and what is derived on save (status, source dates).
 *
 * `path` is where the value sits in the API view, the create/update body and the
 * record (at most one level of grouping: `benefit.termMonths`); `column` is the
 * entity property (a localised text has two, `<column>Ru` and `<column>En`).
 */

interface Described<T extends string, P extends string, C extends string> {
  type: T;
  path: P;
  column: C;
  /** What editors see next to the field, and the OpenAPI description's start. */
  label: string;
  description?: string;
}

/** Text in Russian and English, both optional. */
export interface LocalisedField<P extends string = string, C extends string = string> extends Described<'localised', P, C> {
  /** Shown as a text area (else a one-line input). */
  multiline: boolean;
}

export interface NumberField<P extends string = string, C extends string = string> extends Described<'integer' | 'decimal', P, C> {
  min: number;
  max: number;
  /** The PostgreSQL type: int, bigint (money) or numeric. */
  sql: 'int' | 'bigint' | 'numeric';
  /** A column of the public CSV export, named after the last part of the path. */
  exported: boolean;
}

export interface DatetimeField<P extends string = string, C extends string = string> extends Described<'datetime', P, C> {
  exported: boolean;
}

export interface UrlField<P extends string = string, C extends string = string> extends Described<'url', P, C> {
  exported: boolean;
}

/** Taxonomy codes of one facet: filtered and counted by search. */
export interface CodesField<
  P extends string = string,
  C extends string = string,
  F extends string = string,
  Q extends string = string,
> extends Described<'codes', P, C> {
  /** The stored facet name (taxonomy, search document). */
  facet: F;
  /** The query parameter and search facet name. */
  param: Q;
  /** The column's SQL name, for the queries that name it. */
  sqlColumn: string;
}

/** The structured values (lists of rows, objects) each have their own input and view classes, named by `shape`. */
export const STRUCTURED_SHAPES = [
  'taxReductions',
  'keyFacts',
  'criteria',
  'checks',
  'availability',
  'steps',
  'documents',
  'contacts',
  'sources',
] as const;
export type StructuredShape = (typeof STRUCTURED_SHAPES)[number];

export interface StructuredField<P extends string = string, C extends string = string, T = unknown> extends Described<'structured', P, C> {
  shape: StructuredShape;
  /** A list of at most this many rows; absent: one object. */
  maxItems?: number;
  /** A new entry's value. */
  empty: T;
  /** The stored (and exported) form of a value an editor sent or a view holds: fixed keys, in a fixed order. */
  normalise: (value: never) => T;
}

export type ProgrammeField = LocalisedField | NumberField | DatetimeField | UrlField | CodesField | StructuredField;

// ---- builders: they keep each entry's literal path, column and type for the derived types below ----

const localised = <const P extends string, const C extends string>(path: P, column: C, label: string, multiline = true) =>
  ({ type: 'localised', path, column, label, multiline }) satisfies LocalisedField;

const codes = <const P extends string, const C extends string, const F extends string, const Q extends string>(
  path: P,
  column: C,
  facet: F,
  param: Q,
  label: string,
) =>
  ({
    type: 'codes',
    path,
    column,
    facet,
    param,
    label,
    sqlColumn: column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  }) satisfies CodesField;

const number = <const P extends string, const C extends string>(
  path: P,
  column: C,
  label: string,
  spec: Pick<NumberField, 'min' | 'max' | 'sql' | 'description'> & { type?: 'integer' | 'decimal' },
) => ({ type: spec.type ?? 'integer', path, column, label, exported: true, ...spec }) as NumberField<P, C>;

const datetime = <const P extends string, const C extends string>(path: P, column: C, label: string, description?: string) =>
  ({ type: 'datetime', path, column, label, description, exported: true }) satisfies DatetimeField;

const url = <const P extends string, const C extends string>(path: P, column: C, label: string, description?: string) =>
  ({ type: 'url', path, column, label, description, exported: true }) satisfies UrlField;

const structured = <const P extends string, const C extends string, T>(
  path: P,
  column: C,
  label: string,
  spec: { shape: StructuredShape; maxItems?: number; empty: T; normalise: (value: never) => T; description?: string },
) => ({ type: 'structured', path, column, label, ...spec }) as StructuredField<P, C, T>;

const text = (t: { ru: string; en?: string | null }): LocalisedText => ({ ru: t.ru, en: t.en ?? null });
const orNull = <T>(v: T | null | undefined): T | null => v ?? null;
/** An ISO 8601 instant in one form (UTC, milliseconds), so instants compare as text and diff only when they differ. */
const instant = (v: string | null | undefined): string | null => (v ? new Date(v).toISOString() : null);

/** Only the criteria that say something are stored. */
function compactCriteria(c: EligibilityCriteria): EligibilityCriteria {
  return Object.fromEntries(
    Object.entries(c).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as EligibilityCriteria;
}

/** Every described field, in the order forms, records and CSV columns show them. */
export const PROGRAMME_FIELDS = [
  localised('description', 'description', 'Description'),
  codes('supportTypes', 'supportTypes', 'support_type', 'supportType', 'Support types'),
  codes('applicantTypes', 'applicantTypes', 'applicant_type', 'applicantType', 'Applicant types'),
  codes('stages', 'stages', 'stage', 'stage', 'Stages'),
  codes('sizes', 'sizes', 'size', 'size', 'Sizes'),
  codes('industries', 'industries', 'industry', 'industry', 'Industries'),
  codes('objectives', 'objectives', 'objective', 'objective', 'Objectives'),
  codes('territories', 'territories', 'territory', 'territory', 'Territories'),
  localised('benefit.text', 'benefit', 'Benefit'),
  number('benefit.amountMin', 'amountMin', 'Amount from, RUB', { sql: 'bigint', min: 0, max: 1e15, description: 'RUB; null when unknown' }),
  number('benefit.amountMax', 'amountMax', 'Amount up to, RUB', {
    sql: 'bigint',
    min: 0,
    max: 1e15,
    description: 'RUB; null when unknown',
  }),
  number('benefit.ratePercent', 'ratePercent', 'Rate, %', { type: 'decimal', sql: 'numeric', min: 0, max: 100 }),
  number('benefit.termMonths', 'termMonths', 'Term, months', { sql: 'int', min: 1, max: 1200 }),
  structured('benefit.taxReductions', 'taxReductions', 'Tax reductions', {
    shape: 'taxReductions',
    maxItems: 20,
    empty: [] as TaxReduction[],
    normalise: (list: TaxReduction[]) =>
      list.map((t) => ({ tax: t.tax, fromPercent: orNull(t.fromPercent), toPercent: orNull(t.toPercent), years: orNull(t.years) })),
  }),
  structured('keyFacts', 'keyFacts', 'Key facts', {
    shape: 'keyFacts',
    maxItems: 40,
    description: 'ordered figures and conditions, each citing a source',
    empty: [] as KeyFact[],
    normalise: (list: KeyFact[]) =>
      list.map((f) => ({
        group: f.group,
        label: text(f.label),
        value: text(f.value),
        number: orNull(f.number),
        unit: orNull(f.unit),
        asOf: orNull(f.asOf),
        validUntil: orNull(f.validUntil),
        termsYear: orNull(f.termsYear),
        source: f.source,
      })),
  }),
  localised('eligibility.text', 'eligibility', 'Who can apply'),
  structured('eligibility.criteria', 'eligibility', 'Eligibility criteria', {
    shape: 'criteria',
    empty: {} as EligibilityCriteria,
    normalise: (c: EligibilityCriteria) => compactCriteria({ ...c }),
  }),
  structured('eligibility.checks', 'eligibilityChecks', 'Conditions to check yourself', {
    shape: 'checks',
    maxItems: 20,
    description:
      'conditions the questionnaire cannot judge: shown as "check: …", and a match is never better than "may fit" while any is listed',
    empty: [] as LocalisedText[],
    normalise: (list: LocalisedText[]) => list.map(text),
  }),
  structured('timing.availability', 'availability', 'Availability', {
    shape: 'availability',
    description:
      'whether it takes applications, as its sources say: standing (an official page says always open), dated rounds, closed (as of a date), or not confirmed; the status and timing.opensAt / closesAt follow from it',
    empty: NOT_CONFIRMED,
    normalise: (a: Availability) => ({
      kind: a.kind,
      rounds:
        a.kind === 'rounds'
          ? (a.rounds ?? []).map((r) => ({ opensAt: instant(r.opensAt), closesAt: instant(r.closesAt), source: orNull(r.source) }))
          : [],
      source: a.kind === 'rounds' || a.kind === 'not_confirmed' ? null : orNull(a.source),
      asOf: a.kind === 'rounds' ? null : orNull(a.asOf),
      note: { ru: a.note?.ru ?? null, en: a.note?.en ?? null },
    }),
  }),
  datetime(
    'timing.opensAt',
    'opensAt',
    'Opens',
    'derived from the availability: the deciding round opens (sent without an availability: a single round)',
  ),
  datetime(
    'timing.closesAt',
    'closesAt',
    'Closes',
    'derived from the availability: the deciding round closes (sent without an availability: a single round)',
  ),
  localised('application.howToApply', 'howToApply', 'How to apply'),
  url(
    'application.applyUrl',
    'applyUrl',
    'Application link',
    "the programme's own official page in Russian, where one applies: the provider's site or an official portal, never a home page or an English page",
  ),
  url(
    'application.applyUrlEn',
    'applyUrlEn',
    'Application link (English page)',
    'the same official page in English, where one exists; English readers are otherwise sent to the Russian page, marked as such',
  ),
  structured('application.steps', 'applicationSteps', 'Steps', {
    shape: 'steps',
    maxItems: 20,
    description: 'how to apply, in order',
    empty: [] as ApplicationStep[],
    normalise: (list: ApplicationStep[]) => list.map((s) => ({ text: text(s.text), url: orNull(s.url) })),
  }),
  structured('application.requiredDocuments', 'requiredDocuments', 'Required documents', {
    shape: 'documents',
    maxItems: 50,
    empty: [] as LocalisedText[],
    normalise: (list: LocalisedText[]) => list.map(text),
  }),
  structured('application.contacts', 'contacts', 'Contacts', {
    shape: 'contacts',
    // always the three keys, so a programme saved with no contacts reads the same as one never given any
    empty: { email: null, phone: null, url: null } as ProgrammeContacts,
    normalise: (c: ProgrammeContacts) => ({ email: orNull(c.email), phone: orNull(c.phone), url: orNull(c.url) }),
  }),
  structured('curation.sources', 'sources', 'Sources', {
    shape: 'sources',
    maxItems: 30,
    description: "every page the entry's facts come from",
    empty: [] as ProgrammeSource[],
    normalise: (list: ProgrammeSource[]) =>
      list.map((s) => ({
        key: s.key,
        title: text(s.title),
        url: orNull(s.url),
        publisher: s.publisher,
        kind: s.kind ?? likelyKind(s.url ?? null),
        publishedOn: orNull(s.publishedOn),
        checkedOn: orNull(s.checkedOn),
      })),
  }),
] as const;

export type ProgrammeFieldSpec = (typeof PROGRAMME_FIELDS)[number];

// ---- types derived from the description ----

type Spec = ProgrammeFieldSpec;
type Layer = 'view' | 'input' | 'stored';

type ValueIn<S, L extends Layer> = S extends { type: 'localised' }
  ? L extends 'input'
    ? Partial<OptionalLocalisedText>
    : OptionalLocalisedText
  : S extends { type: 'integer' | 'decimal' }
    ? number | null
    : S extends { type: 'datetime' }
      ? L extends 'view'
        ? string | null
        : Date | null
      : S extends { type: 'url' }
        ? string | null
        : S extends { type: 'codes' }
          ? string[]
          : S extends { type: 'structured'; empty: infer T }
            ? T
            : never;

/** The first part of a grouped path (`benefit`), the groups of the view. */
export type FieldGroup = Spec['path'] extends infer P ? (P extends `${infer G}.${string}` ? G : never) : never;

type KeyIn<S, G extends string | null> = S extends { path: infer P extends string }
  ? G extends string
    ? P extends `${G}.${infer K}`
      ? K
      : never
    : P extends `${string}.${string}`
      ? never
      : P
  : never;

/** The described values at the top level (`G` null) or in one group, as the view, the input or the entity holds them. */
export type FieldValues<G extends string | null, L extends Layer> = { [S in Spec as KeyIn<S, G>]: ValueIn<S, L> };

type ColumnEntry<S> = S extends { type: 'localised'; column: infer C extends string }
  ? [`${C}Ru`, string | null] | [`${C}En`, string | null]
  : S extends { column: infer C extends string }
    ? [C, ValueIn<S, 'stored'>]
    : never;

/** The entity properties the description adds to Programme. */
export type DescribedColumns = { [E in ColumnEntry<Spec> as E[0]]: E[1] };

/** Every described value, grouped as in the view: what the record and the views share. */
export type DescribedValues<L extends Layer> = FieldValues<null, L> & { [G in FieldGroup]: FieldValues<G, L> };

// ---- helpers every layer uses ----

export function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], o);
}

export function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = o;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** The group a path is in (`benefit` of `benefit.termMonths`), or null at the top level. */
export const groupOf = (path: string): string | null => (path.includes('.') ? path.slice(0, path.indexOf('.')) : null);

/** The property a path ends in (`termMonths` of `benefit.termMonths`). */
export const keyOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/** The fields at the top level (null) or in one group. */
export const fieldsIn = (group: string | null): readonly ProgrammeField[] =>
  (PROGRAMME_FIELDS as readonly ProgrammeField[]).filter((f) => groupOf(f.path) === group);

/** The groups, in order. */
export const FIELD_GROUPS = [...new Set(PROGRAMME_FIELDS.map((f) => groupOf(f.path)).filter((g) => g !== null))] as FieldGroup[];

/** A new entry's value of a field. */
export function emptyValue(f: ProgrammeField): unknown {
  switch (f.type) {
    case 'localised':
      return { ru: null, en: null };
    case 'codes':
      return [];
    case 'structured':
      return structuredClone(f.empty);
    default:
      return null;
  }
}

/** Every described value of a new entry, grouped as in the view. */
export function emptyValues(): DescribedValues<'view'> {
  const out: Record<string, unknown> = {};
  for (const f of PROGRAMME_FIELDS) setPath(out, f.path, emptyValue(f));
  return out as DescribedValues<'view'>;
}

/** A stored or sent value in its normal form (fixed keys, null for nothing); a missing one is the empty value. */
export function normaliseValue(f: ProgrammeField, value: unknown): unknown {
  if (value === undefined || (value === null && (f.type === 'structured' || f.type === 'codes' || f.type === 'localised')))
    return emptyValue(f);
  if (f.type === 'structured') return (f.normalise as (v: unknown) => unknown)(value);
  if (f.type === 'localised') {
    const t = value as { ru?: string | null; en?: string | null };
    return { ru: t.ru ?? null, en: t.en ?? null };
  }
  return value;
}
