import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardSender, handle, IpcRefusedError, type InvokeEventLike, type IpcMainLike } from '../../electron/ipc.js';
import { isDashboardUrl } from '../../electron/window-options.js';

const ORIGIN = 'http://127.0.0.1:18080';
const WINDOW_ID = 7;

/** ipcMain's handle/invoke contract: one handler per channel, invoke runs it and returns its promise. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  };
  return { ipc, invoke, handlers };
}

const event = (url: string, over: { id?: number; parent?: unknown } = {}): InvokeEventLike => ({
  sender: { id: over.id ?? WINDOW_ID },
  senderFrame: { url, parent: over.parent ?? null },
});

const trusted = dashboardSender(() => WINDOW_ID, (url) => isDashboardUrl(url, ORIGIN));

test('the dashboard window gets the token', async () => {
  const { ipc, invoke } = fakeIpcMain();
  handle(ipc, 'aegisgate:admin-token', trusted, () => 'tok');
  assert.equal(await invoke('aegisgate:admin-token', event(`${ORIGIN}/ui/#/live`)), 'tok');
});

test('any other sender is refused: other origin, a subframe, another window, a destroyed frame', async () => {
  const { ipc, invoke } = fakeIpcMain();
  let answered = 0;
  handle(ipc, 'aegisgate:admin-token', trusted, () => (answered++, 'tok'));
  const refused: InvokeEventLike[] = [
    event('http://127.0.0.1.evil.com:18080/'),
    event('http://127.0.0.1:18081/ui/'),
    event('file:///tmp/x.html'),
    event(`${ORIGIN}/ui/`, { parent: {} }),
    event(`${ORIGIN}/ui/`, { id: WINDOW_ID + 1 }),
    { sender: { id: WINDOW_ID }, senderFrame: null },
  ];
  for (const e of refused) await assert.rejects(invoke('aegisgate:admin-token', e), IpcRefusedError);
  assert.equal(answered, 0);
});

test('before the window exists nobody is trusted', async () => {
  const { ipc, invoke } = fakeIpcMain();
  handle(ipc, 'aegisgate:admin-token', dashboardSender(() => undefined, () => true), () => 'tok');
  await assert.rejects(invoke('aegisgate:admin-token', event(`${ORIGIN}/ui/`)), IpcRefusedError);
});

test('arguments from the renderer are ignored, and the unsubscribe removes exactly this handler', async () => {
  const { ipc, invoke, handlers } = fakeIpcMain();
  const seen: unknown[][] = [];
  const off = handle(ipc, 'aegisgate:admin-token', trusted, (...args: unknown[]) => (seen.push(args), 'tok'));
  await invoke('aegisgate:admin-token', event(`${ORIGIN}/ui/`), { evil: true });
  assert.deepEqual(seen, [[]]);
  off();
  assert.equal(handlers.size, 0);
  await assert.rejects(invoke('aegisgate:admin-token', event(`${ORIGIN}/ui/`)), /No handler/);
});
