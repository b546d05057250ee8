import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '@app/testing';
import { createTestApp, type TestApp } from './test-app';

/** Debian's Chromium; browser suites are skipped (and reported so) where it is not installed. `.ci/run` installs it. */
export const CHROMIUM = '/usr/bin/chromium';
export const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
/** axe-core, injected into pages for accessibility checks. */
export const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The application listening on a free loopback port, and Chromium (headless) to drive it. */
export async function startBrowserSuite(): Promise<{ t: TestApp; base: string; browser: Browser }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const t = await createTestApp();
  const port = await freePort();
  await t.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return { t, base: `http://127.0.0.1:${port}`, browser };
}
