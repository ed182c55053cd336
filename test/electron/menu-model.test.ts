import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DashboardPage } from '../../electron/dashboard-url.js';
import type { PendingSummary } from '../../electron/display-text.js';
import { buildMenuModel, MAX_MENU_PENDING, toMenuTemplate, type MenuActions, type MenuEntry, type MenuState } from '../../electron/menu-model.js';
import { PLANTED_SECRET, pendingItem } from './fixtures.js';

const URL_ = 'http://127.0.0.1:18080';

function recorder() {
  const calls: unknown[][] = [];
  const actions: MenuActions = {
    openDashboard: (page?: DashboardPage) => calls.push(['open', page]),
    decide: (p: PendingSummary, decision) => calls.push(['decide', p.id, decision, p.payloadHash]),
    copyBaseUrl: (url) => calls.push(['copy', url]),
    setStartAtLogin: (on) => calls.push(['login', on]),
    quit: () => calls.push(['quit']),
  };
  return { calls, actions };
}

const state = (over: Partial<MenuState> = {}): MenuState => ({
  tray: { kind: 'protecting' },
  pending: [],
  url: URL_,
  startAtLogin: { supported: true, enabled: false },
  ...over,
});

const labels = (entries: readonly MenuEntry[]) => entries.map((e) => (e.type === 'separator' ? '---' : e.label));
const find = (entries: readonly MenuEntry[], label: string) => {
  const e = entries.find((x) => x.type !== 'separator' && x.label === label);
  assert.ok(e, `no entry "${label}"`);
  return e;
};
const click = (e: MenuEntry) => {
  assert.ok(e.type === 'item' || e.type === 'checkbox');
  assert.ok(e.click, 'entry has no action');
  e.click();
};

test('with nothing pending: status, open, copy, start at login, quit', () => {
  const { actions } = recorder();
  assert.deepEqual(labels(buildMenuModel(state(), actions)), [
    `Protecting ${URL_}`, '---', 'Open dashboard', '---', 'Copy base URL', 'Start at login', '---', 'Quit AegisGate',
  ]);
});

test('each entry does what it says', () => {
  const { calls, actions } = recorder();
  const menu = buildMenuModel(state({ startAtLogin: { supported: true, enabled: true } }), actions);
  click(find(menu, 'Open dashboard'));
  click(find(menu, 'Copy base URL'));
  const login = find(menu, 'Start at login');
  assert.equal(login.type === 'checkbox' && login.checked, true);
  click(login);
  click(find(menu, 'Quit AegisGate'));
  assert.deepEqual(calls, [['open', undefined], ['copy', URL_], ['login', false], ['quit']]);
});

test('pending items offer quick approve (redacted) and deny for the right id and payload', () => {
  const { calls, actions } = recorder();
  const menu = buildMenuModel(state({ tray: { kind: 'pending', count: 2 }, pending: [pendingItem(1), pendingItem(2)] }), actions);
  const items = menu.filter((e) => e.type === 'submenu');
  assert.equal(items.length, 2);
  assert.equal(items[0].label, 'aws-key in a request: app-1 → openai (gpt-4o)');
  assert.ok(items[1].type === 'submenu');
  assert.deepEqual(labels(items[1].entries), ['Approve (redacted)', 'Deny', '---', 'Review in dashboard…']);
  click(find(items[1].entries, 'Approve (redacted)'));
  assert.ok(items[0].type === 'submenu');
  click(find(items[0].entries, 'Deny'));
  click(find(items[0].entries, 'Review in dashboard…'));
  assert.deepEqual(calls, [
    ['decide', 'pnd_2', 'approve_redacted', 'hash-2'],
    ['decide', 'pnd_1', 'deny', 'hash-1'],
    ['open', 'confirmations'],
  ]);
  assert.equal(labels(menu)[0], '2 waiting for your approval');
});

test(`more than ${MAX_MENU_PENDING} pending: the oldest are listed, the rest is "N more…" opening Confirmations`, () => {
  const { calls, actions } = recorder();
  const pending = Array.from({ length: 8 }, (_, i) => pendingItem(i));
  const menu = buildMenuModel(state({ tray: { kind: 'pending', count: 8 }, pending }), actions);
  const listed = menu.filter((e) => e.type === 'submenu').map((e) => e.label);
  assert.equal(listed.length, MAX_MENU_PENDING);
  assert.ok(listed[0].includes('app-0') && listed[4].includes('app-4'));
  click(find(menu, '3 more…'));
  assert.deepEqual(calls, [['open', 'confirmations']]);
});

test('no URL (the gateway did not start): open and copy are disabled; start at login hidden where unsupported', () => {
  const { calls, actions } = recorder();
  const menu = buildMenuModel(state({ tray: { kind: 'error', reason: 'x' }, url: undefined, startAtLogin: { supported: false, enabled: false } }), actions);
  assert.deepEqual(labels(menu), ['Error: x', '---', 'Open dashboard', '---', 'Copy base URL', '---', 'Quit AegisGate']);
  const open = find(menu, 'Open dashboard');
  const copy = find(menu, 'Copy base URL');
  assert.equal(open.type === 'item' && open.enabled, false);
  assert.equal(copy.type === 'item' && copy.enabled, false);
  click(copy);
  assert.deepEqual(calls, []);
});

test('labels carry names, never the preview, and neutralise invisible characters', () => {
  const { actions } = recorder();
  const sneaky = pendingItem(1, { clientApp: 'curl\u202Egnp.exe\u200B', model: 'm\nx' });
  const menu = buildMenuModel(state({ pending: [sneaky] }), actions);
  const text = JSON.stringify(labels(menu));
  assert.ok(!text.includes(PLANTED_SECRET));
  assert.ok(!text.includes('masked'));
  assert.ok(!/[\u202E\u200B\n]/.test(menu.map((e) => (e.type === 'separator' ? '' : e.label)).join('')));
  assert.ok(text.includes('curl gnp.exe → openai (m x)'));
});

test('the Electron template: types mapped, clicks kept, & escaped so it is not a mnemonic', () => {
  const { calls, actions } = recorder();
  const menu = buildMenuModel(state({ pending: [pendingItem(1, { clientApp: 'R&D tool' })] }), actions);
  const template = toMenuTemplate(menu);
  assert.equal(template.length, menu.length);
  assert.deepEqual(template[1], { type: 'separator' });
  assert.deepEqual(template[0], { label: `Protecting ${URL_}`, enabled: false });
  const sub = template.find((t) => Array.isArray(t.submenu));
  assert.ok(sub && Array.isArray(sub.submenu));
  assert.equal(sub.label, 'aws-key in a request: R&&D tool → openai (gpt-4o)');
  const login = template.find((t) => t.type === 'checkbox');
  assert.equal(login?.checked, false);
  const approve = sub.submenu[0];
  assert.equal(approve.label, 'Approve (redacted)');
  (approve.click as () => void)();
  assert.deepEqual(calls, [['decide', 'pnd_1', 'approve_redacted', 'hash-1']]);
});
