// scrubHeaders finds the secrets present in a response's headers through a substring set, so a
// request with a hundred thousand redacted values does not test each against each header. It must
// mask and drop exactly what testing every secret against every header would.
import assert from 'node:assert/strict';
import type { OutgoingHttpHeaders } from 'node:http';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scrubHeaders } from '../../../gateway/response/scrub.js';

const MASK = '[redacted by AegisGate]';
const replaceAll = (s: string, secrets: readonly string[]) => secrets.reduce((out, v) => (out.includes(v) ? out.replaceAll(v, MASK) : out), s);

/** The definition: every secret (long enough) against every header, in order. */
function reference(headers: OutgoingHttpHeaders, all: readonly string[], minLength: number): OutgoingHttpHeaders {
  const secrets = [...new Set(all.filter((s) => s.length >= minLength))];
  if (secrets.length === 0) return headers;
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || secrets.some((s) => name.includes(s.toLowerCase()))) continue;
    if (typeof value === 'number') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((v) => replaceAll(v, secrets));
    else out[name] = replaceAll(value, secrets);
  }
  return out;
}

// Small alphabets so that secrets and headers overlap often; the Kelvin sign lowercases to `k`.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'K', 'k', '\u212A', '-', '1', '@', 'é'), maxLength: 12 });
const headerName = fc.string({ unit: fc.constantFrom('a', 'b', 'k', '-', '1'), minLength: 1, maxLength: 10 });
const headers = fc.dictionary(headerName, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.nat()), { maxKeys: 5 });

describe('scrubbing secrets from response headers', () => {
  it('masks and drops exactly what testing every secret against every header does', () => {
    fc.assert(
      fc.property(headers, fc.array(text, { maxLength: 30 }), fc.constantFrom(0, 2, 4), (h, secrets, min) => {
        // Some secrets are cut from the headers themselves, so hits are common.
        const texts = Object.entries(h).flatMap(([n, v]) => [n, ...(typeof v === 'number' ? [] : [v].flat())]);
        const cut = texts.map((t, i) => t.slice(i % 3, (i % 3) + 2 + (i % 4)));
        const all = [...secrets, ...cut, ...cut.map((c) => c.toUpperCase())];
        assert.deepEqual({ ...scrubHeaders(h, all, min) }, { ...reference(h, all, min) });
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the one value among 100,000 that a header echoes', () => {
    const secrets = Array.from({ length: 100_000 }, (_, i) => `u${i}@x${i % 97}.io`);
    const out = scrubHeaders({ 'x-echo': `to=${secrets[76_543]}`, [`x-${secrets[99_999]}`]: 'dropped', date: 'Mon' }, secrets, 4);
    assert.deepEqual(out, { 'x-echo': `to=${MASK}`, date: 'Mon' });
  });
});
