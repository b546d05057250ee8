import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CreateOrganisationDto, OrganisationsService, UpdateOrganisationDto } from '@app/catalogue';
import type { DomainError } from '@app/common';
import { SlugParam } from '../http/params';
import { adminPage, changeOrShow, errorsByField, problemsOf } from './admin-pages';
import { readForm, VersionForm, WithVersion, type FormBody } from './form-input';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';

const DONE = '/admin/organisations?done=saved';

class UpdateOrganisationForm extends WithVersion(UpdateOrganisationDto) {}

/** The organisations that provide programmes. */
@ApiExcludeController()
@AdminPages('admin')
@Controller('admin/organisations')
export class AdminOrganisationsPages {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    return this.render(admin, { notice: done === 'saved' ? 'Saved.' : null });
  }

  @Post()
  create(@Admin() admin: AdminContext, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.organisations.create(await readForm(CreateOrganisationDto, body));
        return DONE;
      },
      // the new organisation's form shows each problem beside its input
      (error) => this.render(admin, { error, typed: body, beside: true }),
    );
  }

  @Post(':slug')
  update(
    @Admin() admin: AdminContext,
    @Param() { slug }: SlugParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        const { version, ...input } = await readForm(UpdateOrganisationForm, body);
        await this.organisations.update(slug, version, input, actorOf(admin, req));
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  @Post(':slug/delete')
  remove(@Admin() admin: AdminContext, @Param() { slug }: SlugParam, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.organisations.remove(slug, (await readForm(VersionForm, body)).version);
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  private async render(
    admin: AdminContext,
    state: { notice?: string | null; error?: DomainError; typed?: FormBody; beside?: boolean },
  ): Promise<string> {
    return adminPage('organisations.njk', admin, {
      section: 'organisations',
      organisations: await this.organisations.list(),
      notice: state.notice ?? null,
      error: state.error && problemsOf(state.error),
      typed: state.typed ?? {},
      fieldErrors: state.beside && state.error ? errorsByField(problemsOf(state.error)) : {},
    });
  }
}
