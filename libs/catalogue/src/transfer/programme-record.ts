import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { csvCellValue, csvSafeCell, flattenValidationErrors, type FieldProblem } from '@app/common';
import { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import type { PublicationState } from '../programmes/programme-status';
import type { ApplicationStep, KeyFact, ProgrammeSource } from '../programmes/programme.types';

/**
 * One programme in the import / export format: the admin API's create body
 * plus its publication state, keyed by slug. JSON files hold an array of
 * these; CSV files hold one row each, with the columns below.
 */
export interface ProgrammeRecord {
  slug: string;
  provider: string;
  parent: string | null;
  title: { ru: string; en: string | null };
  summary: { ru: string; en: string | null };
  description: { ru: string | null; en: string | null };
  supportTypes: string[];
  applicantTypes: string[];
  stages: string[];
  sizes: string[];
  industries: string[];
  objectives: string[];
  territories: string[];
  benefit: {
    text: { ru: string | null; en: string | null };
    amountMin: number | null;
    amountMax: number | null;
    ratePercent: number | null;
    termMonths: number | null;
    taxReductions: { tax: string; fromPercent: number | null; toPercent: number | null; years: number | null }[];
  };
  keyFacts: KeyFact[];
  eligibility: { text: { ru: string | null; en: string | null }; criteria: Record<string, unknown> };
  timing: { opensAt: string | null; closesAt: string | null };
  application: {
    howToApply: { ru: string | null; en: string | null };
    applyUrl: string | null;
    steps: ApplicationStep[];
    requiredDocuments: { ru: string; en: string | null }[];
    contacts: { email?: string | null; phone?: string | null; url?: string | null };
  };
  curation: { sources: ProgrammeSource[] };
  publicationState: PublicationState;
}

/** The record of a saved programme (what export writes). */
export function toRecord(v: ProgrammeView): ProgrammeRecord {
  return {
    slug: v.slug,
    provider: v.provider.slug,
    parent: v.parent,
    title: { ru: v.title.ru, en: v.title.en },
    summary: { ru: v.summary.ru, en: v.summary.en },
    description: { ru: v.description.ru, en: v.description.en },
    supportTypes: v.supportTypes,
    applicantTypes: v.applicantTypes,
    stages: v.stages,
    sizes: v.sizes,
    industries: v.industries,
    objectives: v.objectives,
    territories: v.territories,
    benefit: {
      text: { ru: v.benefit.text.ru, en: v.benefit.text.en },
      amountMin: v.benefit.amountMin,
      amountMax: v.benefit.amountMax,
      ratePercent: v.benefit.ratePercent,
      termMonths: v.benefit.termMonths,
      taxReductions: v.benefit.taxReductions.map((t) => ({
        tax: t.tax,
        fromPercent: t.fromPercent,
        toPercent: t.toPercent,
        years: t.years,
      })),
    },
    // keys in one fixed order (jsonb keeps none), so records compare and export the same way every time
    keyFacts: v.keyFacts.map((f) => ({
      group: f.group,
      label: { ru: f.label.ru, en: f.label.en },
      value: { ru: f.value.ru, en: f.value.en },
      number: f.number,
      unit: f.unit,
      asOf: f.asOf,
      source: f.source,
    })),
    eligibility: { text: { ru: v.eligibility.text.ru, en: v.eligibility.text.en }, criteria: { ...v.eligibility.criteria } },
    timing: { opensAt: v.timing.opensAt, closesAt: v.timing.closesAt },
    application: {
      howToApply: { ru: v.application.howToApply.ru, en: v.application.howToApply.en },
      applyUrl: v.application.applyUrl,
      steps: v.application.steps.map((step) => ({ text: { ru: step.text.ru, en: step.text.en }, url: step.url })),
      requiredDocuments: v.application.requiredDocuments.map((d) => ({ ru: d.ru, en: d.en })),
      contacts: {
        email: v.application.contacts.email ?? null,
        phone: v.application.contacts.phone ?? null,
        url: v.application.contacts.url ?? null,
      },
    },
    curation: {
      sources: v.curation.sources.map((src) => ({
        key: src.key,
        title: { ru: src.title.ru, en: src.title.en },
        url: src.url,
        publisher: src.publisher,
        publishedOn: src.publishedOn,
        checkedOn: src.checkedOn,
      })),
    },
    publicationState: v.publicationState,
  };
}

/** CSV columns: dotted paths into the record; lists are `;`-separated, structured values are JSON. */
export const CSV_COLUMNS = [
  'slug',
  'provider',
  'parent',
  'publicationState',
  'title.ru',
  'title.en',
  'summary.ru',
  'summary.en',
  'description.ru',
  'description.en',
  'supportTypes',
  'applicantTypes',
  'stages',
  'sizes',
  'industries',
  'objectives',
  'territories',
  'benefit.text.ru',
  'benefit.text.en',
  'benefit.amountMin',
  'benefit.amountMax',
  'benefit.ratePercent',
  'benefit.termMonths',
  'benefit.taxReductions',
  'keyFacts',
  'eligibility.text.ru',
  'eligibility.text.en',
  'eligibility.criteria',
  'timing.opensAt',
  'timing.closesAt',
  'application.howToApply.ru',
  'application.howToApply.en',
  'application.applyUrl',
  'application.steps',
  'application.requiredDocuments',
  'application.contacts',
  'curation.sources',
] as const;

const LIST_COLUMNS = new Set(['supportTypes', 'applicantTypes', 'stages', 'sizes', 'industries', 'objectives', 'territories']);
const JSON_COLUMNS = new Set([
  'benefit.taxReductions',
  'keyFacts',
  'eligibility.criteria',
  'application.steps',
  'application.requiredDocuments',
  'application.contacts',
  'curation.sources',
]);
const NUMBER_COLUMNS = new Set(['benefit.amountMin', 'benefit.amountMax', 'benefit.ratePercent', 'benefit.termMonths']);

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], o);

function set(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = o;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

export function recordsToCsv(records: ProgrammeRecord[]): string {
  const rows = records.map((r) =>
    CSV_COLUMNS.map((column) => {
      const value = get(r, column);
      if (LIST_COLUMNS.has(column)) return (value as string[]).join(';');
      if (JSON_COLUMNS.has(column)) return JSON.stringify(value);
      if (value === null || value === undefined) return '';
      return csvSafeCell(String(value));
    }),
  );
  return stringify([[...CSV_COLUMNS], ...rows]);
}

export interface ParsedRow {
  /** 1-based line of the row in the file (the header is line 1) or index in a JSON array (from 1). */
  row: number;
  record: unknown;
  problems: { field: string; messages: string[] }[];
}

/** CSV rows as plain records; a cell that cannot be read (bad JSON, bad number) becomes a problem of that row. */
export function csvToRows(text: string): ParsedRow[] {
  const table: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  const [header = [], ...rows] = table;
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  return rows.map((cells, i) => {
    const record: Record<string, unknown> = {};
    const problems: ParsedRow['problems'] = unknown.map((h) => ({ field: h, messages: ['is not a column of the format'] }));
    header.forEach((column, j) => {
      if (!(CSV_COLUMNS as readonly string[]).includes(column)) return;
      const cell = csvCellValue(cells[j] ?? '');
      if (LIST_COLUMNS.has(column)) return set(record, column, cell === '' ? [] : cell.split(';').map((s) => s.trim()));
      if (JSON_COLUMNS.has(column)) {
        try {
          return set(record, column, cell === '' ? undefined : JSON.parse(cell));
        } catch {
          problems.push({ field: column, messages: ['is not valid JSON'] });
          return;
        }
      }
      if (NUMBER_COLUMNS.has(column)) {
        const n = Number(cell);
        if (cell !== '' && !Number.isFinite(n)) problems.push({ field: column, messages: ['must be a number'] });
        return set(record, column, cell === '' ? null : n);
      }
      return set(record, column, cell === '' ? null : cell);
    });
    return { row: i + 2, record, problems };
  });
}

export function jsonToRows(text: string): ParsedRow[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('a JSON import is an array of programme records');
  return data.map((record, i) => ({ row: i + 1, record, problems: [] }));
}

/** A record's fields (without its publication state) as a validated create body, or what is wrong with them. */
export async function toProgrammeInput(fields: Record<string, unknown>): Promise<{ dto: CreateProgrammeDto; problems: FieldProblem[] }> {
  const dto = plainToInstance(CreateProgrammeDto, fields);
  const problems = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  return { dto, problems };
}

export type TransferFormat = 'csv' | 'json';

/** The format a file name says (.csv or .json), or null. */
export function formatOf(fileName: string): TransferFormat | null {
  const lower = fileName.toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : null;
}

/** A file's rows in its format; unreadable JSON throws (with a message for the user). */
export function rowsOf(format: TransferFormat, text: string): ParsedRow[] {
  return format === 'csv' ? csvToRows(text) : jsonToRows(text);
}
