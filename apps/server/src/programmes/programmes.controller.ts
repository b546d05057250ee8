import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mapProgrammeHit, ProgrammeListView, ProgrammesService, ProgrammeView } from '@app/catalogue';
import { SlugParam } from '../http/params';
import { ProgrammeListQuery } from './programme-list.query';

@ApiTags('programmes')
@Controller('api/v1/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({ summary: 'Published programmes, filtered and paginated' })
  @ApiOkResponse({ type: ProgrammeListView })
  async list(@Query() query: ProgrammeListQuery): Promise<ProgrammeListView> {
    const { q, provider, status, page, perPage, lang, ...facets } = query;
    const result = await this.programmes.listPublished({ q, provider, status, facets }, { page, perPage });
    return { hits: result.items.map((p) => mapProgrammeHit(p, lang)), total: result.total, page, perPage };
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One published programme' })
  @ApiOkResponse({ type: ProgrammeView })
  get(@Param() { slug }: SlugParam): Promise<ProgrammeView> {
    return this.programmes.getPublished(slug);
  }
}
