import { AppConfig } from '@app/config';
import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  AdminProgrammeListView,
  CreateProgrammeDto,
  FACETS,
  PUBLICATION_STATES,
  ProgrammeRevisions,
  ProgrammesService,
  ProgrammeTransition,
  ProgrammeView,
  RevisionView,
  sourcesOutdatedBefore,
  moscowDay,
  SuggestedUpdatesService,
  UpdateProgrammeDto,
  type PublicationState,
  type SuggestedUpdateView,
  PendingChangesService,
  type EditOutcome,
  type PendingChangeView,
  type WorkingVersion,
} from '@app/catalogue';
import { Clock, type ExpectedVersion } from '@app/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { facetSelection, ProgrammeFilterQuery } from '../programmes/programme-list.query';
import { IdParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor, WorkingIfMatch } from '../http/versioning';
import { PendingChangeResponse } from './admin-pending-changes.controller';
import { Created } from '../http/created';

const TAXONOMY_FACETS = FACETS.map((f) => f.param);

export class AdminProgrammeListQuery extends ProgrammeFilterQuery {
  @ApiPropertyOptional({ enum: PUBLICATION_STATES, isArray: true })
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',')))
  @IsOptional()
  @IsIn(PUBLICATION_STATES, { each: true })
  publicationState?: PublicationState[];

  @ApiPropertyOptional({
    description:
      'true: only programmes with a fact that holds now whose own source is older than SOURCE_MAX_AGE_DAYS (default 365) by its page date and last check, or undated and unchecked',
  })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  outdated?: boolean;

  @ApiPropertyOptional({ description: 'true: only programmes that break a publishing rule (see curation.problems)' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  needsWork?: boolean;

  @ApiPropertyOptional({ description: 'true: only programmes with a shipped-catalogue update waiting for an editor' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  pendingUpdate?: boolean;

  @ApiPropertyOptional({ description: 'true: only published programmes with a pending change waiting to be published' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  pendingChange?: boolean;
}

/**
 * The service's filter for an admin list query: how its parameters are read, written once for the API's
 * list and the admin page's. `outdated` is relative to `now` and the configured source age.
 */
export function adminListFilter(
  query: AdminProgrammeListQuery,
  now: Date,
  sourceMaxAgeDays: number,
): Parameters<ProgrammesService['listForAdmin']>[0] {
  const { q, provider, status, publicationState, outdated, pendingUpdate, pendingChange, needsWork } = query;
  return {
    q: q || undefined,
    provider,
    status,
    facets: facetSelection(query, TAXONOMY_FACETS),
    publicationState,
    factsOlderThan: outdated ? { day: sourcesOutdatedBefore(now, sourceMaxAgeDays), today: moscowDay(now) } : undefined,
    breaksPublishingRules: needsWork,
    pendingSuggestion: pendingUpdate,
    pendingChange,
  };
}

class SuggestionParams extends IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() suggestionId: string;
}

class SuggestedUpdateResponse implements SuggestedUpdateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "the hash of the shipped catalogue file's content it would apply" }) contentHash: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the numbered release of suggestions made before releases followed content; null since',
  })
  release: number | null;
  @ApiProperty({ type: [String], description: 'fields it would change' }) changedFields: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class RevisionParams extends IdParam {
  @ApiProperty({ description: 'a version from the history, e.g. "3"', pattern: '^[1-9]\\d{0,8}$' })
  @Matches(/^[1-9]\d{0,8}$/, { message: 'version must be a revision number' })
  version: string;
}

const actorOf = (u: AuthenticatedUser) => ({ id: u.id, label: u.email });
const IF_MATCH = ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read, e.g. "3"' });
const WORKING_IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'the ETag you last read: the entry\'s ("3") or, while it has one, its pending change\'s ("p2"); or *',
});

/** A save that became a pending change answers 202 with it (its own ETag, and where it lives). */
function answer(res: Response, id: string, outcome: EditOutcome): ProgrammeView | PendingChangeView {
  if (outcome.kind === 'live') return outcome.programme;
  res.status(202);
  res.setHeader('Content-Location', `/api/v1/admin/programmes/${id}/pending-change`);
  return outcome.change;
}

/**
 * A publication move: one route per move, so an unknown one (`…/{id}/anything`) is a 404 from the
 * router, never a 428 for a missing If-Match or a 400 about a parameter.
 */
const Transition = (action: ProgrammeTransition, summary: string) =>
  applyDecorators(Post(`:id/${action}`), HttpCode(200), IF_MATCH, ApiOperation({ summary }), ApiOkResponse({ type: ProgrammeView }));

@ApiTags('admin: programmes')
@ApiBearerAuth()
@Roles('admin', 'editor')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/programmes')
export class AdminProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly suggestedUpdates: SuggestedUpdatesService,
    private readonly history: ProgrammeRevisions,
    private readonly pending: PendingChangesService,
  ) {}

  @Get()
  @ApiOkResponse({ type: AdminProgrammeListView })
  @ApiOperation({ summary: 'List programmes in any publication state, with filters' })
  async list(@Query() query: AdminProgrammeListQuery): Promise<AdminProgrammeListView> {
    const { page, perPage } = query;
    const filter = adminListFilter(query, this.clock.now(), this.config.catalogue.sourceMaxAgeDays);
    const result = await this.programmes.listForAdmin(filter, { page, perPage });
    return { ...result, page, perPage };
  }

  @Post()
  @Created(ProgrammeView, (p) => `/api/v1/admin/programmes/${String(p.id)}`)
  @ApiOperation({ summary: 'Create a programme (as a draft)' })
  create(@Body() body: CreateProgrammeDto, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.create(body, actorOf(user));
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgrammeView })
  @ApiOperation({ summary: 'One programme in any publication state' })
  get(@Param() { id }: IdParam): Promise<ProgrammeView> {
    return this.programmes.getForAdmin(id);
  }

  @Patch(':id')
  @WORKING_IF_MATCH
  @ApiOperation({
    summary:
      'Change some fields; needs If-Match (an empty or no-op change keeps the version). A draft or archived entry changes immediately (200). A published one keeps its published version public: the change is saved as its pending change (202, the pending change, ETag "p<version>"), to be published at …/pending-change/publish; with a pending change open, send its ETag',
  })
  @ApiOkResponse({ type: ProgrammeView, description: 'the entry, changed (a draft or archived entry)' })
  @ApiAcceptedResponse({ type: PendingChangeResponse, description: 'a published entry: its pending change, not live yet' })
  async update(
    @Param() { id }: IdParam,
    @WorkingIfMatch() version: WorkingVersion,
    @Body() body: UpdateProgrammeDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgrammeView | PendingChangeView> {
    return answer(res, id, await this.pending.edit(id, version, body, actorOf(user)));
  }

  @Transition('publish', 'Publish a draft (refused without a source or an application step); needs If-Match')
  publish(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.transition(id, version, 'publish', actorOf(user));
  }

  @Transition('unpublish', 'Unpublish: back to a draft; needs If-Match')
  unpublish(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.transition(id, version, 'unpublish', actorOf(user));
  }

  @Transition('archive', 'Archive a draft or a published programme; needs If-Match')
  archive(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.transition(id, version, 'archive', actorOf(user));
  }

  @Transition('restore', 'Restore an archived programme as a draft; needs If-Match')
  restore(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.transition(id, version, 'restore', actorOf(user));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @IF_MATCH
  @ApiOperation({ summary: 'Delete (admin only); the history is kept' })
  remove(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.programmes.remove(id, version, actorOf(user));
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: [RevisionView] })
  @ApiOperation({ summary: "A programme's history: every saved version, newest first" })
  revisions(@Param() { id }: IdParam): Promise<RevisionView[]> {
    return this.programmes.listRevisions(id);
  }

  @Post(':id/revisions/:version/restore')
  @HttpCode(200)
  @WORKING_IF_MATCH
  @ApiOperation({
    summary:
      "Save an old revision's content as a new change (the publication state stays); for a published entry it becomes its pending change (202), never live by itself. Needs If-Match",
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiAcceptedResponse({ type: PendingChangeResponse, description: 'a published entry: its pending change, not live yet' })
  async restoreRevision(
    @Param() { id, version }: RevisionParams,
    @WorkingIfMatch() expected: WorkingVersion,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgrammeView | PendingChangeView> {
    return answer(res, id, await this.history.restore(id, Number(version), expected, actorOf(user)));
  }

  @Get(':id/suggested-updates')
  @ApiOperation({ summary: 'Pending updates from the shipped catalogue for an entry an editor has changed' })
  @ApiOkResponse({ type: [SuggestedUpdateResponse] })
  listSuggestedUpdates(@Param() { id }: IdParam): Promise<SuggestedUpdateView[]> {
    return this.suggestedUpdates.listPending(id);
  }

  @Post(':id/suggested-updates/:suggestionId/apply')
  @HttpCode(200)
  @WORKING_IF_MATCH
  @ApiOperation({
    summary: "Save the shipped file's newer content over the entry (a published entry: into its pending change, 202); needs If-Match",
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiAcceptedResponse({ type: PendingChangeResponse, description: 'a published entry: its pending change, not live yet' })
  async applySuggestedUpdate(
    @Param() { id, suggestionId }: SuggestionParams,
    @WorkingIfMatch() version: WorkingVersion,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgrammeView | PendingChangeView> {
    return answer(res, id, await this.suggestedUpdates.apply(id, suggestionId, version, actorOf(user)));
  }

  @Post(':id/suggested-updates/:suggestionId/dismiss')
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss a suggested update; the entry stays as it is' })
  dismissSuggestedUpdate(@Param() { id, suggestionId }: SuggestionParams, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.suggestedUpdates.dismiss(id, suggestionId, actorOf(user));
  }
}
