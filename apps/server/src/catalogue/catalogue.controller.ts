import { Controller, Get } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganisationsService, OrganisationView, TaxonomyService, TaxonomyView } from '@app/catalogue';
import { PublicCache } from '../http/caching';
import { RateLimit } from '../api-access/rate-limit.decorator';

@ApiTags('catalogue')
@Public('anyone; an API key or bearer token raises the rate limit')
@RateLimit('api')
@Controller('api/v1')
export class CatalogueController {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('taxonomy')
  @PublicCache(300)
  @ApiOperation({ summary: 'Every facet with its codes and ru / en labels' })
  @ApiOkResponse({ type: TaxonomyView })
  getTaxonomy(): Promise<TaxonomyView> {
    return this.taxonomy.getAll();
  }

  @Get('organisations')
  @PublicCache(300)
  @ApiOperation({ summary: 'Organisations that provide programmes' })
  @ApiOkResponse({ type: [OrganisationView] })
  listOrganisations(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }
}
