import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProgrammesService, ProgrammeView } from '@app/catalogue';
import { SearchService } from '@app/search';
import { PublicCache } from '../http/caching';
import { SlugParam } from '../http/params';
import { ProgrammeListQuery, SuggestQuery, toSearchRequest } from './programme-list.query';
import { SearchResponseView, SuggestionsView } from './search.view';
import { RateLimit } from '../api-access/rate-limit.decorator';

@ApiTags('programmes')
@Public('anyone; an API key or bearer token raises the rate limit')
@RateLimit('api')
@Controller('api/v1')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly search: SearchService,
  ) {}

  @Get('programmes')
  @PublicCache(60)
  @ApiOperation({ summary: 'Search published programmes: text, facets with disjunctive counts, ranges, sorting' })
  @ApiOkResponse({ type: SearchResponseView })
  async list(@Query() query: ProgrammeListQuery, @Res({ passthrough: true }) res: Response): Promise<SearchResponseView> {
    const answer = await this.search.search(toSearchRequest(query));
    // where the time went, for browsers' developer tools and load generators (https://www.w3.org/TR/server-timing/)
    res.setHeader('Server-Timing', `engine;dur=${answer.engineMs};desc="${answer.engine}", app;dur=${answer.tookMs}`);
    return answer;
  }

  @Get('programmes/:slug')
  @PublicCache(300)
  @ApiOperation({ summary: 'One published programme' })
  @ApiOkResponse({ type: ProgrammeView })
  get(@Param() { slug }: SlugParam): Promise<ProgrammeView> {
    return this.programmes.getPublished(slug);
  }

  @Get('suggest')
  @PublicCache(60)
  @ApiOperation({ summary: 'As-you-type: programme titles and facet values' })
  @ApiOkResponse({ type: SuggestionsView })
  suggest(@Query() { q, lang }: SuggestQuery): Promise<SuggestionsView> {
    return this.search.suggest(q, lang);
  }
}
