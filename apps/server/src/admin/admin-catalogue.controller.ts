import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseInterceptors } from '@nestjs/common';
import type { ExpectedVersion } from '@app/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import {
  CreateOrganisationDto,
  CreateTermDto,
  FacetParams,
  OrganisationsService,
  OrganisationView,
  TaxonomyService,
  TaxonomyView,
  TermParams,
  TermView,
  UpdateOrganisationDto,
  UpdateTermDto,
} from '@app/catalogue';
import { AuthenticatedUser, CurrentUser, Roles } from '@app/identity';
import { SlugParam } from '../http/params';
import { IfMatch, VersionEtagInterceptor } from '../http/versioning';
import { Created } from '../http/created';

const IF_MATCH = ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read, e.g. "3"' });

/** Providers: editors read them (to pick one), admins change them. */
@ApiTags('admin: organisations')
@ApiBearerAuth()
@Roles('admin')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/organisations')
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: [OrganisationView] })
  @ApiOperation({ summary: 'List providers' })
  list(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }

  @Get(':slug')
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: OrganisationView })
  @ApiOperation({ summary: 'One provider' })
  get(@Param() { slug }: SlugParam): Promise<OrganisationView> {
    return this.organisations.get(slug);
  }

  @Post()
  @Created(OrganisationView, (o) => `/api/v1/admin/organisations/${String(o.slug)}`)
  @ApiOperation({ summary: 'Add a provider (admin)' })
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(body);
  }

  @Patch(':slug')
  @IF_MATCH
  @ApiOkResponse({ type: OrganisationView })
  @ApiOperation({ summary: 'Change a provider (admin; its programmes get a new version); needs If-Match' })
  update(
    @Param() { slug }: SlugParam,
    @IfMatch() version: ExpectedVersion,
    @Body() body: UpdateOrganisationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OrganisationView> {
    return this.organisations.update(slug, version, body, { id: user.id, label: user.email });
  }

  @Delete(':slug')
  @HttpCode(204)
  @IF_MATCH
  @ApiOperation({ summary: 'Delete a provider no programme names (admin); needs If-Match' })
  remove(@Param() { slug }: SlugParam, @IfMatch() version: ExpectedVersion): Promise<void> {
    return this.organisations.remove(slug, version);
  }
}

/** Facet values: editors read them, admins change them. */
@ApiTags('admin: taxonomy')
@ApiBearerAuth()
@Roles('admin')
@UseInterceptors(VersionEtagInterceptor)
@Controller('api/v1/admin/taxonomy')
export class AdminTaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: TaxonomyView })
  @ApiOperation({ summary: 'Every facet with its terms and their versions' })
  list(): Promise<TaxonomyView> {
    return this.taxonomy.getAll();
  }

  @Post(':facet')
  @Created(TermView, (t) => `/api/v1/admin/taxonomy/${String(t.facet)}/${String(t.code)}`)
  @ApiOperation({ summary: 'Add a term to a facet (admin)' })
  create(@Param() { facet }: FacetParams, @Body() body: CreateTermDto): Promise<TermView> {
    return this.taxonomy.create(facet, body);
  }

  @Patch(':facet/:code')
  @IF_MATCH
  @ApiOkResponse({ type: TermView })
  @ApiOperation({ summary: 'Relabel or move a term (admin); needs If-Match' })
  update(@Param() { facet, code }: TermParams, @IfMatch() version: ExpectedVersion, @Body() body: UpdateTermDto): Promise<TermView> {
    return this.taxonomy.update(facet, code, version, body);
  }

  @Delete(':facet/:code')
  @HttpCode(204)
  @IF_MATCH
  @ApiOperation({ summary: 'Delete a term no programme uses (admin); needs If-Match' })
  remove(@Param() { facet, code }: TermParams, @IfMatch() version: ExpectedVersion): Promise<void> {
    return this.taxonomy.remove(facet, code, version);
  }
}
