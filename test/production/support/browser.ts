import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/processes';

/**
 * A browser's cookie jar for the admin pages, sending each request to whichever instance the test names:
 * the cookies (a session, the sign-in form's token) belong to the site, not to one server process.
 */
export class CookieBrowser {
  private readonly cookies = new Map<string, string>();

  async request(base: string, path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return res;
  }

  /** Signs in through the sign-in form of `base`; the session cookie is then the site's. */
  async signIn(base: string, user: { email: string; password: string }): Promise<void> {
    const form = await (await this.request(base, '/admin/login')).text();
    const res = await this.request(base, '/admin/login', {
      form: { _csrf: csrfOf(form), email: user.email, password: user.password, next: '/admin/programmes' },
    });
    if (res.status !== 303) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  }
}

/** The CSRF token a page's forms carry. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

const FIGURES = join(ROOT, 'test-artifacts', 'production-figures.json');

/**
 * Keeps a figure the suite measured (time to visibility, failed requests, seconds of 503) in
 * test-artifacts/production-figures.json and prints it, for docs/benchmarks.md.
 */
export function recordFigure(name: string, value: unknown): void {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  let figures: Record<string, unknown> = {};
  try {
    figures = JSON.parse(readFileSync(FIGURES, 'utf8')) as Record<string, unknown>;
  } catch {
    // the first figure of a run
  }
  figures[name] = { value, measuredAt: new Date().toISOString() };
  writeFileSync(FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`figure: ${name}: ${JSON.stringify(value)}\n`);
}
