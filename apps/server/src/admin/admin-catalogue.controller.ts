import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateOrganisationDto, CreateTermDto, FacetParams, OrganisationsService, OrganisationView, TaxonomyService, TaxonomyView,
  TermParams, TermView, UpdateOrganisationDto, UpdateTermDto,
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
  list(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }

  @Get(':slug')
  @Roles('admin', 'editor')
  @ApiOkResponse({ type: OrganisationView })
  get(@Param() { slug }: SlugParam): Promise<OrganisationView> {
    return this.organisations.get(slug);
  }

  @Post()
  @Created(OrganisationView, (o) => `/api/v1/admin/organisations/${String(o.slug)}`)
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(body);
  }

  @Patch(':slug')
  @IF_MATCH
  @ApiOkResponse({ type: OrganisationView })
  update(@Param() { slug }: SlugParam, @IfMatch() version: number, @Body() body: UpdateOrganisationDto, @CurrentUser() user: AuthenticatedUser): Promise<OrganisationView> {
    return this.organisations.update(slug, version, body, { id: user.id, label: user.email });
  }

  @Delete(':slug')
  @HttpCode(204)
  @IF_MATCH
  remove(@Param() { slug }: SlugParam, @IfMatch() version: number): Promise<void> {
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
  list(): Promise<TaxonomyView> {
    return this.taxonomy.getAll();
  }

  @Post(':facet')
  @Created(TermView, (t) => `/api/v1/admin/taxonomy/${String(t.facet)}/${String(t.code)}`)
  create(@Param() { facet }: FacetParams, @Body() body: CreateTermDto): Promise<TermView> {
    return this.taxonomy.create(facet, body);
  }

  @Patch(':facet/:code')
  @IF_MATCH
  @ApiOkResponse({ type: TermView })
  update(@Param() { facet, code }: TermParams, @IfMatch() version: number, @Body() body: UpdateTermDto): Promise<TermView> {
    return this.taxonomy.update(facet, code, version, body);
  }

  @Delete(':facet/:code')
  @HttpCode(204)
  @IF_MATCH
  remove(@Param() { facet, code }: TermParams, @IfMatch() version: number): Promise<void> {
    return this.taxonomy.remove(facet, code, version);
  }
}
