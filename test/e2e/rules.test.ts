// Issue 11, "rules you can predict", end to end in Chromium against the real gateway: rules show hit
// counts and last match; delete asks and offers an undo that brings back the same rule; the editor
// picks detectors and apps from the gateway's lists and refuses a typo; remember states each rule it
// creates, "everything from this app" is one rule over the whole app (and asks by name before sending
// originals), with Undo after; limits take units.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { V } from '../gateway/redaction/plants.js';
import { settleAnimations } from './browser.js';
import { startStack, type Stack } from './stack.js';

interface ListedRule { id: string; action: string; createdAt: number; source?: string; match: Record<string, unknown>; hits: number; lastHitAt?: number }
interface Rules { rules: ListedRule[] }
interface Held { items: { id: string }[] }

/** Serious or critical axe violations of the page as it is now (a confirmation open, a preview shown), in both themes. */
async function axeBothThemes(page: Page, what: string): Promise<void> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await settleAnimations(page);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${what} (${theme}): ${v.id} ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  assert.deepEqual(found, [], found.join('\n'));
}

describe('rules you can predict (issue 11)', () => {
  let s: Stack;
  const ask = (content: string) => s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] });
  const rules = () => s.admin<Rules>('GET', '/admin/rules').then((r) => r.rules);
  const held = async (n: number) => {
    for (let i = 0; i < 100 && (await s.admin<Held>('GET', '/admin/confirmations')).items.length < n; i++) await sleep(50);
  };
  const openRules = async () => {
    await s.page.getByTestId('nav-live').click();
    await s.page.getByTestId('nav-settings').click();
    await s.page.getByTestId('tab-policy').click();
  };

  before(async () => {
    s = await startStack();
    await s.signIn();
  });
  after(async () => s?.stop());

  it('shows each rule\'s hit count and last match; delete asks, then Undo brings back the same rule', async () => {
    const { page } = s;
    const { rule } = await s.admin<{ rule: ListedRule }>('POST', '/admin/rules', { match: { detector: 'email' }, action: 'redact', lifetime: { kind: 'always' }, note: 'count me' });
    await openRules();
    const row = page.getByTestId('rule-row').filter({ hasText: 'count me' });
    assert.match(await row.getByTestId('rule-hits').innerText(), /No matches yet/);

    await ask(`mail ${V.email.value} and ops@example.org`);
    await ask(`again ${V.email.value}`);
    await openRules();
    await row.getByTestId('rule-hits').filter({ hasText: '2 hits' }).waitFor({ timeout: 5000 });
    assert.match(await row.getByTestId('rule-hits').innerText(), /2 hits\s+last just now/);
    const listed = (await rules()).find((r) => r.id === rule.id)!;
    assert.equal(listed.hits, 2);

    await row.getByRole('button', { name: 'Delete rule' }).click();
    assert.equal((await rules()).length, 1, 'the first click only asks');
    await row.getByRole('group', { name: 'Delete this rule?' }).waitFor();
    await axeBothThemes(page, 'rules, delete asking');
    await row.getByTestId('confirm-delete').click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await rules()).length, 0);
    const toast = page.getByTestId('toast').filter({ hasText: 'Rule deleted' });
    await toast.waitFor();
    await axeBothThemes(page, 'rules, undo toast');
    await toast.getByTestId('toast-action').click();
    await row.waitFor();
    const [back] = await rules();
    assert.deepEqual([back?.id, back?.createdAt, back?.match, back?.hits], [rule.id, rule.createdAt, { detector: 'email' }, 2], 'the same rule, with its count');
    await s.admin('DELETE', `/admin/rules/${rule.id}`);
  });

  it('the editor picks detectors and apps from the gateway, and refuses a detector typo', async () => {
    const { page } = s;
    await ask('hello from a named app');
    await openRules();
    await page.getByTestId('new-rule').click();
    const editor = page.getByTestId('rule-editor');
    await editor.locator('#rule-app-options option').first().waitFor({ state: 'attached' });
    const detectors = await editor.locator('#rule-detector-options option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    assert.ok(detectors.includes('email') && detectors.includes('aws-access-key') && detectors.includes('guard.reverse-shell'), detectors.join());
    const apps = await editor.locator('#rule-app-options option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    assert.ok(apps.includes('openai-sdk'), `apps seen in the audit: ${apps.join()}`);
    await editor.locator('#rule-category').selectOption('secret');
    assert.ok(!(await editor.locator('#rule-detector-options option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).includes('email'), 'only secret detectors');
    await editor.locator('#rule-category').selectOption('');

    await editor.getByTestId('rule-detector').fill('emial');
    await editor.getByTestId('rule-action').selectOption('block');
    await page.getByTestId('save-rule').click();
    await editor.getByText('No detector "emial". Did you mean email?').waitFor();
    assert.equal((await rules()).length, 0, 'nothing saved');
    await editor.getByTestId('rule-app').fill('Open AI SDK');
    await editor.getByText(/No request from "Open AI SDK" yet/).waitFor();
    await axeBothThemes(page, 'rule editor with a refused detector');
    await editor.getByTestId('rule-app').fill('openai-sdk');
    await editor.getByTestId('rule-detector').fill('email');
    await page.getByTestId('save-rule').click();
    await page.getByTestId('rule-row').filter({ hasText: 'openai-sdk' }).waitFor();
    const [made] = await rules();
    assert.deepEqual(made?.match, { detector: 'email', app: 'openai-sdk' });
    await s.admin('DELETE', `/admin/rules/${made!.id}`);
  });

  it('remember states every rule it makes; "everything from this app" is one rule, asks by name before sending originals, and can be undone', async () => {
    const { page } = s;
    await page.getByTestId('nav-confirmations').click();
    const first = Promise.allSettled([ask(`keys ${V.awsKey.value} and ${V.google.value}`)]);
    await held(1);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 5000 });

    // "This kind of finding" makes one rule per kind, and says so: never two rules silently.
    await item.getByTestId('remember-scope').selectOption('category');
    await item.getByTestId('remember-lifetime').selectOption('day');
    const preview = item.getByTestId('remember-preview');
    assert.match(await preview.innerText(), /Remembering creates 2 rules, for 24 hours:/);
    assert.deepEqual(await preview.getByTestId('remember-rule').allInnerTexts(), ['aws-access-key findings (secret), from any app', 'google-api-key findings (secret), from any app']);

    // "Everything from this app" is one rule over every finding of the app.
    await item.getByTestId('remember-scope').selectOption('everything');
    assert.match(await preview.innerText(), /Remembering creates one rule, for 24 hours:/);
    assert.deepEqual(await preview.getByTestId('remember-rule').allInnerTexts(), ['every finding from openai-sdk, of any kind']);
    assert.match(await item.getByTestId('remember-everything-warning').innerText(), /Send original would turn protection off for everything from openai-sdk/);
    await axeBothThemes(page, 'remember preview');

    // Send original with it asks first, naming what it turns off; dismissing decides nothing.
    let asked = '';
    page.once('dialog', (d) => ((asked = d.message()), void d.dismiss()));
    await item.getByTestId('approve-original').click();
    await sleep(300);
    assert.match(asked, /every finding from openai-sdk \(secrets, personal data, names, custom terms\) then goes to the provider unredacted/);
    assert.equal((await s.admin<Held>('GET', '/admin/confirmations')).items.length, 1, 'still held');
    assert.equal((await rules()).length, 0);

    // Send redacted + everything: one redact rule for the app, and an Undo that removes it.
    await item.getByTestId('approve-redacted').click();
    await first;
    const toast = page.getByTestId('toast').filter({ hasText: 'remembered as a rule' });
    await toast.waitFor();
    const [rule] = await rules();
    assert.deepEqual([rule?.match, rule?.action, rule?.source], [{ app: 'openai-sdk' }, 'redact', 'remembered']);
    await toast.getByTestId('toast-action').click();
    await page.getByText('Remembered rule removed').waitFor();
    assert.equal((await rules()).length, 0, 'undone');

    // Accepting the question for send original makes an allow rule for the app, and every page says protection is off.
    const second = Promise.allSettled([ask(`once more ${V.awsKey.value}`)]);
    await held(1);
    await item.getByTestId('remember-scope').selectOption('everything');
    page.once('dialog', (d) => void d.accept());
    await item.getByTestId('approve-original').click();
    await second;
    await page.getByTestId('unredacted-banner').filter({ hasText: /every finding .* from openai-sdk/ }).waitFor();
    const [allow] = await rules();
    assert.deepEqual([allow?.match, allow?.action], [{ app: 'openai-sdk' }, 'allow']);
    await s.admin('DELETE', `/admin/rules/${allow!.id}`);
  });

  it('limits take units: 8MiB, 30s, 2m; a bad unit is refused naming what is accepted', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-limits').click();
    const body = page.getByTestId('limit-limits.bodyBytes');
    await body.fill('32XB');
    await page.getByTestId('save-limits').click();
    await page.getByTestId('limit-error-limits.bodyBytes').filter({ hasText: 'unknown unit "XB"' }).waitFor();
    await axeBothThemes(page, 'limits with a bad unit');
    await body.fill('8MiB');
    assert.equal(await page.getByTestId('limit-hint-limits.bodyBytes').innerText(), '= 8 MiB');
    await page.getByTestId('limit-limits.streamDurationMs').fill('30s');
    await page.getByTestId('limit-confirm.timeoutSec').fill('2m');
    await page.getByTestId('save-limits').click();
    await page.getByText(/Saved/).first().waitFor();
    const { config } = await s.admin<{ config: { limits: { bodyBytes: number; streamDurationMs: number }; confirm: { timeoutSec: number } } }>('GET', '/admin/config');
    assert.deepEqual([config.limits.bodyBytes, config.limits.streamDurationMs, config.confirm.timeoutSec], [8 * 1024 * 1024, 30_000, 120]);
  });
});
