import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DomainError } from '@app/common';
import { SynonymInputDto, SynonymsService } from '@app/search';
import { IdParam } from '../http/params';
import { adminPage, changeOrShow, formText, formVersion, problemsOf, validForm, type FormBody } from './admin-pages';
import { Admin, AdminContext, AdminPages } from './admin-session';

const DONE = '/admin/synonyms?done=saved';

/** Splits a synonym group typed one term per line (or comma-separated). */
const terms = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Search synonym groups: words search treats as one. */
@ApiExcludeController()
@AdminPages('admin')
@Controller('admin/synonyms')
export class AdminSynonymsPages {
  constructor(private readonly synonyms: SynonymsService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    return this.render(admin, { notice: done === 'saved' ? 'Saved; search uses it within seconds.' : null });
  }

  @Post()
  create(@Admin() admin: AdminContext, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.synonyms.create(await validForm(SynonymInputDto, { terms: terms(formText(body, 'terms')) }));
        return DONE;
      },
      (error) => this.render(admin, { error, typed: body }),
    );
  }

  @Post(':id')
  update(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.synonyms.update(id, formVersion(body), await validForm(SynonymInputDto, { terms: terms(formText(body, 'terms')) }));
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  @Post(':id/delete')
  remove(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.synonyms.remove(id, formVersion(body));
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  private async render(admin: AdminContext, state: { notice?: string | null; error?: DomainError; typed?: FormBody }): Promise<string> {
    return adminPage('synonyms.njk', admin, {
      section: 'synonyms',
      groups: await this.synonyms.list(),
      notice: state.notice ?? null,
      error: state.error && problemsOf(state.error),
      typed: state.typed ?? {},
    });
  }
}
