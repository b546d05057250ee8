import { randomBytes } from 'node:crypto';
import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError, exactVersion, type ExpectedVersion, flattenValidationErrors, validationFailed, type FieldProblem } from '@app/common';
import { renderAdmin } from './admin-views';
import { cookieOptions, LOGIN_COOKIE, sameToken, type AdminContext } from './admin-session';

export type FormBody = Record<string, string | string[] | undefined>;

/** Renders an admin template with the signed-in user, their CSRF token and the section for the nav. */
export function adminPage(template: string, admin: AdminContext | null, context: Record<string, unknown> = {}): string {
  return renderAdmin(`admin/${template}`, { me: admin?.user ?? null, csrf: admin?.csrfToken ?? '', ...context });
}

/** One text value of a form field (the last one when repeated), trimmed. */
export const formText = (body: FormBody, name: string): string => {
  const v = body[name];
  return (Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '')).trim();
};

/** Every non-blank value of a repeated form field (checkboxes, multi-selects), trimmed. */
export const formList = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
};

/** Field problems keyed by field, for showing each next to its input. */
export const errorsByField = (problems: FieldProblem[]): Record<string, string[]> =>
  problems.reduce<Record<string, string[]>>((acc, p) => ({ ...acc, [p.field]: [...(acc[p.field] ?? []), ...p.messages] }), {});

/** The field problems of a domain error (or of the whole form when it names none). */
export function problemsOf(error: DomainError): FieldProblem[] {
  return Array.isArray(error.details) ? (error.details as FieldProblem[]) : [{ field: '_form', messages: [error.message] }];
}

/** Issues the pre-sign-in token (cookie and form echo it: login CSRF protection). */
export function issueLoginToken(req: Request, res: Response): string {
  const token = randomBytes(24).toString('base64url');
  res.cookie(LOGIN_COOKIE, token, { ...cookieOptions(req), maxAge: 3_600_000 });
  return token;
}

export function checkLoginToken(req: Request, body: FormBody): boolean {
  const cookie = (req.cookies as Record<string, string> | undefined)?.[LOGIN_COOKIE];
  return typeof cookie === 'string' && sameToken(body._csrf, cookie);
}

/** Only a path inside the admin area: never an open redirect. */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[^/\\]|\?|$)/.test(next) && !/[\r\n]/.test(next) ? next : '/admin/programmes';
}

/** The common "done" messages after a redirect (the query carries a code, never text). */
export const NOTICES: Record<string, string> = {
  saved: 'Saved.',
  created: 'Created as a draft.',
  unchanged: 'Nothing changed, so nothing was saved.',
  published: 'Published: it is now in public search.',
  unpublished: 'Unpublished: it is back to a draft.',
  archived: 'Archived.',
  'update-applied': 'The catalogue update was applied.',
  'update-dismissed': 'The catalogue update was dismissed; the entry stays as it is.',
  restored: 'Restored as a draft.',
  reverted: 'The old revision was restored as a new change.',
  'reverted-pending': 'The old revision is now the pending change: it is not public until it is published.',
  'pending-saved': 'Saved as a pending change: the public page keeps the published version until the change is published.',
  'update-pending': 'The catalogue update is in the pending change: it is not public until the change is published.',
  'change-published': 'The pending change is published: the public page and search show it now.',
  'change-approved': 'Approved: any editor may now publish this version of the change.',
  'change-discarded': 'The pending change was discarded; the entry stays as published.',
  'change-rebased': 'The pending change now includes the published entry’s changes, with the versions you chose.',
  deleted: 'Deleted. Its history is kept.',
  'signed-out': 'You have signed out.',
  'password-set': 'Your password is set; sign in.',
  retried: 'Failed changes are queued to be sent again.',
  reindexed: 'The search index was rebuilt.',
  'reindex-queued': 'The rebuild is queued: the worker builds the new index and swaps it in (pending changes below include it).',
  revoked: 'The key was revoked; requests with it are refused from now on.',
  'user-saved': 'The user was updated; their sessions have ended.',
};

export const noticeOf = (code: unknown): string | null => (typeof code === 'string' ? (NOTICES[code] ?? null) : null);

/** A form's values as a validated DTO (the same rules as the JSON API), or a 400 naming every bad field. */
export async function validForm<T extends object>(type: ClassConstructor<T>, plain: Record<string, unknown>): Promise<T> {
  const dto = plainToInstance(type, plain);
  const problems = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw validationFailed(problems);
  return dto;
}

/** A text field that may be left blank (blank means none). */
export const optionalText = (body: FormBody, name: string): string | null => formText(body, name) || null;

/**
 * The version a form was drawn from (canonical digits). A form drawn from none expects version 0,
 * which no record ever has (versions start at 1): it matches nothing, so the change is refused
 * (412, or 404 for a record that is gone), never taken as `If-Match: *`.
 */
export const formVersion = (body: FormBody): ExpectedVersion => {
  const text = formText(body, 'version');
  return exactVersion(/^[1-9]\d{0,8}$/.test(text) ? Number(text) : 0);
};

/** Sends the browser on after a change: 303, so reloading the next page does not post again. */
export function seeOther(res: Response, location: string): void {
  res.redirect(303, location);
}

const REFUSED_STATUS: Partial<Record<string, number>> = { invalid: 400, conflict: 409, precondition_failed: 412, not_found: 404 };

/** Runs `work`; a change the service refused (bad input, stale version, in use, gone) shows `refused`'s page with the matching status instead. Anything else is a fault, left to the error filter. */
async function orRefused(res: Response, work: () => Promise<void>, refused: (error: DomainError) => Promise<string>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const status = error instanceof DomainError ? REFUSED_STATUS[error.kind] : undefined;
    if (!status) throw error;
    showPage(res.status(status), await refused(error as DomainError));
  }
}

/** Runs a change and sends the browser to the page it names (Post/Redirect/Get), or shows why it was refused. */
export const changeOrShow = (
  res: Response,
  change: () => Promise<string>,
  refused: (error: DomainError) => Promise<string>,
): Promise<void> => orRefused(res, async () => seeOther(res, await change()), refused);

/** Runs a change whose answer is a page (a secret shown once), or shows why it was refused. */
export const showOrRefuse = (res: Response, show: () => Promise<string>, refused: (error: DomainError) => Promise<string>): Promise<void> =>
  orRefused(res, async () => showPage(res, await show()), refused);

/** Sends a rendered page (from a handler that may also redirect, so sends its answer itself). */
export function showPage(res: Response, html: string): void {
  res.type('html').send(html);
}

/** What a form post ends in: a page to show (its status already set) or the page to go to next. */
export type Outcome = string | { seeOther: string };

export function answer(res: Response, outcome: Outcome): void {
  if (typeof outcome === 'string') showPage(res, outcome);
  else seeOther(res, outcome.seeOther);
}
