import type { SettingsRepo } from '../store/types.js';

/** The settings key the admin overlay is stored under. */
export const OVERLAY_KEY = 'config.overlay';

/** One step: an overlay stored at version n, as version n + 1 would hold it. */
export type OverlayStep = (overlay: Record<string, unknown>) => Record<string, unknown>;

/**
 * Step i turns a version i + 1 overlay into a version i + 2 one. Append a step whenever a field the
 * admin API may set is renamed, moved or changes meaning; never edit a shipped one. Empty today: every
 * change since the overlay was first stored (version 1) only added fields, which an older overlay
 * simply leaves unset.
 */
const OVERLAY_STEPS: readonly OverlayStep[] = [];

/** The version this build writes: one past the last step. */
export const OVERLAY_VERSION = 1 + OVERLAY_STEPS.length;

/** A stored overlay as this build reads it. */
export interface OverlayRead {
  overlay: Record<string, unknown>;
  /** The version it was stored at (1 when none was recorded). */
  from: number;
  /** Written by a newer build, whose fields this one may misread: not applied (`overlay` is empty), and never overwritten. */
  newer: boolean;
}

/**
 * Brings a stored overlay to this build's version, step by step. A missing version (or one below 1,
 * which no build writes) counts as 1, the first stored shape.
 */
export function migrateOverlay(stored: { version?: number | null; value: unknown } | undefined, steps: readonly OverlayStep[] = OVERLAY_STEPS): OverlayRead {
  const current = 1 + steps.length;
  const from = typeof stored?.version === 'number' && stored.version >= 1 ? stored.version : 1;
  if (from > current) return { overlay: {}, from, newer: true };
  const overlay = (stored?.value ?? {}) as Record<string, unknown>;
  return { overlay: steps.slice(from - 1).reduce((o, step) => step(o), overlay), from, newer: false };
}

/** Reads the persisted overlay and migrates it (see migrateOverlay). */
export async function readOverlay(settings: SettingsRepo, steps: readonly OverlayStep[] = OVERLAY_STEPS): Promise<OverlayRead> {
  return migrateOverlay(await settings.get(OVERLAY_KEY), steps);
}

/** Why the admin API may not change the configuration while a newer build's overlay is stored. */
export function newerOverlayMessage(version: number): string {
  return `the stored admin settings were written by a newer AegisGate (settings version ${version}, this build knows ${OVERLAY_VERSION}); `
    + 'they are not applied and stay untouched for that version, so changes through the admin API are refused. Run the newer version, or edit the config file';
}
