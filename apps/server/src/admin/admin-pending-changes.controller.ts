import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import {
  ActorView,
  PendingChangesService,
  ProgrammeView,
  UpdateProgrammeDto,
  type PendingChangeSummary,
  type PendingChangeView,
  type PendingFieldChange,
} from '@app/catalogue';
import { PageQuery } from '@app/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { IdParam } from '../http/params';
import { VersionEtagInterceptor, WorkingIfMatch } from '../http/versioning';
import type { WorkingVersion } from '@app/catalogue';

const actorOf = (u: AuthenticatedUser) => ({ id: u.id, label: u.email });

export const PENDING_IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'the pending change\'s ETag you last read, e.g. "p2" (or *)',
});

/** Any JSON value a field can hold. */
const ANY_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
    { type: 'null' },
  ],
};

export class PendingFieldChangeView implements PendingFieldChange {
  @ApiProperty({ description: 'a dotted path of the programme record, e.g. "title.ru", "keyFacts"' }) field: string;
  @ApiProperty({ description: 'the field as the admin form names it' }) label: string;
  @ApiProperty({ ...ANY_VALUE, description: 'its value in the published entry now' }) published: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'its value once this change is published' }) pending: unknown;
}

export class PendingReviewView {
  @ApiProperty({ description: 'PROGRAMME_REVIEW_REQUIRED: an editor who is none of its authors must approve or publish it' })
  required: boolean;
  @ApiProperty({ type: ActorView, nullable: true }) approvedBy: ActorView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ description: 'the approval is of this very version (a later save needs a new one)' }) approved: boolean;
}

export class FieldProblemView {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

export class PendingChangeResponse implements PendingChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ description: 'the slug as published now' }) slug: string;
  @ApiProperty({ description: 'the Russian title as published now' }) title: string;
  @ApiProperty({ enum: ['open', 'published', 'discarded'] }) state: 'open' | 'published' | 'discarded';
  @ApiProperty({ type: 'integer', description: 'its latest save; the ETag is "p" and this number' }) version: number;
  @ApiProperty({ description: 'the ETag without quotes, e.g. p2: send it as If-Match "p2"' }) etag: string;
  @ApiProperty({ type: 'integer', description: "the entry's version this change was made from" }) baseVersion: number;
  @ApiProperty({ type: 'integer', description: "the entry's version now (its own ETag)" }) publishedVersion: number;
  @ApiProperty({ enum: ['draft', 'published', 'archived'] }) publicationState: string;
  @ApiProperty({ description: 'the entry was changed since this change was made; publishing merges those changes in' })
  outdated: boolean;
  @ApiProperty({
    type: [String],
    description: 'fields changed both here and in the entry since: choose a version of each (rebase) before publishing',
  })
  conflicts: string[];
  @ApiProperty({ type: [PendingFieldChangeView], description: 'what publishing would change in the entry as it is now' })
  changes: PendingFieldChange[];
  @ApiProperty({
    type: [String],
    description: 'paths of texts whose Russian changed while their English did not: the English may be out of date',
  })
  staleEnglish: string[];
  @ApiProperty({ type: ActorView }) createdBy: ActorView;
  @ApiProperty({ type: [ActorView], description: 'everyone who saved into it' }) authors: ActorView[];
  @ApiProperty() updatedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: PendingReviewView }) review: PendingReviewView;
  @ApiProperty({
    type: () => ProgrammeView,
    nullable: true,
    description: 'the programme as publishing would make it (what the preview shows); null while it fails a check (see problems)',
  })
  programme: ProgrammeView | null;
  @ApiProperty({ type: [FieldProblemView] }) problems: FieldProblemView[];
}

export class PendingChangeSummaryView implements PendingChangeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() etag: string;
  @ApiProperty({ type: 'integer' }) baseVersion: number;
  @ApiProperty({ type: 'integer' }) publishedVersion: number;
  @ApiProperty({ description: "the entry's version moved since the change was made" }) outdated: boolean;
  @ApiProperty({ type: [ActorView] }) authors: ActorView[];
  @ApiProperty() updatedBy: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() approved: boolean;
}

export class PendingChangeListView {
  @ApiProperty({ type: [PendingChangeSummaryView] }) items: PendingChangeSummaryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}

export class RebaseDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['pending', 'published'] },
    description: 'for each conflicting field (a path from `conflicts`), which version to keep',
    example: { 'title.ru': 'pending' },
  })
  @IsOptional()
  @IsObject()
  choices?: Record<string, 'pending' | 'published'>;
}

/** The choices that name a side; anything else counts as no choice (and a conflict left unchosen is a 400 naming it). */
function validChoices(choices: Record<string, unknown> | undefined): Record<string, 'pending' | 'published'> {
  return Object.fromEntries(
    Object.entries(choices ?? {}).filter((e): e is [string, 'pending' | 'published'] => e[1] === 'pending' || e[1] === 'published'),
  );
}

/**
 * The pending change of a published programme: what an editor's save of it became, kept apart
 * from the live entry until it is published. The same operations as the admin pages.
 */
@ApiTags('admin: pending changes')
@ApiBearerAuth()
@ApiExtraModels(PendingChangeResponse)
@Roles('admin', 'editor')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin')
export class AdminPendingChangesController {
  constructor(private readonly pending: PendingChangesService) {}

  @Get('pending-changes')
  @ApiOperation({ summary: 'Open pending changes of published programmes, the most recently saved first' })
  @ApiOkResponse({ type: PendingChangeListView })
  async list(@Query() query: PageQuery): Promise<PendingChangeListView> {
    const { items, total } = await this.pending.list(query);
    return { items, total, page: query.page, perPage: query.perPage };
  }

  @Get('programmes/:id/pending-change')
  @ApiOperation({
    summary: 'A programme\'s open pending change: what it changes, a preview of the entry, its review; ETag "p<version>"',
  })
  @ApiOkResponse({ type: PendingChangeResponse })
  get(@Param() { id }: IdParam): Promise<PendingChangeView> {
    return this.pending.get(id);
  }

  @Patch('programmes/:id/pending-change')
  @PENDING_IF_MATCH
  @ApiOperation({ summary: 'Change some fields of the pending change (not live until published); needs If-Match "p<version>"' })
  @ApiOkResponse({ type: PendingChangeResponse })
  async update(
    @Param() { id }: IdParam,
    @WorkingIfMatch() version: WorkingVersion,
    @Body() body: UpdateProgrammeDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PendingChangeView> {
    const outcome = await this.pending.edit(id, version, body, actorOf(user), { pendingOnly: true });
    return outcome.kind === 'pending' ? outcome.change : this.pending.get(id);
  }

  @Post('programmes/:id/pending-change/approve')
  @HttpCode(200)
  @PENDING_IF_MATCH
  @ApiOperation({ summary: 'Approve this version of the pending change (not by any of its authors); needs If-Match' })
  @ApiOkResponse({ type: PendingChangeResponse })
  approve(@Param() { id }: IdParam, @WorkingIfMatch() version: WorkingVersion, @CurrentUser() user: AuthenticatedUser) {
    return this.pending.approve(id, version, actorOf(user));
  }

  @Post('programmes/:id/pending-change/publish')
  @HttpCode(200)
  @PENDING_IF_MATCH
  @ApiOperation({
    summary:
      'Publish the pending change: it is saved to the entry (merged with what changed there since; 409 while both changed a field). With PROGRAMME_REVIEW_REQUIRED, an author may publish only an approved change; anyone else publishing approves it. Needs If-Match',
  })
  @ApiOkResponse({ type: ProgrammeView, description: 'the programme as now published; ETag its version' })
  publish(
    @Param() { id }: IdParam,
    @WorkingIfMatch() version: WorkingVersion,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeView> {
    return this.pending.publish(id, version, actorOf(user));
  }

  @Post('programmes/:id/pending-change/rebase')
  @HttpCode(200)
  @PENDING_IF_MATCH
  @ApiOperation({
    summary:
      "Bring an outdated pending change up to the entry as it is now: the entry's own changes are taken in, and for each conflicting field the version chosen; needs If-Match",
  })
  @ApiOkResponse({ type: PendingChangeResponse })
  rebase(
    @Param() { id }: IdParam,
    @WorkingIfMatch() version: WorkingVersion,
    @Body() body: RebaseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PendingChangeView> {
    return this.pending.rebase(id, version, validChoices(body.choices), actorOf(user));
  }

  @Delete('programmes/:id/pending-change')
  @HttpCode(204)
  @PENDING_IF_MATCH
  @ApiOperation({ summary: 'Discard the pending change; the entry stays as published. Needs If-Match' })
  @ApiNoContentResponse({ description: 'discarded' })
  discard(@Param() { id }: IdParam, @WorkingIfMatch() version: WorkingVersion, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.pending.discard(id, version, actorOf(user));
  }
}
