import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  editable,
  FIELDS,
  parseWorkingTag,
  PendingChangesService,
  ProgrammesService,
  TaxonomyService,
  toRecord,
  type PendingChangeView,
  type WorkingVersion,
} from '@app/catalogue';
import { DomainError } from '@app/common';
import { IdParam } from '../http/params';
import { adminPage, formText, noticeOf, seeOther, showPage, type FormBody } from './admin-pages';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';
import { diffRecords, displayValue, labelsOf } from './programme-form';
import { englishInputOf } from './admin-programmes.pages';

/** What each refusal of a pending-change action says on the page (the service's message follows). */
const REFUSED_STATUS: Partial<Record<string, number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
};

const when = (iso: string | null | undefined): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

/**
 * A published programme's pending change, for editors: what it changes (a word diff against
 * the published entry), whether the entry changed meanwhile (and the choice where both did),
 * its review, and publish / approve / discard. The edit form edits it; the preview shows it.
 */
@ApiExcludeController()
@AdminPages('admin', 'editor')
@Controller('admin/programmes')
export class AdminPendingPages {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly pending: PendingChangesService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get(':id/pending')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Query('done') done?: string): Promise<string> {
    return this.page(admin, id, noticeOf(done));
  }

  @Post(':id/pending/publish')
  @HttpCode(200)
  async publish(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.act(admin, id, res, async () => {
      await this.pending.publish(id, versionOf(body), actorOf(admin, req));
      return `/admin/programmes/${id}?done=change-published`;
    });
  }

  @Post(':id/pending/approve')
  @HttpCode(200)
  async approve(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.act(admin, id, res, async () => {
      await this.pending.approve(id, versionOf(body), actorOf(admin, req));
      return `/admin/programmes/${id}/pending?done=change-approved`;
    });
  }

  /** Discarding loses the change's content for editors: the form asks to tick a confirmation first. */
  @Post(':id/pending/discard')
  @HttpCode(200)
  async discard(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.act(admin, id, res, async () => {
      if (formText(body, 'confirm') !== 'yes')
        throw new DomainError('invalid', 'VALIDATION_FAILED', 'Tick "Yes, discard this change" to discard it', [
          { field: 'confirm', messages: ['tick it to discard the change'] },
        ]);
      await this.pending.discard(id, versionOf(body), actorOf(admin, req));
      return `/admin/programmes/${id}?done=change-discarded`;
    });
  }

  /** The entry changed in fields the pending change changes too: keep one version of each, and the change is brought up to the entry. */
  @Post(':id/pending/rebase')
  @HttpCode(200)
  async rebase(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const choices: Record<string, 'pending' | 'published'> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.startsWith('choice.') && (value === 'pending' || value === 'published')) choices[name.slice('choice.'.length)] = value;
    }
    await this.act(admin, id, res, async () => {
      await this.pending.rebase(id, versionOf(body), choices, actorOf(admin, req));
      return `/admin/programmes/${id}/pending?done=change-rebased`;
    });
  }

  /** Runs an action and goes on; a refusal shows the pending change again with why, and the matching status. */
  private async act(admin: AdminContext, id: string, res: Response, action: () => Promise<string>): Promise<void> {
    try {
      seeOther(res, await action());
    } catch (error) {
      const status = error instanceof DomainError ? REFUSED_STATUS[error.kind] : undefined;
      if (!status || (error as DomainError).code === 'PROGRAMME.NOT_FOUND') throw error;
      res.status(status);
      showPage(res, await this.page(admin, id, null, (error as DomainError).message));
    }
  }

  private async page(admin: AdminContext, id: string, notice: string | null, error?: string): Promise<string> {
    const [live, change, taxonomy] = await Promise.all([this.programmes.getForAdmin(id), this.pending.find(id), this.taxonomy.getAll()]);
    const labels = labelsOf(taxonomy);
    const liveRecord = editable(toRecord(live));
    const me = { id: admin.user.id, label: admin.user.email };
    const view = change && describeChange(change, me);
    const result = change?.programme ? editable(toRecord(change.programme)) : null;
    return adminPage('pending.njk', admin, {
      section: 'programmes',
      notice,
      error,
      programme: { id, title: live.title.ru, slug: live.slug, state: live.publicationState, version: live.version },
      change: view,
      diff: result ? diffRecords(liveRecord, result, labels) : [],
      conflicts: (change?.conflicts ?? []).map((path) => {
        const field = FIELDS.find((f) => f.path === path)!;
        return {
          path,
          label: field.label,
          pending: displayValue(field, result ?? liveRecord, labels),
          published: displayValue(field, liveRecord, labels),
        };
      }),
      staleEnglish: (change?.staleEnglish ?? []).map((path) => ({ input: englishInputOf(path), label: englishLabel(path) })),
    });
  }
}

const versionOf = (body: FormBody): WorkingVersion => parseWorkingTag(formText(body, 'version')) ?? { kind: 'live', version: -1 };

/** The pending change as the page tells it, and what the signed-in editor may do with it. */
function describeChange(change: PendingChangeView, me: { id: string; label: string }) {
  const author = change.authors.some((a) => (a.id ?? a.label) === me.id);
  const approved = change.review.approved;
  return {
    ...change,
    createdAt: when(change.createdAt),
    updatedAt: when(change.updatedAt),
    approvedAt: when(change.review.approvedAt),
    authorList: change.authors.map((a) => a.label).join(', '),
    mine: author,
    // with review on, an author may publish only what another editor approved; anyone else publishing approves it
    canPublish: !change.review.required || approved || !author,
    canApprove: change.review.required && !author && !approved,
  };
}

/** A localised text's name for people: `keyFacts.2.value` → "Key fact 3: value". */
function englishLabel(path: string): string {
  const row =
    /^(keyFacts|curation\.sources|application\.steps|application\.requiredDocuments|eligibility\.checks)\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (row) {
    const names: Record<string, string> = {
      keyFacts: 'Key fact',
      'curation.sources': 'Source',
      'application.steps': 'Step',
      'application.requiredDocuments': 'Document',
      'eligibility.checks': 'Condition',
    };
    return `${names[row[1]]} ${Number(row[2]) + 1}${row[3] && row[3] !== 'text' ? `: ${row[3]}` : ''}`;
  }
  return FIELDS.find((f) => f.path === `${path}.en`)?.label.replace(' (en)', '') ?? path;
}
