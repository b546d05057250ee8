import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsUUID } from 'class-validator';
import { moscowDay } from '@app/catalogue';
import { Clock, DomainError } from '@app/common';
import { SourceWatchService, type WatchItemView } from '@app/source-watch';
import { IdParam } from '../http/params';
import { adminPage, changeOrShow, formList, formText, formVersion, problemsOf, type FormBody } from './admin-pages';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';

const PER_PAGE = 20;

class ItemParam {
  @IsUUID() itemId: string;
}

const NOTICES: Record<string, string> = {
  confirmed: 'Confirmed: the sources you ticked are marked as checked today, and their changes left the queue.',
  dismissed: 'Dismissed: the entry stays as it is.',
};

const KIND_LABELS: Record<WatchItemView['kind'], string> = { changed: 'Page changed', moved: 'Page moved', vanished: 'Page gone' };

const stamp = (iso: string | null): string | null => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

const positiveInt = (v: string, fallback: number): number => (/^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : fallback);

/** What a template shows of one queue item. */
const itemForPage = (i: WatchItemView) => ({
  ...i,
  label: KIND_LABELS[i.kind],
  detectedAt: stamp(i.detectedAt),
  firstDetectedAt: stamp(i.firstDetectedAt),
  checkedAt: stamp(i.now.checkedAt),
  statusText:
    i.now.status === null
      ? `no answer: ${i.now.error ?? 'not read yet'}`
      : i.now.status === 304
        ? '304 (not modified)'
        : `HTTP ${i.now.status}`,
});

/**
 * The editors' source-watch pages: the queue of entries whose cited pages changed, moved or vanished,
 * one entry's sources with the latest reading of each, and the two actions: confirm the entry against
 * its pages (a normal save that sets `checkedOn`), or dismiss an item.
 */
@ApiExcludeController()
@AdminPages('admin', 'editor')
@Controller('admin/source-watch')
export class AdminSourceWatchPages {
  constructor(
    private readonly watch: SourceWatchService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async queue(@Admin() admin: AdminContext, @Query() query: FormBody): Promise<string> {
    const page = positiveInt(formText(query, 'page'), 1);
    const [summary, queue] = await Promise.all([this.watch.summary(), this.watch.queue({ page, perPage: PER_PAGE })]);
    return adminPage('source-watch.njk', admin, {
      section: 'source-watch',
      notice: NOTICES[formText(query, 'done')] ?? null,
      summary: { ...summary, lastReadAt: stamp(summary.lastReadAt) },
      today: moscowDay(this.clock.now()),
      entries: queue.entries.map((e) => ({
        ...e,
        items: e.items.map(itemForPage),
        pendingKeys: [...new Set(e.items.flatMap((i) => i.sourceKeys))],
      })),
      total: queue.total,
      page,
      pages: Math.max(1, Math.ceil(queue.total / PER_PAGE)),
    });
  }

  @Get('programmes/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async entry(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Query('done') done?: string): Promise<string> {
    return this.renderEntry(admin, id, typeof done === 'string' ? (NOTICES[done] ?? null) : null);
  }

  /** Confirms the entry against the ticked sources' pages (the version the page was drawn at, so a newer save is never overwritten). */
  @Post('programmes/:id/confirm')
  @HttpCode(200)
  async confirm(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const keys = formList(body, 'sources');
    const back = formText(body, 'back') === 'queue' ? '/admin/source-watch' : `/admin/source-watch/programmes/${id}`;
    await changeOrShow(
      res,
      async () => {
        if (!keys.length)
          throw new DomainError('invalid', 'VALIDATION_FAILED', 'Tick the sources you checked', [
            { field: 'sources', messages: ['tick at least one source you checked the entry against'] },
          ]);
        await this.watch.confirm(id, formVersion(body), actorOf(admin, req), keys);
        return `${back}?done=confirmed`;
      },
      (error) => this.renderEntry(admin, id, null, error),
    );
  }

  @Post('items/:itemId/dismiss')
  @HttpCode(200)
  async dismiss(
    @Admin() admin: AdminContext,
    @Param() { itemId }: ItemParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await changeOrShow(
      res,
      async () => {
        const { programmeId } = await this.watch.dismiss(itemId, actorOf(admin, req));
        return formText(body, 'back') === 'entry'
          ? `/admin/source-watch/programmes/${programmeId}?done=dismissed`
          : '/admin/source-watch?done=dismissed';
      },
      async (error) =>
        adminPage('error.njk', admin, { title: 'That item is no longer in the queue', message: error.message, status: 404, details: [] }),
    );
  }

  private async renderEntry(admin: AdminContext, id: string, notice: string | null, error?: DomainError): Promise<string> {
    const { programme, sources, items } = await this.watch.entry(id);
    const pending = new Set(items.flatMap((i) => i.sourceKeys));
    return adminPage('source-watch-entry.njk', admin, {
      section: 'source-watch',
      notice,
      error: error && { message: error.message, problems: problemsOf(error) },
      today: moscowDay(this.clock.now()),
      programme: {
        id: programme.id,
        slug: programme.slug,
        title: programme.title.ru,
        version: programme.version,
        state: programme.publicationState,
      },
      sources: sources.map((s) => ({
        ...s,
        ticked: s.url !== null && (pending.size ? pending.has(s.key) : true),
        reading: s.reading && {
          ...s.reading,
          checkedAt: stamp(s.reading.checkedAt),
          statusText:
            s.reading.status === null
              ? `no answer${s.reading.error ? `: ${s.reading.error}` : ''}`
              : s.reading.status === 304
                ? '304 (not modified)'
                : `HTTP ${s.reading.status}`,
        },
      })),
      items: items.map(itemForPage),
    });
  }
}
