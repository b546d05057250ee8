import { Controller, Get, Query } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHANGE_TYPES, ChangeFeedService, ProgrammeView, type ChangePage, type ChangeType } from '@app/catalogue';
import { PublicCache } from '../http/caching';
import { RateLimit } from '../api-access/rate-limit.decorator';

class ChangesQuery {
  @ApiPropertyOptional({
    description:
      "a cursor from an earlier answer (`next`, an event's `cursor`, or an export's X-Changes-Cursor); absent: from the beginning",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

@ApiExtraModels(ProgrammeView)
class ChangeEventView {
  @ApiProperty({ description: 'resume after this event with since=<cursor>' }) cursor: string;
  @ApiProperty({ enum: CHANGE_TYPES }) type: ChangeType;
  @ApiProperty({ format: 'uuid', description: "the programme's stable id: key a copy by it, since slugs can change" }) id: string;
  @ApiProperty({ description: 'the slug after the change' }) slug: string;
  @ApiPropertyOptional({ description: 'for updated: the slug before, when this change renamed the programme' }) previousSlug?: string;
  @ApiProperty({ description: "the programme's version after the change" }) version: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ allOf: [{ $ref: getSchemaPath(ProgrammeView) }], description: 'for created and updated: the published programme' })
  programme?: ProgrammeView;
}

class ChangePageView {
  @ApiProperty({ type: [ChangeEventView] }) events: ChangeEventView[];
  @ApiProperty({ description: 'pass as since to continue' }) next: string;
  @ApiProperty({ description: 'more changes are waiting: ask again at once' }) hasMore: boolean;
}

@ApiTags('changes')
@Public('anyone; an API key or bearer token raises the rate limit')
@RateLimit('api')
@Controller('api/v1')
export class ChangesController {
  constructor(private readonly feed: ChangeFeedService) {}

  @Get('changes')
  @PublicCache(0)
  @ApiOperation({
    summary: 'What changed in the published catalogue since a cursor, in order',
    description:
      "created (a programme became public), updated (a public programme changed: by an editor, or because its provider, its parent's slug " +
      'or its status as dates pass changed), unpublished, archived, deleted (it stopped being public). Programmes never public never appear. ' +
      'Keep a copy in sync: export once (note X-Changes-Cursor), key it by id, then poll with since=<next> and apply events in order. ' +
      '`limit` counts events. ' +
      'Paging never skips or repeats an event, even while editors save.',
  })
  @ApiOkResponse({ type: ChangePageView })
  changes(@Query() { since, limit }: ChangesQuery): Promise<ChangePage> {
    return this.feed.page(since, limit);
  }
}
