import { Diff } from 'diff';
import type { ClassConstructor } from 'class-transformer';
import {
  changedFields,
  CreateProgrammeDto,
  DERIVED_DATES,
  FIELDS,
  getPath,
  HISTORY_FIELDS,
  REQUIRED_STATUS_LABELS,
  setPath,
  type EditableRecord,
  type Facet,
  type FieldDef,
  type FieldKind,
  type ProgrammeRecord,
  type TaxonomyView,
} from '@app/catalogue';
import { blank, declaredAs, declaredProperties, formValues, type FormBody } from './form-input';

// ---- Moscow time: the catalogue's dates are entered and shown in Europe/Moscow (UTC+3, no DST) ----

const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** An instant as a `datetime-local` value in Moscow time; a value that is not an instant is shown as typed. */
export function toMoscowInput(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  return new Date(t + MOSCOW_OFFSET_MS).toISOString().slice(0, 19);
}

/** A `datetime-local` value read as Moscow time; anything unreadable is kept, so validation names it. */
function fromMoscowInput(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?$/.exec(value);
  if (!m) return value;
  const instant = new Date(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ':00'}+03:00`);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

// ---- form → record ----

/**
 * A value read from a form with every property its class declares, in the class's order (the order the
 * catalogue stores them in): nothing typed is `null`, or `''` for a text that must be given (validation then
 * says it "should not be empty"), or `[]` for a list. So the record compares equal to the stored one where
 * the editor changed nothing.
 */
function filledIn(type: ClassConstructor<object>, value: unknown): Record<string, unknown> {
  const values = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of declaredProperties(type)) {
    const { kind, list, type: nested, optional } = declaredAs(type, key);
    const v = values[key];
    if (list) out[key] = Array.isArray(v) ? (nested ? v.map((row) => filledIn(nested, row)) : v) : (v ?? []);
    else if (nested) out[key] = filledIn(nested, v);
    else out[key] = v ?? (kind === 'text' && !optional ? '' : null);
  }
  return out;
}

/** Rows of `list` in which nothing but a preselected input (`preset`: a fact's group, a source's kind) was filled: blank rows. */
const withoutPresetOnly = (list: unknown, preset: string): unknown =>
  Array.isArray(list)
    ? list.filter((row: Record<string, unknown>) => Object.entries(row).some(([k, v]) => k !== preset && !blank(v)))
    : list;

/**
 * The record an edit form describes (every field: the form always sends all of them). Its inputs are
 * named by the record's paths (`title.ru`, `keyFacts.0.value.en`, `curation.sources.1.url`), so the form
 * is read as the admin API's create body (`formValues` with `CreateProgrammeDto`: nesting, rows, numbers,
 * lists, blank as null). What only this form adds: round dates are entered in Moscow time, a row holding
 * only its preselected group or kind is blank, and an unset availability is "not confirmed". Derived dates
 * are not in the form (the availability decides them). Inputs that are not part of the record (the version,
 * the English confirmations) are read by their own form.
 */
export function recordFromForm(body: FormBody): EditableRecord {
  const values = formValues(CreateProgrammeDto, body);
  setPath(values, 'keyFacts', withoutPresetOnly(values.keyFacts, 'group'));
  setPath(values, 'curation.sources', withoutPresetOnly(getPath(values, 'curation.sources'), 'kind'));
  const record = filledIn(CreateProgrammeDto, values);
  const availability = getPath(record, 'timing.availability') as { kind: string; rounds: Record<string, unknown>[] };
  availability.kind ||= 'not_confirmed';
  availability.rounds = availability.rounds.map((r) => ({
    ...r,
    opensAt: fromMoscowInput(r.opensAt),
    closesAt: fromMoscowInput(r.closesAt),
  }));
  const criteria = getPath(record, 'eligibility.criteria') as Record<string, unknown>;
  // only the criteria that say something, as stored
  setPath(record, 'eligibility.criteria', Object.fromEntries(Object.entries(criteria).filter(([, v]) => !blank(v))));
  for (const path of DERIVED_DATES) setPath(record, path, undefined);
  return record as unknown as EditableRecord;
}

const LIST_KINDS = new Set<FieldKind>(['codes', 'statuses', 'taxReductions', 'documents', 'checks', 'keyFacts', 'steps', 'sources']);

/**
 * The fields of a record that came back from the browser (the conflict page's hidden copy)
 * whose values do not have the shape that field holds: a list where a list belongs, an object
 * in each row, text or nothing for text. Values may still be invalid (validation names those);
 * a wrong shape means the form was tampered with.
 */
export function misshapenFields(record: unknown): string[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return ['record'];
  return FIELDS.filter((field) => {
    const v = getPath(record, field.path);
    if (v === undefined || v === null) return false;
    if (LIST_KINDS.has(field.kind)) {
      if (!Array.isArray(v)) return true;
      const rowsAreObjects = !['codes', 'statuses'].includes(field.kind);
      return v.some((item) =>
        rowsAreObjects ? typeof item !== 'object' || item === null || Array.isArray(item) : typeof item !== 'string',
      );
    }
    if (field.kind === 'availability')
      return typeof v !== 'object' || Array.isArray(v) || !Array.isArray((v as { rounds?: unknown }).rounds ?? []);
    return field.kind === 'number' ? !['number', 'string'].includes(typeof v) : typeof v !== 'string';
  }).map((f) => f.path);
}

// ---- showing values ----

export type Labels = (facet: Facet, code: string) => string;

export function labelsOf(taxonomy: TaxonomyView): Labels {
  const map = new Map(taxonomy.facets.flatMap((f) => f.terms.map((t) => [`${f.facet}:${t.code}`, t.label.en ?? t.label.ru] as const)));
  return (facet, code) => map.get(`${facet}:${code}`) ?? code;
}

const moscowText = (v: string): string => toMoscowInput(v).replace('T', ' ');
const numberText = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('en-GB').replace(/,/g, ' ') : String(v));

/** A field's value as readable text (one line per list item), for diffs and the conflict page. */
export function displayValue(field: FieldDef, record: unknown, labels: Labels): string {
  const v = getPath(record, field.path);
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '';
  switch (field.kind) {
    case 'codes':
      return (v as string[]).map((c) => labels(field.facet!, c)).join(', ');
    case 'statuses':
      return (v as string[]).map((s) => REQUIRED_STATUS_LABELS[s as keyof typeof REQUIRED_STATUS_LABELS]?.en ?? s).join(', ');
    case 'datetime':
    case 'derived':
      return typeof v === 'string' ? `${moscowText(v)} (Moscow)` : String(v);
    case 'number':
      return numberText(v);
    case 'taxReductions':
      return (v as ProgrammeRecord['benefit']['taxReductions'])
        .map((t) => {
          const range = t.fromPercent !== null || t.toPercent !== null ? ` ${t.fromPercent ?? '…'}–${t.toPercent ?? '…'} %` : '';
          return `${t.tax}:${range}${t.years !== null ? `, ${t.years} years` : ''}`;
        })
        .join('\n');
    case 'documents':
    case 'checks':
      return (v as { ru: string; en: string | null }[]).map((d) => (d.en ? `${d.ru} / ${d.en}` : d.ru)).join('\n');
    case 'availability': {
      const a = v as ProgrammeRecord['timing']['availability'];
      const round = (r: (typeof a.rounds)[number]) =>
        `${r.opensAt ? moscowText(r.opensAt) : '…'} – ${r.closesAt ? moscowText(r.closesAt) : '…'} (${r.source ?? 'no source'})`;
      const said = a.source ? ` per ${a.source}${a.asOf ? ` as of ${a.asOf}` : ''}` : '';
      return [`${a.kind.replace('_', ' ')}${said}`, ...a.rounds.map(round), ...(a.note.ru ? [a.note.ru] : [])].join('\n');
    }
    case 'keyFacts':
      return (v as ProgrammeRecord['keyFacts'])
        .map((f) => {
          const period = f.termsYear ? `, terms of ${f.termsYear}` : f.validUntil ? `, until ${f.validUntil}` : '';
          return `${f.label.ru}: ${f.value.ru} (${f.asOf ?? 'undated'}${period}, ${f.source})`;
        })
        .join('\n');
    case 'steps':
      return (v as ProgrammeRecord['application']['steps'])
        .map((st, i) => `${i + 1}. ${st.text.ru}${st.url ? ` ${st.url}` : ''}`)
        .join('\n');
    case 'sources':
      return (v as ProgrammeRecord['curation']['sources'])
        .map(
          (src) =>
            `[${src.key}] ${src.publisher} (${src.kind}): ${src.title.ru} ${src.url ?? ''} (page ${src.publishedOn ?? 'undated'}, checked ${src.checkedOn ?? 'never'})`,
        )
        .join('\n');
    default:
      return String(v);
  }
}

/**
 * The tokens a diff compares: links, dates (with a time), grouped numbers ("12 500 000", "7,5")
 * and codes ("grant_subsidy", "62.01", "sme-premises") each whole, then words (Russian and
 * English alike), runs of spaces and single marks. A changed date is one token out and one in,
 * never "~~2022~~2026-~~03~~11".
 */
const TOKEN =
  /https?:\/\/[^\s<>"]+|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?|\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?|[\p{L}\p{N}]+(?:[._:/-][\p{L}\p{N}]+)*|\s+|[^\s]/gu;

class TokenDiff extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(TOKEN) ?? [];
  }
  override join(tokens: string[]): string {
    return tokens.join('');
  }
}

const TOKENS = new TokenDiff();

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | 'same';
}

export interface FieldDiff {
  field: FieldDef;
  before: string;
  after: string;
  parts: DiffPart[];
}

/**
 * One change reads as one: the removed tokens of a run together, then the added ones ("10 млн" out,
 * "12 500 000" in), a space between two changes taken into both, a space both end with left unchanged.
 */
function tidy(changes: { value: string; added: boolean; removed: boolean }[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    const tail = /\s+$/.exec(removed)?.[0] ?? '';
    const shared = tail && added.endsWith(tail) ? tail : '';
    if (removed) out.push({ value: removed.slice(0, removed.length - shared.length), change: 'removed' });
    if (added) out.push({ value: added.slice(0, added.length - shared.length), change: 'added' });
    if (shared) out.push({ value: shared, change: 'same' });
    removed = added = '';
  };
  changes.forEach((c, i) => {
    const next = changes[i + 1];
    if (c.added) added += c.value;
    else if (c.removed) removed += c.value;
    else if ((removed || added) && /^\s+$/.test(c.value) && (next?.added || next?.removed)) {
      removed += c.value;
      added += c.value;
    } else {
      flush();
      out.push({ value: c.value, change: 'same' });
    }
  });
  flush();
  return out.filter((p) => p.value !== '');
}

/** Field-by-field differences between two snapshots, each with a word-level diff. */
export function diffRecords(before: unknown, after: unknown, labels: Labels): FieldDiff[] {
  return changedFields(before, after, HISTORY_FIELDS).map((field) => {
    const a = displayValue(field, before, labels);
    const b = displayValue(field, after, labels);
    const parts = tidy(TOKENS.diff(a, b));
    return { field, before: a, after: b, parts };
  });
}
