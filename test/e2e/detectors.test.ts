// Settings → Detectors in headless chromium against the real gateway: one switch per built-in
// detector (listed by the gateway itself), and switching one off changes what the next request sends.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUILTIN_DETECTORS } from '../../gateway/scan/index.js';
import { seededString } from '../helpers/seeded.js';
import { screenshot } from './browser.js';
import { startStack, type Stack } from './stack.js';

const session = seededString('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 32, 501);
const line = `Cookie: sessionid=${session}; theme=dark`;

describe('settings: detectors', () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ policy: { preset: 'permissive' } });
    await s.signIn();
  });
  after(async () => s?.stop());

  it('lists a switch for every built-in detector, and one switched off stops redacting from the next request', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-detectors').click();
    await page.getByTestId('detector-cookie').waitFor();
    const ids = await page.locator('[data-testid^="detector-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('detector-'.length)));
    assert.deepEqual(ids.sort(), BUILTIN_DETECTORS.map((d) => d.id).sort());

    await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: line }] });
    assert.ok(!JSON.stringify(s.fake.requests.at(-1)?.json).includes(session), 'redacted while the detector is on');

    await page.getByTestId('detector-cookie').uncheck();
    await page.getByTestId('save-detectors').click();
    await page.getByText('Saved: 1 detector off').waitFor();
    await screenshot(page, 'settings-detectors');
    const view = await s.admin<{ config: { scan: { disabled: string[] } } }>('GET', '/admin/config');
    assert.deepEqual(view.config.scan.disabled, ['cookie']);

    const reply = await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: line }] });
    assert.ok(JSON.stringify(s.fake.requests.at(-1)?.json).includes(session), 'sent as is once switched off');
    assert.equal(reply.choices[0]!.message.content, `echo: ${line}`);
  });

  it('the name detectors start off; switched on with a names allowlist, a name is masked from the next request', async () => {
    const { page } = s;
    const text = 'Maria Kowalczyk from Acme Corp called about Globex Corp.';
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-detectors').click();
    const person = page.getByTestId('detector-person');
    await person.waitFor();
    assert.equal(await person.isChecked(), false, 'opt-in: off until turned on');
    await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: text }] });
    assert.ok(JSON.stringify(s.fake.requests.at(-1)?.json).includes('Maria Kowalczyk'), 'names pass while off');

    await person.check();
    await page.getByTestId('detector-organization').check();
    await page.getByTestId('names-allowlist').fill('Acme Corp');
    await page.getByTestId('save-detectors').click();
    await page.getByText('Saved:').waitFor();
    const view = await s.admin<{ config: { scan: { enabled: string[]; namesAllowlist: string[] } } }>('GET', '/admin/config');
    assert.deepEqual([...view.config.scan.enabled].sort(), ['organization', 'person']);
    assert.deepEqual(view.config.scan.namesAllowlist, ['Acme Corp']);

    const reply = await s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: text }] });
    const sent = JSON.stringify(s.fake.requests.at(-1)?.json);
    assert.ok(!sent.includes('Maria Kowalczyk') && !sent.includes('Globex Corp'), sent);
    assert.ok(sent.includes('Acme Corp'), 'allowlisted name kept');
    assert.equal(reply.choices[0]!.message.content, `echo: ${text}`);
  });
});
