/**
 * The one IPC boundary between the dashboard window and main (STYLE 10, after electron/fiddle's
 * `ipc-events.ts`): every channel and its reply are declared here once. The preload sends through
 * this map's types; main answers through `handleSync`, which checks the sender. The dashboard talks
 * to the gateway over HTTP, so the only thing it needs from main is the admin token.
 */
export interface IpcChannels {
  /** The admin token, for the dashboard's `Authorization: Bearer` header. */
  'aegisgate:admin-token': () => string;
}

export type IpcChannel = keyof IpcChannels;
/** What the preload receives: the answer, or null for a sender that is not trusted. */
export type IpcReply<C extends IpcChannel> = ReturnType<IpcChannels[C]> | null;

/** The parts of `Electron.IpcMainEvent` used here. */
export interface SyncEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
  returnValue: unknown;
}

/** The parts of `Electron.IpcMain` used here. */
export interface IpcMainLike {
  on(channel: string, listener: (event: SyncEventLike) => void): void;
  removeListener(channel: string, listener: (event: SyncEventLike) => void): void;
}

/** Which senders may call: checked on every message, since a frame can navigate after it loaded. */
export type SenderCheck = (event: Pick<SyncEventLike, 'sender' | 'senderFrame'>) => boolean;

/** Only the top frame of the given window, showing the dashboard's origin, is trusted. */
export function dashboardSender(webContentsId: () => number | undefined, isDashboardUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && event.sender.id === webContentsId() && isDashboardUrl(frame.url);
  };
}

/**
 * Answers `channel` for trusted senders, null for anyone else (a synchronous sender must always get
 * a reply or it hangs). Synchronous because the dashboard reads its token once, synchronously, as it
 * starts; the one short round trip happens while the preload runs. Channels take no arguments, so
 * whatever the renderer sends along is ignored. Returns the unsubscribe for exactly this listener.
 */
export function handleSync<C extends IpcChannel>(ipcMain: IpcMainLike, channel: C, trusted: SenderCheck, answer: () => ReturnType<IpcChannels[C]>): () => void {
  const listener = (event: SyncEventLike) => {
    const reply: IpcReply<C> = trusted(event) ? answer() : null;
    event.returnValue = reply;
  };
  ipcMain.on(channel, listener);
  return () => ipcMain.removeListener(channel, listener);
}
