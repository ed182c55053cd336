// Held confirmations end to end: a request the balanced preset holds (an AWS key) shows up in the
// dashboard at once, masked, with prompt markup and bidi controls shown as text; the user's choice
// decides what the SDK call gets (sent redacted, or 400 GW_ERR_CONFIRM_DENIED), also by keyboard
// and in a batch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APIError } from 'openai';
import { V } from '../gateway/redaction/plants.js';
import { screenshot } from './browser.js';
import { startStack, type Stack } from './stack.js';

const AWS = V.awsKey.value;
/** 23 characters: the preview shows 24 of context on each side of the key, so all of it is in view. */
const XSS = '<img src=x onerror=x=1>';
const RLO = '\u202E';

async function waitUntilAsync(cond: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const denied = (err: unknown) => {
  assert.ok(err instanceof APIError, String(err));
  assert.equal(err.status, 400);
  assert.equal(err.code, 'GW_ERR_CONFIRM_DENIED');
  return true;
};

describe('confirmations', () => {
  let s: Stack;
  const ask = (content: string) => s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] });

  before(async () => {
    s = await startStack();
    await s.signIn();
    await s.page.getByTestId('nav-confirmations').click();
    await s.page.getByTestId('confirmations-empty').waitFor();
  });
  after(async () => s?.stop());

  it('shows a held request at once, masked and as text; sending it redacted completes the call', async () => {
    const { page } = s;
    const content = `deploy ${XSS} ${AWS} ${RLO}ok`;
    const started = Date.now();
    const call = ask(content);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 5000 });
    const appeared = Date.now() - started;
    assert.ok(appeared < 2000, `the held request took ${appeared} ms to appear`);
    assert.equal(await page.getByTestId('pending-count').innerText(), '1');

    const preview = await item.getByTestId('pending-preview').innerText();
    assert.ok(preview.includes(XSS), `markup shown literally: ${preview}`);
    assert.ok(preview.includes('⟨U+202E⟩'), `bidi control shown visibly: ${preview}`);
    assert.ok(!preview.includes(RLO), 'the bidi control itself is not rendered');
    assert.ok(!(await page.locator('body').innerText()).includes(AWS), 'the key is masked');
    assert.equal(await page.locator('[data-testid="pending-list"] img').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { x?: unknown }).x), undefined);
    await screenshot(page, 'confirmations');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'confirmations-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Reveal (r) shows the original, still as text; then send it redacted.
    await page.keyboard.press('r');
    const revealed = await item.getByTestId('revealed-text').innerText();
    assert.ok(revealed.includes(XSS) && revealed.includes(AWS), revealed);
    assert.equal(await page.locator('[data-testid="pending-list"] img').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { x?: unknown }).x), undefined);
    await item.getByTestId('approve-redacted').click();

    const reply = await call;
    assert.equal(reply.choices[0].message.content, `echo: ${content}`);
    const upstream = JSON.stringify(s.fake.requests.at(-1)?.json);
    assert.ok(!upstream.includes(AWS), 'sent redacted');
    assert.match(upstream, /\[\[AWS_KEY_[0-9A-Z]{8}\]\]/);
    await page.getByTestId('confirmations-empty').waitFor();
    assert.equal(await page.getByTestId('pending-count').count(), 0);
  });

  it('denies with the d key: the SDK gets 400 GW_ERR_CONFIRM_DENIED', async () => {
    const { page } = s;
    const sent = s.fake.requests.length;
    // Settled (handled) from the start: the refusal may land while the page is still being driven.
    const outcome = Promise.allSettled([ask(`rotate ${AWS} please`)]);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 5000 });

    // Looking at it stops the clock: the page freezes the item and the gateway moves its deadline out.
    const held = () => s.admin<{ items: { expiresAt: number }[] }>('GET', '/admin/confirmations').then((r) => r.items[0].expiresAt);
    const before = await held();
    await new Promise((r) => setTimeout(r, 50));
    await item.getByTestId('pending-preview').click();
    await item.locator('[data-testid="countdown"][data-frozen]').waitFor();
    await waitUntilAsync(async () => (await held()) > before, 'the touched deadline');

    await page.keyboard.press('d');
    const [r] = await outcome;
    assert.ok(r.status === 'rejected' && denied(r.reason));
    assert.equal(s.fake.requests.length, sent, 'nothing went upstream');
    await page.getByTestId('confirmations-empty').waitFor();
  });

  it('denies a batch of selected requests by keyboard', async () => {
    const { page } = s;
    const outcome = Promise.allSettled([ask(`first ${AWS}`), ask(`second ${AWS}`)]);
    await page.getByTestId('pending-item').nth(1).waitFor({ timeout: 5000 });
    await page.getByTestId('batch-bar').locator('input[type="checkbox"]').check();
    assert.equal(await page.getByTestId('batch-deny').innerText(), 'Deny 2 requests');
    // The checkbox keeps focus, and single-key shortcuts still apply to the whole selection.
    await page.keyboard.press('d');
    const results = await outcome;
    for (const r of results) assert.ok(r.status === 'rejected' && denied(r.reason));
    await page.getByTestId('confirmations-empty').waitFor();
    await screenshot(page, 'confirmations-empty');
  });

  it('remembers "this exact value, always": the same value passes next time, and the rule can be deleted', async () => {
    const { page } = s;
    const first = ask(`once more ${AWS}`);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 5000 });
    await item.getByTestId('remember-scope').selectOption('value');
    await item.getByTestId('remember-lifetime').selectOption('always');
    await item.getByTestId('approve-redacted').click();
    await first;

    const again = await ask(`and again ${AWS}`);
    assert.equal(again.choices[0].message.content, `echo: and again ${AWS}`, 'not held: the remembered rule decided');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-policy').click();
    const row = page.getByTestId('rule-row').filter({ hasText: 'one exact value (hashed)' });
    await row.waitFor();
    assert.match(await row.innerText(), /remembered/);
    assert.ok(!(await page.locator('body').innerText()).includes(AWS), 'a value rule shows no value');

    await page.getByTestId('new-rule').click();
    const editor = page.getByTestId('rule-editor');
    await editor.locator('#rule-app').fill('curl');
    await editor.getByTestId('rule-action').selectOption('block');
    await screenshot(page, 'settings-rule-editor');
    await page.getByTestId('save-rule').click();
    await page.getByTestId('rule-row').filter({ hasText: 'curl' }).waitFor();
    const rules = await s.admin<{ rules: { match: { app?: string }; action: string }[] }>('GET', '/admin/rules');
    assert.ok(rules.rules.some((r) => r.match.app === 'curl' && r.action === 'block'));
    await screenshot(page, 'settings-rules');

    await row.getByRole('button', { name: 'Delete rule' }).click();
    await row.getByTestId('confirm-delete').click();
    await row.waitFor({ state: 'detached' });
    const held = Promise.allSettled([ask(`last ${AWS}`)]);
    await page.getByTestId('pending-count').waitFor({ timeout: 5000 });
    await page.getByTestId('nav-confirmations').click();
    await page.getByTestId('pending-item').getByTestId('deny').click();
    const [r] = await held;
    assert.ok(r.status === 'rejected' && denied(r.reason), 'held again once the rule is gone');
  });
});
