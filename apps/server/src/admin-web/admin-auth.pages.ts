import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@app/common';
import { IdentityService } from '@app/identity';
import {
  adminPage,
  checkLoginToken,
  formText,
  issueLoginToken,
  noticeOf,
  safeNext,
  seeOther,
  showPage,
  type FormBody,
} from './admin-pages';
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
    const email = formText(body, 'email').slice(0, 320);
    const next = safeNext(formText(body, 'next'));
    try {
      const session = await this.identity.signInBrowser(email, String(body.password ?? '').slice(0, 1024), { ip: req.ip ?? null });
      res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
      res.clearCookie(LOGIN_COOKIE, cookieOptions(req));
      seeOther(res, next);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'unauthenticated' && error.kind !== 'too_many_requests')) throw error;
      // one message for every failed sign-in; a throttled one says when to retry
      res.status(error.kind === 'too_many_requests' ? 429 : 401);
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
      await this.identity.acceptInvitation(token, String(body.password ?? ''));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'USER.WEAK_PASSWORD') throw error;
      const invitee = await this.identity.findInvitation(token);
      res.status(400);
      return showPage(res, adminPage('invite.njk', null, { invitee, token, loginToken: issueLoginToken(req, res), error: error.message }));
    }
    res.clearCookie(LOGIN_COOKIE, cookieOptions(req));
    seeOther(res, '/admin/login?done=password-set');
  }
}
