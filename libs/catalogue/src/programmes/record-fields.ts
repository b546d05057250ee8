import { getPath, PROGRAMME_FIELDS, setPath, type ProgrammeField, type StructuredShape } from './programme-fields';
import { CRITERIA_FACETS, type Facet } from '../taxonomy/facets';
import type { ProgrammeRecord } from '../transfer/programme-record';

/**
 * The edit form, history and conflict pages all work on the import/export
 * record (ProgrammeRecord): the form reads and writes one, revisions hold
 * snapshots that become one, and a diff or merge compares them field by field.
 */
export type EditableRecord = Omit<ProgrammeRecord, 'publicationState'>;

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'number'
  | 'codes'
  | 'statuses'
  | 'datetime'
  | 'taxReductions'
  | 'documents'
  | 'checks'
  | 'availability'
  | 'keyFacts'
  | 'steps'
  | 'sources'
  /** Shown in history, never edited in the form (derived from another field). */
  | 'derived';

export interface FieldDef {
  path: string;
  label: string;
  kind: FieldKind;
  facet?: Facet;
}

/** The field of each facet's codes: its label names the facet. */
const facetTitle = (facet: Facet): string => PROGRAMME_FIELDS.find((f) => f.type === 'codes' && f.facet === facet)?.label ?? facet;

export const CRITERIA_NUMBERS = [
  ['companyAgeMinYears', 'Company age from, years'],
  ['companyAgeMaxYears', 'Company age up to, years'],
  ['headcountMin', 'Headcount from'],
  ['headcountMax', 'Headcount up to'],
  ['revenueMaxRub', 'Revenue up to, RUB'],
  ['investmentMinRub', 'Investment from, RUB'],
] as const;

/** How the form shows a structured value: one editor of rows, or (criteria, contacts) one input per part. */
const STRUCTURED_FORM: Record<StructuredShape, (f: ProgrammeField) => FieldDef[]> = {
  taxReductions: (f) => [{ path: f.path, label: f.label, kind: 'taxReductions' }],
  keyFacts: (f) => [{ path: f.path, label: f.label, kind: 'keyFacts' }],
  steps: (f) => [{ path: f.path, label: f.label, kind: 'steps' }],
  documents: (f) => [{ path: f.path, label: f.label, kind: 'documents' }],
  sources: (f) => [{ path: f.path, label: f.label, kind: 'sources' }],
  checks: (f) => [{ path: f.path, label: f.label, kind: 'checks' }],
  availability: (f) => [{ path: f.path, label: f.label, kind: 'availability' }],
  criteria: (f) => [
    ...CRITERIA_NUMBERS.map(([key, label]): FieldDef => ({ path: `${f.path}.${key}`, label, kind: 'number' })),
    ...CRITERIA_FACETS.map(({ key, facet }): FieldDef => ({
      path: `${f.path}.${key}`,
      label: `Eligible: ${facetTitle(facet).toLowerCase()}`,
      kind: 'codes',
      facet,
    })),
    { path: `${f.path}.requiredStatuses`, label: 'Required statuses', kind: 'statuses' },
  ],
  contacts: (f) => [
    { path: `${f.path}.email`, label: 'Contact email', kind: 'text' },
    { path: `${f.path}.phone`, label: 'Contact phone', kind: 'text' },
    { path: `${f.path}.url`, label: 'Contact page', kind: 'text' },
  ],
};

/** The form fields of one described field. */
function formFields(f: ProgrammeField): FieldDef[] {
  switch (f.type) {
    case 'localised':
      return (['ru', 'en'] as const).map((lang) => ({
        path: `${f.path}.${lang}`,
        label: `${f.label} (${lang})`,
        kind: f.multiline ? 'longtext' : 'text',
      }));
    case 'integer':
    case 'decimal':
      return [{ path: f.path, label: f.label, kind: 'number' }];
    case 'codes':
      return [{ path: f.path, label: f.label, kind: 'codes', facet: f.facet as Facet }];
    case 'datetime':
      // the deciding round's dates follow from the availability: history shows them, the form edits the rounds
      return [{ path: f.path, label: f.label, kind: DERIVED_DATES.has(f.path) ? 'derived' : 'datetime' }];
    case 'url':
      return [{ path: f.path, label: f.label, kind: 'text' }];
    case 'structured':
      return STRUCTURED_FORM[f.shape](f);
  }
}

/** Dates the availability decides; sent with it, they are ignored. */
export const DERIVED_DATES = new Set(['timing.opensAt', 'timing.closesAt']);

/** Every field of the record, in form order; diffs and merges go field by field through this list. */
export const FIELDS: FieldDef[] = [
  { path: 'slug', label: 'Slug', kind: 'text' },
  { path: 'provider', label: 'Provider', kind: 'text' },
  { path: 'parent', label: 'Parent programme', kind: 'text' },
  { path: 'title.ru', label: 'Title (ru)', kind: 'text' },
  { path: 'title.en', label: 'Title (en)', kind: 'text' },
  { path: 'summary.ru', label: 'Summary (ru)', kind: 'longtext' },
  { path: 'summary.en', label: 'Summary (en)', kind: 'longtext' },
  ...(PROGRAMME_FIELDS as readonly ProgrammeField[]).flatMap(formFields),
];

/** What an editor changes (derived values follow from the fields they come from: never compared or merged on their own). */
export const EDITED_FIELDS: FieldDef[] = FIELDS.filter((f) => f.kind !== 'derived');

/** History also shows moves between draft, published and archived. */
export const HISTORY_FIELDS: FieldDef[] = [...FIELDS, { path: 'publicationState', label: 'Publication state', kind: 'text' }];

/** A record without its publication state (what an edit changes). */
export function editable(record: ProgrammeRecord): EditableRecord {
  const { publicationState: _state, ...rest } = record;
  return rest;
}

// ---- comparing ----

/**
 * One canonical form per meaning: blank, null, absent and empty lists are all
 * "nothing"; code lists are sets (their order means nothing); dates compare
 * as instants to the second (what the form shows).
 */
function canonical(v: unknown): string {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return 'null';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return JSON.stringify([...v].sort());
  // instants to the second, wherever they sit (a round's dates inside the availability too)
  return JSON.stringify(v, (_key, x: unknown) =>
    typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(x) && !Number.isNaN(Date.parse(x)) ? new Date(x).toISOString().slice(0, 19) : x,
  );
}

const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The fields where two records differ. */
export function changedFields(a: unknown, b: unknown, fields: FieldDef[] = EDITED_FIELDS): FieldDef[] {
  return fields.filter((f) => !sameValue(getPath(a, f.path), getPath(b, f.path)));
}

export type Side = 'mine' | 'theirs';

export interface MergeOutcome {
  merged: EditableRecord;
  /** Both changed the field, differently: the editor picks a side. */
  conflicts: FieldDef[];
  /** Changed only by the editor: their change is kept. */
  mineOnly: FieldDef[];
  /** Changed only by someone else: that change is kept. */
  theirsOnly: FieldDef[];
}

/**
 * Three-way merge of the editor's record with the newer saved one, from the
 * version the editor started from. Fields only one side changed merge by
 * themselves; a field both changed takes the editor's choice, or theirs until
 * they choose (a merge with unresolved conflicts is never saved).
 */
export function mergeRecords(
  base: EditableRecord,
  mine: EditableRecord,
  theirs: EditableRecord,
  choices: Record<string, Side> = {},
): MergeOutcome {
  const merged = structuredClone(theirs) as unknown as Record<string, unknown>;
  const outcome: MergeOutcome = { merged: merged as unknown as EditableRecord, conflicts: [], mineOnly: [], theirsOnly: [] };
  for (const field of EDITED_FIELDS) {
    const [b, m, t] = [getPath(base, field.path), getPath(mine, field.path), getPath(theirs, field.path)];
    const mineChanged = !sameValue(m, b);
    const theirsChanged = !sameValue(t, b);
    if (mineChanged && theirsChanged && !sameValue(m, t)) {
      outcome.conflicts.push(field);
      if (choices[field.path] === 'mine') setPath(merged, field.path, structuredClone(m));
    } else if (mineChanged) {
      if (!theirsChanged) outcome.mineOnly.push(field);
      setPath(merged, field.path, structuredClone(m));
    } else if (theirsChanged) {
      outcome.theirsOnly.push(field);
    }
  }
  return outcome;
}
