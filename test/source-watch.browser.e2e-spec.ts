/// <reference lib="dom" />
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { IdentityService } from '@app/identity';
import { SourceWatchJob } from '@app/source-watch';
import { freePort, programmeInput, strongPassword, uniqueEmail, uniqueSlug } from '@app/testing';
import { ARTIFACTS, AXE, CHROMIUM, describeInBrowser } from './support/browser';
import { framedPage, LocalSite, seedWithoutProgrammes } from './support/local-site';
import { createProgrammeViaApi } from './support/programmes';
import { createTestApp, type TestApp } from './support/test-app';

const source = (key: string, url: string) => ({
  key,
  title: { ru: `Страница ${key}` },
  url,
  publisher: 'Портал',
  kind: 'official',
  publishedOn: '2026-01-15',
});

/**
 * The source watch's admin pages in Debian's Chromium: the queue and an entry's sources at a desktop
 * and a phone width (axe: no serious or critical findings; screenshots kept), used with the keyboard
 * alone: dismiss an item, then confirm an entry.
 */
describeInBrowser('source watch pages in a real browser', () => {
  let t: TestApp;
  let site: LocalSite;
  let browser: Browser;
  let base: string;
  let who: { email: string; password: string };
  let entryId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    site = await LocalSite.start('127.0.0.1');
    t = await createTestApp({ seed: false, env: { SOURCE_WATCH_HOST_DELAY_MS: '0', SOURCE_WATCH_RECHECK_HOURS: '0' } });
    await seedWithoutProgrammes(t);
    const token = await t.tokenFor('editor');
    site.page(
      '/rules',
      framedPage(
        'Правила',
        '<h1>Правила предоставления гранта</h1><p>Грант до 5 млн рублей для малых предприятий. Заявки до 30.03.2026.</p>',
      ),
    );
    site.page('/card', '<main><p>Карточка меры поддержки</p></main>');
    site.page('/news', '<main><p>Новость о продлении приёма</p></main>');
    site.page('/moved-to', '<main><p>Карточка меры поддержки</p></main>');
    const entry = await createProgrammeViaApi(
      t.http,
      token,
      programmeInput({
        slug: uniqueSlug('watched'),
        title: { ru: 'Грант на оборудование для малых предприятий', en: 'Equipment grant' },
        curation: { sources: [source('rules', site.url('/rules')), source('card', site.url('/card')), source('news', site.url('/news'))] },
      }),
      false,
    );
    entryId = entry.id;
    await createProgrammeViaApi(
      t.http,
      token,
      programmeInput({
        slug: uniqueSlug('watched'),
        title: { ru: 'Льготный заём на модернизацию' },
        curation: { sources: [source('rules', site.url('/rules'))] },
      }),
      false,
    );
    const job = t.app.get(SourceWatchJob);
    await job.run();
    site.page(
      '/rules',
      framedPage(
        'Правила',
        '<h1>Правила предоставления гранта</h1><p>Грант до 7 млн рублей для малых и средних предприятий. Заявки до 15.04.2026.</p>',
      ),
    );
    site.redirect('/card', 301, '/moved-to');
    site.status('/news', 404);
    await job.run();

    who = { email: uniqueEmail('editor'), password: strongPassword() };
    await t.app.get(IdentityService).createUser(who.email, who.password, 'editor');
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await site?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  const signIn = async (width: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/programmes$/);
    return page;
  };

  const seriousFindings = async (page: Page) => {
    await page.evaluate(AXE);
    const violations: { id: string; impact: string }[] = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run({ resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };

  it.each([
    ['desktop', 1280],
    ['phone', 360],
  ])('the queue and an entry have no serious accessibility findings on a %s (%i px)', async (label, width) => {
    const page = await signIn(width);
    await page.getByRole('link', { name: 'Source watch' }).click();
    await page.waitForURL(/\/admin\/source-watch$/);
    await page.getByRole('heading', { name: '2 entries to check' }).waitFor();
    expect(await page.getByRole('heading', { name: /Page changed/ }).count()).toBe(2);
    expect(await page.getByRole('heading', { name: /Page moved/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /Page gone/ }).count()).toBe(1);
    expect(await page.locator('.watch-diff del').first().innerText()).toContain('5');
    // nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(ARTIFACTS, `admin-source-watch-${label}.png`), fullPage: true });
    expect({ page: 'queue', violations: await seriousFindings(page) }).toEqual({ page: 'queue', violations: [] });

    await page.goto(`${base}/admin/source-watch/programmes/${entryId}`);
    await page.getByRole('heading', { name: 'Its sources' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(ARTIFACTS, `admin-source-watch-entry-${label}.png`), fullPage: true });
    expect({ page: 'entry', violations: await seriousFindings(page) }).toEqual({ page: 'entry', violations: [] });
    await page.context().close();
  });

  it('works with the keyboard alone: dismiss one change, then confirm the entry', async () => {
    const page = await signIn(1280);
    await page.goto(`${base}/admin/source-watch/programmes/${entryId}`);
    const tabTo = async (name: RegExp): Promise<void> => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el
            ? `${el.tagName} ${el.getAttribute('aria-label') ?? ''} ${el.textContent?.replace(/\s+/g, ' ').trim() || (el as HTMLInputElement).value || ''}`
            : '';
        });
        if (name.test(label)) return;
      }
      throw new Error(`never reached ${String(name)} with Tab`);
    };
    await tabTo(/^BUTTON .*Dismiss.*page gone/i);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=dismissed/);
    await page.getByRole('status').filter({ hasText: 'Dismissed' }).waitFor();
    expect(await page.getByRole('heading', { name: /Page gone/ }).count()).toBe(0);

    // untick the moved card (its link needs an edit first), confirm the rest
    const card = page.getByRole('checkbox', { name: 'I checked the entry against this page today' }).nth(1);
    expect(await card.isChecked()).toBe(true);
    await card.focus();
    await page.keyboard.press('Space');
    expect(await card.isChecked()).toBe(false);
    await tabTo(/^BUTTON .*Confirm as checked on/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=confirmed/);
    await page.getByRole('status').filter({ hasText: 'Confirmed' }).waitFor();
    expect(await page.getByRole('heading', { name: /Page changed/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: /Page moved/ }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-source-watch-confirmed.png'), fullPage: true });
    await page.context().close();
  });
});
