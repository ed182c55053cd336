// Every page through axe-core (WCAG 2.1 A/AA rules) in one theme: no serious or critical violation.
// The same pass takes the screenshots docs/dashboard.md shows, with a held request and a rule present
// so the pages are not empty. accessibility-light.test.ts and accessibility-dark.test.ts run it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { V } from '../gateway/redaction/plants.js';
import { settleAnimations } from './browser.js';
import { startStack, type Stack } from './stack.js';

// The docs' screenshots are refreshed on request (AEGIS_DOC_SCREENSHOTS=1 npm test -- test/e2e);
// an ordinary run writes them to test-artifacts/, so tests never change tracked files.
const DOCS_IMAGES = process.env.AEGIS_DOC_SCREENSHOTS === '1'
  ? join(import.meta.dirname, '../../docs/images')
  : join(import.meta.dirname, '../../test-artifacts/screenshots/axe');
const PAGES = [
  ['live', '#/live'],
  ['confirmations', '#/confirmations'],
  ['traffic', '#/traffic'],
  ['settings-policy', '#/settings/policy'],
  ['settings-detectors', '#/settings/detectors'],
  ['settings-terms', '#/settings/terms'],
  ['settings-providers', '#/settings/providers'],
  ['settings-keys', '#/settings/keys'],
  ['settings-limits', '#/settings/limits'],
  ['connect', '#/connect'],
  ['status', '#/status'],
] as const;

/** One theme per test file, so the two run side by side and each stays inside the runner's timeout. */
export function scanEveryPage(theme: 'light' | 'dark'): void {
  describe(`accessibility, ${theme} theme`, () => {
    let s: Stack;
    let held: Promise<unknown>;
    before(async () => {
      // The held request must outlast the pass.
      s = await startStack({ confirm: { timeoutSec: 600 } });
      await s.signIn();
      // Something on every page: traffic with findings, a rule, and a held request.
      const ask = (content: string) => s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] });
      // Failures of each kind first (their Live badges and the upstream health get scanned), then the
      // traffic that makes the provider reachable again ("failed recently" in the header).
      for (const scenario of ['status:429', 'status:401', 'status:503']) {
        await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-fake-scenario': scenario } }).catch(() => undefined);
      }
      await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`note ${i} for ${V.email.value}`)));
      // One decided hold, so Recent decisions has a row.
      const decided = Promise.allSettled([ask(`decided ${V.awsKey.value}`)]);
      for (let i = 0; i < 100; i++) {
        const { items } = await s.admin<{ items: { id: string }[] }>('GET', '/admin/confirmations');
        if (items[0]) {
          await s.admin('POST', `/admin/confirmations/${items[0].id}/decision`, { decision: 'approve_redacted' });
          break;
        }
        await sleep(50);
      }
      await decided;
      await s.admin('POST', '/admin/rules', { match: { app: 'curl' }, action: 'block', lifetime: { kind: 'always' }, note: 'no scripts' });
      held = Promise.allSettled([ask(`deploy ${V.awsKey.value}`)]);
      mkdirSync(DOCS_IMAGES, { recursive: true });
    });
    after(async () => {
      const { items } = await s.admin<{ items: { id: string }[] }>('GET', '/admin/confirmations');
      for (const i of items) await s.admin('POST', `/admin/confirmations/${i.id}/decision`, { decision: 'deny' });
      await held;
      await s?.stop();
    });

    it('no serious or critical violations on any page', async () => {
      const { page } = s;
      await page.emulateMedia({ colorScheme: theme });
      const found: string[] = [];
      for (const [name, hash] of PAGES) {
        await page.goto(`${s.url}/ui/${hash}`);
        await page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
        await page.locator('h1').waitFor();
        // Let the page's first loads land (lists, charts, config) before judging it.
        await sleep(600);
        await settleAnimations(page);
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of result.violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          const where = v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`);
          found.push(`${name} (${theme}): ${v.id} [${v.impact}] ${v.help}\n  ${where.join('\n  ')}`);
        }
        await page.screenshot({ path: join(DOCS_IMAGES, `dashboard-${name}-${theme}.png`) });
      }
      assert.deepEqual(found, [], found.join('\n'));
    });
  });
}
