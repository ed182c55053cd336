// Debian's chromium driven by playwright-core: a fresh profile per test file, headless, no network
// services of its own. Never downloads a browser.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.AEGIS_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'aegis-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let colour transitions (after a scheme switch) and toasts' entry finish.
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Polls an attribute from Node: the page's CSP refuses the string evaluation that
 * `page.waitForFunction` would need, which is the point of the CSP.
 */
export async function waitForAttribute(locator: Locator, name: string, ok: (value: string | null) => boolean, timeoutMs = 5000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await locator.getAttribute(name);
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${name} is still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Waits for running CSS transitions and animations (a theme switch fades button colours for 120 ms,
 * a toast slides in): axe judges colour contrast from computed styles, so mid-fade it sees
 * in-between colours that the page never rests on.
 */
export async function settleAnimations(page: Page): Promise<void> {
  // A string: the test tsconfig has no DOM types.
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => true)');
}
