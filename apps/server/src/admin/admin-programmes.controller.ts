import { AppConfig } from '@app/config';
import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  AdminProgrammeListView,
  CreateProgrammeDto,
  PUBLICATION_STATES,
  ProgrammeRevisions,
  ProgrammesService,
  ProgrammeTransition,
  ProgrammeView,
  RevisionView,
  sourcesOutdatedBefore,
  SuggestedUpdatesService,
  UpdateProgrammeDto,
  type PublicationState,
  type SuggestedUpdateView,
} from '@app/catalogue';
import { Clock, type ExpectedVersion } from '@app/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { ProgrammeFilterQuery } from '../programmes/programme-list.query';
import { IdParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor } from '../http/versioning';
import { Created } from '../http/created';

class AdminProgrammeListQuery extends ProgrammeFilterQuery {
  @ApiPropertyOptional({ enum: PUBLICATION_STATES, isArray: true })
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',')))
  @IsOptional()
  @IsIn(PUBLICATION_STATES, { each: true })
  publicationState?: PublicationState[];

  @ApiPropertyOptional({
    description: 'true: only programmes whose newest source is older than SOURCE_MAX_AGE_DAYS (default 365), or undated',
  })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  outdated?: boolean;

  @ApiPropertyOptional({ description: 'true: only programmes with a shipped-catalogue update waiting for an editor' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean()
  pendingUpdate?: boolean;
}

class SuggestionParams extends IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() suggestionId: string;
}

class SuggestedUpdateResponse implements SuggestedUpdateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the shipped-catalogue release it comes from' }) release: number;
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
  ) {}

  @Get()
  @ApiOkResponse({ type: AdminProgrammeListView })
  @ApiOperation({ summary: 'List programmes in any publication state, with filters' })
  async list(@Query() query: AdminProgrammeListQuery): Promise<AdminProgrammeListView> {
    const { q, provider, status, page, perPage, lang: _lang, publicationState, outdated, pendingUpdate, ...facets } = query;
    const sourcesOlderThan = outdated ? sourcesOutdatedBefore(this.clock.now(), this.config.catalogue.sourceMaxAgeDays) : undefined;
    const result = await this.programmes.listForAdmin(
      { q, provider, status, facets, publicationState, sourcesOlderThan, pendingSuggestion: pendingUpdate },
      { page, perPage },
    );
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
  @IF_MATCH
  @ApiOperation({ summary: 'Change some fields; needs If-Match (an empty or no-op change keeps the version)' })
  @ApiOkResponse({ type: ProgrammeView })
  update(
    @Param() { id }: IdParam,
    @IfMatch() version: ExpectedVersion,
    @Body() body: UpdateProgrammeDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeView> {
    return this.programmes.update(id, version, body, actorOf(user));
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
  @IF_MATCH
  @ApiOperation({
    summary: "Save an old revision's content as a new change (the publication state stays); needs If-Match",
  })
  @ApiOkResponse({ type: ProgrammeView })
  restoreRevision(
    @Param() { id, version }: RevisionParams,
    @IfMatch() expectedVersion: ExpectedVersion,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeView> {
    return this.history.restore(id, Number(version), expectedVersion, actorOf(user));
  }

  @Get(':id/suggested-updates')
  @ApiOperation({ summary: 'Pending updates from the shipped catalogue for an entry an editor has changed' })
  @ApiOkResponse({ type: [SuggestedUpdateResponse] })
  listSuggestedUpdates(@Param() { id }: IdParam): Promise<SuggestedUpdateView[]> {
    return this.suggestedUpdates.listPending(id);
  }

  @Post(':id/suggested-updates/:suggestionId/apply')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Save the shipped release over the entry; needs If-Match' })
  @ApiOkResponse({ type: ProgrammeView })
  applySuggestedUpdate(
    @Param() { id, suggestionId }: SuggestionParams,
    @IfMatch() version: ExpectedVersion,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeView> {
    return this.suggestedUpdates.apply(id, suggestionId, version, actorOf(user));
  }

  @Post(':id/suggested-updates/:suggestionId/dismiss')
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss a suggested update; the entry stays as it is' })
  dismissSuggestedUpdate(@Param() { id, suggestionId }: SuggestionParams, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.suggestedUpdates.dismiss(id, suggestionId, actorOf(user));
  }
}
