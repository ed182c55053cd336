import type { MenuItemConstructorOptions } from 'electron';
import type { DashboardPage } from './dashboard-url.js';
import { routeText, triggerText, type PendingSummary } from './display-text.js';
import { statusLine, type TrayState } from './tray-state.js';

/**
 * The tray menu as plain data, built from state, so what it offers and what each entry does is
 * tested without Electron; `toMenuTemplate` maps it to `Menu.buildFromTemplate`'s input.
 */
export type MenuEntry =
  | { readonly type: 'item'; readonly label: string; readonly enabled: boolean; readonly click?: () => void }
  | { readonly type: 'checkbox'; readonly label: string; readonly checked: boolean; readonly click: () => void }
  | { readonly type: 'submenu'; readonly label: string; readonly entries: readonly MenuEntry[] }
  | { readonly type: 'separator' };

/** The tray offers only the safe quick decisions; approving the original text needs the dashboard. */
export type QuickDecision = 'approve_redacted' | 'deny';

export interface MenuState {
  readonly tray: TrayState;
  /** Oldest first, as the confirmations manager lists them. */
  readonly pending: readonly PendingSummary[];
  readonly url?: string;
  /** Unsupported where neither the OS API nor an autostart file applies. */
  readonly startAtLogin: { readonly supported: boolean; readonly enabled: boolean };
}

export interface MenuActions {
  openDashboard(page?: DashboardPage): void;
  decide(pending: PendingSummary, decision: QuickDecision): void;
  copyBaseUrl(url: string): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** More than this many items would make the tray menu a list to scroll; the rest is one "more" entry. */
export const MAX_MENU_PENDING = 5;

export function buildMenuModel(state: MenuState, actions: MenuActions): MenuEntry[] {
  const { url, pending } = state;
  const entries: MenuEntry[] = [
    { type: 'item', label: statusLine(state.tray, url), enabled: false },
    { type: 'separator' },
    { type: 'item', label: 'Open dashboard', enabled: url !== undefined, click: () => actions.openDashboard() },
  ];
  if (pending.length > 0) {
    entries.push({ type: 'separator' });
    for (const p of pending.slice(0, MAX_MENU_PENDING)) entries.push(pendingEntry(p, actions));
    const more = pending.length - MAX_MENU_PENDING;
    if (more > 0) entries.push({ type: 'item', label: `${more} more…`, enabled: true, click: () => actions.openDashboard('confirmations') });
  }
  entries.push(
    { type: 'separator' },
    { type: 'item', label: 'Copy base URL', enabled: url !== undefined, click: () => url !== undefined && actions.copyBaseUrl(url) },
  );
  if (state.startAtLogin.supported) {
    const enabled = state.startAtLogin.enabled;
    entries.push({ type: 'checkbox', label: 'Start at login', checked: enabled, click: () => actions.setStartAtLogin(!enabled) });
  }
  entries.push({ type: 'separator' }, { type: 'item', label: 'Quit AegisGate', enabled: true, click: () => actions.quit() });
  return entries;
}

function pendingEntry(p: PendingSummary, actions: MenuActions): MenuEntry {
  return {
    type: 'submenu',
    label: `${triggerText(p)}: ${routeText(p)}`,
    entries: [
      { type: 'item', label: 'Approve (redacted)', enabled: true, click: () => actions.decide(p, 'approve_redacted') },
      { type: 'item', label: 'Deny', enabled: true, click: () => actions.decide(p, 'deny') },
      { type: 'separator' },
      { type: 'item', label: 'Review in dashboard…', enabled: true, click: () => actions.openDashboard('confirmations') },
    ],
  };
}

/** `&` marks a mnemonic in menu labels on Windows and Linux; labels carry client-supplied names. */
const escapeLabel = (label: string) => label.replaceAll('&', '&&');

export function toMenuTemplate(entries: readonly MenuEntry[]): MenuItemConstructorOptions[] {
  return entries.map((e): MenuItemConstructorOptions => {
    switch (e.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: escapeLabel(e.label), submenu: toMenuTemplate(e.entries) };
      case 'checkbox':
        return { type: 'checkbox', label: escapeLabel(e.label), checked: e.checked, click: e.click };
      case 'item':
        return { label: escapeLabel(e.label), enabled: e.enabled, ...(e.click && { click: e.click }) };
    }
  });
}
