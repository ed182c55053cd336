// Named providers in the dashboard, in headless chromium against the real gateway: a provider added
// in the config file and pointed at the fake provider through the admin API at runtime shows up on
// the Live page (its events, the provider filter), the Status page and Settings → Providers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startStack, type Stack } from './stack.js';

describe('named providers in the dashboard', () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ providers: { ollama: { kind: 'openai', baseUrl: 'http://127.0.0.1:9' } } });
    // A runtime change of a named provider's base URL applies to the next request.
    await s.admin('PUT', '/admin/config', { providers: { ollama: { baseUrl: s.fake.url } } });
    await s.signIn();
  });
  after(async () => s?.stop());

  it('lists the provider\'s events and filters by it on the Live page', async () => {
    const { page } = s;
    await page.getByTestId('nav-live').click();
    const ollama = new OpenAI({ apiKey: 'sk-local', baseURL: `${s.url}/p/ollama/v1`, maxRetries: 0 });
    const reply = await ollama.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(reply.choices[0]!.message.content, 'echo: hello');
    await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] });
    await page.getByTestId('audit-row').nth(1).waitFor({ timeout: 5000 });

    const filter = page.getByTestId('filter-provider');
    assert.deepEqual(await filter.locator('option').allTextContents(), ['Any provider', 'OpenAI', 'Anthropic', 'ollama']);
    await filter.selectOption('ollama');
    await page.getByTestId('audit-row').nth(1).waitFor({ state: 'detached' });
    assert.match(await page.getByTestId('audit-row').first().innerText(), /ollama/);
    await filter.selectOption('anthropic');
    await page.getByTestId('live-empty').waitFor();
  });

  it('charts requests per second by provider on the Traffic page', async () => {
    const { page } = s;
    await page.getByTestId('nav-traffic').click();
    const chart = page.getByTestId('chart-providers');
    await chart.waitFor({ timeout: 5000 });
    const legend = await chart.locator('.legend-item').allInnerTexts();
    assert.ok(legend.some((l) => l.startsWith('ollama')), legend.join(' | '));
    assert.ok(legend.some((l) => l.startsWith('openai')), legend.join(' | '));
  });

  it('shows every configured provider with its kind on the Status page and in Settings', async () => {
    const { page } = s;
    await page.getByTestId('nav-status').click();
    const row = page.getByTestId('upstream-ollama');
    await row.waitFor();
    assert.equal(await row.getByTestId('upstream-kind-ollama').innerText(), 'openai');
    assert.ok((await row.innerText()).includes(s.fake.url), await row.innerText());
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-providers').click();
    const card = page.getByTestId('provider-ollama');
    await card.waitFor();
    assert.equal(await card.getByTestId('kind-ollama').innerText(), 'OpenAI-compatible');
    assert.equal(await page.getByTestId('kind-anthropic').innerText(), 'Anthropic');
  });
});
