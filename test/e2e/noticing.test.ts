// Issue 11, things that must be noticed and found again, in Chromium against the real gateway:
// "Recent decisions" keeps approved, denied and timed-out items after they leave the queue and finds
// them by the pnd_ id a refused client is told; upstream health on Status, in the header and as a
// banner, and a gateway that stops answering shows more than "Reconnecting…"; opt-in notifications
// with a tone; charts with a log-like axis and values under the pointer.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { V } from '../gateway/redaction/plants.js';
import { screenshot, waitForAttribute } from './browser.js';
import { startStack, type Stack } from './stack.js';

const AWS = V.awsKey.value;

/** Records what the page asks of the Notification and WebAudio APIs, then lets the real ones run. */
const SPY = `(() => {
  const spy = (window.__aegisSpy = { notes: [], asked: 0, tones: 0 });
  const Real = window.Notification;
  function Spied(title, options) { spy.notes.push({ title, body: options && options.body, tag: options && options.tag }); return new Real(title, options); }
  Object.defineProperty(Spied, 'permission', { get: () => Real.permission });
  Spied.requestPermission = (...a) => { spy.asked++; return Real.requestPermission(...a); };
  window.Notification = Spied;
  const osc = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { spy.tones++; return osc.call(this); };
})();`;
interface Spy { notes: { title: string; body: string; tag: string }[]; asked: number; tones: number }

describe('noticing and finding again (issue 11)', () => {
  let s: Stack;
  const ask = (content: string) => s.openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] });
  const heldIds = async () => (await s.admin<{ items: { id: string }[] }>('GET', '/admin/confirmations')).items.map((i) => i.id);
  const nextHeld = async (known: string[]) => {
    for (let i = 0; i < 100; i++) {
      const fresh = (await heldIds()).find((id) => !known.includes(id));
      if (fresh) return fresh;
      await sleep(50);
    }
    throw new Error('nothing was held');
  };
  const spy = () => s.page.evaluate(() => (globalThis as unknown as { __aegisSpy: Spy }).__aegisSpy);

  before(async () => {
    s = await startStack({ confirm: { timeoutSec: 5 } });
    await s.context.addInitScript(SPY);
    await s.signIn();
  });
  after(async () => s?.stop());

  it('Recent decisions keeps approved, denied and timed-out items and finds one by the pnd_ id the client was told', async () => {
    const { page } = s;
    await page.getByTestId('nav-confirmations').click();
    await page.getByTestId('recent-empty').waitFor();

    const approved = ask(`ok ${AWS}`);
    const a = await nextHeld([]);
    await s.admin('POST', `/admin/confirmations/${a}/decision`, { decision: 'approve_redacted' });
    await approved;
    const denied = ask(`no ${AWS}`).catch((e: unknown) => e as Error);
    const d = await nextHeld([a]);
    await s.admin('POST', `/admin/confirmations/${d}/decision`, { decision: 'deny' });
    const deniedError = await denied;
    assert.match(String(deniedError), new RegExp(d), 'the client is told the pnd_ id');
    const timedOut = ask(`late ${AWS}`).catch((e: unknown) => e as Error);
    const t = await nextHeld([a, d]);
    const timeoutError = await timedOut;
    assert.match(String(timeoutError), new RegExp(`${t}.*nobody decided in time`));

    const recent = page.getByTestId('recent-decision');
    const outcome = (id: string) => page.locator(`[data-testid="recent-decision"][data-pending-id="${id}"]`);
    await outcome(t).waitFor({ timeout: 10_000 });
    assert.equal(await recent.count(), 3, 'all three stay listed after leaving the queue');
    assert.deepEqual(await Promise.all([a, d, t].map((id) => outcome(id).getAttribute('data-decision'))), ['approved', 'denied', 'timed_out']);
    assert.match(await outcome(a).innerText(), /Approved · sent redacted[\s\S]*admin API call/);
    assert.match(await outcome(t).innerText(), /Timed out · denied \(default\)[\s\S]*nobody: the timeout default applied/);
    assert.equal(await page.getByTestId('pending-item').count(), 0, 'the queue is empty');
    await screenshot(page, 'confirmations-recent-decisions');

    await page.getByTestId('recent-q').fill(d.toUpperCase().slice(0, 14));
    for (let i = 0; i < 60 && (await recent.count()) !== 1; i++) await sleep(50);
    assert.equal(await recent.count(), 1);
    assert.equal(await recent.first().getAttribute('data-pending-id'), d);

    // After a reload, and straight from a link with the id (where a held Live row leads).
    await page.goto(`${s.url}/ui/#/confirmations?q=${t}`);
    await outcome(t).waitFor({ timeout: 10_000 });
    assert.equal(await recent.count(), 1);
    assert.equal(await page.getByTestId('recent-q').inputValue(), t);
    await outcome(t).getByRole('link', { name: 'Live' }).click();
    await page.locator(`[data-testid="audit-row"][data-pending-id="${t}"]`).waitFor();
    assert.equal(await page.getByTestId('filter-q').inputValue(), t);
  });

  it('notifications and a tone are opt-in: nothing before the click, then one per held request, without values', async () => {
    const { page } = s;
    await s.context.grantPermissions(['notifications'], { origin: s.url });
    await page.goto(`${s.url}/ui/#/live`);
    await page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
    const first = ask(`quiet ${AWS}`).catch(() => undefined);
    const q = await nextHeld([]);
    await sleep(300);
    assert.deepEqual(await spy(), { notes: [], asked: 0, tones: 0 }, 'off by default: no notification, no permission prompt, no sound');
    await s.admin('POST', `/admin/confirmations/${q}/decision`, { decision: 'deny' });
    await first;

    await page.getByTestId('nav-confirmations').click();
    await page.getByTestId('notify-toggle').click();
    await waitForAttribute(page.getByTestId('notify-toggle'), 'aria-pressed', (v) => v === 'true');
    await page.getByTestId('sound-toggle').click();
    await waitForAttribute(page.getByTestId('sound-toggle'), 'aria-pressed', (v) => v === 'true');
    assert.ok((await spy()).tones > 0, 'turning sound on plays the tone once, from the click');
    const tonesBefore = (await spy()).tones;

    await page.getByTestId('nav-live').click();
    const call = ask(`loud ${AWS}`).catch(() => undefined);
    const id = await nextHeld([q]);
    for (let i = 0; i < 60 && (await spy()).notes.length === 0; i++) await sleep(50);
    const { notes, tones } = await spy();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.tag, id);
    assert.equal(notes[0]!.title, 'AegisGate: waiting for your decision');
    assert.match(notes[0]!.body, /A request from openai-sdk to openai \(aws-access-key\) is held/);
    assert.ok(!JSON.stringify(notes).includes(AWS), 'no value in a notification');
    assert.ok(tones > tonesBefore, 'and the tone played');
    await s.admin('POST', `/admin/confirmations/${id}/decision`, { decision: 'deny' });
    await call;

    await page.reload();
    await page.getByTestId('nav-confirmations').click();
    assert.equal(await page.getByTestId('notify-toggle').getAttribute('aria-pressed'), 'true', 'kept across a reload');
    assert.equal((await spy()).asked, 0, 'permission was already granted: never asked again');
    await page.getByTestId('notify-toggle').click();
    await page.getByTestId('sound-toggle').click();
    await waitForAttribute(page.getByTestId('notify-toggle'), 'aria-pressed', (v) => v === 'false');
  });

  it('charts: a log-like axis on demand, and the values under the pointer', async () => {
    const { page } = s;
    await Promise.all(Array.from({ length: 20 }, () => ask('burst')));
    await page.getByTestId('nav-traffic').click();
    const chart = page.getByTestId('chart-rps');
    await waitForAttribute(chart, 'data-sum', (v) => Number(v) >= 20, 8000);
    const canvas = chart.locator('.u-over');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const legend = page.getByTestId('chart-legend-rps');
    await waitForAttribute(legend, 'data-hover-index', (v) => v !== null);
    assert.match(await legend.getByTestId('chart-hover-time').innerText(), /^\d\d:\d\d:\d\d$/);
    await page.mouse.move(box.x + 2, box.y - 60);
    await waitForAttribute(legend, 'data-hover-index', (v) => v === null);

    assert.equal(await chart.getAttribute('data-scale'), 'linear');
    await page.getByTestId('log-scale').click();
    assert.equal(await chart.getAttribute('data-scale'), 'log');
    await chart.locator('canvas').first().waitFor();
    await screenshot(page, 'traffic-log-scale');
    await page.getByTestId('log-scale').click();
  });

  it('upstream health: reachable with latency, then failing in the header, a banner and on Status; a gateway that stops answering says so', async () => {
    const { page } = s;
    await page.getByTestId('nav-status').click();
    const row = page.getByTestId('upstream-openai');
    await waitForAttribute(row, 'data-state', (v) => v === 'ok');
    assert.match(await page.getByTestId('upstream-latency-openai').innerText(), /ms/);
    assert.equal(await page.getByTestId('upstream-anthropic').getAttribute('data-state'), 'unknown');
    assert.equal(await page.getByTestId('upstream-chip').getAttribute('data-state'), 'ok');

    s.fake.setScenario('status:503');
    await ask('x').catch(() => undefined);
    await ask('y').catch(() => undefined);
    await waitForAttribute(row, 'data-state', (v) => v === 'failing');
    assert.match(await page.getByTestId('upstream-error-openai').innerText(), /503/);
    await waitForAttribute(page.getByTestId('upstream-chip'), 'data-state', (v) => v === 'failing');
    assert.match(await page.getByTestId('upstream-chip').innerText(), /OpenAI failing \(503\)/);
    for (const nav of ['nav-live', 'nav-traffic', 'nav-status']) {
      await page.getByTestId(nav).click();
      assert.match(await page.getByTestId('upstream-banner').innerText(), /OpenAI is failing \(503\): 2 requests in a row, last success/);
    }
    await screenshot(page, 'status-upstream-failing');
    s.fake.setScenario(undefined);
    await ask('z');
    await waitForAttribute(row, 'data-state', (v) => v === 'degraded');
    await page.getByTestId('upstream-banner').waitFor({ state: 'detached' });

    s.gateway.proc.kill('SIGKILL');
    await page.getByTestId('gateway-down-banner').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('upstream-chip').getAttribute('data-state'), 'failing');
    assert.match(await page.getByTestId('upstream-chip').innerText(), /Gateway not answering/);
    await screenshot(page, 'status-gateway-down');
  });
});
