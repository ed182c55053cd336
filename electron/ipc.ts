/**
 * The one IPC boundary between the dashboard window and main (STYLE 10, after electron/fiddle's
 * `ipc-events.ts`): every channel, its arguments and its result are declared here once. The
 * preload invokes through this map's types; main answers through `handle`, which checks the sender.
 * The dashboard talks to the gateway over HTTP, so the only thing it needs from main is the token.
 */
export interface IpcChannels {
  /** The admin token, for the dashboard's `Authorization: Bearer` header. */
  'aegisgate:admin-token': () => string;
}

export type IpcChannel = keyof IpcChannels;

/** The parts of `Electron.IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of `Electron.IpcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Which senders may call: checked on every invoke, since a frame can navigate after it loaded. */
export type SenderCheck = (event: InvokeEventLike) => boolean;

/** Only the top frame of the given window, showing the dashboard's origin, is trusted. */
export function dashboardSender(webContentsId: () => number | undefined, isDashboardUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && event.sender.id === webContentsId() && isDashboardUrl(frame.url);
  };
}

export class IpcRefusedError extends Error {
  constructor(channel: string) {
    super(`IPC ${channel} refused: the sender is not the dashboard`);
    this.name = 'IpcRefusedError';
  }
}

/**
 * Answers `channel` for trusted senders only; others get a rejected invoke. Channels take no
 * arguments (a future one that does validates them here), so whatever the renderer sends is ignored.
 * Returns the unsubscribe for exactly this handler.
 */
export function handle<C extends IpcChannel>(
  ipcMain: IpcMainLike,
  channel: C,
  trusted: SenderCheck,
  answer: () => ReturnType<IpcChannels[C]> | Promise<ReturnType<IpcChannels[C]>>,
): () => void {
  ipcMain.handle(channel, (event) => {
    if (!trusted(event)) throw new IpcRefusedError(channel);
    return answer();
  });
  return () => ipcMain.removeHandler(channel);
}
