// Issue 11, Live for power users, in Chromium against the real gateway: a search box over app, route,
// model, ids and error codes; status and error filters; a client filter that is a case-insensitive
// substring and fills on a click; filters in the URL (they survive a reload); badges that tell a 429,
// a 401 and a 503 from a policy block and from "Forwarded"; a held row that turns into the decision;
// pause-on-scroll with an "N new" pill; compact density; the filtered view exported without values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { V } from '../gateway/redaction/plants.js';
import { screenshot, waitForAttribute } from './browser.js';
import { startStack, type Stack } from './stack.js';

const AWS = V.awsKey.value;

describe('Live for power users (issue 11)', () => {
  let s: Stack;
  /** One chat request as a tool with its own User-Agent would send it. */
  const send = (app: string, opts: { scenario?: string; content?: string; model?: string } = {}) =>
    fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', authorization: 'Bearer sk-e2e-own', 'user-agent': `${app}/1.0`,
        ...(opts.scenario && { 'x-fake-scenario': opts.scenario }),
      },
      body: JSON.stringify({ model: opts.model ?? 'gpt-4.1-mini', messages: [{ role: 'user', content: opts.content ?? 'hello' }] }),
    });
  const rows = () => s.page.getByTestId('audit-row');
  const apps = async () => (await rows().locator('[data-testid="row-client"]').allInnerTexts()).sort();
  const rowCount = async (n: number, what: string) => {
    for (let i = 0; i < 100 && (await rows().count()) !== n; i++) await sleep(50);
    assert.equal(await rows().count(), n, what);
  };
  /** Waits for the list to show exactly these client apps (sorted, with repeats). */
  const showsApps = async (want: string[], what: string) => {
    const sorted = [...want].sort();
    for (let i = 0; i < 100 && JSON.stringify(await apps()) !== JSON.stringify(sorted); i++) await sleep(50);
    assert.deepEqual(await apps(), sorted, what);
  };
  const badge = (row: Locator) => row.locator('[data-decision]');

  before(async () => {
    s = await startStack();
    await s.signIn();
  });
  after(async () => s?.stop());

  it('tells a 429, a 401 and a 503 apart from a policy block and from Forwarded', async () => {
    const { page } = s;
    await page.getByTestId('nav-live').click();
    assert.equal((await send('Cursor')).status, 200);
    assert.equal((await send('RateTool', { scenario: 'status:429' })).status, 429);
    assert.equal((await send('AuthTool', { scenario: 'status:401' })).status, 401);
    assert.equal((await send('DownTool', { scenario: 'status:503' })).status, 503);
    await rowCount(4, 'four exchanges');
    const byApp = (app: string) => rows().filter({ has: page.locator('[data-testid="row-client"]', { hasText: app }) });
    const kinds = { RateTool: ['rate_limited', 'Rate-limited', 'limit'], AuthTool: ['auth_failed', 'Auth failed', 'auth'], DownTool: ['upstream_error', 'Upstream error', 'upstream'] };
    for (const [app, [kind, label, tone]] of Object.entries(kinds)) {
      const b = badge(byApp(app));
      assert.equal(await b.getAttribute('data-error-kind'), kind, app);
      assert.equal(await b.innerText(), label, app);
      const cls = (await b.getAttribute('class')) ?? '';
      assert.match(cls, new RegExp(`\\b${tone}\\b`), app);
      assert.doesNotMatch(cls, /\b(ok|danger)\b/, `${app} looks like neither Forwarded nor a block`);
    }
    assert.equal(await badge(byApp('Cursor')).getAttribute('data-error-kind'), null);
    assert.equal(await badge(byApp('Cursor')).innerText(), 'Forwarded');
    await screenshot(page, 'live-error-badges');
  });

  it('searches app, model and error codes case-insensitively; status and error filters; filters live in the URL and survive a reload', async () => {
    const { page } = s;
    await send('Cursor', { model: 'claude-SONNET-x' });
    await rowCount(5, 'five');
    await page.getByTestId('filter-q').fill('sonnet');
    await showsApps(['cursor'], 'the model');
    await page.getByTestId('filter-q').fill('ratetool');
    await showsApps(['RateTool'], 'an app, in any case');
    await page.getByTestId('filter-q').fill('');
    await page.getByTestId('filter-error').selectOption('upstream_error');
    await showsApps(['DownTool'], 'upstream errors only');
    await page.getByTestId('filter-error').selectOption('any');
    await showsApps(['AuthTool', 'DownTool', 'RateTool'], 'every failure');
    await page.getByTestId('filter-status').selectOption('4xx');
    await showsApps(['AuthTool', 'RateTool'], '4xx failures');
    for (let i = 0; i < 40 && !page.url().includes('status=4xx'); i++) await sleep(50);
    assert.match(page.url(), /#\/live\?.*error=any/);
    assert.match(page.url(), /status=4xx/);

    await page.reload();
    await page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('filter-status').inputValue(), '4xx');
    assert.equal(await page.getByTestId('filter-error').inputValue(), 'any');
    await showsApps(['AuthTool', 'RateTool'], 'the same view after a reload');

    // A shared link opens its view.
    await page.goto(`${s.url}/ui/#/live?q=downtool`);
    await showsApps(['DownTool'], 'a link with q');
    assert.equal(await page.getByTestId('filter-q').inputValue(), 'downtool');
    await page.getByTestId('filter-clear').click();
    await rowCount(5, 'cleared');
  });

  it('the client filter is a case-insensitive substring, and clicking a client filters by it', async () => {
    const { page } = s;
    await page.getByTestId('filter-client').fill('uRs');
    await showsApps(['cursor', 'cursor'], 'substring, any case');
    await page.getByTestId('filter-client').fill('');
    await rowCount(5, 'all');
    await rows().filter({ hasText: 'AuthTool' }).getByTestId('row-client').click();
    assert.equal(await page.getByTestId('audit-drawer').count(), 0, 'the click filtered instead of opening the row');
    assert.equal(await page.getByTestId('filter-client').inputValue(), 'AuthTool');
    await showsApps(['AuthTool'], 'one client');
    await page.getByTestId('filter-clear').click();
    await rowCount(5, 'all again');
  });

  it('a held request has a Live row that turns into the decision; its pnd_ id finds it', async () => {
    const { page } = s;
    const call = send('HoldTool', { content: `deploy ${AWS}` });
    const held = page.locator('[data-testid="audit-row"][data-live="held"]');
    await held.waitFor({ timeout: 5000 });
    const pendingId = await held.getAttribute('data-pending-id');
    assert.match(pendingId ?? '', /^pnd_/);
    assert.equal(await badge(held).getAttribute('data-decision'), 'held');
    assert.match(await held.innerText(), /waiting for you/);
    await screenshot(page, 'live-held-row');
    await s.admin('POST', `/admin/confirmations/${pendingId}/decision`, { decision: 'deny' });
    assert.equal((await call).status, 400, 'GW_ERR_CONFIRM_DENIED');
    const row = page.locator(`[data-testid="audit-row"][data-pending-id="${pendingId}"]`);
    await waitForAttribute(row.locator('[data-decision]'), 'data-decision', (v) => v === 'denied');
    await held.waitFor({ state: 'detached' });
    // The audit row lands with the feed's next flush (every 100 ms), just after the held row goes.
    for (let i = 0; i < 100 && (await row.count()) !== 1; i++) await sleep(50);
    assert.equal(await row.count(), 1, 'one row for the exchange');

    await page.getByTestId('filter-q').fill(pendingId!.slice(0, 12).toUpperCase());
    await rowCount(1, 'found by its pnd_ id');
    assert.equal(await rows().first().getAttribute('data-pending-id'), pendingId);
    await page.getByTestId('filter-clear').click();
  });

  it('pauses while you read: new events wait behind an "N new" pill; compact density persists', async () => {
    const { page } = s;
    const count = async () => Number(await page.getByTestId('event-count').innerText());
    await rowCount(6, 'the six so far, unfiltered');
    const before = await count();
    await Promise.all(Array.from({ length: 30 }, (_, i) => send(`Burst${i % 3}`)));
    for (let i = 0; i < 100 && (await count()) < before + 30; i++) await sleep(50);
    assert.equal(await count(), before + 30, 'enough to scroll');
    const list = page.getByTestId('audit-list');
    await list.hover();
    await page.mouse.wheel(0, 600);
    for (let i = 0; i < 40 && (await list.evaluate((el) => el.scrollTop)) < 100; i++) await sleep(25);
    const topId = await rows().first().getAttribute('data-id');
    await Promise.all([send('Late'), send('Late'), send('Late')]);
    const holding = send('LateHold', { content: `wait ${AWS}` });
    const pill = page.getByTestId('new-pill');
    await pill.waitFor({ timeout: 5000 });
    for (let i = 0; i < 60 && (await pill.innerText()) !== '4 new'; i++) await sleep(50);
    assert.equal(await pill.innerText(), '4 new', 'three events and one held request wait');
    assert.equal(await page.locator('[data-testid="audit-row"][data-live="held"]').count(), 0, 'the held row waits too');
    assert.equal(await rows().first().getAttribute('data-id'), topId, 'the list did not move');
    assert.equal(await count(), before + 30, 'nothing was added while reading');
    await screenshot(page, 'live-new-pill');
    await pill.click();
    await pill.waitFor({ state: 'detached' });
    assert.equal(await count(), before + 33, 'the waiting events are in');
    assert.deepEqual((await rows().locator('[data-testid="row-client"]').allInnerTexts()).slice(0, 4), ['LateHold', 'Late', 'Late', 'Late']);
    const heldId = await rows().first().getAttribute('data-pending-id');
    await s.admin('POST', `/admin/confirmations/${heldId}/decision`, { decision: 'deny' });
    await holding;
    await rows().filter({ hasText: 'LateHold' }).locator('[data-decision="denied"]').waitFor();
    assert.equal(await list.evaluate((el) => el.scrollTop), 0);

    const rowHeight = async () => (await rows().first().boundingBox())!.height;
    const comfortable = await rowHeight();
    await page.getByTestId('density-toggle').click();
    assert.equal(await list.getAttribute('data-density'), 'compact');
    assert.ok((await rowHeight()) < comfortable - 10, 'compact rows are shorter');
    await page.reload();
    await page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('audit-list').getAttribute('data-density'), 'compact', 'kept across a reload');
    assert.equal(await page.getByTestId('density-toggle').getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'live-compact');
    await page.getByTestId('density-toggle').click();
  });

  it('exports the filtered view as NDJSON, JSON and CSV, with no value in any', async () => {
    const { page } = s;
    await send('Cursor', { content: `mail ${V.email.value}` });
    await page.getByTestId('filter-client').fill('cursor');
    await showsApps(['cursor', 'cursor', 'cursor'], 'cursor only');
    const save = async (format: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
      return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
    };
    const nd = await save('ndjson');
    assert.match(nd.name, /^aegisgate-live-.*\.jsonl$/);
    const events = nd.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { client: { app: string }; time: number; findings: Record<string, number> });
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => e.client.app === 'cursor'), 'only what the filter matches');
    assert.ok(events[0]!.time <= events[2]!.time, 'oldest first, like the audit export');
    assert.deepEqual(events[2]!.findings, { pii: 1 });
    const json = await save('json');
    assert.equal((JSON.parse(json.text) as unknown[]).length, 3);
    const csv = await save('csv');
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^id,time,app,keyId,provider,model,route,status,decision,errorKind,errorCode,pendingId,findings/);
    for (const f of [nd, json, csv]) assert.ok(!f.text.includes(V.email.value), `${f.name} holds no value`);
    await page.getByTestId('filter-clear').click();
  });
});
