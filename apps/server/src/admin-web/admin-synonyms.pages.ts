import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { Response } from 'express';
import type { DomainError } from '@app/common';
import { SynonymInputDto, SynonymsService } from '@app/search';
import { IdParam } from '../http/params';
import { adminPage, changeOrShow, problemsOf } from './admin-pages';
import { readForm, VersionForm, WithVersion, type FormBody } from './form-input';
import { Admin, AdminContext, AdminPages } from './admin-session';

const DONE = '/admin/synonyms?done=saved';

/** The API's synonym group, typed in one box: one term per line (or comma-separated), spaces tidied as the API tidies them. */
class SynonymForm extends SynonymInputDto {
  @Transform(({ obj }: { obj: { terms?: string[] } }) =>
    (obj.terms ?? []).flatMap((text) => text.split(/[\n,]/).map((t) => t.trim().replace(/\s+/g, ' '))).filter(Boolean),
  )
  declare terms: string[];
}

class SynonymEditForm extends WithVersion(SynonymForm) {}

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
        const { terms } = await readForm(SynonymForm, body);
        await this.synonyms.create({ terms });
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
        const { version, terms } = await readForm(SynonymEditForm, body);
        await this.synonyms.update(id, version, { terms });
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
        await this.synonyms.remove(id, (await readForm(VersionForm, body)).version);
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
