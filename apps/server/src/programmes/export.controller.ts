import { once } from 'node:events';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags, OmitType } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { ChangeFeedService, mapProgramme, ProgrammeRepository, type ProgrammeView } from '@app/catalogue';
import { Clock, csvSafeCell } from '@app/common';
import type { ApiClient, ApiRequest } from '../api-access/api-access.guard';
import { ExportBudget } from '../api-access/export-budget';
import { AppConfig } from '@app/config';

import { ProgrammeListQuery, toSearchRequest } from './programme-list.query';
import { labelIn, SearchService, SearchVocabulary, type SearchFacet } from '@app/search';
import { RateLimit } from '../api-access/rate-limit.decorator';

/** Any search, without paging: the export has every match. */
export class ExportQuery extends OmitType(ProgrammeListQuery, ['page', 'perPage', 'after'] as const) {}

type Format = 'csv' | 'json' | 'ndjson';

/** CSV columns: stable keys (tools read them); the values of coded fields are labels in `lang`. */
export const EXPORT_COLUMNS = [
  'slug',
  'url',
  'title',
  'summary',
  'provider',
  'supportTypes',
  'applicantTypes',
  'stages',
  'sizes',
  'industries',
  'objectives',
  'territories',
  'status',
  'opensAt',
  'closesAt',
  'amountMin',
  'amountMax',
  'ratePercent',
  'termMonths',
  'applyUrl',
  'email',
  'phone',
  'contactUrl',
  'sources',
  'newestSourceOn',
  'lastCheckedOn',
  'updatedAt',
] as const;

const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
const FACET_FIELDS: [keyof ProgrammeView, SearchFacet][] = [
  ['supportTypes', 'supportType'],
  ['applicantTypes', 'applicantType'],
  ['stages', 'stage'],
  ['sizes', 'size'],
  ['industries', 'industry'],
  ['objectives', 'objective'],
  ['territories', 'territory'],
];
/**
 * Programmes loaded and written per step. Small, and the event loop is yielded between steps,
 * so searches interleave with running exports instead of queueing behind a long stretch
 * of hydration and serialisation (see docs/benchmarks.md, search while 4 exports run).
 */
const CHUNK = 100;
const BOM = '\uFEFF';

/**
 * Exports of any search as CSV (UTF-8 with a BOM and CRLF, so Excel opens
 * Russian text as it is), JSON or NDJSON. Streamed: ids come from the engine
 * in pages and programmes from PostgreSQL in chunks, written as the client
 * reads them, so memory stays flat however many rows there are.
 */
@ApiTags('programmes')
@RateLimit('api')
@Controller('api/v1')
export class ExportController {
  constructor(
    private readonly search: SearchService,
    private readonly programmes: ProgrammeRepository,
    private readonly vocabulary: SearchVocabulary,
    private readonly changes: ChangeFeedService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly budget: ExportBudget,
  ) {}

  @Get('programmes.csv')
  @ApiOperation({
    summary: 'Every programme a search matches, as CSV (UTF-8 with BOM, CRLF; opens in Excel)',
    description: `Columns: ${EXPORT_COLUMNS.join(', ')}. Coded fields hold labels in \`lang\`, separated by "; ".`,
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'The rows, streamed. X-Total-Count: how many; X-Changes-Cursor: resume the change feed from here to stay in sync.',
  })
  csv(@Query() query: ExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.export('csv', query, req, res);
  }

  @Get('programmes.json')
  @ApiOperation({ summary: 'Every programme a search matches, as one JSON array of programmes (as GET /programmes/{slug})' })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, description: 'The programmes, streamed. X-Total-Count and X-Changes-Cursor as for CSV.' })
  json(@Query() query: ExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.export('json', query, req, res);
  }

  @Get('programmes.ndjson')
  @ApiOperation({ summary: 'Every programme a search matches, one JSON programme per line' })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'The programmes, streamed. X-Total-Count and X-Changes-Cursor as for CSV.' })
  ndjson(@Query() query: ExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.export('ndjson', query, req, res);
  }

  private async export(format: Format, query: ExportQuery, req: Request, res: Response): Promise<void> {
    const client = (req as ApiRequest).apiClient!;
    const release = this.budget.acquire(client);
    res.on('close', release);
    try {
      await this.stream(format, query, client, res);
    } finally {
      release();
    }
  }

  private async stream(format: Format, query: ExportQuery, client: ApiClient, res: Response): Promise<void> {
    const { lang } = query;
    const { page: _page, perPage: _perPage, after: _after, ...request } = toSearchRequest({ ...query, page: 1, perPage: 0 });
    const cursor = await this.changes.head();
    const pages = this.search.matchingIds(request);
    // the first page (bad codes, engine errors) before any byte is sent, so failures are still clean JSON errors
    const first = await pages.next();
    const total = first.done ? 0 : first.value.total;
    // the rows are paid for before they are sent
    await this.budget.charge(client, total);
    const terms = await this.vocabulary.terms();
    const base = this.config.http.publicBaseUrl;
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="programmes-${this.clock.now().toISOString().slice(0, 10)}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Total-Count', String(total));
    res.setHeader('X-Changes-Cursor', cursor);
    let closed = false;
    res.on('close', () => (closed = true));
    const write = async (chunk: string): Promise<void> => {
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    };
    const label = (facet: SearchFacet, codes: string[]) =>
      codes
        .map((c) => {
          const t = terms[facet].find((x) => x.code === c);
          return t ? labelIn(t, lang) : c;
        })
        .join('; ');
    const csvRow = (p: ProgrammeView): (string | number | null)[] => {
      const text = (v: { ru: string | null; en: string | null }) => csvSafeCell((lang === 'en' && v.en) || v.ru || '');
      const row: Record<(typeof EXPORT_COLUMNS)[number], string | number | null> = {
        slug: p.slug,
        url: `${base}/programmes/${p.slug}`,
        title: text(p.title),
        summary: text(p.summary),
        provider: text(p.provider.name),
        supportTypes: '',
        applicantTypes: '',
        stages: '',
        sizes: '',
        industries: '',
        objectives: '',
        territories: '',
        status: p.timing.status,
        opensAt: p.timing.opensAt,
        closesAt: p.timing.closesAt,
        amountMin: p.benefit.amountMin,
        amountMax: p.benefit.amountMax,
        ratePercent: p.benefit.ratePercent,
        termMonths: p.benefit.termMonths,
        applyUrl: p.application.applyUrl,
        email: p.application.contacts.email ?? null,
        phone: csvSafeCell(p.application.contacts.phone ?? ''),
        contactUrl: p.application.contacts.url ?? null,
        sources: csvSafeCell(p.curation.sources.map((src) => src.url ?? src.publisher).join(' ')),
        newestSourceOn: p.curation.newestSourceOn,
        lastCheckedOn: p.curation.lastCheckedOn,
        updatedAt: p.updatedAt,
      };
      for (const [field, facet] of FACET_FIELDS)
        row[field as (typeof EXPORT_COLUMNS)[number]] = csvSafeCell(label(facet, p[field] as string[]));
      return EXPORT_COLUMNS.map((c) => row[c]);
    };

    try {
      if (format === 'csv') await write(BOM + stringify([[...EXPORT_COLUMNS]], { record_delimiter: 'windows' }));
      if (format === 'json') await write('[');
      let written = 0;
      const emit = async (ids: string[]) => {
        for (let i = 0; i < ids.length && !closed; i += CHUNK) {
          const slice = ids.slice(i, i + CHUNK);
          const found = new Map((await this.programmes.findPublishedByIds(slice)).map((p) => [p.id, mapProgramme(p)]));
          const views = slice.map((id) => found.get(id)).filter((v): v is ProgrammeView => v !== undefined);
          if (!views.length) continue;
          if (format === 'csv') await write(stringify(views.map(csvRow), { record_delimiter: 'windows' }));
          else if (format === 'ndjson') await write(views.map((v) => `${JSON.stringify(v)}\n`).join(''));
          else await write(views.map((v, j) => `${written + j ? ',' : ''}${JSON.stringify(v)}`).join(''));
          written += views.length;
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      if (!first.done) await emit(first.value.ids);
      for await (const page of pages) {
        if (closed) break;
        await emit(page.ids);
      }
      if (format === 'json') await write(']\n');
      res.end();
    } catch (error) {
      // the status line is sent: all that is left is to cut the stream, so the client sees it incomplete
      res.destroy(error as Error);
    }
  }
}
