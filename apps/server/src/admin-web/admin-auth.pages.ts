import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError } from '@app/common';
import { IdentityService } from '@app/identity';
import { adminPage, checkLoginToken, issueLoginToken, noticeOf, safeNext, seeOther, showPage } from './admin-pages';
import { readForm, type FormBody } from './form-input';
import {
  actorOf,
  Admin,
  AdminContext,
  AdminPages,
  cookieOptions,
  csrfRejected,
  LOGIN_COOKIE,
  PublicAdminPage,
  SESSION_COOKIE,
} from './admin-session';

/** How a refused sign-in answers: a password too long to be one is as wrong as any other. */
const SIGN_IN_REFUSED: Partial<Record<string, number>> = { unauthenticated: 401, too_many_requests: 429, invalid: 400 };

/** The sign-in form: what it lacks fails as any sign-in does (one message for every failure). */
class SignInForm {
  @IsOptional() @IsString() @MaxLength(320) email: string | null;
  @IsOptional() @IsString() @MaxLength(1024) password: string | null;
  @IsOptional() @IsString() next: string | null;
}

/** The invitation's form: the password the invited user chooses (the service says when it is too weak). */
class SetPasswordForm {
  @IsOptional() @IsString() @MaxLength(1024) password: string | null;
}

/** Sign-in, sign-out and accepting an invitation. */
@ApiExcludeController()
@AdminPages('admin', 'editor')
@Controller('admin')
export class AdminAuthPages {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  home(@Res() res: Response): void {
    seeOther(res, '/admin/programmes');
  }

  @Get('login')
  @PublicAdminPage()
  @Header('Cache-Control', 'no-store')
  async loginForm(@Req() req: Request, @Res() res: Response, @Query('next') next?: string, @Query('done') done?: string): Promise<void> {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token && (await this.identity.authenticateBrowser(token))) return seeOther(res, safeNext(next));
    showPage(
      res,
      adminPage('login.njk', null, { loginToken: issueLoginToken(req, res), next: safeNext(next), email: '', notice: noticeOf(done) }),
    );
  }

  @Post('login')
  @PublicAdminPage()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async login(@Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!checkLoginToken(req, body)) throw csrfRejected();
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
    let email = '';
    try {
      const form = await readForm(SignInForm, body);
      email = form.email ?? '';
      const session = await this.identity.signInBrowser(email, form.password ?? '', { ip: req.ip ?? null });
      res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
      res.clearCookie(LOGIN_COOKIE, cookieOptions(req));
      seeOther(res, next);
    } catch (error) {
      if (!(error instanceof DomainError) || !SIGN_IN_REFUSED[error.kind]) throw error;
      // one message for every failed sign-in; a throttled one says when to retry
      res.status(SIGN_IN_REFUSED[error.kind]!);
      const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
      showPage(res, adminPage('login.njk', null, { loginToken: issueLoginToken(req, res), next, email, error: error.message }));
    }
  }

  @Post('logout')
  async logout(@Admin() admin: AdminContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.identity.logout(admin.sessionToken, actorOf(admin, req));
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    seeOther(res, '/admin/login?done=signed-out');
  }

  @Get('invite/:token')
  @PublicAdminPage()
  @Header('Cache-Control', 'no-store')
  async inviteForm(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const invitee = await this.identity.findInvitation(token);
    if (!invitee)
      throw new DomainError(
        'not_found',
        'USER.INVITATION_INVALID',
        'This invitation link is unknown, used or expired; ask an admin for a new one',
      );
    return adminPage('invite.njk', null, { invitee, token, loginToken: issueLoginToken(req, res) });
  }

  @Post('invite/:token')
  @PublicAdminPage()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async acceptInvite(@Param('token') token: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!checkLoginToken(req, body)) throw csrfRejected();
    try {
      await this.identity.acceptInvitation(token, (await readForm(SetPasswordForm, body)).password ?? '');
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'USER.WEAK_PASSWORD' && error.kind !== 'invalid')) throw error;
      const invitee = await this.identity.findInvitation(token);
      res.status(400);
      return showPage(res, adminPage('invite.njk', null, { invitee, token, loginToken: issueLoginToken(req, res), error: error.message }));
    }
    res.clearCookie(LOGIN_COOKIE, cookieOptions(req));
    seeOther(res, '/admin/login?done=password-set');
  }
}
