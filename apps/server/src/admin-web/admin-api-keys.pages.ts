import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { Request, Response } from 'express';
import { ApiKeysService } from '@app/identity';
import { IdParam } from '../http/params';
import { adminPage, noticeOf, problemsOf, seeOther, showOrRefuse } from './admin-pages';
import { readForm, type FormBody } from './form-input';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';

/** Who a new key is for; the service holds the rule for its name (1 to 200 characters). */
class IssueKeyForm {
  @IsOptional() @IsString() name: string | null;
}

/** The consultants' API keys: issue (the key is shown once), see use, revoke. */
@ApiExcludeController()
@AdminPages('admin')
@Controller('admin/api-keys')
export class AdminApiKeysPages {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    return this.render(admin, { notice: noticeOf(done) });
  }

  /** The key itself is shown once, on this response; only its hash is kept. */
  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async create(@Admin() admin: AdminContext, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return showOrRefuse(
      res,
      async () => {
        const { name } = await readForm(IssueKeyForm, body);
        return this.render(admin, { issued: await this.apiKeys.create(name ?? '', actorOf(admin, req)) });
      },
      (error) => this.render(admin, { error: problemsOf(error) }),
    );
  }

  @Post(':id/revoke')
  async revoke(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.apiKeys.revoke(id, actorOf(admin, req));
    seeOther(res, '/admin/api-keys?done=revoked');
  }

  private async render(admin: AdminContext, extra: Record<string, unknown>): Promise<string> {
    const keys = (await this.apiKeys.list()).map((k) => ({
      ...k,
      createdAt: k.createdAt.slice(0, 16).replace('T', ' '),
      lastUsedAt: k.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? null,
    }));
    return adminPage('api-keys.njk', admin, { section: 'api-keys', keys, notice: null, ...extra });
  }
}
