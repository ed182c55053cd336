import type { SettingsRepo } from '../store/types.js';
import { flagName, leafPaths, overriddenIn, valueAt } from './flag-overrides.js';
import { ConfigError, resolveConfig, type DeepPartial, mergeDeep } from './load.js';
import { newerOverlayMessage, OVERLAY_KEY, OVERLAY_VERSION, readOverlay } from './overlay-version.js';
import type { GatewayConfig } from './schema.js';

/** Where configuration comes from, lowest precedence first (the admin overlay sits between them). */
export interface ConfigLayers {
  /** The config file's contents. */
  file?: unknown;
  /** Where the file layer came from (`--config`): watched and re-applied on change (config/file-reload.ts). */
  filePath?: string;
  /** Command-line flags: always win, for this run. */
  flags?: unknown;
}

/** What the last re-read of the config file did; the dashboard's Status page shows it. */
export interface FileReload {
  path: string;
  at: number;
  status: 'applied' | 'invalid';
  /** Fields that changed in the file and now apply. */
  applied: string[];
  /** Fields that changed in the file but are read only at start: named, not applied. */
  restartRequired: string[];
  /** Fields that changed in the file but are set through the admin API (or a flag), which wins: named, not applied. */
  shadowed: string[];
  /** Why an invalid file was not applied: the field's path and the message. */
  error?: { field: string; message: string };
}

/**
 * Fields read once at boot (the listener, the body parser's limits, the worker pool, the vault's
 * cache, the store); changing them takes effect after a restart. A file reload keeps their running
 * values; the admin API saves them for the next start.
 */
export const RESTART_FIELDS = [
  'host', 'port', 'log', 'upstream', 'server', 'audit.queueCapacity', 'audit.retentionDays', 'store', 'redis', 'vault',
  'limits.bodyBytes', 'limits.jsonDepth', 'limits.stringBytes', 'limits.decodedBodyBytes', 'limits.decodedBodyRatio',
  'scan.workers', 'scan.workerThresholdChars',
];

const under = (path: string, fields: readonly string[]) => fields.some((f) => path === f || path.startsWith(`${f}.`) || f.startsWith(`${path}.`));

/** `{ a: { b: v } }` for the path `a.b`, the value taken from `from`. */
function pick(from: unknown, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = valueAt(from, path);
  }
  return out;
}

/** Dotted paths of the leaves that differ; an array is one leaf (`scan.denyTerms`), not one per index. */
function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b ? [] : [prefix];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}

/**
 * The live configuration: defaults, then the file, then what was changed through the admin API
 * (persisted as an overlay, so the file stays the user's), then flags. Every snapshot is validated
 * and frozen; consumers read `current` per request or subscribe to changes.
 */
export class RuntimeConfig {
  #current: GatewayConfig;
  #overlay: DeepPartial<GatewayConfig>;
  readonly #layers: ConfigLayers;
  #fileStatus: FileReload | undefined;
  /** The version of a stored overlay a newer build wrote: not applied, and admin updates are refused so it stays intact. */
  #newerOverlay: number | undefined;
  readonly #settings: SettingsRepo | undefined;
  readonly #listeners = new Set<(config: GatewayConfig) => void>();
  readonly #validators: ((config: GatewayConfig) => void)[] = [];

  constructor(layers: ConfigLayers, overlay: unknown = {}, settings?: SettingsRepo) {
    this.#layers = { ...layers };
    this.#settings = settings;
    this.#overlay = (overlay ?? {}) as DeepPartial<GatewayConfig>;
    this.#current = resolveConfig(layers.file ?? {}, this.#overlay, layers.flags ?? {});
  }

  /**
   * Reads the persisted admin overlay from the store, if any, migrated to this build's version. One a
   * newer build wrote is not applied (the gateway still starts, on the file and flags); see newerOverlay.
   */
  static async load(layers: ConfigLayers, settings: SettingsRepo): Promise<RuntimeConfig> {
    const read = await readOverlay(settings);
    const runtime = new RuntimeConfig(layers, read.overlay, settings);
    if (read.newer) runtime.#newerOverlay = read.from;
    return runtime;
  }

  /**
   * The settings version of a stored overlay written by a newer build, or undefined. Its fields may
   * mean something else here, so it is ignored rather than guessed at, and kept read-only: an update
   * would overwrite what the newer build will read again.
   */
  get newerOverlay(): number | undefined {
    return this.#newerOverlay;
  }

  get current(): GatewayConfig {
    return this.#current;
  }

  /** The admin overlay as persisted (what the user changed at runtime). */
  get overlay(): DeepPartial<GatewayConfig> {
    return this.#overlay;
  }

  /**
   * Fields a command-line flag sets for this run: the flag's name and the value saved underneath it
   * (file and admin overlay), which applies once the gateway runs without the flag.
   */
  get overrides(): Record<string, { flag: string; saved: unknown }> {
    const saved = resolveConfig(this.#layers.file ?? {}, this.#overlay);
    return Object.fromEntries(leafPaths(this.#layers.flags ?? {}).map((p) => [p, { flag: flagName(p), saved: valueAt(saved, p) }]));
  }

  /** The fields of `patch` a flag overrides with another value: such a change would not take effect. */
  overriddenIn(patch: DeepPartial<GatewayConfig>): { path: string; flag: string }[] {
    return overriddenIn(patch, this.#layers.flags ?? {});
  }

  /**
   * Validates `patch` merged over the current overlay, persists it, then applies it. Throws a
   * ConfigError naming the field; nothing changes when it does.
   */
  async update(patch: DeepPartial<GatewayConfig>): Promise<{ config: GatewayConfig; restartRequired: string[] }> {
    if (this.#newerOverlay !== undefined) throw new ConfigError(newerOverlayMessage(this.#newerOverlay), '(overlay)');
    const overlay = mergeDeep(this.#overlay, patch) as DeepPartial<GatewayConfig>;
    const next = resolveConfig(this.#layers.file ?? {}, overlay, this.#layers.flags ?? {});
    for (const validate of this.#validators) validate(next);
    const file = this.#layers.file;
    await this.#settings?.put(OVERLAY_KEY, overlay, OVERLAY_VERSION);
    // The config file may have been re-read while the overlay was being saved: build on the new file
    // layer, so neither change silently undoes the other (it was validated with the old overlay).
    const applied = file === this.#layers.file ? next : resolveConfig(this.#layers.file ?? {}, overlay, this.#layers.flags ?? {});
    const changed = changedPaths(this.#current, applied);
    this.#overlay = overlay;
    this.#current = applied;
    for (const listener of this.#listeners) listener(applied);
    return { config: applied, restartRequired: changed.filter((p) => RESTART_FIELDS.some((f) => p === f || p.startsWith(`${f}.`))) };
  }

  /**
   * Re-reads the overlay another instance of a scaled-out gateway changed, and applies it here. One a
   * newer instance wrote changes nothing running and makes the overlay read-only here, as at load.
   */
  async reload(): Promise<void> {
    if (!this.#settings) return;
    const read = await readOverlay(this.#settings);
    this.#newerOverlay = read.newer ? read.from : undefined;
    if (read.newer) return;
    const overlay = read.overlay as DeepPartial<GatewayConfig>;
    this.#overlay = overlay;
    this.#current = resolveConfig(this.#layers.file ?? {}, overlay, this.#layers.flags ?? {});
    for (const listener of this.#listeners) listener(this.#current);
  }

  /** The config file being watched, if any. */
  get filePath(): string | undefined {
    return this.#layers.filePath;
  }

  /** What the last re-read of the config file did (undefined until it changed once). */
  get fileStatus(): FileReload | undefined {
    return this.#fileStatus;
  }

  /**
   * Applies a new file layer (the watched `--config` file changed). It is validated like the boot
   * config, with the same extra checks; an invalid one changes nothing and is reported with the field.
   * Fields read only at start keep their running values and are named; fields the admin overlay or a
   * flag sets keep theirs too (the later, explicit change wins) and are named as shadowed.
   */
  applyFile(file: unknown, now = Date.now()): FileReload {
    const path = this.#layers.filePath ?? '';
    let status: FileReload;
    try {
      const before = resolveConfig(this.#layers.file ?? {});
      const after = resolveConfig(file ?? {});
      const changed = changedPaths(before, after);
      const restartRequired = changed.filter((p) => under(p, RESTART_FIELDS));
      const setElsewhere = [...leafPaths(this.#overlay), ...leafPaths(this.#layers.flags ?? {})];
      const shadowed = changed.filter((p) => !restartRequired.includes(p) && under(p, setElsewhere));
      // The file layer keeps the running values of restart-only fields, so every later resolve (an
      // admin update, a scaled-out reload) agrees with what runs, and the next re-read names them again.
      const effective = restartRequired.length === 0 ? file : mergeDeep(file ?? {}, pick(before, restartRequired));
      const next = resolveConfig(effective ?? {}, this.#overlay, this.#layers.flags ?? {});
      for (const validate of this.#validators) validate(next);
      this.#layers.file = effective;
      const applied = changedPaths(this.#current, next);
      status = { path, at: now, status: 'applied', applied, restartRequired, shadowed };
      if (applied.length > 0) {
        this.#current = next;
        for (const listener of this.#listeners) listener(next);
      }
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      status = { path, at: now, status: 'invalid', applied: [], restartRequired: [], shadowed: [], error: { field: err.field, message: err.message } };
    }
    this.#fileStatus = status;
    return status;
  }

  /** The file could not be read or parsed: the running configuration stays; the error is kept for the Status page. */
  fileFailed(err: ConfigError, now = Date.now()): FileReload {
    this.#fileStatus = { path: this.#layers.filePath ?? '', at: now, status: 'invalid', applied: [], restartRequired: [], shadowed: [], error: { field: err.field, message: err.message } };
    return this.#fileStatus;
  }

  /**
   * Adds a check beyond the schema (a deny-term regex that must compile, …). It runs on every
   * update before anything is persisted and throws a ConfigError naming the field.
   */
  addValidator(validate: (config: GatewayConfig) => void): void {
    validate(this.#current);
    this.#validators.push(validate);
  }

  /** Returns the unsubscribe. */
  onChange(listener: (config: GatewayConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
