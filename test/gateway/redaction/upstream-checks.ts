// What the fake provider received, checked against what the client sent: no planted value in any
// form, each planted value replaced by a placeholder of its kind (the same one wherever it recurs),
// and every other byte of meaning — ids, names, roles, model, base64 media — untouched.
import assert from 'node:assert/strict';
import { plantsOf, render, type Parts, type Plant } from './plants.js';

/** `[[KIND_XXXXXXXX]]`, as docs/placeholders.md specifies it. */
export const PLACEHOLDER_SOURCE = String.raw`\[\[([A-Z][A-Z0-9_]{0,31})_[0-9A-HJKMNP-TV-Z]{8}\]\]`;
const PLACEHOLDER_AT = new RegExp(PLACEHOLDER_SOURCE, 'y');
export const PLACEHOLDER_ANY = new RegExp(PLACEHOLDER_SOURCE, 'g');

const jsonBody = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * The forms a value can take in a body's bytes: as is, JSON-escaped (the PEM's newlines become
 * `\n`), escaped twice (JSON arguments inside a JSON string), and each long line of a multi-line
 * value on its own, so a partly redacted block is caught too.
 */
export function leakNeedles(value: string): string[] {
  const forms = new Set([value, jsonBody(value), jsonBody(jsonBody(value))]);
  for (const line of value.split('\n')) if (line.length >= 16) forms.add(line);
  return [...forms];
}

/** Every string in a JSON value, keys included, and the strings inside JSON-encoded strings. */
export function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    yield value;
    const t = value.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      let inner: unknown;
      try {
        inner = JSON.parse(value);
      } catch {
        return;
      }
      yield* stringsIn(inner);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) yield* stringsIn(v);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* stringsIn(v);
    }
  }
}

/** No planted value in the bytes (any form) nor in any decoded string, JSON-in-strings included. */
export function assertNoLeak(body: Buffer | string, plants: readonly Plant[], where = 'upstream body'): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  for (const plant of plants) {
    for (const needle of leakNeedles(plant.value)) assert.ok(!text.includes(needle), `${plant.name} leaked into the ${where}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return;
  }
  for (const s of stringsIn(json)) {
    for (const plant of plants) assert.ok(!s.includes(plant.value), `${plant.name} leaked into a decoded string of the ${where}`);
  }
}

/** value → placeholder, across everything one test saw, so stability and uniqueness are checked. */
export class Minted {
  readonly byValue = new Map<string, string>();
  readonly #byPlaceholder = new Map<string, string>();

  note(plant: Plant, placeholder: string, where: string): void {
    const known = this.byValue.get(plant.value);
    assert.equal(known ?? placeholder, placeholder, `${plant.name} got two placeholders (${where})`);
    const owner = this.#byPlaceholder.get(placeholder);
    assert.ok(owner === undefined || owner === plant.value, `${placeholder} stands for two values (${where})`);
    this.byValue.set(plant.value, placeholder);
    this.#byPlaceholder.set(placeholder, plant.value);
  }

  of(plant: Plant): string {
    const p = this.byValue.get(plant.value);
    assert.ok(p, `no placeholder seen for ${plant.name}`);
    return p;
  }
}

/** `got` is exactly `parts` with each planted value replaced by a placeholder of its kind. */
export function assertRedactedText(got: string, parts: Parts, minted: Minted, where: string): void {
  let pos = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      assert.equal(got.slice(pos, pos + part.length), part, `${where}: text around the values changed at ${pos}`);
      pos += part.length;
      continue;
    }
    PLACEHOLDER_AT.lastIndex = pos;
    const m = PLACEHOLDER_AT.exec(got);
    assert.ok(m, `${where}: no placeholder for ${part.name} at ${pos}: ${JSON.stringify(got.slice(pos, pos + 40))}`);
    assert.equal(m[1], part.kind, `${where}: ${part.name} got kind ${m[1]}`);
    minted.note(part, m[0], where);
    pos += m[0].length;
  }
  assert.equal(pos, got.length, `${where}: unexpected text after the last part`);
}

/** The request's text slots: rendered text → its parts. */
export class Slots {
  readonly #byText = new Map<string, Parts>();

  /** Registers `parts` as a slot and returns its text, to place in a request body. */
  text(parts: Parts): string {
    const t = render(parts);
    this.#byText.set(t, parts);
    return t;
  }

  get(text: string): Parts | undefined {
    return this.#byText.get(text);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The value of a string that is JSON text (tool-call arguments), else undefined. */
function jsonIn(s: string): unknown {
  if (!/^\s*[[{]/.test(s)) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Walks what the client sent and what upstream got side by side: slot texts must be their
 * redactions, JSON strings (tool-call arguments) are compared by value, and everything else must
 * be identical. Returns how many planted values it saw replaced.
 */
export function assertUpstreamBody(sent: unknown, got: unknown, slots: Slots, minted: Minted, path = '$'): number {
  if (typeof sent === 'string') {
    assert.equal(typeof got, 'string', `${path}: not a string upstream`);
    const parts = slots.get(sent);
    if (parts) {
      assertRedactedText(got as string, parts, minted, path);
      return plantsOf(parts).length;
    }
    const doc = jsonIn(sent);
    if (doc !== undefined) return assertUpstreamBody(doc, JSON.parse(got as string), slots, minted, `${path}<json>`);
    assert.equal(got, sent, `${path} changed on the way upstream`);
    return 0;
  }
  if (Array.isArray(sent)) {
    assert.ok(Array.isArray(got) && got.length === sent.length, `${path}: array changed`);
    return sent.reduce((n: number, v, i) => n + assertUpstreamBody(v, got[i], slots, minted, `${path}[${i}]`), 0);
  }
  if (isObject(sent)) {
    assert.ok(isObject(got), `${path}: not an object upstream`);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(sent).sort(), `${path}: keys changed`);
    return Object.keys(sent).reduce((n, k) => n + assertUpstreamBody(sent[k], got[k], slots, minted, `${path}.${k}`), 0);
  }
  assert.deepEqual(got, sent, `${path} changed on the way upstream`);
  return 0;
}
