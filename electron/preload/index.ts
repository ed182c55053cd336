// A sandboxed preload runs as a plain script whose `require` knows only Electron's own modules, so
// this file is CommonJS (see package.json here) and imports nothing of ours at runtime, only types.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS form of an import, on purpose (above)
import electron = require('electron');
import type { IpcChannel, IpcChannels } from '../ipc.js';

const invoke = <C extends IpcChannel>(channel: C): Promise<ReturnType<IpcChannels[C]>> => electron.ipcRenderer.invoke(channel);

/**
 * What the dashboard sees as `window.aegisgate`. The token is asked for, not handed over at load:
 * main checks on each call that the asking frame still shows the dashboard's origin.
 */
const bridge = {
  /** The admin token for `Authorization: Bearer …`. */
  adminToken: (): Promise<string> => invoke('aegisgate:admin-token'),
  /** Tells the dashboard it runs in the desktop app (it can skip the browser login hint). */
  desktop: true as const,
};

electron.contextBridge.exposeInMainWorld('aegisgate', bridge);

/** The renderer's type for `window.aegisgate`, derived from the bridge itself. */
export type AegisGateBridge = typeof bridge;
