import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { Value } from '@sinclair/typebox/value';
import { ConfigSchema, DEFAULT_PROVIDER_URLS, type GatewayConfig } from './schema.js';
import { normalizeUnits, UnitValueError } from './units.js';
import { DEFAULT_PROVIDERS, isDefaultProvider, PROVIDER_KINDS } from '../shared/shape.js';

/** A configuration problem the user must fix; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The offending field's path (`limits.bodyBytes`), `(root)`, or `(file)` when the file itself could not be read or parsed. */
  readonly field: string;

  constructor(message: string, field = '(file)') {
    super(message);
    this.field = field;
  }
}

// The YAML parser (about 1 MB of heap) only when a config file is read: a default start reads none.
// require() keeps readConfigFile synchronous.
let yamlModule: typeof Yaml | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Reads a YAML or JSON file (YAML is a superset of JSON, so one parser serves both). */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseConfigText(text, path);
}

/** The file's text as a config layer (YAML is a superset of JSON); a syntax error names the file. */
export function parseConfigText(text: string, path: string): unknown {
  try {
    return yaml().parse(text) ?? {};
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
}

/**
 * Validates raw input (file contents merged with flags) against the schema, fills defaults and
 * freezes the result. The error names the first offending field by its path, e.g. `limits.bodyBytes`.
 * Sizes and durations may be written with units (`32MB`, `30s`): see units.ts.
 */
export function resolveConfig(...layers: unknown[]): GatewayConfig {
  // The two default providers exist in every configuration; a file only adds to or changes them.
  const base = { providers: Object.fromEntries(DEFAULT_PROVIDERS.map((name) => [name, { baseUrl: DEFAULT_PROVIDER_URLS[name] }])) };
  const merged = layers.reduce<unknown>((acc, layer) => mergeDeep(acc, withUnits(layer)), base);
  const withDefaults = Value.Default(ConfigSchema, structuredClone(merged));
  const first = Value.Errors(ConfigSchema, withDefaults).First();
  if (first) {
    const field = first.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    throw new ConfigError(`invalid config field '${field}': ${first.message}${describeValue(first.value)}`, field);
  }
  const config = withDefaults as GatewayConfig;
  checkProviders(config);
  return deepFreeze(config);
}

/**
 * What the schema cannot say: a provider other than the two defaults names its kind (the defaults'
 * is inferred and filled in here), and the model map names only configured providers.
 */
function checkProviders(config: GatewayConfig): void {
  for (const [name, provider] of Object.entries(config.providers)) {
    if (provider.kind !== undefined) continue;
    if (!isDefaultProvider(name)) {
      throw new ConfigError(`invalid config field 'providers.${name}.kind': required (${PROVIDER_KINDS.join(', ')}) for a provider other than ${DEFAULT_PROVIDERS.join(' and ')}`);
    }
    provider.kind = name;
  }
  config.routing.models.forEach((route, i) => {
    if (!Object.hasOwn(config.providers, route.provider)) {
      throw new ConfigError(`invalid config field 'routing.models.${i}.provider': no provider named ${JSON.stringify(route.provider)} is configured`);
    }
  });
}

/** `32MB`, `30s` and the like in `…Bytes`/`…Ms`/`…Sec` fields, as the integers the schema counts in. */
export function withUnits(layer: unknown): unknown {
  try {
    return normalizeUnits(layer);
  } catch (err) {
    if (err instanceof UnitValueError) throw new ConfigError(`invalid config field '${err.path}': ${err.message}`, err.path);
    throw err;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined || typeof value === 'object') return '';
  return ` (got ${JSON.stringify(value)})`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergeDeep(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeDeep(base[k], v);
  return out;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
