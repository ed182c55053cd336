import type { OutgoingHttpHeaders } from 'node:http';
import type { SseEvent, SseTransform } from '../stream/sse-event.js';
import { chainTransforms } from '../stream/chain.js';
import { anyPieceHas } from './large-body.js';
import type { ResponseRewrite } from '../stream/response-rewrite.js';

const MASK = '[redacted by AegisGate]';
/** Shorter redacted values would mask request ids and dates by accident far more often than they leak. */
const MIN_HEADER_VALUE = 4;

export interface ScrubSecrets {
  /** The managed provider key the gateway sent upstream in place of the client's. */
  managedKey?: string;
  /** Every value this exchange put behind a placeholder. */
  redacted: readonly string[];
}

const replaceAll = (s: string, secrets: readonly string[]) => secrets.reduce((out, v) => (out.includes(v) ? out.replaceAll(v, MASK) : out), s);

/** Every substring of `text` with one of `lengths`, into `into`. */
function addSubstrings(text: string, lengths: readonly number[], into: Set<string>): void {
  for (const d of lengths) for (let i = 0; i + d <= text.length; i++) into.add(text.slice(i, i + d));
}

/** A string's first two characters, folded to a 16-bit index (collisions only cost a lookup). */
const pairAt = (t: string, i: number) => ((t.charCodeAt(i) & 0xff) << 8) | (t.charCodeAt(i + 1) & 0xff);
const lowerAscii = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
const IN_VALUE = 1;
const IN_NAME = 2;

/**
 * Of `secrets`, in their order, those that occur in a header's value or (lowercased) in its name.
 * A request that redacted a hundred thousand values must not test each against each header (that
 * held the event loop for tens of milliseconds): the headers' substrings of the lengths the secrets
 * have go into a set, a table of the character pairs the headers hold lets most secrets go after
 * two reads, and the rest cost one lookup. When the headers are so long that the substrings would
 * outnumber the searches, the secrets are searched for directly.
 */
function secretsInHeaders(headers: OutgoingHttpHeaders, secrets: readonly string[], minLength: number): string[] {
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    names.push(name.toLowerCase());
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) values.push(...value);
  }
  const lengthSet = new Set<number>();
  for (const s of secrets) if (s.length >= minLength) lengthSet.add(s.length);
  const lengths = [...lengthSet];
  let substrings = 0;
  for (const t of [...names, ...values]) for (const d of lengths) substrings += Math.max(0, t.length - d + 1);
  if (substrings > secrets.length * (names.length + values.length)) {
    return secrets.filter((s) => s.length >= minLength && (names.some((n) => n.includes(s.toLowerCase())) || values.some((v) => v.includes(s))));
  }
  const pairs = new Uint8Array(0x10000);
  const inNames = new Set<string>();
  const inValues = new Set<string>();
  for (const n of names) {
    addSubstrings(n, lengths, inNames);
    for (let i = 0; i + 1 < n.length; i++) pairs[pairAt(n, i)]! |= IN_NAME;
  }
  for (const v of values) {
    addSubstrings(v, lengths, inValues);
    for (let i = 0; i + 1 < v.length; i++) pairs[pairAt(v, i)]! |= IN_VALUE;
  }
  return secrets.filter((s) => {
    if (s.length < minLength) return false;
    if (s.length < 2) return inValues.has(s) || inNames.has(s.toLowerCase());
    if (pairs[pairAt(s, 0)]! & IN_VALUE && inValues.has(s)) return true;
    const c0 = s.charCodeAt(0);
    const c1 = s.charCodeAt(1);
    // Outside ASCII, lowercasing can land on ASCII (the Kelvin sign is a k): no shortcut there.
    if (c0 > 0x7f || c1 > 0x7f) return inNames.has(s.toLowerCase());
    return (pairs[(lowerAscii(c0) << 8) | lowerAscii(c1)]! & IN_NAME) !== 0 && inNames.has(s.toLowerCase());
  });
}

/**
 * Response headers never carry a secret: the managed key, or a value the exchange redacted (an
 * upstream or a proxy in between that echoes request data into a header). They are masked in the
 * header's value; a header whose name holds one is dropped. Placeholders in headers are not restored.
 * Secrets shorter than `minLength` are left alone.
 */
export function scrubHeaders(headers: OutgoingHttpHeaders, secrets: readonly string[], minLength = 0): OutgoingHttpHeaders {
  if (secrets.length === 0) return headers;
  const present = [...new Set(secretsInHeaders(headers, secrets, minLength))];
  if (present.length === 0) return headers;
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || present.some((s) => name.includes(s.toLowerCase()))) continue;
    if (typeof value === 'number') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((v) => replaceAll(v, present));
    else out[name] = replaceAll(value, present);
  }
  return out;
}

/**
 * A managed provider key must never reach the tool, even when an upstream (a misbehaving proxy, a
 * debugging echo endpoint) copies request headers into its response: the value is masked in JSON
 * bodies, SSE events and headers. Redacted values are masked in headers only: bodies hand them
 * back on purpose (restoration). Raw byte streams are relayed as they are.
 */
export function scrubbing(rewrite: ResponseRewrite, secrets: ScrubSecrets): ResponseRewrite {
  // Nothing to mask (no managed key, nothing redacted): the rewrite as it is, with no wrapper per request.
  if (!secrets.managedKey && secrets.redacted.length === 0) return rewrite;
  // The managed key first, then the redacted values long enough to be worth it (see secretsInHeaders).
  const key = secrets.managedKey ? [secrets.managedKey] : [];
  const withHeaders: ResponseRewrite = {
    ...rewrite,
    responseHeaders: (h) => scrubHeaders(scrubHeaders(rewrite.responseHeaders ? rewrite.responseHeaders(h) : h, key), secrets.redacted, MIN_HEADER_VALUE),
  };
  const secret = secrets.managedKey;
  if (!secret) return withHeaders;
  const scrubText = (s: string) => (s.includes(secret) ? s.replaceAll(secret, MASK) : s);
  const scrubEvents: SseTransform = {
    push: (e: SseEvent) => [e.data.includes(secret) ? { ...e, data: scrubText(e.data) } : e],
    end: () => [],
  };
  return {
    ...withHeaders,
    json: async (body, status) => {
      const out = await rewrite.json(body, status);
      if (typeof out === 'string') return scrubText(out);
      // Bytes and pieces are decoded or joined only when the key is in them (a large body rarely holds it).
      if (Buffer.isBuffer(out)) return out.includes(secret) ? scrubText(out.toString('utf8')) : out;
      return (await anyPieceHas(out, (s) => s.includes(secret), secret.length)) ? scrubText(out.join('')) : out;
    },
    sse: () => chainTransforms(rewrite.sse(), scrubEvents),
  };
}
