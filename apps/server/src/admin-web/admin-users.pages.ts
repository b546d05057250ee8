import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { Request, Response } from 'express';
import { PublicUrls } from '@app/config';
import { IdentityService, ROLES, type Role } from '@app/identity';
import { IdParam } from '../http/params';
import { adminPage, changeOrShow, noticeOf, problemsOf, showOrRefuse } from './admin-pages';
import { readForm, type FormBody } from './form-input';
import { actorOf, Admin, AdminContext, AdminPages } from './admin-session';

const ROLE_RULE = { message: `role must be one of ${ROLES.join(', ')}` };

class InviteForm {
  @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(320) email: string;
  @IsIn(ROLES, ROLE_RULE) role: Role;
  @IsOptional() @IsString() @MaxLength(200) displayName: string | null;
}

/** One user's row: a new role, or disabling / enabling them (the row's second form). */
class UserForm {
  @IsOptional() @IsIn(['disable', 'enable']) action?: 'disable' | 'enable' | null;
  @ValidateIf((form: UserForm) => !form.action) @IsIn(ROLES, ROLE_RULE) role?: Role;
}

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
    const invite = async (): Promise<string> => {
      const { email, role, displayName } = await readForm(InviteForm, body);
      const invitation = await this.identity.invite(email, role, displayName, actorOf(admin, req));
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
        const { action, role } = await readForm(UserForm, body);
        if (action) await this.identity.setDisabled(id, action === 'disable', actorOf(admin, req));
        else await this.identity.setRole(id, role!, actorOf(admin, req));
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
