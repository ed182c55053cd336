// A sandboxed preload runs as a plain script whose `require` knows only Electron's own modules, so
// this file is CommonJS (see package.json here) and imports nothing of ours at runtime, only types.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS form of an import, on purpose (above)
import electron = require('electron');
import type { IpcChannel, IpcReply } from '../ipc.js';
import type { AegisHost } from './host.js';

const sendSync = <C extends IpcChannel>(channel: C): IpcReply<C> => electron.ipcRenderer.sendSync(channel) as IpcReply<C>;

/**
 * The admin token comes over IPC, never on the command line (`additionalArguments` would show it to
 * every local user in the process list) nor in the URL. Main answers only this window's top frame
 * on the dashboard's origin; anything else gets nothing, and the dashboard then shows its login.
 */
const token = sendSync('aegisgate:admin-token');
const host: AegisHost | undefined = token === null ? undefined : { token };
if (host) electron.contextBridge.exposeInMainWorld('aegis', host);

/** `window.aegis` as the dashboard sees it (renderer/dom/host.ts imports it from ./host.ts). */
export type { AegisHost };
