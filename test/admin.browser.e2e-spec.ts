/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { IdentityService } from '@app/identity';
import { strongPassword, uniqueEmail, uniqueSlug } from '@app/testing';
import { ARTIFACTS, AXE, describeInBrowser, startBrowserSuite } from './support/browser';
import type { TestApp } from './support/test-app';

/**
 * The admin area in Debian's Chromium (playwright-core): what editors do all
 * day, clicked through as they would. Skipped, and reported so, where Chromium
 * is not installed; `.ci/run` installs it.
 */

interface Person {
  email: string;
  password: string;
}

describeInBrowser('admin area in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let editor: Person;
  let otherEditor: Person;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  const person = async (role: 'admin' | 'editor'): Promise<Person> => {
    const p = { email: uniqueEmail(role), password: strongPassword() };
    await t.app.get(IdentityService).createUser(p.email, p.password, role);
    return p;
  };

  const open = async (options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text())) errors.push(m.text());
    });
    return page;
  };

  const signIn = async (who: Person, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> => {
    const page = await open(options);
    await page.goto(`${base}/admin`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/programmes$/);
    return page;
  };

  /** Creates a draft through the "New programme" form; returns its edit URL. */
  const createDraft = async (page: Page, title: string, slug = uniqueSlug('browser')): Promise<string> => {
    await page.goto(`${base}/admin/programmes/new`);
    await page.getByLabel('Slug (address)').fill(slug);
    await page.getByLabel('Provider').selectOption('moscow-government');
    await page.getByLabel(/^Title \(ru\)/).fill(title);
    await page.getByLabel('Summary (ru)').fill('Проверочная программа, созданная в браузерном тесте.');
    await page
      .getByRole('group', { name: 'support type' })
      .getByLabel(/Консультации/)
      .check();
    // what publishing needs: an official source, a step and a way to act
    const source = page.getByRole('group', { name: 'Source 1' });
    await source.getByLabel('Key').fill('s1');
    await source.getByLabel('Publisher').fill('mos.ru');
    await source.getByLabel('Kind').selectOption('official');
    await source.getByLabel('Page title (ru)').fill('Страница программы');
    await source.getByLabel('Link').fill('https://www.mos.ru/programme');
    await source.getByLabel('Page date').fill('2026-03-01');
    await page.getByLabel('Step 1 (ru)').fill('Подайте заявку на mos.ru');
    await page.getByLabel(/Application link/).fill('https://www.mos.ru/programme');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/programmes\/[0-9a-f-]{36}\?done=created$/);
    return page.url().replace(/\?.*$/, '');
  };

  beforeAll(async () => {
    ({ t, base, browser } = await startBrowserSuite());
    editor = await person('editor');
    otherEditor = await person('editor');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it('signs in with the form (a wrong password gets one generic message) and out again', async () => {
    const page = await open();
    await page.goto(`${base}/admin/programmes?outdated=true`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(page.getByRole('alert')).toHaveText('Email or password is incorrect');
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/programmes\?outdated=true$/); // back where they were going
    expect(await page.getByRole('checkbox', { name: /source older than/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(page.getByRole('status')).toHaveText('You have signed out.');
    await page.goto(`${base}/admin/programmes`);
    await page.waitForURL(/\/admin\/login/);
  });

  it('shows validation errors next to their fields, keeps what was typed, then saves', async () => {
    const page = await signIn(editor);
    const url = await createDraft(page, 'Программа для проверки ошибок');
    await page.getByLabel(/^Title \(ru\)/).fill('');
    await page.getByLabel('Amount from, RUB').fill('много');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(page.getByRole('heading', { name: /Not saved: 2 fields need attention/ })).toBeVisible();
    await eventually(page.getByLabel(/^Title \(ru\)/)).toHaveAttribute('aria-invalid', 'true');
    await eventually(page.locator('#title-ru-error')).toContainText('should not be empty');
    await eventually(page.locator('#benefit-amountMin-error')).toContainText('integer');
    await eventually(page.getByLabel('Amount from, RUB')).toHaveValue('много');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-validation.png'), fullPage: true });
    await page.getByLabel(/^Title \(ru\)/).fill('Исправленное название');
    await page.getByLabel('Amount from, RUB').fill('5 000 000');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(page.getByRole('status')).toHaveText('Saved.');
    expect(page.url()).toBe(`${url}?done=saved`);
    await eventually(page.getByLabel('Amount from, RUB')).toHaveValue('5000000');
  });

  it('publishes a new programme, which public search then finds', async () => {
    const page = await signIn(editor);
    const title = `Браузерная программа ${uniqueSlug('x').slice(2)}`;
    await createDraft(page, title);
    const preview = await page.context().newPage();
    await preview.goto(`${page.url().replace(/\?.*$/, '')}/preview`);
    await eventually(preview.getByRole('heading', { level: 1 })).toHaveText(title);
    await eventually(preview.getByRole('status')).toContainText('Preview (draft)');
    await preview.close();
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(page.getByRole('status')).toHaveText('Published: it is now in public search.');
    const visitor = await open();
    await visitor.goto(`${base}/?q=${encodeURIComponent(title)}`);
    await eventually(visitor.locator('li.card').first()).toContainText(title);
  });

  it('when two editors save the same programme, the second sees both versions side by side and merges', async () => {
    const first = await signIn(editor);
    const url = await createDraft(first, 'Общая программа двух редакторов');
    const second = await signIn(otherEditor);
    await second.goto(url);
    await first.goto(url);

    await first.getByLabel(/^Title \(ru\)/).fill('Название от первого редактора');
    await first.getByLabel('Summary (en)').fill('Summary from the first editor');
    await first.getByRole('button', { name: 'Save' }).click();
    await eventually(first.getByRole('status')).toHaveText('Saved.');

    await second.getByLabel(/^Title \(ru\)/).fill('Название от второго редактора');
    await second.getByLabel('Term, months').fill('36');
    await second.getByRole('button', { name: 'Save' }).click();
    await eventually(second.getByRole('heading', { level: 1 })).toHaveText('Someone else saved this programme while you were editing');
    const row = second.getByRole('row', { name: /Title \(ru\)/ });
    await eventually(row).toContainText('Название от второго редактора');
    await eventually(row).toContainText('Название от первого редактора');
    await second.screenshot({ path: join(ARTIFACTS, 'admin-conflict.png'), fullPage: true });
    await second.getByRole('radio', { name: /Keep yours/ }).check();
    await second.getByRole('button', { name: 'Save the merge' }).click();
    await eventually(second.getByRole('status')).toHaveText('Saved.');
    await eventually(second.getByLabel(/^Title \(ru\)/)).toHaveValue('Название от второго редактора');
    await eventually(second.getByLabel('Summary (en)')).toHaveValue('Summary from the first editor'); // their change kept
    await eventually(second.getByLabel('Term, months')).toHaveValue('36'); // and mine
  });

  it('compares revisions and restores an old one as a new change', async () => {
    const page = await signIn(editor);
    await createDraft(page, 'Первая редакция названия');
    await page.getByLabel(/^Title \(ru\)/).fill('Вторая редакция названия');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(page.getByRole('status')).toHaveText('Saved.');
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByLabel('Compare version').selectOption('1');
    await page.getByLabel('with version').selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByRole('row', { name: /Title \(ru\)/ });
    await eventually(diff.locator('del')).toHaveText('Первая');
    await eventually(diff.locator('ins')).toHaveText('Вторая');
    // restoring asks first (a page of its own, no script needed), showing what it would change
    await page.getByRole('link', { name: 'Restore v1…' }).click();
    await eventually(page.getByRole('heading', { level: 1 })).toContainText('Restore version 1 of');
    await eventually(page.getByRole('row', { name: /Title \(ru\)/ }).locator('ins')).toHaveText('Первая');
    await page.getByRole('button', { name: 'Restore v1' }).click();
    await eventually(page.getByRole('status')).toHaveText('The old revision was restored as a new change.');
    await eventually(page.getByRole('row', { name: /^v3 update/ })).toContainText(editor.email);
    await page.getByRole('link', { name: 'Первая редакция названия' }).click();
    await eventually(page.getByLabel(/^Title \(ru\)/)).toHaveValue('Первая редакция названия');
  });

  it('shows a 60-character key fact value, a page title and the group select whole at 1280 px', async () => {
    const page = await signIn(editor);
    await page.goto(`${base}/admin/programmes/new`);
    const value = 'До 50 млн ₽ на оборудование и до 80 % затрат на сертификацию'; // 60 characters
    expect([...value]).toHaveLength(60);
    const fact = page.getByRole('group', { name: 'Key fact 1' });
    await fact.getByLabel('Value (ru)').fill(value);
    await fact.getByLabel('Value (en)').fill('Up to RUB 50m for equipment, up to 80% of certification costs');
    await fact.getByLabel('Group').selectOption('eligibility');
    const source = page.getByRole('group', { name: 'Source 1' });
    await source.getByLabel('Page title (ru)').fill('Субсидия на сертификацию продукции: условия отбора 2026 года');
    await source.getByLabel('Link').fill('https://i.moscow/support/measures/certification-subsidy-2026/terms');
    await fact.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'admin-key-facts-1280.png'), fullPage: false });
    // every text shows whole: nothing scrolls inside its box
    for (const box of [
      fact.getByLabel('Value (ru)'),
      fact.getByLabel('Value (en)'),
      source.getByLabel('Page title (ru)'),
      source.getByLabel('Link'),
    ]) {
      const size = await box.evaluate((el: HTMLElement) => ({
        scrollW: el.scrollWidth,
        clientW: el.clientWidth,
        scrollH: el.scrollHeight,
        clientH: el.clientHeight,
      }));
      expect({ label: await box.getAttribute('name'), fits: size.scrollW <= size.clientW && size.scrollH <= size.clientH + 1 }).toEqual({
        label: await box.getAttribute('name'),
        fits: true,
      });
    }
    // the selected group's name is wider than nothing that cuts it ("bene")
    const select = await fact.getByLabel('Group').evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const text = ctx.measureText(el.selectedOptions[0].text).width;
      return { room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24, text };
    });
    expect(select.room).toBeGreaterThanOrEqual(select.text);
  });

  it('prepares a change of a published programme, previews it as the public page would show it, and publishes it', async () => {
    const page = await signIn(editor);
    const title = `Опубликованная программа ${uniqueSlug('x').slice(2)}`;
    const url = await createDraft(page, title);
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(page.getByRole('status')).toHaveText('Published: it is now in public search.');
    const slug = await page.getByLabel('Slug (address)').inputValue();

    await eventually(page.getByRole('heading', { name: 'Saving prepares a pending change' })).toBeVisible();
    await page.getByLabel(/^Title \(ru\)/).fill(`${title}: новые условия`);
    await page.getByRole('button', { name: 'Save as pending change' }).click();
    await eventually(page.getByRole('status')).toContainText('Saved as a pending change');
    await eventually(page.getByRole('heading', { name: 'You are editing a pending change, not the public page' })).toBeVisible();

    // the public page is as published; the preview shows the change as the public page would
    const visitor = await open();
    await visitor.goto(`${base}/programmes/${slug}`);
    await eventually(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
    const preview = await page.context().newPage();
    await preview.goto(`${url}/preview`);
    await eventually(preview.getByRole('heading', { level: 1 })).toHaveText(`${title}: новые условия`);
    await eventually(preview.getByRole('status')).toContainText('Preview (pending change p1, not public yet)');
    await preview.screenshot({ path: join(ARTIFACTS, 'admin-pending-preview.png'), fullPage: true });
    await preview.close();

    // what it changes, then publish it with the keyboard
    await page.getByRole('link', { name: 'Review what it changes and publish…' }).click();
    await eventually(page.getByRole('row', { name: /Title \(ru\)/ }).locator('ins')).toHaveText(': новые условия');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-pending.png'), fullPage: true });
    await page.getByRole('button', { name: 'Publish' }).focus();
    await page.keyboard.press('Enter');
    await eventually(page.getByRole('status')).toHaveText('The pending change is published: the public page and search show it now.');
    await visitor.reload();
    await eventually(visitor.getByRole('heading', { level: 1 })).toHaveText(`${title}: новые условия`);
  });

  it('restores an old version of a published programme only after confirming, as a pending change', async () => {
    const page = await signIn(otherEditor);
    const url = await createDraft(page, 'Название первой версии');
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(page.getByRole('status')).toHaveText('Published: it is now in public search.');
    const slug = await page.getByLabel('Slug (address)').inputValue();
    await page.getByLabel(/^Title \(ru\)/).fill('Название второй версии');
    await page.getByRole('button', { name: 'Save as pending change' }).click();
    await page.getByRole('link', { name: 'Review what it changes and publish…' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(page.getByRole('status')).toContainText('The pending change is published');

    await page.goto(`${url}/history`);
    await page.getByRole('link', { name: 'Restore v1…' }).click();
    await eventually(page.getByRole('heading', { level: 1 })).toContainText('Restore version 1 of');
    await eventually(page.locator('.pending-box')).toContainText('Restoring does not change the public page');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-restore-confirm.png'), fullPage: true });
    await page.getByRole('button', { name: 'Restore v1 as a pending change' }).click();
    await eventually(page.getByRole('status')).toHaveText(
      'The old revision is now the pending change: it is not public until it is published.',
    );
    await eventually(page.getByRole('row', { name: /Title \(ru\)/ }).locator('ins')).toHaveText('первой');
    const visitor = await open();
    await visitor.goto(`${base}/programmes/${slug}`);
    await eventually(visitor.getByRole('heading', { level: 1 })).toHaveText('Название второй версии');
  });

  it('imports a file: a dry run report first, then apply', async () => {
    const page = await signIn(editor);
    const slug = uniqueSlug('browser-import');
    const exported = JSON.parse(await (await page.request.get(`${base}/admin/export?format=json`)).text()) as Record<string, unknown>[];
    const file = [
      { ...exported[0], slug, title: { ru: 'Импортированная программа', en: null }, publicationState: 'draft' },
      { ...exported[1], provider: 'nobody' },
    ];
    await page.getByRole('link', { name: 'Import & export' }).click();
    await page
      .getByLabel(/File/)
      .setInputFiles({ name: 'two-rows.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    await eventually(page.locator('[data-count="create"]')).toHaveText('1');
    await eventually(page.locator('[data-count="invalid"]')).toHaveText('1');
    await eventually(page.locator('#problems')).toContainText('unknown organisation "nobody"');
    await eventually(page.getByText('Dry run: what applying this file would do')).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'admin-import.png'), fullPage: true });
    await page.getByRole('button', { name: 'Apply 1 valid row and skip 1 invalid' }).click();
    await eventually(page.getByRole('status')).toContainText('Applied');
    await page.goto(`${base}/admin/programmes?q=${slug}`);
    await eventually(page.getByRole('link', { name: 'Импортированная программа' })).toBeVisible();
  });

  it("without SMTP, an admin opens a visitor's alert confirmation from the mail outbox and its link works", async () => {
    const visitor = await open({ locale: 'ru-RU' });
    const email = uniqueEmail('visitor');
    await visitor.goto(`${base}/?supportType=premises`);
    await visitor.getByText('Получать новые программы по этому поиску на почту').click();
    await visitor.getByLabel('Электронная почта').fill(email);
    await visitor.getByRole('button', { name: 'Подписаться' }).click();
    await eventually(visitor.getByRole('heading', { name: 'Проверьте почту' })).toBeVisible();

    const admin = await signIn(await person('admin'), { bypassCSP: true });
    await admin.goto(`${base}/admin/outbox`);
    await admin.getByRole('link', { name: 'Подтвердите подписку на программы поддержки' }).first().click();
    await admin.waitForURL(/\/admin\/outbox\/\d+$/);
    await eventually(admin.getByText(email)).toBeVisible();
    await eventually(admin.getByText('- Вид поддержки: Помещения и площадки')).toBeVisible();
    await admin.screenshot({ path: join(ARTIFACTS, 'admin-outbox-message.png'), fullPage: true });
    await admin.evaluate(AXE);
    const violations: { id: string; impact: string }[] = await admin.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run({ resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    // the admin passes the link on (here: opens it in the visitor's browser), and the visitor confirms
    // (its address is PUBLIC_BASE_URL's; the suite listens on a port of its own)
    const link = `${base}${new URL((await admin.getByRole('link', { name: 'Open the confirmation link' }).getAttribute('href'))!).pathname}`;
    await visitor.goto(link);
    await visitor.getByRole('button', { name: 'Подтвердить подписку' }).click();
    await eventually(visitor.getByRole('heading', { name: 'Подписка подтверждена' })).toBeVisible();
    await visitor.goto(link);
    await eventually(visitor.getByRole('heading', { name: 'Подписка уже подтверждена' })).toBeVisible();
    expect(await visitor.getByRole('button').count()).toBe(0);
  });

  it('has no serious or critical accessibility violations on the main admin pages', async () => {
    const admin = await person('admin');
    const page = await signIn(admin, { bypassCSP: true });
    const url = await createDraft(page, 'Программа для проверки доступности');
    // a published entry with a pending change, whose English title its Russian has moved away from
    const published = await createDraft(page, 'Опубликованная программа для проверки доступности');
    await page.getByLabel(/^Title \(en\)/).fill('Accessible programme');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(page.getByRole('status')).toHaveText('Saved.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(page.getByRole('status')).toHaveText('Published: it is now in public search.');
    await page.getByLabel(/^Title \(ru\)/).fill('Программа для проверки доступности, новое название');
    await page.getByRole('button', { name: 'Save as pending change' }).click();
    await eventually(page.getByRole('status')).toContainText('Saved as a pending change');
    const pages = [
      ['list', '/admin/programmes'],
      ['edit', url.replace(base, '')],
      ['history', `${url.replace(base, '')}/history`],
      ['restore', `${url.replace(base, '')}/history/1/restore`],
      ['pending-edit', published.replace(base, '')],
      ['pending', `${published.replace(base, '')}/pending`],
      ['pending-list', '/admin/programmes?pendingChange=true'],
      ['users', '/admin/users'],
      ['import', '/admin/import'],
      ['search', '/admin/search'],
    ];
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [label, path] of pages) {
        await page.goto(`${base}${path}`);
        await page.screenshot({ path: join(ARTIFACTS, `admin-${label}${width === 360 ? '-360' : ''}.png`), fullPage: true });
        await page.evaluate(AXE);
        const violations: { id: string; impact: string }[] = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
          return (await axe.run({ resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact }));
        });
        expect({ page: label, width, violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({
          page: label,
          width,
          violations: [],
        });
      }
    }
  }, 120_000);
});

/** Playwright-style waiting assertions on a locator (without @playwright/test): polls until the check holds, for up to 5 s. */
function eventually(locator: Locator) {
  const poll = async (check: () => Promise<boolean>, failure: () => Promise<string>) => {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(await failure());
  };
  const text = async () => (await locator.innerText()).trim();
  return {
    toHaveText: (expected: string) =>
      poll(
        async () => (await text()) === expected,
        async () => `expected text "${expected}", got "${await text().catch(() => '(none)')}"`,
      ),
    toContainText: (expected: string) =>
      poll(
        async () => (await text()).includes(expected),
        async () => `expected text containing "${expected}", got "${await text().catch(() => '(none)')}"`,
      ),
    toHaveValue: (expected: string) =>
      poll(
        async () => (await locator.inputValue()) === expected,
        async () => `expected value "${expected}", got "${await locator.inputValue().catch(() => '(none)')}"`,
      ),
    toHaveAttribute: (name: string, expected: string) =>
      poll(
        async () => (await locator.getAttribute(name)) === expected,
        async () => `expected ${name}="${expected}"`,
      ),
    toBeVisible: () =>
      poll(
        () => locator.isVisible(),
        async () => 'expected the element to be visible',
      ),
  };
}
