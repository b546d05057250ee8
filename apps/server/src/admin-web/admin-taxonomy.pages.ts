import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateTermDto, FacetParams, TaxonomyService, TermParams, UpdateTermDto } from '@app/catalogue';
import type { DomainError } from '@app/common';
import { adminPage, changeOrShow, problemsOf } from './admin-pages';
import { readForm, VersionForm, WithVersion, type FormBody } from './form-input';
import { Admin, AdminContext, AdminPages } from './admin-session';

const DONE = '/admin/taxonomy?done=saved';

class UpdateTermForm extends WithVersion(UpdateTermDto) {}

/** The taxonomy's terms, facet by facet: add, relabel, reorder, delete (refused while a programme uses one). */
@ApiExcludeController()
@AdminPages('admin')
@Controller('admin/taxonomy')
export class AdminTaxonomyPages {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    return this.render(admin, { notice: done === 'saved' ? 'Saved.' : null });
  }

  @Post(':facet')
  create(@Admin() admin: AdminContext, @Param() { facet }: FacetParams, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.taxonomy.create(facet, await readForm(CreateTermDto, body));
        return DONE;
      },
      (error) => this.render(admin, { error, typed: body }),
    );
  }

  @Post(':facet/:code')
  update(@Admin() admin: AdminContext, @Param() { facet, code }: TermParams, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        const { version, ...input } = await readForm(UpdateTermForm, body);
        await this.taxonomy.update(facet, code, version, input);
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  @Post(':facet/:code/delete')
  remove(@Admin() admin: AdminContext, @Param() { facet, code }: TermParams, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return changeOrShow(
      res,
      async () => {
        await this.taxonomy.remove(facet, code, (await readForm(VersionForm, body)).version);
        return DONE;
      },
      (error) => this.render(admin, { error }),
    );
  }

  private async render(admin: AdminContext, state: { notice?: string | null; error?: DomainError; typed?: FormBody }): Promise<string> {
    return adminPage('taxonomy.njk', admin, {
      section: 'taxonomy',
      taxonomy: await this.taxonomy.getAll(),
      notice: state.notice ?? null,
      error: state.error && problemsOf(state.error),
      typed: state.typed ?? {},
    });
  }
}
