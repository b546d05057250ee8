import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  AdminProgrammeListView, CreateProgrammeDto, PUBLICATION_STATES, ProgrammesService, ProgrammeTransition, ProgrammeView,
  RevisionView, STALE_AFTER_DAYS, staleBefore, UpdateProgrammeDto, type PublicationState,
} from '@app/catalogue';
import { Clock } from '@app/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { ProgrammeFilterQuery } from '../programmes/programme-list.query';
import { IdParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor } from '../http/versioning';

class AdminProgrammeListQuery extends ProgrammeFilterQuery {
  @ApiPropertyOptional({ enum: PUBLICATION_STATES, isArray: true })
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',')))
  @IsOptional() @IsIn(PUBLICATION_STATES, { each: true })
  publicationState?: PublicationState[];

  @ApiPropertyOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional() @IsBoolean()
  needsVerification?: boolean;

  @ApiPropertyOptional({ description: `true: only programmes never verified or verified more than ${STALE_AFTER_DAYS} days ago` })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional() @IsBoolean()
  stale?: boolean;
}

class TransitionParams extends IdParam {
  @ApiProperty({ enum: ['publish', 'unpublish', 'archive', 'restore'] })
  @IsIn(['publish', 'unpublish', 'archive', 'restore'])
  action: ProgrammeTransition;
}

const actorOf = (u: AuthenticatedUser) => ({ id: u.id, label: u.email });
const IF_MATCH = ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read, e.g. "3"' });

@ApiTags('admin: programmes')
@ApiBearerAuth()
@Roles('admin', 'editor')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/programmes')
export class AdminProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: AdminProgrammeListView })
  async list(@Query() query: AdminProgrammeListQuery): Promise<AdminProgrammeListView> {
    const { q, provider, status, page, perPage, lang: _lang, publicationState, needsVerification, stale, ...facets } = query;
    const verifiedBefore = stale ? staleBefore(this.clock.now()) : undefined;
    const result = await this.programmes.listForAdmin({ q, provider, status, facets, publicationState, needsVerification, verifiedBefore }, { page, perPage });
    return { ...result, page, perPage };
  }

  @Post()
  @ApiOperation({ summary: 'Create a programme (as a draft)' })
  create(@Body() body: CreateProgrammeDto, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.create(body, actorOf(user));
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgrammeView })
  get(@Param() { id }: IdParam): Promise<ProgrammeView> {
    return this.programmes.getForAdmin(id);
  }

  @Patch(':id')
  @IF_MATCH
  @ApiOperation({ summary: 'Change some fields; needs If-Match' })
  update(@Param() { id }: IdParam, @IfMatch() version: number, @Body() body: UpdateProgrammeDto, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.update(id, version, body, actorOf(user));
  }

  @Post(':id/:action')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'publish, unpublish, archive or restore; needs If-Match' })
  transition(@Param() { id, action }: TransitionParams, @IfMatch() version: number, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeView> {
    return this.programmes.transition(id, version, action, actorOf(user));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @IF_MATCH
  @ApiOperation({ summary: 'Delete (admin only); the history is kept' })
  remove(@Param() { id }: IdParam, @IfMatch() version: number, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.programmes.remove(id, version, actorOf(user));
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: [RevisionView] })
  revisions(@Param() { id }: IdParam): Promise<RevisionView[]> {
    return this.programmes.listRevisions(id);
  }
}
