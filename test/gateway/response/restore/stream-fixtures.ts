import fc from 'fast-check';
import type { SseEvent, SyncSseTransform } from '../../../../gateway/stream/sse-event.js';
import { Vault, type VaultSession } from '../../../../gateway/vault/vault.js';
import { MemoryPersistence } from '../../vault/memory-persistence.js';

export const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

/** Values the tests plant: quotes, backslashes, newlines, a PEM block, non-BMP text, token look-alikes. */
export const VALUES: Record<string, string> = {
  EMAIL: 'alice@example.com',
  PHONE: '+1 (415) 555-0100',
  PASSWORD: 'pa"ss\\wo\nrd\t{}',
  PRIVATE_KEY: PEM,
  CUSTOM: '张伟 😀 naïve',
  AWS_KEY: 'AKIAIOSFODNN7EXAMPLE',
  // The longest kind makes the longest token, so the held window is exercised at its bound.
  A_VERY_LONG_PLACEHOLDER_KIND_XYZ: 'x',
  // A value that itself looks like a placeholder must come back verbatim, never restored again.
  GITHUB_TOKEN: '[[EMAIL_0000ZZZZ]] ghp_16C7e42F292c6912E7710c838347Ae178B4a',
};

export interface Planted {
  session: VaultSession;
  /** kind → placeholder minted for VALUES[kind] in scope 'client-a'. */
  placeholders: Record<string, string>;
  /** A placeholder minted for another scope: foreign here, never restored. */
  foreign: string;
}

export function plant(): Planted {
  const vault = new Vault({ hmacKey: Buffer.from('t'.repeat(32)), persistence: new MemoryPersistence(), maxEntries: 1000, ttlMs: 3_600_000 });
  const session = vault.session('client-a');
  const placeholders: Record<string, string> = {};
  for (const [kind, value] of Object.entries(VALUES)) placeholders[kind] = session.mint(kind, value);
  const foreign = vault.session('client-b').mint('EMAIL', 'mallory@example.com');
  return { session, placeholders, foreign };
}

/** How restoration returns a placeholder the exchange did not show: one `~` more, never its value. */
export const marked = (placeholder: string): string => `[[~${placeholder.slice(2)}`;

/** Model-side text: our placeholders, foreign and escaped tokens, near misses and arbitrary text. */
export function upstreamText(p: Planted): fc.Arbitrary<string> {
  const ours = Object.values(p.placeholders);
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...ours) },
        { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
        fc.constantFrom(p.foreign, '[[EMAIL_ABCDEFGH]]', '[[~EMAIL_ABCDEFGH]]', '[[~~AWS_KEY_00000000]]'),
        fc.constantFrom(...ours).map((t) => `[[${'~'.repeat(16)}${t.slice(2)}`),
        fc.constantFrom('[', '[[', ']', ']]', '~', '"', '\\', '\n', '[[EMAIL_', '[[E', '[[EMAIL_ABC]'),
        fc.constantFrom(...ours).map((t) => t.slice(0, -1)),
      ),
      { maxLength: 10 },
    )
    .map((parts) => parts.join(''));
}

/** Cut `text` into pieces at arbitrary points; sometimes one UTF-16 unit per piece. */
export function splitArb(text: string): fc.Arbitrary<string[]> {
  if (text.length === 0) return fc.constant(['']);
  return fc.oneof(
    fc.constant([...Array(text.length).keys()].map((i) => text[i]!)),
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: 12 }).map((cuts) => {
      const sorted = cuts.filter((c) => c < text.length).sort((a, b) => a - b);
      return [0, ...sorted].map((c, i) => text.slice(c, sorted[i] ?? text.length));
    }),
  );
}

/**
 * Follows what the client has seen of each field: after every event, the text so far must be a prefix
 * of the final restored text, so no partial placeholder (or anything else) is ever taken back.
 */
export class ClientView {
  readonly seen = new Map<string, string>();

  constructor(readonly expected: Map<string, string>) {}

  add(field: string, text: string): void {
    const now = (this.seen.get(field) ?? '') + text;
    this.seen.set(field, now);
    const want = this.expected.get(field);
    if (want === undefined) throw new Error(`unexpected field ${field}`);
    if (!want.startsWith(now)) throw new Error(`field ${field}: ${JSON.stringify(now)} is not a prefix of ${JSON.stringify(want)}`);
  }

  final(field: string): string {
    return this.seen.get(field) ?? '';
  }
}

/** Restore every string in a decoded JSON value, the way the client should finally see it. */
export function deepRestore(value: unknown, restore: (s: string) => string): unknown {
  if (typeof value === 'string') return restore(value);
  if (Array.isArray(value)) return value.map((v) => deepRestore(v, restore));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), deepRestore(v, restore)]));
  }
  return value;
}

/** Tool arguments as a model would write them, with placeholders and arbitrary text inside. */
export function argsArb(p: Planted): fc.Arbitrary<Record<string, unknown>> {
  const ph = p.placeholders;
  return fc.tuple(upstreamText(p), upstreamText(p)).map(([a, b]) => ({
    to: ph.EMAIL,
    note: `see ${ph.PASSWORD} and ${ph.PRIVATE_KEY}`,
    nested: { list: [ph.GITHUB_TOKEN, a, 42, null], flag: true },
    [b]: ph.CUSTOM,
  }));
}

/** Feed events one at a time; each push's output, then end()'s. */
export function runTransform(t: SyncSseTransform, events: SseEvent[]): SseEvent[][] {
  return [...events.map((e) => t.push(e)), t.end()];
}

/** NDJSON of the events' data, the format the SDKs' `fromReadableStream` accumulators read. */
export function ndjson(events: SseEvent[]): ReadableStream<Uint8Array> {
  const body = events
    .filter((e) => e.data !== '[DONE]')
    .map((e) => `${e.data}\n`)
    .join('');
  return new Blob([body]).stream();
}
