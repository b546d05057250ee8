import { stringify } from 'csv-stringify/sync';
import { FACETS, getPath, keyOf, PROGRAMME_FIELDS, type Lang, type ProgrammeField, type ProgrammeView } from '@app/catalogue';
import { csvSafeCell } from '@app/common';
import { programmePath } from '@app/config';

export type ExportFormat = 'csv' | 'json' | 'ndjson';

/** The described fields the public CSV has a column for, named after the last part of their path. */
const EXPORTED = (PROGRAMME_FIELDS as readonly ProgrammeField[]).filter((f) => 'exported' in f && f.exported);

/** CSV columns: stable keys (tools read them); the values of coded fields are labels in `lang`. */
export const EXPORT_COLUMNS: readonly string[] = [
  'slug',
  'url',
  'title',
  'summary',
  'provider',
  ...FACETS.map((f) => f.field),
  'status',
  ...EXPORTED.map((f) => keyOf(f.path)),
  'email',
  'phone',
  'contactUrl',
  'sources',
  'newestSourceOn',
  'lastCheckedOn',
  'updatedAt',
];

export const BOM = '\uFEFF';
export const CSV = { record_delimiter: 'windows' } as const;

/** What an export's rows need besides the programmes: plain data, so it can cross to a worker thread. */
export interface ExportContext {
  format: ExportFormat;
  lang: Lang;
  /** The site's public address (PUBLIC_BASE_URL), for each row's `url`. */
  base: string;
  /** For CSV: each facet's labels in `lang`, by code. */
  labels: Record<string, Record<string, string>>;
}

/** A programme as a CSV row: texts and coded fields in `lang`, every cell safe to open in a spreadsheet. */
function csvRow(p: ProgrammeView, { lang, base, labels }: ExportContext): (string | number | null)[] {
  const text = (v: { ru: string | null; en: string | null }) => csvSafeCell((lang === 'en' && v.en) || v.ru || '');
  const row: Record<string, string | number | null> = {
    slug: p.slug,
    url: `${base}${programmePath(p.slug)}`,
    title: text(p.title),
    summary: text(p.summary),
    provider: text(p.provider.name),
    status: p.timing.status,
    email: p.application.contacts.email ?? null,
    phone: csvSafeCell(p.application.contacts.phone ?? ''),
    contactUrl: p.application.contacts.url ?? null,
    sources: csvSafeCell(p.curation.sources.map((src) => src.url ?? src.publisher).join(' ')),
    newestSourceOn: p.curation.newestSourceOn,
    lastCheckedOn: p.curation.lastCheckedOn,
    updatedAt: p.updatedAt,
  };
  for (const f of FACETS) row[f.field] = csvSafeCell(p[f.field].map((code) => labels[f.param]?.[code] ?? code).join('; '));
  for (const f of EXPORTED) {
    const value = getPath(p, f.path) as string | number | null;
    row[keyOf(f.path)] = typeof value === 'string' && f.type !== 'datetime' ? csvSafeCell(value) : value;
  }
  return EXPORT_COLUMNS.map((c) => row[c]);
}

/** The start of an export file (the BOM and header of a CSV, the bracket of a JSON array). */
export const exportHead = (format: ExportFormat): string =>
  format === 'csv' ? BOM + stringify([[...EXPORT_COLUMNS]], CSV) : format === 'json' ? '[' : '';

export const exportTail = (format: ExportFormat): string => (format === 'json' ? ']\n' : '');

/** Programmes as a piece of the file; JSON items are comma-separated here, and the caller puts a comma between pieces. */
export function renderProgrammes(views: ProgrammeView[], context: ExportContext): string {
  if (context.format === 'csv')
    return stringify(
      views.map((v) => csvRow(v, context)),
      CSV,
    );
  if (context.format === 'ndjson') return views.map((v) => `${JSON.stringify(v)}\n`).join('');
  return views.map((v) => JSON.stringify(v)).join(',');
}
