import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { csvCellValue, csvSafeCell, flattenValidationErrors, type FieldProblem } from '@app/common';
import { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import type { PublicationState } from '../programmes/programme-status';
import {
  getPath,
  normaliseValue,
  PROGRAMME_FIELDS,
  setPath,
  type DescribedValues,
  type ProgrammeField,
} from '../programmes/programme-fields';

/**
 * One programme in the import / export format: the admin API's create body
 * plus its publication state, keyed by slug. JSON files hold an array of
 * these; CSV files hold one row each, with the columns below. Besides the
 * entry's identity, its fields are the described ones (programme-fields.ts).
 */
export type ProgrammeRecord = {
  slug: string;
  provider: string;
  parent: string | null;
  title: { ru: string; en: string | null };
  summary: { ru: string; en: string | null };
  publicationState: PublicationState;
} & DescribedValues<'view'>;

/** The record of a saved programme (what export writes); values in their normal form, keys in one fixed order. */
export function toRecord(v: ProgrammeView): ProgrammeRecord {
  const record: Record<string, unknown> = {
    slug: v.slug,
    provider: v.provider.slug,
    parent: v.parent,
    title: { ru: v.title.ru, en: v.title.en },
    summary: { ru: v.summary.ru, en: v.summary.en },
  };
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) setPath(record, f.path, normaliseValue(f, getPath(v, f.path)));
  record.publicationState = v.publicationState;
  return record as ProgrammeRecord;
}

type CsvKind = 'text' | 'list' | 'json' | 'number';

/** CSV columns: dotted paths into the record; lists are `;`-separated, structured values are JSON. */
const CSV_KINDS: [string, CsvKind][] = [
  ['slug', 'text'],
  ['provider', 'text'],
  ['parent', 'text'],
  ['publicationState', 'text'],
  ['title.ru', 'text'],
  ['title.en', 'text'],
  ['summary.ru', 'text'],
  ['summary.en', 'text'],
  ...(PROGRAMME_FIELDS as readonly ProgrammeField[]).flatMap((f): [string, CsvKind][] => {
    switch (f.type) {
      case 'localised':
        return [
          [`${f.path}.ru`, 'text'],
          [`${f.path}.en`, 'text'],
        ];
      case 'codes':
        return [[f.path, 'list']];
      case 'structured':
        return [[f.path, 'json']];
      case 'integer':
      case 'decimal':
        return [[f.path, 'number']];
      default:
        return [[f.path, 'text']];
    }
  }),
];

export const CSV_COLUMNS: readonly string[] = CSV_KINDS.map(([column]) => column);
const CSV_KIND = new Map(CSV_KINDS);

export function recordsToCsv(records: ProgrammeRecord[]): string {
  const rows = records.map((r) =>
    CSV_COLUMNS.map((column) => {
      const value = getPath(r, column);
      if (CSV_KIND.get(column) === 'list') return (value as string[]).join(';');
      if (CSV_KIND.get(column) === 'json') return JSON.stringify(value);
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
  const unknown = header.filter((h) => !CSV_KIND.has(h));
  return rows.map((cells, i) => {
    const record: Record<string, unknown> = {};
    const problems: ParsedRow['problems'] = unknown.map((h) => ({ field: h, messages: ['is not a column of the format'] }));
    header.forEach((column, j) => {
      const kind = CSV_KIND.get(column);
      if (!kind) return;
      const cell = csvCellValue(cells[j] ?? '');
      if (kind === 'list') return setPath(record, column, cell === '' ? [] : cell.split(';').map((s) => s.trim()));
      if (kind === 'json') {
        try {
          return setPath(record, column, cell === '' ? undefined : JSON.parse(cell));
        } catch {
          problems.push({ field: column, messages: ['is not valid JSON'] });
          return;
        }
      }
      if (kind === 'number') {
        const n = Number(cell);
        if (cell !== '' && !Number.isFinite(n)) problems.push({ field: column, messages: ['must be a number'] });
        return setPath(record, column, cell === '' ? null : n);
      }
      return setPath(record, column, cell === '' ? null : cell);
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
