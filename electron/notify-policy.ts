import type { DashboardPage } from './dashboard-url.js';
import { routeText, triggerText, displayText, type PendingSummary } from './display-text.js';

/**
 * When to raise a native notification for held items: one per new item, but at most one per
 * window, so a burst becomes "N new items" instead of a stack of toasts. Notes carry names only
 * (trigger category, app, provider, model), never the preview: even masked, it is prompt text.
 */
export interface Note {
  readonly title: string;
  readonly body: string;
  /** What a click opens. */
  readonly target: DashboardPage;
}

/** Runs `fn` after `ms`; returns the cancel. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface PendingNotifierDeps {
  show(note: Note): void;
  schedule: Schedule;
  /** Quiet time after a notification during which new items are collected. Default 2 s. */
  windowMs?: number;
}

export interface PendingNotifier {
  /** A `pending.added` item. Repeats of an id already seen are ignored. */
  added(pending: PendingSummary): void;
  /** The item was decided, expired, abandoned or cancelled: no need to announce it any more. */
  settled(id: string): void;
  dispose(): void;
}

export const NOTIFY_WINDOW_MS = 2000;

export function createPendingNotifier(deps: PendingNotifierDeps): PendingNotifier {
  const windowMs = deps.windowMs ?? NOTIFY_WINDOW_MS;
  /** Ids announced or queued and not yet settled; bounded by the gateway's maxPending. */
  const seen = new Set<string>();
  const queued = new Map<string, PendingSummary>();
  let cancelQuiet: (() => void) | undefined;

  const startQuiet = () => {
    cancelQuiet = deps.schedule(onQuietEnd, windowMs);
  };
  function onQuietEnd(): void {
    cancelQuiet = undefined;
    if (queued.size === 0) return;
    const items = [...queued.values()];
    queued.clear();
    deps.show(items.length === 1 ? singleNote(items[0]) : burstNote(items));
    startQuiet();
  }

  return {
    added(pending) {
      if (seen.has(pending.id)) return;
      seen.add(pending.id);
      if (cancelQuiet) {
        queued.set(pending.id, pending);
        return;
      }
      deps.show(singleNote(pending));
      startQuiet();
    },
    settled(id) {
      seen.delete(id);
      queued.delete(id);
    },
    dispose() {
      cancelQuiet?.();
      cancelQuiet = undefined;
      queued.clear();
      seen.clear();
    },
  };
}

export function singleNote(p: PendingSummary): Note {
  return { title: `Approval needed: ${triggerText(p)}`, body: `${routeText(p)}. Click to review.`, target: 'confirmations' };
}

export function burstNote(items: readonly PendingSummary[]): Note {
  const apps = [...new Set(items.map((p) => displayText(p.clientApp, 24) || 'unknown app'))];
  const named = apps.length > 3 ? `${apps.slice(0, 3).join(', ')} and others` : apps.join(', ');
  return { title: `${items.length} new items need approval`, body: `From ${named}. Click to review.`, target: 'confirmations' };
}
