import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardSender, handleSync, type IpcMainLike, type SyncEventLike } from '../../electron/ipc.js';
import { isDashboardUrl } from '../../electron/window-options.js';

const ORIGIN = 'http://127.0.0.1:18080';
const WINDOW_ID = 7;

/** ipcMain's sendSync contract: listeners set `event.returnValue`, which the renderer receives. */
function fakeIpcMain() {
  const listeners = new Map<string, Set<(event: SyncEventLike) => void>>();
  const ipc: IpcMainLike = {
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  /** Like ipcRenderer.sendSync; a message nobody answers would hang a real renderer, so it fails here. */
  const sendSync = (channel: string, from: Omit<SyncEventLike, 'returnValue'>, ...args: unknown[]) => {
    const event: SyncEventLike & { args: unknown[] } = { ...from, returnValue: undefined, args };
    for (const l of listeners.get(channel) ?? []) l(event);
    assert.notEqual(event.returnValue, undefined, `nobody answered ${channel}: a real renderer would hang`);
    return event.returnValue;
  };
  return { ipc, sendSync, listeners };
}

const from = (url: string, over: { id?: number; parent?: unknown } = {}) => ({
  sender: { id: over.id ?? WINDOW_ID },
  senderFrame: { url, parent: over.parent ?? null },
});

const trusted = dashboardSender(() => WINDOW_ID, (url) => isDashboardUrl(url, ORIGIN));

test('the dashboard window gets the token', () => {
  const { ipc, sendSync } = fakeIpcMain();
  handleSync(ipc, 'aegisgate:admin-token', trusted, () => 'tok');
  assert.equal(sendSync('aegisgate:admin-token', from(`${ORIGIN}/ui/#/live`)), 'tok');
});

test('any other sender gets null, at once: other origin, a subframe, another window, a destroyed frame', () => {
  const { ipc, sendSync } = fakeIpcMain();
  let answered = 0;
  handleSync(ipc, 'aegisgate:admin-token', trusted, () => (answered++, 'tok'));
  const refused = [
    from('http://127.0.0.1.evil.com:18080/'),
    from('http://127.0.0.1:18081/ui/'),
    from('file:///tmp/x.html'),
    from(`${ORIGIN}/ui/`, { parent: {} }),
    from(`${ORIGIN}/ui/`, { id: WINDOW_ID + 1 }),
    { sender: { id: WINDOW_ID }, senderFrame: null },
  ];
  for (const e of refused) assert.equal(sendSync('aegisgate:admin-token', e), null, JSON.stringify(e));
  assert.equal(answered, 0);
});

test('before the window exists nobody is trusted', () => {
  const { ipc, sendSync } = fakeIpcMain();
  handleSync(ipc, 'aegisgate:admin-token', dashboardSender(() => undefined, () => true), () => 'tok');
  assert.equal(sendSync('aegisgate:admin-token', from(`${ORIGIN}/ui/`)), null);
});

test('arguments from the renderer are ignored, and the unsubscribe removes exactly this listener', () => {
  const { ipc, sendSync, listeners } = fakeIpcMain();
  const seen: unknown[][] = [];
  const off = handleSync(ipc, 'aegisgate:admin-token', trusted, (...args: unknown[]) => (seen.push(args), 'tok'));
  const other = () => undefined;
  ipc.on('aegisgate:admin-token', other);
  assert.equal(sendSync('aegisgate:admin-token', from(`${ORIGIN}/ui/`), { evil: true }), 'tok');
  assert.deepEqual(seen, [[]]);
  off();
  assert.deepEqual([...(listeners.get('aegisgate:admin-token') ?? [])], [other]);
});
