import { BrowserWindow, session, shell, type Session, type WebContents } from 'electron';
import { dashboardUrl, type DashboardPage } from './dashboard-url.js';
import { DASHBOARD_PARTITION, denyPermission, isDashboardUrl, windowOpenDecision, windowOptions, withCsp } from './window-options.js';

export interface DashboardWindowDeps {
  /** The gateway's base URL; the window shows `<baseUrl>/ui/`. */
  baseUrl: string;
  preload: string;
  devTools: boolean;
  onError(err: unknown, what: string): void;
}

export interface DashboardWindow {
  /** Creates the window on first use, then shows and focuses it, on `page` if given. */
  show(page?: DashboardPage): void;
  /** The window's webContents id, for the IPC sender check; undefined before it exists. */
  webContentsId(): number | undefined;
  /** From now on closing really closes (quitting). */
  allowClose(): void;
}

/** One hardened window on the dashboard. Closing it hides it: the app lives on in the tray. */
export function createDashboardWindow(deps: DashboardWindowDeps): DashboardWindow {
  const origin = new URL(deps.baseUrl).origin;
  const isDashboard = (url: string) => isDashboardUrl(url, origin);
  hardenSession(session.fromPartition(DASHBOARD_PARTITION), isDashboard);
  let win: BrowserWindow | undefined;
  let closing = false;

  function create(): BrowserWindow {
    const w = new BrowserWindow(windowOptions({ preload: deps.preload, devTools: deps.devTools }));
    hardenContents(w.webContents, isDashboard, deps.onError);
    w.once('ready-to-show', () => w.show());
    w.on('close', (event) => {
      if (closing) return;
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => (win = undefined));
    return w;
  }

  return {
    show(page) {
      const fresh = win === undefined;
      win ??= create();
      const w = win;
      if (fresh || page !== undefined) w.loadURL(dashboardUrl(deps.baseUrl, page)).catch((err: unknown) => deps.onError(err, 'loading the dashboard'));
      if (!fresh) {
        if (w.isMinimized()) w.restore();
        w.show();
        w.focus();
      }
    },
    webContentsId: () => win?.webContents.id,
    allowClose() {
      closing = true;
    },
  };
}

function hardenSession(ses: Session, isDashboard: (url: string) => boolean): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(denyPermission()));
  ses.setPermissionCheckHandler(denyPermission);
  ses.setDevicePermissionHandler(denyPermission);
  ses.webRequest.onHeadersReceived({ urls: ['<all_urls>'], types: ['mainFrame', 'subFrame'] }, (details, callback) => {
    callback(isDashboard(details.url) ? { responseHeaders: withCsp(details.responseHeaders) } : {});
  });
}

function hardenContents(contents: WebContents, isDashboard: (url: string) => boolean, onError: DashboardWindowDeps['onError']): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) shell.openExternal(decision.openExternally).catch((err: unknown) => onError(err, 'opening a link'));
    return { action: 'deny' };
  });
  const stayOnDashboard = (event: { url: string; preventDefault(): void }) => {
    if (!isDashboard(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnDashboard);
  contents.on('will-frame-navigate', stayOnDashboard);
  contents.on('will-redirect', stayOnDashboard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
