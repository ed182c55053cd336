import { randomBytes } from 'node:crypto';
import type { Bus } from '../shared/bus.js';
import type { Store } from '../store/types.js';
import type { ConfirmDecision, ConfirmEvents, ConfirmSettings, DecideOptions, PendingView } from './types.js';

// What the confirmations manager (confirmations.ts) is built from: its injected parts and its constants.

/** Pino's logger fits; the manager only ever logs ids, names and sizes. */
export interface ConfirmLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs `fn` after `ms`; returns the cancel. Injected so tests can drive deadlines by hand. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface ConfirmationsDeps {
  store: Pick<Store, 'pending'>;
  bus: Bus<ConfirmEvents>;
  settings: () => ConfirmSettings;
  now?: () => number;
  newId?: () => string;
  schedule?: Schedule;
  log?: ConfirmLog;
}

/**
 * Scale-out: items other instances hold, as the shared store and the event fan-out know them. An
 * item held elsewhere is listed here and decided through the shared store; its holder then settles it.
 */
export interface ConfirmPeers {
  list(): PendingView[];
  get(id: string): PendingView | undefined;
  decide(id: string, decision: ConfirmDecision, opts: DecideOptions): Promise<PendingView | undefined>;
}

/** The store's preview column limit; callers should already cap at maskedPreview's ~1 KB. */
export const PREVIEW_STORE_MAX = 4096;
/** How long one freeze holds without renewal; the dashboard renews it every few seconds while looking. */
export const FREEZE_LEASE_MS = 15_000;
/** setTimeout's ceiling; longer deadlines are re-armed when the timer fires early. */
export const MAX_DELAY = 2 ** 31 - 1;

export const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  // A held request keeps its own socket open; the timer alone should not keep the process alive.
  t.unref();
  return () => clearTimeout(t);
};

export const silent: ConfirmLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
export const newPendingId = (): string => `pnd_${randomBytes(12).toString('base64url')}`;
