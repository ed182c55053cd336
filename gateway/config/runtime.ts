import type { SettingsRepo } from '../store/types.js';
import { flagName, leafPaths, overriddenIn, valueAt } from './flag-overrides.js';
import { resolveConfig, type DeepPartial, mergeDeep } from './load.js';
import type { GatewayConfig } from './schema.js';

/** Where configuration comes from, lowest precedence first (the admin overlay sits between them). */
export interface ConfigLayers {
  /** The config file's contents. */
  file?: unknown;
  /** Command-line flags: always win, for this run. */
  flags?: unknown;
}

const OVERLAY_KEY = 'config.overlay';
const OVERLAY_VERSION = 1;

/** Fields read once at boot; changing them through the admin API takes effect after a restart. */
const RESTART_FIELDS = ['host', 'port', 'log', 'upstream', 'server', 'audit.queueCapacity', 'store', 'redis'];

function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
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
  readonly #settings: SettingsRepo | undefined;
  readonly #listeners = new Set<(config: GatewayConfig) => void>();
  readonly #validators: ((config: GatewayConfig) => void)[] = [];

  constructor(layers: ConfigLayers, overlay: unknown = {}, settings?: SettingsRepo) {
    this.#layers = layers;
    this.#settings = settings;
    this.#overlay = (overlay ?? {}) as DeepPartial<GatewayConfig>;
    this.#current = resolveConfig(layers.file ?? {}, this.#overlay, layers.flags ?? {});
  }

  /** Reads the persisted admin overlay from the store, if any. */
  static async load(layers: ConfigLayers, settings: SettingsRepo): Promise<RuntimeConfig> {
    const stored = await settings.get(OVERLAY_KEY);
    return new RuntimeConfig(layers, stored?.value ?? {}, settings);
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
    const overlay = mergeDeep(this.#overlay, patch) as DeepPartial<GatewayConfig>;
    const next = resolveConfig(this.#layers.file ?? {}, overlay, this.#layers.flags ?? {});
    for (const validate of this.#validators) validate(next);
    await this.#settings?.put(OVERLAY_KEY, overlay, OVERLAY_VERSION);
    const changed = changedPaths(this.#current, next);
    this.#overlay = overlay;
    this.#current = next;
    for (const listener of this.#listeners) listener(next);
    return { config: next, restartRequired: changed.filter((p) => RESTART_FIELDS.some((f) => p === f || p.startsWith(`${f}.`))) };
  }

  /** Re-reads the overlay another instance of a scaled-out gateway changed, and applies it here. */
  async reload(): Promise<void> {
    if (!this.#settings) return;
    const overlay = ((await this.#settings.get(OVERLAY_KEY))?.value ?? {}) as DeepPartial<GatewayConfig>;
    this.#overlay = overlay;
    this.#current = resolveConfig(this.#layers.file ?? {}, overlay, this.#layers.flags ?? {});
    for (const listener of this.#listeners) listener(this.#current);
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
