// The dashboard against a real gateway and the fake provider, in headless chromium: live audit events
// without values, a user-controlled model name rendered as text, the traffic graph after a burst, a
// deny term added in settings taking effect, and a screenshot of each page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { V } from '../gateway/redaction/plants.js';
import { screenshot, waitForAttribute } from './browser.js';
import { startStack, type Stack } from './stack.js';

/** Values the balanced preset redacts without asking (no cloud credentials or private keys). */
const PLANTED = [V.email, V.phone, V.card, V.iban, V.github, V.openai, V.stripe, V.jwt];
const XSS_MODEL = '<img src=x onerror="window.__aegisXss=1">';

describe('dashboard', () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
    await s.signIn();
  });
  after(async () => s?.stop());

  it('shows a request with planted secrets live, by category, without any value', async () => {
    const { page } = s;
    await page.getByTestId('nav-live').click();
    await page.getByTestId('live-empty').waitFor();
    const content = `Please check: ${PLANTED.map((p) => `${p.name} ${p.value}`).join('; ')}.`;
    const started = Date.now();
    const reply = await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] });
    const row = page.getByTestId('audit-row').first();
    await row.waitFor({ timeout: 5000 });
    const appeared = Date.now() - started;
    assert.ok(appeared < 3000, `the event took ${appeared} ms to appear`);
    assert.equal(reply.choices[0].message.content, `echo: ${content}`, 'the client got its values back');
    const upstream = JSON.stringify(s.fake.requests.at(-1)?.json);
    for (const p of PLANTED) assert.ok(!upstream.includes(p.value), `${p.name} reached the provider`);

    assert.equal(await row.getAttribute('data-id') !== null, true);
    assert.ok(await row.locator('[data-category="pii"]').isVisible(), 'pii chip');
    assert.ok(await row.locator('[data-category="secret"]').isVisible(), 'secret chip');
    assert.equal(await row.locator('[data-decision]').getAttribute('data-decision'), 'redacted');

    await row.click();
    const drawer = page.getByTestId('audit-drawer');
    await drawer.waitFor();
    assert.match(await drawer.innerText(), /Gateway overhead/);
    await screenshot(page, 'live-drawer');
    const text = await page.locator('body').innerText();
    for (const p of PLANTED) assert.ok(!text.includes(p.value), `the page shows ${p.name}`);
    const html = await page.content();
    for (const p of PLANTED) assert.ok(!html.includes(p.value), `the DOM holds ${p.name}`);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('renders a markup-bearing model name as text, and nothing runs', async () => {
    const { page } = s;
    await s.openai.chat.completions.create({ model: XSS_MODEL, messages: [{ role: 'user', content: 'hello' }] });
    const row = page.getByTestId('audit-row').filter({ hasText: XSS_MODEL });
    await row.waitFor({ timeout: 5000 });
    assert.equal(await page.locator('[data-testid="audit-list"] img').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { __aegisXss?: unknown }).__aegisXss), undefined);
  });

  it('draws non-zero requests per second after a burst of traffic', async () => {
    const { page } = s;
    await page.getByTestId('nav-traffic').click();
    const chart = page.getByTestId('chart-rps');
    await chart.locator('canvas').first().waitFor();
    await Promise.all(Array.from({ length: 40 }, (_, i) => s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: `burst ${i}` }] })));
    // Each exchange counts in the second it finished; the stream delivers a second just after it ends.
    await waitForAttribute(chart, 'data-sum', (v) => Number(v) >= 40);
    const peak = Number(await chart.getAttribute('data-peak'));
    const sum = Number(await chart.getAttribute('data-sum'));
    assert.ok(peak > 0 && sum >= 40, `peak ${peak}/s, ${sum} requests in the window`);
    assert.ok(Number(await page.getByTestId('tile-requests-value').innerText()) >= 40);
    assert.equal(await page.locator('.chart canvas').count() >= 7, true, 'every chart is drawn');
    await page.waitForTimeout(300);
    await screenshot(page, 'traffic');
  });

  it('applies a deny term added in settings to the next request', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-terms').click();
    await page.getByTestId('add-term').click();
    const term = page.getByTestId('deny-term').last();

    // Client-side check first: a regex that does not compile never leaves the page.
    await term.getByTestId('term-regex').check();
    await term.getByTestId('term-pattern').fill('(unclosed');
    await page.getByTestId('save-terms').click();
    assert.match(await term.getByTestId('term-error').innerText(), /regular expression/);

    // The server's check, named under the field: a regex it refuses as potentially slow.
    await term.getByTestId('term-pattern').fill('(a+)+$');
    await page.getByTestId('save-terms').click();
    await term.getByTestId('term-error').filter({ hasText: /slow|ReDoS/i }).waitFor();

    await term.getByTestId('term-regex').uncheck();
    await term.getByTestId('term-pattern').fill('Project Nightjar');
    await term.locator('input[placeholder="CUSTOM"]').fill('CODENAME');
    await page.getByTestId('save-terms').click();
    await page.getByText('Saved: the next request').waitFor();
    await screenshot(page, 'settings-terms');

    const reply = await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Status of Project Nightjar?' }] });
    const upstream = JSON.stringify(s.fake.requests.at(-1)?.json);
    assert.ok(!upstream.includes('Project Nightjar'), upstream);
    assert.match(upstream, /\[\[CODENAME_[0-9A-Z]{8}\]\]/);
    assert.equal(reply.choices[0].message.content, 'echo: Status of Project Nightjar?');
  });

  it('has a screenshot of every other page', async () => {
    const { page } = s;
    await page.getByTestId('tab-policy').click();
    await page.getByTestId('preset-balanced').waitFor();
    await screenshot(page, 'settings-policy');
    await page.getByTestId('tab-providers').click();
    await page.getByTestId('provider-openai').waitFor();
    await screenshot(page, 'settings-providers');
    await page.getByTestId('tab-keys').click();
    await page.getByTestId('key-name').fill('laptop-claude');
    await page.getByTestId('key-app').fill('Claude Code');
    await page.getByTestId('key-create').click();
    await page.getByTestId('created-key').waitFor();
    await screenshot(page, 'settings-keys');
    await page.getByTestId('tab-limits').click();
    await page.getByTestId('save-limits').waitFor();
    await screenshot(page, 'settings-limits');

    await page.getByTestId('nav-connect').click();
    await page.getByTestId('connect-key').selectOption({ label: 'laptop-claude · Claude Code' });
    const snippet = await page.getByTestId('snippet').innerText();
    assert.ok(snippet.includes(`ANTHROPIC_BASE_URL=${s.url}`), snippet);
    await screenshot(page, 'connect');

    await page.getByTestId('nav-status').click();
    assert.equal(await page.getByTestId('status-url').innerText(), s.url);
    await screenshot(page, 'status');

    await page.getByTestId('nav-live').click();
    await page.getByTestId('audit-row').nth(10).waitFor();
    await screenshot(page, 'live');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'live-dark');
    await page.getByTestId('nav-traffic').click();
    await page.getByTestId('chart-rps').locator('canvas').first().waitFor();
    await screenshot(page, 'traffic-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(s.problems.filter((p) => /Content Security Policy|pageerror/i.test(p)), []);
  });
});
