import { restoreText, type Lookup } from './restore-text.js';

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Restore `obj[key]` in place when it is a string; whether it changed. */
export function restoreField(obj: JsonObject, key: string, lookup: Lookup, json = false): boolean {
  const v = obj[key];
  if (typeof v !== 'string') return false;
  const out = restoreText(v, lookup, json);
  if (out === v) return false;
  obj[key] = out;
  return true;
}

/** Apply `fn` to each object in `list` (when it is an array); whether any changed. */
export function restoreEach(list: unknown, fn: (o: JsonObject) => boolean): boolean {
  if (!Array.isArray(list)) return false;
  let changed = false;
  for (const o of list) if (isObject(o) && fn(o)) changed = true;
  return changed;
}

/**
 * Restore every string in a decoded JSON value (keys too: a model may key an object by a value).
 * Returns `value` itself when nothing changed, so callers can skip re-serialising.
 */
export function restoreValues(value: unknown, lookup: Lookup): unknown {
  if (typeof value === 'string') return restoreText(value, lookup);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const r = restoreValues(v, lookup);
      if (r !== v) (out ??= value.slice())[i] = r;
    });
    return out ?? value;
  }
  if (!isObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([k, v]): [string, unknown] => {
    const rk = restoreText(k, lookup);
    const rv = restoreValues(v, lookup);
    if (rk !== k || rv !== v) changed = true;
    return [rk, rv];
  });
  // fromEntries defines own properties, so a restored "__proto__" key stays a plain key.
  return changed ? Object.fromEntries(entries) : value;
}

/** `restoreValues` on `obj[key]`, in place; whether it changed. */
export function restoreValuesField(obj: JsonObject, key: string, lookup: Lookup): boolean {
  if (!(key in obj)) return false;
  const v = obj[key];
  const out = restoreValues(v, lookup);
  if (out === v) return false;
  obj[key] = out;
  return true;
}
