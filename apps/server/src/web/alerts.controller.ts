import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, validate } from 'class-validator';
import type { Request } from 'express';
import { AlertsService, type AlertFrequency } from '@app/alerts';
import { DomainError, validationFailed } from '@app/common';
import { ProgrammeListQuery, toSearchRequest } from '../programmes/programme-list.query';
import { RateLimit } from '../api-access/rate-limit.decorator';
import { CrossSiteAllowed } from './same-site-forms.guard';
import { queryObject } from '../http/params';
import { render } from './web-views';
import { textFor } from './web-i18n';

class AlertForm {
  @IsEmail({}, { message: 'email' }) @MaxLength(320) email: string;
  @IsIn(['daily', 'weekly']) frequency: AlertFrequency;
  /** The search page's query string. */
  @IsOptional() @IsString() @MaxLength(2000) query = '';
  @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

/** What the links in alert messages carry; anything else is a broken or mistyped link. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Email alerts on the website: subscribe from a search page, confirm from the
 * message (a button, so mail scanners that open links confirm nothing), and
 * unsubscribe with one click, also by RFC 8058's POST from the mail client.
 */
@ApiExcludeController()
@Public('anyone; a subscription is confirmed by mail, and managed by its secret link')
@RateLimit('web')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async subscribe(@Body() body: Record<string, unknown>, @Req() req: Request): Promise<string> {
    const form = plainToInstance(AlertForm, body);
    const lang = form.lang === 'en' ? 'en' : 'ru';
    const t = textFor(lang).alerts;
    if ((await validate(form)).length) return this.page(lang, t.badTitle, t.badEmail, null, 400, req);
    // the followed search is read as the search page reads it, so it means the same
    const params = new URLSearchParams(form.query);
    // a saved search has no position in its results
    for (const paging of ['page', 'perPage', 'after', 'lang']) params.delete(paging);
    // read with the position still in it, so a forged `after` is refused as the search page refuses it
    const query = plainToInstance(ProgrammeListQuery, queryObject(new URLSearchParams(form.query)));
    if ((await validate(query, { whitelist: true, forbidNonWhitelisted: true })).length)
      throw validationFailed([{ field: 'query', messages: ['not a search of this site'] }]);
    const { page: _page, perPage: _perPage, after: _after, sort: _sort, ...request } = toSearchRequest(query);
    try {
      await this.alerts.subscribe(form.email, { query: params.toString(), request }, form.frequency, lang, req.ip ?? 'unknown');
    } catch (error) {
      const fields = error instanceof DomainError && Array.isArray(error.details) ? error.details.map((d) => d.field) : [];
      if (fields.includes('email')) return this.page(lang, t.badTitle, t.badEmail, null, 400, req);
      throw error;
    }
    return this.page(lang, t.checkTitle, t.checkText, null, 200, req);
  }

  /** The message's link: a button to confirm (a mail scanner opening links confirms nothing), or what became of it. */
  @Get('confirm/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async confirmPage(@Param('token') token: string, @Req() req: Request): Promise<string> {
    const lang = langOf(req);
    const t = textFor(lang).alerts;
    const state = TOKEN.test(token) ? await this.alerts.confirmation(token) : null;
    if (state === 'confirmed') return this.page(lang, t.alreadyTitle, t.alreadyText, null, 200, req);
    if (state === null) return this.page(lang, t.unknownTitle, t.unknownText, null, 404, req);
    return this.page(lang, t.confirmTitle, t.confirmText, { action: `/alerts/confirm/${token}`, label: t.confirmButton }, 200, req);
  }

  @Post('confirm/:token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async confirm(@Param('token') token: string, @Req() req: Request): Promise<string> {
    const lang = langOf(req);
    const t = textFor(lang).alerts;
    return TOKEN.test(token) && (await this.alerts.confirm(token))
      ? this.page(lang, t.confirmedTitle, t.confirmedText, null, 200, req)
      : this.page(lang, t.unknownTitle, t.unknownText, null, 404, req);
  }

  @Get('unsubscribe/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribePage(@Param('token') token: string, @Req() req: Request): Promise<string> {
    const lang = langOf(req);
    const t = textFor(lang).alerts;
    if (!TOKEN.test(token)) return this.page(lang, t.unknownTitle, t.unknownText, null, 404, req);
    if (!(await this.alerts.exists(token))) return this.page(lang, t.goneTitle, t.goneText, null, 200, req);
    return this.page(
      lang,
      t.unsubscribeTitle,
      t.unsubscribeText,
      { action: `/alerts/unsubscribe/${token}`, label: t.unsubscribeButton },
      200,
      req,
    );
  }

  /** The page's button and RFC 8058 one-click (`List-Unsubscribe=One-Click`) both land here. */
  @Post('unsubscribe/:token')
  @CrossSiteAllowed('RFC 8058: mail clients post the one-click unsubscribe from wherever they run; it needs the secret link')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribe(@Param('token') token: string, @Req() req: Request): Promise<string> {
    const lang = langOf(req);
    const t = textFor(lang).alerts;
    if (!TOKEN.test(token)) return this.page(lang, t.unknownTitle, t.unknownText, null, 404, req);
    await this.alerts.unsubscribe(token);
    return this.page(lang, t.goneTitle, t.goneText, null, 200, req);
  }

  private page(
    lang: 'ru' | 'en',
    title: string,
    text: string,
    button: { action: string; label: string } | null,
    status: number,
    req: Request,
  ): string {
    req.res?.status(status);
    return render('alert.njk', { lang, title, text, button, languageUrl: lang === 'ru' ? '/?lang=en' : '/' });
  }
}

const langOf = (req: Request): 'ru' | 'en' => (req.query.lang === 'en' ? 'en' : 'ru');
