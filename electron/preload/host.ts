// Types only, so the dashboard can import them (renderer/dom/host.ts) without reaching Electron: the
// preload itself (index.ts) requires `electron` and is CommonJS, which the dashboard's build cannot read.
import type { IpcReply } from '../ipc.js';

/** `window.aegis`: what the preload exposes to a trusted dashboard (index.ts builds it with this type). */
export interface AegisHost {
  /** The admin token: sent as a bearer header on every admin call. */
  readonly token: NonNullable<IpcReply<'aegisgate:admin-token'>>;
}
