import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CreateOrganisationDto,
  CreateTermDto,
  FacetParams,
  OrganisationsService,
  TaxonomyService,
  TermParams,
  UpdateOrganisationDto,
  UpdateTermDto,
} from '@app/catalogue';
import { DomainError, SeeOther } from '@app/common';
import { PublicUrls } from '@app/config';
import { ApiKeysService, IdentityService, ROLES, type Role } from '@app/identity';
import { SynonymInputDto, SynonymsService } from '@app/search';
import { IdParam, SlugParam } from '../http/params';
import { adminPage, formText, noticeOf, optionalText, problemsOf, validForm, type FormBody } from './admin-pages';
import { Admin, actorOf, AdminContext, AdminRoles, AdminSessionGuard } from './admin-session';

/** The version the form was drawn from; a form without one matches no version (never `If-Match: *`). */
const version = (body: FormBody): number => Number(formText(body, 'version')) || -1;

/** Splits a synonym group typed one term per line (or comma-separated). */
const terms = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

const organisationFields = (body: FormBody) => ({
  name: { ru: formText(body, 'name.ru'), en: optionalText(body, 'name.en') },
  url: optionalText(body, 'url'),
  email: optionalText(body, 'email'),
  phone: optionalText(body, 'phone'),
  address: { ru: optionalText(body, 'address.ru'), en: optionalText(body, 'address.en') },
});

/**
 * Admin-only settings: taxonomy, synonyms, organisations, users and API keys.
 * Each page lists what exists with a form per entry; a failed change re-renders
 * the page with what was typed and why it was refused.
 */
@ApiExcludeController()
@UseGuards(AdminSessionGuard)
@AdminRoles('admin')
@Controller('admin')
export class AdminSettingsPages {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly synonyms: SynonymsService,
    private readonly organisations: OrganisationsService,
    private readonly identity: IdentityService,
    private readonly apiKeys: ApiKeysService,
    private readonly urls: PublicUrls,
  ) {}

  // ---- taxonomy ----

  @Get('taxonomy')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async taxonomyPage(@Admin() admin: AdminContext, @Query('done') done?: string, error?: DomainError, typed?: FormBody): Promise<string> {
    return adminPage('taxonomy.njk', admin, {
      section: 'taxonomy',
      taxonomy: await this.taxonomy.getAll(),
      notice: done === 'saved' ? 'Saved.' : null,
      error: error && problemsOf(error),
      typed: typed ?? {},
    });
  }

  @Post('taxonomy/:facet')
  @HttpCode(200)
  async createTerm(
    @Admin() admin: AdminContext,
    @Param() { facet }: FacetParams,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        const position = formText(body, 'position');
        const dto = await validForm(CreateTermDto, {
          code: formText(body, 'code'),
          label: { ru: formText(body, 'label.ru'), en: optionalText(body, 'label.en') },
          ...(position ? { position: Number(position) } : {}),
        });
        await this.taxonomy.create(facet, dto);
        return '/admin/taxonomy?done=saved';
      },
      (e) => this.taxonomyPage(admin, undefined, e, body),
    );
  }

  @Post('taxonomy/:facet/:code')
  @HttpCode(200)
  async updateTerm(
    @Admin() admin: AdminContext,
    @Param() { facet, code }: TermParams,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        const dto = await validForm(UpdateTermDto, {
          label: { ru: formText(body, 'label.ru'), en: optionalText(body, 'label.en') },
          position: Number(formText(body, 'position') || 0),
        });
        await this.taxonomy.update(facet, code, version(body), dto);
        return '/admin/taxonomy?done=saved';
      },
      (e) => this.taxonomyPage(admin, undefined, e),
    );
  }

  @Post('taxonomy/:facet/:code/delete')
  @HttpCode(200)
  async deleteTerm(
    @Admin() admin: AdminContext,
    @Param() { facet, code }: TermParams,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.taxonomy.remove(facet, code, version(body));
        return '/admin/taxonomy?done=saved';
      },
      (e) => this.taxonomyPage(admin, undefined, e),
    );
  }

  // ---- synonyms ----

  @Get('synonyms')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async synonymsPage(@Admin() admin: AdminContext, @Query('done') done?: string, error?: DomainError, typed?: FormBody): Promise<string> {
    return adminPage('synonyms.njk', admin, {
      section: 'synonyms',
      groups: await this.synonyms.list(),
      notice: done === 'saved' ? 'Saved; search uses it within seconds.' : null,
      error: error && problemsOf(error),
      typed: typed ?? {},
    });
  }

  @Post('synonyms')
  @HttpCode(200)
  async createSynonym(@Admin() admin: AdminContext, @Body() body: FormBody, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.synonyms.create(await validForm(SynonymInputDto, { terms: terms(formText(body, 'terms')) }));
        return '/admin/synonyms?done=saved';
      },
      (e) => this.synonymsPage(admin, undefined, e, body),
    );
  }

  @Post('synonyms/:id')
  @HttpCode(200)
  async updateSynonym(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.synonyms.update(id, version(body), await validForm(SynonymInputDto, { terms: terms(formText(body, 'terms')) }));
        return '/admin/synonyms?done=saved';
      },
      (e) => this.synonymsPage(admin, undefined, e),
    );
  }

  @Post('synonyms/:id/delete')
  @HttpCode(200)
  async deleteSynonym(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.synonyms.remove(id, version(body));
        return '/admin/synonyms?done=saved';
      },
      (e) => this.synonymsPage(admin, undefined, e),
    );
  }

  // ---- organisations ----

  @Get('organisations')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async organisationsPage(
    @Admin() admin: AdminContext,
    @Query('done') done?: string,
    error?: DomainError,
    typed?: FormBody,
  ): Promise<string> {
    return adminPage('organisations.njk', admin, {
      section: 'organisations',
      organisations: await this.organisations.list(),
      notice: done === 'saved' ? 'Saved.' : null,
      error: error && problemsOf(error),
      typed: typed ?? {},
    });
  }

  @Post('organisations')
  @HttpCode(200)
  async createOrganisation(
    @Admin() admin: AdminContext,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.organisations.create(
          await validForm(CreateOrganisationDto, { slug: formText(body, 'slug'), ...organisationFields(body) }),
        );
        return '/admin/organisations?done=saved';
      },
      (e) => this.organisationsPage(admin, undefined, e, body),
    );
  }

  @Post('organisations/:slug')
  @HttpCode(200)
  async updateOrganisation(
    @Admin() admin: AdminContext,
    @Param() { slug }: SlugParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.organisations.update(
          slug,
          version(body),
          await validForm(UpdateOrganisationDto, organisationFields(body)),
          actorOf(admin, req),
        );
        return '/admin/organisations?done=saved';
      },
      (e) => this.organisationsPage(admin, undefined, e),
    );
  }

  @Post('organisations/:slug/delete')
  @HttpCode(200)
  async deleteOrganisation(
    @Admin() admin: AdminContext,
    @Param() { slug }: SlugParam,
    @Body() body: FormBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        await this.organisations.remove(slug, version(body));
        return '/admin/organisations?done=saved';
      },
      (e) => this.organisationsPage(admin, undefined, e),
    );
  }

  // ---- users ----

  @Get('users')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async usersPage(@Admin() admin: AdminContext, @Query('done') done?: string, extra: Record<string, unknown> = {}): Promise<string> {
    return adminPage('users.njk', admin, {
      section: 'users',
      users: await this.identity.listUsers(),
      roles: ROLES,
      notice: noticeOf(done),
      typed: {},
      ...extra,
    });
  }

  /** The invitation link is shown once, on this response; only its hash is kept. */
  @Post('users')
  @HttpCode(200)
  async invite(
    @Admin() admin: AdminContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const role = formText(body, 'role') as Role;
    const email = formText(body, 'email');
    try {
      const problems = [
        ...(!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320
          ? [{ field: 'email', messages: ['must be an email address'] }]
          : []),
        ...(!ROLES.includes(role) ? [{ field: 'role', messages: [`must be one of ${ROLES.join(', ')}`] }] : []),
      ];
      if (problems.length) throw new DomainError('invalid', 'VALIDATION_FAILED', 'Invalid invitation', problems);
      const invitation = await this.identity.invite(
        email,
        role,
        optionalText(body, 'displayName')?.slice(0, 200) ?? null,
        actorOf(admin, req),
      );
      return await this.usersPage(admin, undefined, {
        inviteLink: this.urls.to(`/admin/invite/${invitation.token}`),
        invited: invitation.user,
        inviteExpires: invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
      });
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
      res.status(error.kind === 'invalid' ? 400 : 409);
      return this.usersPage(admin, undefined, { error: problemsOf(error), typed: body });
    }
  }

  @Post('users/:id')
  @HttpCode(200)
  async updateUser(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.orRender(
      res,
      async () => {
        const action = formText(body, 'action');
        if (action === 'disable' || action === 'enable') await this.identity.setDisabled(id, action === 'disable', actorOf(admin, req));
        else if ((ROLES as readonly string[]).includes(formText(body, 'role')))
          await this.identity.setRole(id, formText(body, 'role') as Role, actorOf(admin, req));
        else
          throw new DomainError('invalid', 'VALIDATION_FAILED', 'Choose a role, or disable or enable the user', [
            { field: 'role', messages: [`must be one of ${ROLES.join(', ')}`] },
          ]);
        return '/admin/users?done=user-saved';
      },
      (e) => this.usersPage(admin, undefined, { error: problemsOf(e) }),
    );
  }

  // ---- API keys ----

  @Get('api-keys')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async apiKeysPage(@Admin() admin: AdminContext, @Query('done') done?: string, extra: Record<string, unknown> = {}): Promise<string> {
    const keys = (await this.apiKeys.list()).map((k) => ({
      ...k,
      createdAt: k.createdAt.slice(0, 16).replace('T', ' '),
      lastUsedAt: k.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? null,
    }));
    return adminPage('api-keys.njk', admin, { section: 'api-keys', keys, notice: noticeOf(done), ...extra });
  }

  /** The key itself is shown once, on this response; only its hash is kept. */
  @Post('api-keys')
  @HttpCode(200)
  async createApiKey(
    @Admin() admin: AdminContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    try {
      const issued = await this.apiKeys.create(formText(body, 'name'), actorOf(admin, req));
      return await this.apiKeysPage(admin, undefined, { issued });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      res.status(400);
      return this.apiKeysPage(admin, undefined, { error: problemsOf(error) });
    }
  }

  @Post('api-keys/:id/revoke')
  async revokeApiKey(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Req() req: Request): Promise<never> {
    await this.apiKeys.revoke(id, actorOf(admin, req));
    throw new SeeOther('/admin/api-keys?done=revoked');
  }

  /**
   * Runs a change and redirects to its page (PRG); a refused change (bad
   * input, stale version, in use) re-renders the page with the reason and
   * the matching status instead.
   */
  private async orRender(res: Response, work: () => Promise<string>, onError: (e: DomainError) => Promise<string>): Promise<string> {
    let location: string;
    try {
      location = await work();
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict', 'precondition_failed', 'not_found'].includes(error.kind)) throw error;
      res.status({ invalid: 400, conflict: 409, precondition_failed: 412, not_found: 404 }[error.kind as 'invalid']);
      return onError(error);
    }
    throw new SeeOther(location);
  }
}
