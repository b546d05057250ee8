import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { csvCellValue, csvSafeCell, DomainError, flattenValidationErrors, pacer, textSlices, type FieldProblem } from '@app/common';
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

/** Columns of the header the format does not have, named one by one up to this many (then counted). */
const UNKNOWN_COLUMNS_NAMED = 10;

/** The problems every row of a file with unknown columns has. */
function unknownColumnProblems(header: string[]): ParsedRow['problems'] {
  const unknown = header.filter((h) => !CSV_KIND.has(h));
  const named = unknown
    .slice(0, UNKNOWN_COLUMNS_NAMED)
    .map((h) => ({ field: h.slice(0, 100), messages: ['is not a column of the format'] }));
  const more = unknown.length - named.length;
  return more > 0 ? [...named, { field: 'header', messages: [`and ${more} more columns that are not in the format`] }] : named;
}

/** CSV rows as plain records; a cell that cannot be read (bad JSON, bad number) becomes a problem of that row. */
export function csvToRows(text: string): ParsedRow[] {
  const table: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  const [header = [], ...rows] = table;
  const unknown = unknownColumnProblems(header);
  return rows.map((cells, i) => csvRow(header, unknown, cells, i + 2));
}

/** One CSV row (`line`: its place in the file) as a record of the format. */
function csvRow(header: string[], unknown: ParsedRow['problems'], cells: string[], line: number): ParsedRow {
  const record: Record<string, unknown> = {};
  const problems: ParsedRow['problems'] = unknown.map((p) => ({ field: p.field, messages: [...p.messages] }));
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
  return { row: line, record, problems };
}

export function jsonToRows(text: string): ParsedRow[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('a JSON import is an array of programme records');
  return data.map((record, i) => ({ row: i + 1, record, problems: [] }));
}

/** What an import file may hold (see TransferConfig). */
export interface ImportLimits {
  maxRows: number;
}

export const tooManyRows = (maxRows: number): DomainError =>
  new DomainError(
    'payload_too_large',
    'IMPORT.TOO_MANY_ROWS',
    `The file has more than ${maxRows.toLocaleString('en-GB')} rows, the most one import may hold (IMPORT_MAX_ROWS); split it into several files`,
    { maxRows },
  );

const unreadable = (format: TransferFormat, why: string): DomainError =>
  new DomainError('invalid', 'IMPORT.UNREADABLE', `The file could not be read as ${format.toUpperCase()}: ${why}`);

/** Text handed to the CSV parser per step (about 2 ms of work), and scanned per step of a JSON array. */
const CSV_SLICE = 16 * 1024;
const JSON_SLICE = 256 * 1024;

/**
 * A file's rows, read a slice at a time with the event loop free in between (a
 * 20 MB file never holds it for more than a few milliseconds), and refused as
 * soon as it has more than `maxRows` rows (413 naming the limit). An unreadable
 * file is a 400 saying why.
 */
export async function readRows(format: TransferFormat, text: string, limits: ImportLimits): Promise<ParsedRow[]> {
  return format === 'csv' ? readCsv(text, limits.maxRows) : readJson(text, limits.maxRows);
}

async function readCsv(text: string, maxRows: number): Promise<ParsedRow[]> {
  const parser = parseStream({ bom: true, skip_empty_lines: true, relax_column_count: true });
  const table: string[][] = [];
  const state: { failure: Error | null } = { failure: null };
  parser.on('data', (cells: string[]) => table.push(cells));
  parser.on('error', (error: Error) => (state.failure ??= error));
  const pace = pacer();
  try {
    for (const piece of textSlices(text, CSV_SLICE)) {
      if (state.failure) break;
      parser.write(piece);
      await pace();
      if (table.length > maxRows + 1) throw tooManyRows(maxRows);
    }
    if (!state.failure) {
      parser.end();
      await new Promise<void>((resolve) => (parser.readableEnded ? resolve() : parser.once('end', resolve).once('error', () => resolve())));
    }
  } finally {
    parser.destroy();
  }
  if (state.failure) throw unreadable('csv', state.failure.message);
  if (table.length > maxRows + 1) throw tooManyRows(maxRows);
  const [header = [], ...cells] = table;
  const unknown = unknownColumnProblems(header);
  const rows: ParsedRow[] = [];
  for (let i = 0; i < cells.length; i++) {
    rows.push(csvRow(header, unknown, cells[i], i + 2));
    await pace();
  }
  return rows;
}

/**
 * A JSON array's elements, found by a scan that tracks strings and nesting a
 * slice at a time, then parsed one element at a time: never one call over the
 * whole file.
 */
async function readJson(text: string, maxRows: number): Promise<ParsedRow[]> {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] === '\uFEFF') i++;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] !== '[') throw unreadable('json', 'a JSON import is an array of programme records');
  const elements: [number, number][] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = i + 1;
  let closedAt = -1;
  const pace = pacer();
  for (let sliceEnd = i + JSON_SLICE; closedAt < 0 && i < text.length; sliceEnd += JSON_SLICE) {
    for (; i < text.length && i < sliceEnd; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) {
        depth--;
        if (depth === 0) {
          if (text.slice(start, i).trim() !== '' || elements.length) elements.push([start, i]);
          closedAt = i;
          break;
        }
      } else if (c === 0x2c && depth === 1) {
        elements.push([start, i]);
        start = i + 1;
        if (elements.length > maxRows) throw tooManyRows(maxRows);
      }
    }
    await pace();
  }
  if (closedAt < 0 || text.slice(closedAt + 1).trim() !== '') throw unreadable('json', 'the array is not closed, or text follows it');
  if (elements.length > maxRows) throw tooManyRows(maxRows);
  const rows: ParsedRow[] = [];
  for (let n = 0; n < elements.length; n++) {
    const [from, to] = elements[n];
    let record: unknown;
    try {
      record = JSON.parse(text.slice(from, to));
    } catch (error) {
      throw unreadable('json', `element ${n + 1}: ${(error as Error).message}`);
    }
    rows.push({ row: n + 1, record, problems: [] });
    await pace();
  }
  return rows;
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
