import request from 'supertest';
import { IdentityService, type Role } from '@app/identity';
import { strongPassword, uniqueEmail } from '@app/testing';
import type { TestApp } from './test-app';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token a page's forms carry. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

export interface AdminBrowser {
  agent: Agent;
  email: string;
  password: string;
  /** The session's CSRF token (from any admin page). */
  csrf: string;
}

/** Signs in through the sign-in form like a browser (cookies kept by the agent). */
export async function signInAs(http: TestApp['http'], email: string, password: string): Promise<AdminBrowser> {
  const agent = request.agent(http);
  const form = await agent.get('/admin/login').expect(200);
  await agent
    .post('/admin/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password, next: '/admin/programmes' })
    .expect(303);
  const page = await agent.get('/admin/programmes').expect(200);
  return { agent, email, password, csrf: csrfOf(page.text) };
}

/** A new user with the role, signed in. */
export async function adminBrowser(t: TestApp, role: Role): Promise<AdminBrowser> {
  const email = uniqueEmail(role);
  const password = strongPassword();
  await t.app.get(IdentityService).createUser(email, password, role);
  return signInAs(t.http, email, password);
}

/** Every named field of the programme edit form with the value it shows (checked boxes only), as a browser would send it. */
export function editFormFields(html: string): [string, string][] {
  const start = html.indexOf('class="edit"');
  const form = html.slice(start, html.indexOf('</form>', start));
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: [string, string][] = [];
  for (const [, attrs] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    if (/type="checkbox"/.test(attrs) && !/ checked/.test(attrs)) continue;
    fields.push([unescape(name), unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? '')]);
  }
  for (const [, name, text] of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields.push([name, unescape(text)]);
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields.push([name, /<option value="([^"]*)" selected/.exec(options)?.[1] ?? '']);
  }
  return fields;
}

/** URL-encodes form fields, replacing the named ones. */
export function formBody(fields: [string, string][], changes: Record<string, string> = {}): string {
  const seen = new Set<string>();
  const out = fields.map(([k, v]) => {
    if (k in changes && !seen.has(k)) {
      seen.add(k);
      return [k, changes[k]];
    }
    return [k, v];
  });
  for (const [k, v] of Object.entries(changes)) if (!seen.has(k)) out.push([k, v]);
  return new URLSearchParams(out).toString();
}
