import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@app/common';
import { PublicUrls } from '@app/config';
import { IdentityService, ROLES, type Role } from '@app/identity';
import { IdParam } from '../http/params';
import { adminPage, changeOrShow, formText, noticeOf, optionalText, problemsOf, showOrRefuse, type FormBody } from './admin-pages';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';

/** Editors and admins: invitations, roles, disabling. */
@ApiExcludeController()
@AdminPages('admin')
@Controller('admin/users')
export class AdminUsersPages {
  constructor(
    private readonly identity: IdentityService,
    private readonly urls: PublicUrls,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Admin() admin: AdminContext, @Query('done') done?: string): Promise<string> {
    return this.render(admin, { notice: noticeOf(done) });
  }

  /** The invitation link is shown once, on this response; only its hash is kept. */
  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async invite(@Admin() admin: AdminContext, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const role = formText(body, 'role') as Role;
    const email = formText(body, 'email');
    const invite = async (): Promise<string> => {
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
      return this.render(admin, {
        inviteLink: this.urls.to(`/admin/invite/${invitation.token}`),
        invited: invitation.user,
        inviteExpires: invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
      });
    };
    return showOrRefuse(res, invite, (error) => this.render(admin, { error: problemsOf(error), typed: body }));
  }

  @Post(':id')
  update(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return changeOrShow(
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
      (error) => this.render(admin, { error: problemsOf(error) }),
    );
  }

  private async render(admin: AdminContext, extra: Record<string, unknown>): Promise<string> {
    return adminPage('users.njk', admin, {
      section: 'users',
      users: await this.identity.listUsers(),
      roles: ROLES,
      notice: null,
      typed: {},
      ...extra,
    });
  }
}
