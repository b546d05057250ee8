import { once } from 'node:events';
import { Public } from '@app/identity';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags, OmitType } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Clock } from '@app/common';
import type { ApiClient, ApiRequest } from '../api-access/api-access.guard';
import { ExportBudget } from '../api-access/export-budget';
import { RateLimit } from '../api-access/rate-limit.decorator';
import { ProgrammeListQuery, toSearchRequest } from './programme-list.query';
import { EXPORT_COLUMNS, ProgrammeExport, type ExportFormat } from './programme-export';

/** Any search, without paging: the export has every match. */
export class ExportQuery extends OmitType(ProgrammeListQuery, ['page', 'perPage', 'after'] as const) {}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * Exports of any search as CSV, JSON or NDJSON (ProgrammeExport makes the file):
 * paid for from the client's export budget before a byte is sent, then written
 * as the client reads it.
 */
@ApiTags('programmes')
@Public("anyone; an API key or bearer token raises the rate limit; each export is charged to the client's export budget")
@RateLimit('api')
@Controller('api/v1')
export class ExportController {
  constructor(
    private readonly exporter: ProgrammeExport,
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

  private async export(format: ExportFormat, query: ExportQuery, req: Request, res: Response): Promise<void> {
    const client = (req as ApiRequest).apiClient!;
    const release = this.budget.acquire(client);
    res.on('close', release);
    try {
      await this.stream(format, query, client, res);
    } finally {
      release();
    }
  }

  private async stream(format: ExportFormat, query: ExportQuery, client: ApiClient, res: Response): Promise<void> {
    const { page: _page, perPage: _perPage, after: _after, ...request } = toSearchRequest({ ...query, page: 1, perPage: 0 });
    // the search's first page (bad codes, engine errors) before any byte is sent, so failures are still clean JSON errors
    const run = await this.exporter.open(format, request, query.lang);
    // the rows are paid for before they are sent
    await this.budget.charge(client, run.total);
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="programmes-${this.clock.now().toISOString().slice(0, 10)}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Total-Count', String(run.total));
    res.setHeader('X-Changes-Cursor', run.cursor);
    let closed = false;
    res.on('close', () => (closed = true));
    try {
      for await (const chunk of run.chunks) {
        if (closed) break;
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    } catch (error) {
      // the status line is sent: all that is left is to cut the stream, so the client sees it incomplete
      res.destroy(error as Error);
    }
  }
}
