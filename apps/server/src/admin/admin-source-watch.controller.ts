import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ProgrammeView } from '@app/catalogue';
import { type ExpectedVersion, PageQuery } from '@app/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { SourceWatchService, WATCH_KINDS, type WatchKind } from '@app/source-watch';
import { IdParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor } from '../http/versioning';

class SourceWatchDiffPart {
  @ApiProperty({ enum: ['same', 'added', 'removed', 'gap'], description: 'gap: unchanged words left out' }) op: string;
  @ApiProperty() text: string;
}

class SourceWatchDiff {
  @ApiProperty({ type: [SourceWatchDiffPart], description: 'the changes with a few unchanged words around each' })
  parts: SourceWatchDiffPart[];
  @ApiProperty({ type: 'integer', description: 'words only the new text has' }) added: number;
  @ApiProperty({ type: 'integer', description: 'words only the old text had' }) removed: number;
  @ApiProperty({ description: 'cut short to stay small' }) truncated: boolean;
  @ApiProperty({ description: 'too different to align word by word: the parts show the start of each text' }) rewritten: boolean;
}

class SourceWatchPageBefore {
  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status of the reading the entry was last checked against' })
  status: number | null;
  @ApiProperty({ type: String, nullable: true }) finalUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the page's title" }) title: string | null;
}

class SourceWatchPageNow {
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no HTTP answer (see error)' }) status: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'where redirects ended' }) finalUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the last reading failed' }) error: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) checkedAt: string | null;
  @ApiProperty({ type: 'integer', description: 'failed readings in a row' }) failures: number;
}

class SourceWatchItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "the page's address as the entry cites it" }) url: string;
  @ApiProperty({ type: [String], description: "keys of the entry's sources with this address" }) sourceKeys: string[];
  @ApiProperty({
    enum: WATCH_KINDS,
    description: 'changed (its text), moved (redirects to another page) or vanished (404, 410, no such host, repeated errors)',
  })
  kind: WatchKind;
  @ApiProperty({ format: 'date-time' }) firstDetectedAt: string;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: SourceWatchPageBefore }) before: SourceWatchPageBefore;
  @ApiProperty({ type: SourceWatchPageNow }) now: SourceWatchPageNow;
  @ApiProperty({ type: String, nullable: true, description: 'where the address leads now, when another page' }) movedTo: string | null;
  @ApiProperty({ type: SourceWatchDiff, nullable: true, description: "what the page's text says differently since the entry was checked" })
  diff: SourceWatchDiff | null;
}

class SourceWatchTitle {
  @ApiProperty() ru: string;
  @ApiProperty({ type: String, nullable: true }) en: string | null;
}

class SourceWatchProgramme {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: SourceWatchTitle }) title: SourceWatchTitle;
  @ApiProperty({ type: 'integer', description: 'send it as If-Match to confirm' }) version: number;
  @ApiProperty({ enum: ['draft', 'published', 'archived'] }) publicationState: string;
}

class SourceWatchEntry {
  @ApiProperty({ type: SourceWatchProgramme }) programme: SourceWatchProgramme;
  @ApiProperty({ type: [SourceWatchItem] }) items: SourceWatchItem[];
}

class SourceWatchSummary {
  @ApiProperty({ description: 'SOURCE_WATCH_ENABLED' }) enabled: boolean;
  @ApiProperty({ type: 'integer' }) intervalMinutes: number;
  @ApiProperty({ type: 'integer' }) batch: number;
  @ApiProperty({ type: 'integer' }) hostDelayMs: number;
  @ApiProperty({ type: 'integer' }) recheckHours: number;
  @ApiProperty({ type: 'integer', description: 'distinct addresses live entries cite' }) addresses: number;
  @ApiProperty({ type: 'integer' }) neverRead: number;
  @ApiProperty({ type: 'integer', description: 'last read with a failure, or gone' }) failing: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastReadAt: string | null;
  @ApiProperty({ type: 'integer' }) entriesWaiting: number;
}

class SourceWatchQueue {
  @ApiProperty({ type: SourceWatchSummary }) watch: SourceWatchSummary;
  @ApiProperty({ type: [SourceWatchEntry], description: 'entries with pages that changed, moved or vanished, latest news first' })
  entries: SourceWatchEntry[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) perPage: number;
}

class SourceWatchReading {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) checkedAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) status: number | null;
  @ApiProperty({ type: String, nullable: true }) finalUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) movedTo: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() vanished: boolean;
}

class SourceWatchSource {
  @ApiProperty() key: string;
  @ApiProperty({ type: SourceWatchTitle }) title: SourceWatchTitle;
  @ApiProperty() publisher: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) publishedOn: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) checkedOn: string | null;
  @ApiProperty({ type: SourceWatchReading, nullable: true, description: 'null: not read yet (or no link)' })
  reading: SourceWatchReading | null;
}

class SourceWatchProgrammeView {
  @ApiProperty({ type: 'integer', description: "the programme's version (also the ETag)" }) version: number;
  @ApiProperty({ type: SourceWatchProgramme }) programme: SourceWatchProgramme;
  @ApiProperty({ type: [SourceWatchSource] }) sources: SourceWatchSource[];
  @ApiProperty({ type: [SourceWatchItem] }) items: SourceWatchItem[];
}

export class ConfirmSourcesDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 30,
    description: 'keys of the sources checked; left out: those with pending items, or every source with a link when none is pending',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { each: true, message: 'each source key must be lowercase letters, digits, - or _' })
  sources?: string[];
}

class ItemParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() itemId: string;
}

const actorOf = (u: AuthenticatedUser) => ({ id: u.id, label: u.email });

/** The source watch's queue for editors: entries whose cited pages changed, moved or vanished; confirm or dismiss. */
@ApiTags('admin: source watch')
@ApiBearerAuth()
@Roles('admin', 'editor')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/source-watch')
export class AdminSourceWatchController {
  constructor(private readonly watch: SourceWatchService) {}

  @Get()
  @ApiOperation({ summary: 'Entries whose cited pages changed, moved or vanished, with what changed; and how the watch is set up' })
  @ApiOkResponse({ type: SourceWatchQueue })
  async queue(@Query() { page, perPage }: PageQuery): Promise<SourceWatchQueue> {
    const [watch, queue] = await Promise.all([this.watch.summary(), this.watch.queue({ page, perPage })]);
    return { watch, ...queue, page, perPage };
  }

  @Get('programmes/:id')
  @ApiOperation({ summary: "One entry's sources with the latest reading of each page, and its pending items" })
  @ApiOkResponse({ type: SourceWatchProgrammeView })
  async entry(@Param() { id }: IdParam): Promise<SourceWatchProgrammeView> {
    const { programme: p, sources, items } = await this.watch.entry(id);
    return {
      version: p.version,
      programme: {
        id: p.id,
        slug: p.slug,
        title: { ru: p.title.ru ?? '', en: p.title.en },
        version: p.version,
        publicationState: p.publicationState,
      },
      sources,
      items,
    };
  }

  @Post('programmes/:id/confirm')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read, e.g. "3"' })
  @ApiOperation({
    summary:
      "Confirm the entry against its pages: the sources' checkedOn becomes today (Moscow) in a normal, version-checked update, and their items leave the queue; needs If-Match",
  })
  @ApiOkResponse({ type: ProgrammeView })
  async confirm(
    @Param() { id }: IdParam,
    @IfMatch() version: ExpectedVersion,
    @Body() body: ConfirmSourcesDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeView> {
    return (await this.watch.confirm(id, version, actorOf(user), body.sources)).programme;
  }

  @Post('items/:itemId/dismiss')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take an item off the queue without confirming the entry' })
  async dismiss(@Param() { itemId }: ItemParam, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.watch.dismiss(itemId, actorOf(user));
  }
}
