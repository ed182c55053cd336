// "Test this setup" in Chromium: on the Connect page, pick a tool, press the button, run the tool;
// the page shows the first request the gateway saw from it, with app and route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from './stack.js';

describe('dashboard: test this setup', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
    await stack.signIn();
  });
  after(() => stack?.stop());

  it('shows the first request from the selected tool once it arrives', async () => {
    const { page } = stack;
    await page.getByTestId('nav-connect').click();
    await page.getByTestId('tool-openai-node').click();
    await page.getByTestId('test-setup').click();
    await page.getByText(/Waiting for the first request from OpenAI SDK/).waitFor({ timeout: 10_000 });

    await stack.openai.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'setup check' }] });
    const seen = page.getByTestId('setup-seen');
    await seen.waitFor({ timeout: 10_000 });
    const text = await seen.innerText();
    assert.match(text, /openai-sdk → openai \/v1\/chat\/completions, status 200/);
    assert.match(text, /OpenAI\/JS/);
    assert.deepEqual(stack.problems, []);
  });
});
