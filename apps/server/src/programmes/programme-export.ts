import { Injectable } from '@nestjs/common';
import { ChangeFeedService, type Lang } from '@app/catalogue';
import { PublicUrls } from '@app/config';
import { labelIn, SearchService, SearchVocabulary, SEARCH_FACETS, type SearchRequest } from '@app/search';
import { ExportRenderer } from './export-renderer';
import { exportHead, exportTail, type ExportContext, type ExportFormat } from './export-format';

export { EXPORT_COLUMNS, type ExportFormat } from './export-format';

/** Programmes read and written per piece (in the export thread); the site's event loop only passes pieces on. */
const PIECE = 100;

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
 * opens Russian text as it is), JSON or NDJSON. Ids come from the engine in pages;
 * the programmes are read and written in the export thread (ExportRenderer), with
 * a pool of its own, a piece at a time and only as the reader asks for them: the
 * site's event loop and pool stay the site's, and memory stays flat however many
 * rows there are.
 */
@Injectable()
export class ProgrammeExport {
  constructor(
    private readonly search: SearchService,
    private readonly vocabulary: SearchVocabulary,
    private readonly changes: ChangeFeedService,
    private readonly urls: PublicUrls,
    private readonly renderer: ExportRenderer,
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
    const context: ExportContext = { format, lang, base: this.urls.base, labels: format === 'csv' ? await this.labels(lang) : {} };
    return { total, cursor, chunks: this.file(context, ids()) };
  }

  private async *file(context: ExportContext, pages: AsyncGenerator<string[]>): AsyncGenerator<string> {
    const thread = await this.renderer.open(context);
    try {
      yield exportHead(context.format);
      let written = 0;
      for await (const ids of pages) {
        for (let i = 0; i < ids.length; i += PIECE) {
          const piece = await thread.render(ids.slice(i, i + PIECE));
          if (!piece.count) continue;
          yield context.format === 'json' && written ? `,${piece.text}` : piece.text;
          written += piece.count;
        }
      }
      yield exportTail(context.format);
    } finally {
      thread.close();
    }
  }

  /** Each facet's labels in `lang`, by code (the CSV's coded columns). */
  private async labels(lang: Lang): Promise<ExportContext['labels']> {
    const terms = await this.vocabulary.terms();
    return Object.fromEntries(
      SEARCH_FACETS.filter((facet) => facet in terms).map((facet) => [
        facet,
        Object.fromEntries(terms[facet as keyof typeof terms].map((t) => [t.code, labelIn(t, lang)])),
      ]),
    );
  }
}
