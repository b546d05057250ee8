import { Diff } from 'diff';
import {
  changedFields,
  CRITERIA_FACETS,
  CRITERIA_NUMBERS,
  DERIVED_DATES,
  FIELDS,
  getPath,
  HISTORY_FIELDS,
  PROGRAMME_FIELDS,
  REQUIRED_STATUS_LABELS,
  setPath,
  type EditableRecord,
  type Facet,
  type FieldDef,
  type FieldKind,
  type ProgrammeField,
  type ProgrammeRecord,
  type StructuredShape,
  type TaxonomyView,
} from '@app/catalogue';
import { formList, formText, type FormBody } from './admin-pages';

/** Comparing and merging records lives with the catalogue (a pending change is merged when published); the pages use it from here too. */
export {
  changedFields,
  editable,
  FIELDS,
  mergeRecords,
  type EditableRecord,
  type FieldDef,
  type MergeOutcome,
  type Side,
} from '@app/catalogue';

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
function fromMoscowInput(value: string): string | null {
  if (value === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?$/.exec(value);
  if (!m) return value;
  const instant = new Date(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ':00'}+03:00`);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

// ---- form → record ----

const optional = (s: string): string | null => (s === '' ? null : s);

/** Spaces and a decimal comma are accepted ("5 000 000", "7,5"); anything else stays a string for validation to name. */
function number(s: string): number | string | null {
  if (s === '') return null;
  const n = Number(s.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : s;
}

/** Repeated row groups (`prefix.N.key`), in index order, without rows left blank. */
function rows(body: FormBody, prefix: string, keys: string[]): Record<string, string>[] {
  const byIndex = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,3})\\.(${keys.join('|')})$`);
  for (const [name, value] of Object.entries(body)) {
    const m = pattern.exec(name);
    if (!m) continue;
    const row = byIndex.get(Number(m[1])) ?? {};
    row[m[2]] = formText({ value }, 'value');
    byIndex.set(Number(m[1]), row);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => Object.values(row).some((v) => v !== ''));
}

type Reader = (body: FormBody, path: string) => unknown;

/** How the form's inputs of a structured value become that value. */
const STRUCTURED_READERS: Record<StructuredShape, Reader> = {
  taxReductions: (body, path) =>
    rows(body, path, ['tax', 'fromPercent', 'toPercent', 'years']).map((r) => ({
      tax: r.tax ?? '',
      fromPercent: number(r.fromPercent ?? ''),
      toPercent: number(r.toPercent ?? ''),
      years: number(r.years ?? ''),
    })),
  keyFacts: (body, path) =>
    rows(body, path, ['group', 'labelRu', 'labelEn', 'valueRu', 'valueEn', 'number', 'unit', 'asOf', 'validUntil', 'termsYear', 'source'])
      // a row holding only the preselected group is a blank row
      .filter((r) => Object.entries(r).some(([k, v]) => k !== 'group' && v !== ''))
      .map((r) => ({
        group: r.group ?? '',
        label: { ru: r.labelRu ?? '', en: optional(r.labelEn ?? '') },
        value: { ru: r.valueRu ?? '', en: optional(r.valueEn ?? '') },
        number: number(r.number ?? ''),
        unit: optional(r.unit ?? ''),
        asOf: optional(r.asOf ?? ''),
        validUntil: optional(r.validUntil ?? ''),
        termsYear: number(r.termsYear ?? ''),
        source: r.source ?? '',
      })),
  checks: (body, path) => rows(body, path, ['ru', 'en']).map((r) => ({ ru: r.ru ?? '', en: optional(r.en ?? '') })),
  availability: (body, path) => ({
    kind: formText(body, `${path}.kind`) || 'not_confirmed',
    rounds: rows(body, `${path}.rounds`, ['opensAt', 'closesAt', 'source']).map((r) => ({
      opensAt: fromMoscowInput(r.opensAt ?? ''),
      closesAt: fromMoscowInput(r.closesAt ?? ''),
      source: optional(r.source ?? ''),
    })),
    source: optional(formText(body, `${path}.source`)),
    asOf: optional(formText(body, `${path}.asOf`)),
    note: { ru: optional(formText(body, `${path}.note.ru`)), en: optional(formText(body, `${path}.note.en`)) },
  }),
  criteria: (body, path) => {
    const criteria: Record<string, unknown> = {};
    for (const [key] of CRITERIA_NUMBERS) {
      const n = number(formText(body, `${path}.${key}`));
      if (n !== null) criteria[key] = n;
    }
    for (const key of [...CRITERIA_FACETS.map((c) => c.key), 'requiredStatuses']) {
      const codes = formList(body, `${path}.${key}`);
      if (codes.length) criteria[key] = codes;
    }
    return criteria;
  },
  steps: (body, path) =>
    rows(body, path, ['ru', 'en', 'url']).map((r) => ({ text: { ru: r.ru ?? '', en: optional(r.en ?? '') }, url: optional(r.url ?? '') })),
  documents: (body, path) => rows(body, path, ['ru', 'en']).map((r) => ({ ru: r.ru ?? '', en: optional(r.en ?? '') })),
  contacts: (body, path) => ({
    email: optional(formText(body, `${path}.email`)),
    phone: optional(formText(body, `${path}.phone`)),
    url: optional(formText(body, `${path}.url`)),
  }),
  sources: (body, path) =>
    rows(body, path, ['key', 'publisher', 'kind', 'titleRu', 'titleEn', 'url', 'publishedOn', 'checkedOn'])
      // a row holding only the preselected kind is a blank row
      .filter((r) => Object.entries(r).some(([k, v]) => k !== 'kind' && v !== ''))
      .map((r) => ({
        key: r.key ?? '',
        title: { ru: r.titleRu ?? '', en: optional(r.titleEn ?? '') },
        url: optional(r.url ?? ''),
        publisher: r.publisher ?? '',
        kind: r.kind || undefined,
        publishedOn: optional(r.publishedOn ?? ''),
        checkedOn: optional(r.checkedOn ?? ''),
      })),
};

/** A described field's value as the form sent it; numbers and dates that cannot be read stay text, for validation to name. */
function readField(body: FormBody, f: ProgrammeField): unknown {
  const text = (path: string) => formText(body, path);
  switch (f.type) {
    case 'localised':
      return { ru: optional(text(`${f.path}.ru`)), en: optional(text(`${f.path}.en`)) };
    case 'integer':
    case 'decimal':
      return number(text(f.path));
    case 'codes':
      return formList(body, f.path);
    case 'datetime':
      // derived dates are not in the form: the availability decides them
      return DERIVED_DATES.has(f.path) ? undefined : fromMoscowInput(text(f.path));
    case 'url':
      return optional(text(f.path));
    case 'structured':
      return STRUCTURED_READERS[f.shape](body, f.path);
  }
}

/** The record an edit form describes (every field: the form always sends all of them). */
export function recordFromForm(body: FormBody): EditableRecord {
  const text = (path: string) => formText(body, path);
  const record: Record<string, unknown> = {
    slug: text('slug'),
    provider: text('provider'),
    parent: optional(text('parent')),
    title: { ru: text('title.ru'), en: optional(text('title.en')) },
    summary: { ru: text('summary.ru'), en: optional(text('summary.en')) },
  };
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) {
    const value = readField(body, f);
    if (value !== undefined) setPath(record, f.path, value);
  }
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
