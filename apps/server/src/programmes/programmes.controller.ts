import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProgrammesService, ProgrammeView } from '@app/catalogue';
import { SearchService } from '@app/search';
import { PublicCache } from '../http/caching';
import { SlugParam } from '../http/params';
import { ProgrammeListQuery, SuggestQuery, toSearchRequest } from './programme-list.query';
import { SearchResponseView, SuggestionsView } from './search.view';
import { RateLimit } from '../api-access/rate-limit.decorator';

@ApiTags('programmes')
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
  list(@Query() query: ProgrammeListQuery): Promise<SearchResponseView> {
    return this.search.search(toSearchRequest(query));
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
