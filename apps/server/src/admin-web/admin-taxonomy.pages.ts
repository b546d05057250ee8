import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateTermDto, FacetParams, TaxonomyService, TermParams, UpdateTermDto } from '@app/catalogue';
import type { DomainError } from '@app/common';
import { adminPage, changeOrShow, formText, formVersion, optionalText, problemsOf, validForm, type FormBody } from './admin-pages';
import { Admin, AdminContext, AdminPages } from './admin-session';

const DONE = '/admin/taxonomy?done=saved';

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
        const position = formText(body, 'position');
        const dto = await validForm(CreateTermDto, {
          code: formText(body, 'code'),
          label: { ru: formText(body, 'label.ru'), en: optionalText(body, 'label.en') },
          ...(position ? { position: Number(position) } : {}),
        });
        await this.taxonomy.create(facet, dto);
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
        const dto = await validForm(UpdateTermDto, {
          label: { ru: formText(body, 'label.ru'), en: optionalText(body, 'label.en') },
          position: Number(formText(body, 'position') || 0),
        });
        await this.taxonomy.update(facet, code, formVersion(body), dto);
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
        await this.taxonomy.remove(facet, code, formVersion(body));
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
