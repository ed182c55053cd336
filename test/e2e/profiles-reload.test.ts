// Per-client profiles and config reload in the dashboard, in headless chromium against the real CLI
// gateway and the fake provider: a preset chosen on the client keys page holds that key's request and
// not another client's with the same body; an edit of the --config file is announced as a toast and
// on the Status page, and a broken edit is shown there with its field.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ClientKeyList, CreatedClientKey, PendingList } from '../../gateway/admin/contract.js';
import { screenshot, waitForAttribute } from './browser.js';
import { startStack, type Stack } from './stack.js';

const BODY = 'send the invoice to carol.e2e@example.com';

describe('dashboard: per-client presets and config file reload', () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
    await s.signIn();
  });
  after(async () => s?.stop());

  it('a preset set on the client keys page holds that key’s request and passes another client’s with the same body', async () => {
    const { page } = s;
    const agent = await s.admin<CreatedClientKey>('POST', '/admin/keys', { name: 'coding agent', app: 'claude-code' });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-keys').click();
    const select = page.getByTestId(`key-preset-${agent.id}`);
    await select.selectOption('strict');
    await page.getByText('Key “coding agent” uses the strict preset').waitFor();
    const listed = (await s.admin<ClientKeyList>('GET', '/admin/keys')).keys.find((k) => k.id === agent.id);
    assert.equal(listed?.preset, 'strict');
    await screenshot(page, 'settings-keys-preset');

    // The other client first: the same body passes, redacted.
    const reply = await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: BODY }] });
    assert.equal(reply.choices[0]!.message.content, `echo: ${BODY}`);
    assert.ok(!JSON.stringify(s.fake.requests.at(-1)?.json).includes('carol.e2e@example.com'));

    const withKey = new OpenAI({ apiKey: 'sk-e2e', baseURL: `${s.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-aegis-key': agent.key } });
    const seen = s.fake.requests.length;
    const held = withKey.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: BODY }] }).then(() => 'forwarded', () => 'refused');
    let items: PendingList['items'] = [];
    const deadline = Date.now() + 10_000;
    while (items.length === 0 && Date.now() < deadline) items = (await s.admin<PendingList>('GET', '/admin/confirmations')).items;
    assert.equal(items.length, 1, 'the strict key’s request is held');
    assert.equal(items[0]!.clientKeyId, agent.id);
    assert.equal(s.fake.requests.length, seen, 'nothing forwarded while held');
    await s.admin('POST', `/admin/confirmations/${items[0]!.id}/decision`, { decision: 'deny' });
    assert.equal(await held, 'refused');

    // Back to the global preset from the page: the key's request passes.
    await select.selectOption('');
    await page.getByText('Key “coding agent” follows the global preset').waitFor();
    await withKey.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: BODY }] });

    // A key created with its own preset from the form.
    await page.getByTestId('key-name').fill('nightly batch');
    await page.getByTestId('key-app').fill('etl');
    await page.getByTestId('key-preset').selectOption('permissive');
    await page.getByTestId('key-create').click();
    await page.getByTestId('created-key').waitFor();
    const batch = (await s.admin<ClientKeyList>('GET', '/admin/keys')).keys.find((k) => k.name === 'nightly batch');
    assert.equal(batch?.preset, 'permissive');
    assert.equal(await page.getByTestId(`key-preset-${batch.id}`).inputValue(), 'permissive');
  });

  it('announces a config file edit as a toast and on the Status page; a broken edit is shown with its field and changes nothing', async () => {
    const { page } = s;
    await page.getByTestId('nav-status').click();
    const original = JSON.parse(readFileSync(s.configFile, 'utf8')) as Record<string, unknown>;
    const save = (config: object) => {
      writeFileSync(`${s.configFile}.tmp`, JSON.stringify(config));
      renameSync(`${s.configFile}.tmp`, s.configFile);
    };

    save({ ...original, scan: { denyTerms: [{ pattern: 'Project Kestrel', kind: 'CODENAME' }] } });
    await page.locator('.toast').filter({ hasText: 'Config file reloaded: applied scan.denyTerms' }).waitFor();
    const line = page.getByTestId('status-config-file');
    await waitForAttribute(line, 'data-status', (v) => v === 'applied');
    await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Project Kestrel status' }] });
    assert.ok(!JSON.stringify(s.fake.requests.at(-1)?.json).includes('Project Kestrel'));

    save({ ...original, scan: { denyTerms: [] }, limits: { bodyBytes: 'lots' } });
    await page.locator('.toast.danger').filter({ hasText: 'limits.bodyBytes' }).waitFor();
    await waitForAttribute(line, 'data-field', (v) => v === 'limits.bodyBytes');
    assert.equal(await line.getAttribute('data-status'), 'invalid');
    assert.match(await line.innerText(), /not applied.*limits\.bodyBytes/s);
    await screenshot(page, 'status-config-file');
    await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Project Kestrel status' }] });
    assert.ok(!JSON.stringify(s.fake.requests.at(-1)?.json).includes('Project Kestrel'), 'the broken file changed nothing');
    assert.deepEqual(s.problems, []);
  });
});
