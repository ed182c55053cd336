import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, clipboard, ipcMain, safeStorage } from 'electron';
import { EventBus } from '../gateway/events.js';
import { chooseStartAtLogin } from './autostart.js';
import { startDesktopGateway, type DesktopGateway } from './gateway-boot.js';
import { dashboardSender, handleSync } from './ipc.js';
import { parseLaunchOptions } from './launch-options.js';
import { buildMenuModel, type MenuActions } from './menu-model.js';
import { createNoteShower } from './notify.js';
import { createPendingNotifier } from './notify-policy.js';
import { describeStartError } from './startup-error.js';
import { createTray } from './tray.js';
import { storeErrorFrom, trayState, trayTooltip, unredactedScopes, type GatewayFacts } from './tray-state.js';
import { createDashboardWindow, type DashboardWindow } from './window.js';
import { isDashboardUrl } from './window-options.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const SETTLED = ['pending.decided', 'pending.expired', 'pending.abandoned', 'pending.cancelled'] as const;

/** Boot, in order: every piece is built by a factory here, nothing at import time. */
async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  // Closing the window only hides it: the tray keeps the app, and the gateway, running.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();

  const facts: Mutable<GatewayFacts> = { pending: 0 };
  let desktop: DesktopGateway | undefined;
  let window: DashboardWindow | undefined;
  const report = (err: unknown, what: string) => (desktop ? desktop.logger.error({ err }, what) : console.error(`aegisgate: ${what}`, err));
  const bus = new EventBus((err, event) => report(err, `a listener for ${String(event)} failed`));
  const startAtLogin = chooseStartAtLogin({
    platform: process.platform, isPackaged: app.isPackaged, env: process.env, execPath: process.execPath, homeDir: homedir(), loginItems: app,
  });
  let startAtLoginOn = await startAtLogin.enabled().catch(() => false);

  // 1. Tray, notifications, and what their entries do.
  const tray = createTray(() => window?.show());
  const showNote = createNoteShower((note) => window?.show(note.target));
  const notifier = createPendingNotifier({ show: showNote, schedule: (fn, ms) => cancelable(setTimeout(fn, ms)) });
  const quit = gracefulQuit(() => desktop, () => window, () => {
    notifier.dispose();
    tray.destroy();
  }, report);
  const actions: MenuActions = {
    openDashboard: (page) => window?.show(page),
    decide: (p, decision) => {
      desktop?.gateway.app.confirmations
        .decide(p.id, decision, { by: 'tray', payloadHash: p.payloadHash })
        .catch((err: unknown) => report(err, 'a tray decision failed'))
        .finally(refresh);
    },
    copyBaseUrl: (url) => clipboard.writeText(url),
    setStartAtLogin: (on) => {
      startAtLogin.set(on).then(() => (startAtLoginOn = on), (err: unknown) => report(err, 'could not change start at login')).finally(refresh);
    },
    quit: () => void quit.run(),
  };
  function refresh(): void {
    const pending = desktop?.gateway.app.confirmations.list() ?? [];
    facts.pending = pending.length;
    const policy = desktop?.gateway.app.policy;
    facts.unredacted = policy ? unredactedScopes(policy.rules, Date.now(), policy.sessionId) : [];
    const state = trayState(facts);
    const loginItem = { supported: startAtLogin.supported, enabled: startAtLoginOn };
    tray.render(state.kind, trayTooltip(state, facts), buildMenuModel({ tray: state, pending, url: facts.url, startAtLogin: loginItem }, actions));
  }

  // 2. Gateway events, subscribed before it starts so no early item is missed.
  bus.on('pending.added', ({ pending }) => {
    notifier.added(pending);
    refresh();
  });
  for (const event of SETTLED) {
    bus.on(event, ({ pending }) => {
      notifier.settled(pending.id);
      refresh();
    });
  }
  bus.on('audit', ({ errorCode }) => {
    const storeError = storeErrorFrom(errorCode);
    if (storeError === facts.storeError) return;
    facts.storeError = storeError;
    refresh();
  });
  bus.on('store.error', ({ message }) => {
    facts.storeError = message;
    refresh();
  });
  // A rule that lets findings through unredacted turns the tray amber, as the dashboard's banner says.
  bus.on('rules.changed', () => refresh());

  // 3. Quitting, from the menu, the OS or a signal, always takes the graceful path.
  app.on('before-quit', (event) => {
    event.preventDefault();
    void quit.run();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void quit.run());

  // 4. The gateway, then the window on it and the one IPC channel (the admin token).
  try {
    const launch = parseLaunchOptions(process.argv.slice(1));
    desktop = await startDesktopGateway({ launch, safeStorage, bus });
    const { gateway, adminToken, keys } = desktop;
    facts.url = gateway.url;
    facts.keyWarning = keys.warning;
    gateway.app.server.once('close', () => {
      if (quit.started) return;
      facts.listenerDown = true;
      refresh();
    });
    const w = createDashboardWindow({ baseUrl: gateway.url, preload: join(import.meta.dirname, 'preload', 'index.js'), devTools: !app.isPackaged, onError: report });
    window = w;
    const origin = new URL(gateway.url).origin;
    handleSync(ipcMain, 'aegisgate:admin-token', dashboardSender(w.webContentsId, (url) => isDashboardUrl(url, origin)), () => adminToken.reveal());
    app.on('second-instance', () => w.show());
    app.on('activate', () => w.show());
    const atLogin = launch.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
    if (!atLogin) w.show();
  } catch (err) {
    facts.startError = describeStartError(err);
    report(err, 'the gateway did not start');
    showNote({ title: 'AegisGate could not start', body: facts.startError, target: 'status' });
  }
  refresh();
}

/** Drains, closes and flushes the audit (the gateway's `shutdown`), then exits. Runs once. */
function gracefulQuit(
  desktop: () => DesktopGateway | undefined,
  window: () => DashboardWindow | undefined,
  teardown: () => void,
  report: (err: unknown, what: string) => void,
): { run(): Promise<void>; readonly started: boolean } {
  let running: Promise<void> | undefined;
  return {
    get started() {
      return running !== undefined;
    },
    run: () =>
      (running ??= (async () => {
        window()?.allowClose();
        try {
          await desktop()?.gateway.shutdown();
        } catch (err) {
          report(err, 'shutdown failed');
        }
        teardown();
        app.exit(0);
      })()),
  };
}

const cancelable = (timer: NodeJS.Timeout) => () => clearTimeout(timer);

main().catch((err: unknown) => {
  console.error('aegisgate: the desktop app failed', err);
  app.exit(1);
});
