import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { formatOf, ImportJobsService, ProgrammeTransferService, recordsToCsv, type ImportReport } from '@app/catalogue';
import { Clock, DomainError } from '@app/common';
import { AUDIT_ACTIONS, AuditService } from '@app/identity';
import { AppConfig } from '@app/config';
import { SearchEngine, SearchMaintenanceService, SearchOutbox, SearchStatusService } from '@app/search';
import { MailRelay } from '@app/alerts';
import { IdParam } from '../http/params';
import { adminPage, noticeOf, seeOther, showPage } from './admin-pages';
import { readForm, type FormBody } from './form-input';
import { actorOf, Admin, AdminContext, AdminPages, AdminRoles } from './admin-session';

/** What multer leaves on the request for the import form's file field. */
interface UploadedImport {
  originalname: string;
  buffer: Buffer;
}

const AUDIT_PAGE = 50;

/** A message's id (a bigint). */
class MessageIdParam {
  @Matches(/^\d{1,18}$/, { message: 'messageId must be a message number' }) messageId: string;
}

/** The audit log's filters, and the event a page starts before. */
class AuditFilters {
  @IsOptional() @IsString() @MaxLength(60) action: string | null;
  @IsOptional() @IsString() @MaxLength(320) actor: string | null;
  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'before must be an event number' }) before: string | null;
}

/** The web addresses in a message's text (split keeps them, at odd positions); a full stop or bracket after one is not part of it. */
const LINK = /(https?:\/\/[^\s<>"]*[^\s<>".,;:)\]])/;

/** Each problem of each invalid row the report lists, one line per field, for the report table. */
const problemLines = (report: ImportReport) =>
  report.rows
    .filter((r) => r.action === 'invalid')
    .flatMap((r) => (r.problems ?? []).map((p) => ({ row: r.row, slug: r.slug, field: p.field, message: p.messages.join('; ') })));

/** Problems the report counts but does not list, by field ("and 4,210 more problems with title.ru"). */
const omittedProblems = (report: ImportReport) =>
  Object.entries(report.omitted?.problems ?? {}).map(([field, count]) => ({ field, count: count.toLocaleString('en-GB') }));

/** Import and export, search sync status, and the audit log. */
@ApiExcludeController()
@AdminPages('admin', 'editor')
@Controller('admin')
export class AdminOpsPages {
  constructor(
    private readonly transfer: ProgrammeTransferService,
    private readonly imports: ImportJobsService,
    private readonly status: SearchStatusService,
    private readonly maintenance: SearchMaintenanceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mail: MailRelay,
    private readonly config: AppConfig,
    private readonly engine: SearchEngine,
    private readonly outbox: SearchOutbox,
  ) {}

  @Get('import')
  @Header('Content-Type', 'text/html; charset=utf-8')
  importPage(@Admin() admin: AdminContext): string {
    return this.renderImport(admin);
  }

  /** Upload: a dry run, kept with its report; nothing in the catalogue changes yet. */
  @Post('import')
  @HttpCode(200)
  async upload(@Admin() admin: AdminContext, @Req() req: Request & { file?: UploadedImport }, @Res() res: Response): Promise<void> {
    const file = req.file;
    const fail = (message: string): void => showPage(res.status(400), this.renderImport(admin, message));
    if (!file || file.buffer.length === 0) return fail('Choose a .csv or .json file to import.');
    const format = formatOf(file.originalname);
    if (!format) return fail('The file must end in .csv or .json.');
    const content = file.buffer.toString('utf8');
    if (content.includes('\uFFFD')) return fail('The file is not UTF-8 text.');
    if (content.includes('\u0000')) return fail('The file contains NUL characters.');
    let id: string;
    try {
      id = await this.imports.start({ name: file.originalname.slice(0, 200), format, content }, actorOf(admin, req));
    } catch (error) {
      // unreadable (400) or over the row limit (413, the limit named): the page again, saying so
      if (error instanceof DomainError && (error.kind === 'invalid' || error.kind === 'payload_too_large')) {
        return showPage(res.status(error.kind === 'invalid' ? 400 : 413), this.renderImport(admin, `${error.message}.`));
      }
      throw error;
    }
    seeOther(res, `/admin/import/${id}`);
  }

  private renderImport(admin: AdminContext, error?: string): string {
    const { maxFileBytes, maxRows } = this.config.transfer;
    return adminPage('import.njk', admin, {
      section: 'import',
      error,
      limits: { megabytes: Math.floor(maxFileBytes / 1024 / 1024), rows: maxRows.toLocaleString('en-GB') },
    });
  }

  /** The report of a check or an apply; while one runs, progress (the page refreshes itself). */
  @Get('import/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async importReport(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Query('done') done?: string): Promise<string> {
    const job = await this.imports.get(id);
    const report = job.appliedReport ?? job.report;
    const running = ['queued', 'checking', 'apply-queued', 'applying'].includes(job.state) && !job.interrupted;
    const stamp = (d: Date | null) => d?.toISOString().slice(0, 16).replace('T', ' ') ?? null;
    return adminPage('import-report.njk', admin, {
      section: 'import',
      notice: done === 'applied' && job.state === 'applied' ? 'Applied: the valid rows are saved, in one transaction.' : null,
      job: { ...job, createdAt: stamp(job.createdAt), appliedAt: stamp(job.appliedAt) },
      running,
      percent: job.rows ? Math.floor((job.done / job.rows) * 100) : 100,
      report,
      problems: report ? problemLines(report) : [],
      omittedProblems: report ? omittedProblems(report) : [],
      omittedChanges: report?.omitted?.changes ?? 0,
      changes: report ? report.rows.filter((r) => r.action === 'create' || r.action === 'update') : [],
      applicable: report ? report.counts.create + report.counts.update : 0,
    });
  }

  @Post('import/:id/apply')
  async apply(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.imports.apply(id, actorOf(admin, req));
    seeOther(res, `/admin/import/${id}?done=applied`);
  }

  @Get('export')
  async export(@Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (format !== undefined && format !== 'csv' && format !== 'json') {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'Unknown export format', [
        { field: 'format', messages: ['must be csv or json'] },
      ]);
    }
    const records = await this.transfer.exportAll();
    const stamp = this.clock.now().toISOString().slice(0, 10);
    const csv = format === 'csv';
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="programmes-${stamp}.${csv ? 'csv' : 'json'}"`);
    return new StreamableFile(Buffer.from(csv ? recordsToCsv(records) : `${JSON.stringify(records, null, 2)}\n`, 'utf8'));
  }

  @Get('search')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async searchPage(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    const status = await this.status.status();
    return adminPage('search.njk', admin, { section: 'search', status, notice: noticeOf(done) });
  }

  /** Admins only, as in the admin API (`POST /api/v1/admin/search/retry`): one rule for both. */
  @Post('search/retry')
  @AdminRoles('admin')
  async retry(@Admin() admin: AdminContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const rescheduled = await this.status.retryNow();
    await this.audit.record(actorOf(admin, req), 'search.retry', null, { rescheduled });
    seeOther(res, '/admin/search?done=retried');
  }

  /**
   * Rebuilds the index and swaps it in; searches keep being answered meanwhile. A server whose jobs run in a
   * separate worker holds a search-only key for an external engine: it queues the rebuild, which the worker
   * (holding the write key) claims within a second or so.
   */
  @Post('search/reindex')
  @AdminRoles('admin')
  async reindex(@Admin() admin: AdminContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.engine.holdsCopy && !this.config.worker.inProcess) {
      const queued = await this.outbox.enqueueReindex();
      await this.audit.record(actorOf(admin, req), 'search.reindex', null, { queued, engine: this.engine.name });
      return seeOther(res, '/admin/search?done=reindex-queued');
    }
    const report = await this.maintenance.reindex();
    await this.audit.record(actorOf(admin, req), 'search.reindex', null, { ...report });
    seeOther(res, '/admin/search?done=reindexed');
  }

  /** Mail the site queued (alert confirmations, digests): without SMTP_URL it waits here, never lost. Recipients are never shown. */
  @Get('outbox')
  @AdminRoles('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async outboxPage(@Admin() admin: AdminContext): Promise<string> {
    return adminPage('outbox.njk', admin, { section: 'outbox', sending: this.mail.sending, messages: await this.mail.recent() });
  }

  /**
   * One message in full: what a visitor was sent (or will be), with its recipient and its links
   * as links, so an admin can check it or deliver it by hand while there is no SMTP_URL. Each
   * opening is in the audit log.
   */
  @Get('outbox/:messageId')
  @AdminRoles('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async outboxMessage(@Admin() admin: AdminContext, @Param() { messageId }: MessageIdParam, @Req() req: Request): Promise<string> {
    const message = await this.mail.message(messageId);
    if (!message) throw new DomainError('not_found', 'MAIL.NOT_FOUND', `There is no message ${messageId}`);
    await this.audit.record(actorOf(admin, req), 'mail.view', message.id, { kind: message.kind });
    const links = message.text.split(LINK).map((part, i) => (i % 2 ? { url: part } : { text: part }));
    return adminPage('outbox-message.njk', admin, {
      section: 'outbox',
      sending: this.mail.sending,
      message,
      parts: links,
      confirmUrl: links.find((p) => p.url?.includes('/alerts/confirm/'))?.url ?? null,
    });
  }

  @Get('audit')
  @AdminRoles('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async auditPage(@Admin() admin: AdminContext, @Query() query: FormBody): Promise<string> {
    const { action, actor, before } = await readForm(AuditFilters, query);
    const events = await this.audit.list({
      action: action ?? undefined,
      actor: actor ?? undefined,
      before: before ?? undefined,
      limit: AUDIT_PAGE + 1,
    });
    const page = events.slice(0, AUDIT_PAGE);
    const params = new URLSearchParams({ ...(action ? { action } : {}), ...(actor ? { actor } : {}) });
    return adminPage('audit.njk', admin, {
      section: 'audit',
      actions: [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]))],
      filters: { action: action ?? '', actor: actor ?? '' },
      events: page.map((e) => ({
        ...e,
        at: e.at.toISOString().slice(0, 19).replace('T', ' '),
        detail: Object.keys(e.detail).length ? JSON.stringify(e.detail) : '',
      })),
      nextUrl:
        events.length > AUDIT_PAGE ? `/admin/audit?${params.toString()}${params.size ? '&' : ''}before=${page[page.length - 1].id}` : null,
    });
  }
}
