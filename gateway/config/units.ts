/**
 * Sizes and durations written with units (`32MB`, `512KiB`, `30s`, `250ms`, `2m`) for the fields
 * named `…Bytes`, `…Ms` and `…Sec`. Pure and dependency-free: the config loader, the admin API and
 * the dashboard's Limits form share it. Decimal prefixes are powers of 1000 and binary ones of 1024,
 * as IEC 80000-13 (and Kubernetes) write them: `32MB` is 32 000 000 bytes, `32MiB` 33 554 432.
 */
export type UnitKind = 'bytes' | 'ms' | 's';

const SIZE: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
};
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export const SIZE_UNITS = 'B, KB, MB, GB, KiB, MiB, GiB';
export const DURATION_UNITS = 'ms, s, m (or min), h, d';

/** Which unit a config field is counted in, from its name; undefined for plain counts. */
export function unitOfField(name: string): UnitKind | undefined {
  if (name.endsWith('Bytes')) return 'bytes';
  if (name.endsWith('Ms')) return 'ms';
  if (name.endsWith('Sec')) return 's';
  return undefined;
}

const AMOUNT = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/;

/**
 * The whole number of bytes, milliseconds or seconds `text` states, or an error message saying what
 * is accepted. A bare number is taken in the field's own unit.
 */
export function parseUnitValue(text: string, kind: UnitKind): { value: number } | { error: string } {
  const m = AMOUNT.exec(text);
  const accepted = kind === 'bytes' ? SIZE_UNITS : DURATION_UNITS;
  const own = kind === 'bytes' ? 'bytes' : kind === 'ms' ? 'milliseconds' : 'seconds';
  if (m === null) return { error: `"${text}" is not a ${kind === 'bytes' ? 'size' : 'duration'}: write a number of ${own} or one with a unit (${accepted})` };
  const amount = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  let value: number;
  if (unit === '') value = amount;
  else if (kind === 'bytes' && unit in SIZE) value = amount * SIZE[unit]!;
  else if (kind !== 'bytes' && unit in DURATION_MS) value = (amount * DURATION_MS[unit]!) / (kind === 's' ? 1000 : 1);
  else return { error: `unknown unit "${m[2]}" in "${text}": use ${accepted}` };
  // Decimal amounts are fine when they land on a whole unit (1.5MiB); float noise is rounded away.
  const rounded = Math.round(value);
  if (Math.abs(value - rounded) > 1e-6 * Math.max(1, value)) return { error: `"${text}" is not a whole number of ${own}` };
  if (!Number.isSafeInteger(rounded)) return { error: `"${text}" is too large` };
  return { value: rounded };
}

/** A size or duration for people: `32 MiB`, `1.5 s`, `2 min`, `5 min` from seconds. */
export function formatUnitValue(value: number, kind: UnitKind): string {
  if (kind === 'bytes') {
    for (const [unit, n] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) if (value >= n) return `${+(value / n).toFixed(2)} ${unit}`;
    return `${value} B`;
  }
  const ms = kind === 's' ? value * 1000 : value;
  for (const [unit, n] of [['h', 3_600_000], ['min', 60_000], ['s', 1000]] as const) if (ms >= n) return `${+(ms / n).toFixed(2)} ${unit}`;
  return `${ms} ms`;
}

export class UnitValueError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A copy of a config object (file layer or admin patch) with every unit string in a `…Bytes`, `…Ms`
 * or `…Sec` field turned into its integer; other values are left for the schema to judge. Throws
 * UnitValueError naming the field's dotted path.
 */
export function normalizeUnits(value: unknown, path = ''): unknown {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    const kind = unitOfField(key);
    if (kind !== undefined && typeof v === 'string') {
      const parsed = parseUnitValue(v, kind);
      if ('error' in parsed) throw new UnitValueError(here, parsed.error);
      out[key] = parsed.value;
    } else out[key] = normalizeUnits(v, here);
  }
  return out;
}
