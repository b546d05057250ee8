import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import type { ExpectedVersion } from '@app/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { SearchStatus, SearchStatusService, SynonymInputDto, SynonymsService, SynonymView } from '@app/search';
import { IdParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor } from '../http/versioning';
import { Created } from '../http/created';

const IF_MATCH = ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read, e.g. "3"' });

class EngineHealthView {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'why it is not ok' }) detail?: string;
}

class OutboxErrorView {
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
}

class OutboxStatusView {
  @ApiProperty({ type: 'integer' }) pending: number;
  @ApiProperty({ type: 'integer', description: 'pending rows that failed several times (still retried, never dropped)' }) failed: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) oldestPendingAt: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) oldestPendingAgeSeconds: number | null;
  @ApiProperty({ nullable: true, type: OutboxErrorView }) lastError: OutboxErrorView | null;
  @ApiProperty({ type: 'integer' }) processedLastHour: number;
}

class SearchStatusView {
  @ApiProperty({ enum: ['postgres', 'meilisearch'] }) engine: string;
  @ApiProperty({ description: 'searches are answered by PostgreSQL because the engine failed recently' }) degraded: boolean;
  @ApiProperty({ type: EngineHealthView }) engineHealth: EngineHealthView;
  @ApiProperty({ type: 'integer' }) publishedProgrammes: number;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'documents the engine holds; equals publishedProgrammes once sync caught up',
  })
  engineDocuments: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why this process refuses to drain search changes (another engine than searches read), or null',
  })
  syncMismatch: string | null;
  @ApiProperty({ type: OutboxStatusView }) outbox: OutboxStatusView;
}

class RetryView {
  @ApiProperty({ type: 'integer', description: 'outbox rows moved to run now' }) rescheduled: number;
}

/** Search health for editors and admins; synonyms are read by both and changed by admins. */
@ApiTags('admin: search')
@ApiBearerAuth()
@Roles('admin')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/search')
export class AdminSearchController {
  constructor(
    private readonly status: SearchStatusService,
    private readonly synonyms: SynonymsService,
  ) {}

  @Get('status')
  @Roles('admin', 'editor')
  @ApiOperation({ summary: 'Engine, its health, and the sync backlog (pending and failing outbox rows, oldest age, last error)' })
  @ApiOkResponse({ type: SearchStatusView })
  getStatus(): Promise<SearchStatus> {
    return this.status.status();
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry every waiting outbox row now instead of after its backoff' })
  @ApiOkResponse({ type: RetryView })
  async retry(): Promise<{ rescheduled: number }> {
    return { rescheduled: await this.status.retryNow() };
  }

  @Get('synonyms')
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: [SynonymView] })
  @ApiOperation({ summary: 'List synonym groups' })
  listSynonyms(): Promise<SynonymView[]> {
    return this.synonyms.list();
  }

  @Get('synonyms/:id')
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: SynonymView })
  @ApiOperation({ summary: 'One synonym group' })
  getSynonym(@Param() { id }: IdParam): Promise<SynonymView> {
    return this.synonyms.get(id);
  }

  @Post('synonyms')
  @Created(SynonymView, (s) => `/api/v1/admin/search/synonyms/${String(s.id)}`)
  @ApiOperation({ summary: 'Add a synonym group (admin)' })
  createSynonym(@Body() body: SynonymInputDto): Promise<SynonymView> {
    return this.synonyms.create(body);
  }

  @Put('synonyms/:id')
  @IF_MATCH
  @ApiOkResponse({ type: SynonymView })
  @ApiOperation({ summary: "Replace a synonym group's terms (admin); needs If-Match" })
  updateSynonym(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion, @Body() body: SynonymInputDto): Promise<SynonymView> {
    return this.synonyms.update(id, version, body);
  }

  @Delete('synonyms/:id')
  @IF_MATCH
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a synonym group (admin); needs If-Match' })
  removeSynonym(@Param() { id }: IdParam, @IfMatch() version: ExpectedVersion): Promise<void> {
    return this.synonyms.remove(id, version);
  }
}
