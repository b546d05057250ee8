import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import {
  ChangeFeedService,
  FACETS,
  getPath,
  keyOf,
  mapProgramme,
  PROGRAMME_FIELDS,
  ProgrammeRepository,
  type Lang,
  type ProgrammeField,
  type ProgrammeView,
} from '@app/catalogue';
import { csvSafeCell } from '@app/common';
import { labelIn, SearchService, SearchVocabulary, type SearchRequest } from '@app/search';
import { PublicUrls } from '@app/config';

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

/**
 * Programmes loaded and written per step. Small, and the event loop is yielded between steps,
 * so searches interleave with running exports instead of queueing behind a long stretch
 * of hydration and serialisation (see docs/benchmarks.md, search while 4 exports run).
 */
const CHUNK = 100;
const BOM = '\uFEFF';
const CSV = { record_delimiter: 'windows' } as const;

type CsvRow = (p: ProgrammeView) => (string | number | null)[];

export interface ExportRun {
  /** How many programmes the export holds. */
  total: number;
  /** The change feed's position when the export began: resuming from it keeps a copy in sync. */
  cursor: string;
  /** The file, in pieces, produced as they are read. */
  chunks: AsyncGenerator<string>;
}

/**
 * Every programme a search matches, as CSV (UTF-8 with a BOM and CRLF, so Excel
 * opens Russian text as it is), JSON or NDJSON. Ids come from the engine in pages
 * and programmes from PostgreSQL in chunks, produced only as the reader asks for
 * them, so memory stays flat however many rows there are.
 */
@Injectable()
export class ProgrammeExport {
  constructor(
    private readonly search: SearchService,
    private readonly programmes: ProgrammeRepository,
    private readonly vocabulary: SearchVocabulary,
    private readonly changes: ChangeFeedService,
    private readonly urls: PublicUrls,
  ) {}

  /** Runs the search's first page before anything is produced, so bad input and engine errors fail cleanly. */
  async open(format: ExportFormat, request: Omit<SearchRequest, 'page' | 'perPage'>, lang: Lang): Promise<ExportRun> {
    const cursor = await this.changes.head();
    const pages = this.search.matchingIds(request);
    const first = await pages.next();
    const total = first.done ? 0 : first.value.total;
    const ids = async function* (): AsyncGenerator<string[]> {
      if (!first.done) yield first.value.ids;
      for await (const page of pages) yield page.ids;
    };
    // the labels too, so nothing that can fail is left for after the status line
    const row = format === 'csv' ? await this.csvRow(lang) : null;
    return { total, cursor, chunks: this.file(format, row, ids()) };
  }

  private async *file(format: ExportFormat, row: CsvRow | null, ids: AsyncGenerator<string[]>): AsyncGenerator<string> {
    if (format === 'csv') yield BOM + stringify([[...EXPORT_COLUMNS]], CSV);
    if (format === 'json') yield '[';
    let written = 0;
    for await (const views of this.views(ids)) {
      if (row) yield stringify(views.map(row), CSV);
      else if (format === 'ndjson') yield views.map((v) => `${JSON.stringify(v)}\n`).join('');
      else yield views.map((v, j) => `${written + j ? ',' : ''}${JSON.stringify(v)}`).join('');
      written += views.length;
    }
    if (format === 'json') yield ']\n';
  }

  /** The published programmes of each page of ids, in the engine's order, a chunk at a time. */
  private async *views(pages: AsyncGenerator<string[]>): AsyncGenerator<ProgrammeView[]> {
    for await (const ids of pages) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const slice = ids.slice(i, i + CHUNK);
        const found = new Map((await this.programmes.findPublishedByIds(slice)).map((p) => [p.id, mapProgramme(p)]));
        const views = slice.map((id) => found.get(id)).filter((v): v is ProgrammeView => v !== undefined);
        if (views.length) yield views;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** A programme as a CSV row: texts and coded fields in `lang`, every cell safe to open in a spreadsheet. */
  private async csvRow(lang: Lang): Promise<CsvRow> {
    const terms = await this.vocabulary.terms();
    const labels = (param: string, codes: string[]) =>
      codes
        .map((c) => {
          const t = terms[param as keyof typeof terms].find((x) => x.code === c);
          return t ? labelIn(t, lang) : c;
        })
        .join('; ');
    const text = (v: { ru: string | null; en: string | null }) => csvSafeCell((lang === 'en' && v.en) || v.ru || '');
    return (p) => {
      const row: Record<string, string | number | null> = {
        slug: p.slug,
        url: this.urls.programme(p.slug),
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
      for (const f of FACETS) row[f.field] = csvSafeCell(labels(f.param, p[f.field]));
      for (const f of EXPORTED) {
        const value = getPath(p, f.path) as string | number | null;
        row[keyOf(f.path)] = typeof value === 'string' && f.type !== 'datetime' ? csvSafeCell(value) : value;
      }
      return EXPORT_COLUMNS.map((c) => row[c]);
    };
  }
}
