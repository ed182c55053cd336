// Large JSON bodies are parsed on a scan worker (gateway/body/json-tasks.ts): the value and every
// refusal must be exactly what the parser gives when it parses on the event loop.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseJsonBody, parseJsonBodyOffloaded, stringifyJsonBody, type JsonBody } from '../../../gateway/body/parse.js';
import { resolveConfig } from '../../../gateway/config/load.js';
import { isGatewayError } from '../../../gateway/errors.js';
import { createScanEngine } from '../../../gateway/request/scan-engine.js';

const limits = { depth: 16, stringBytes: 64 };
const largeLimits = { depth: 16, stringBytes: 1024 * 1024 };
// Threshold 0: every body goes to the (real) worker pool.
const engine = createScanEngine(resolveConfig({ scan: { workers: 1, workerThresholdChars: 0 } }));

type Outcome = { json: unknown } | { code: string; message: string };
const outcome = async (parse: () => JsonBody | Promise<JsonBody>): Promise<Outcome> => {
  try {
    return { json: (await parse()).json };
  } catch (err) {
    assert.ok(isGatewayError(err), String(err));
    return { code: err.code, message: err.message };
  }
};

/** JSON texts near every refusal: deep nesting, long strings, poisoning keys, truncation. */
const bodies = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
  fc.nat({ max: 24 }).map((d) => `${'['.repeat(d)}1${']'.repeat(d)}`),
  fc.string({ maxLength: 80 }).map((s) => JSON.stringify({ text: s })),
  fc.constantFrom('{"__proto__":{"a":1}}', '{"\\u0063onstructor":{"prototype":{}}}', '{"constructor":"fine"}', '{"a":', '', 'nul'),
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, cut]) => {
    const t = JSON.stringify(v);
    return t.slice(0, cut % (t.length + 1));
  }),
);

describe('large JSON bodies parsed and re-serialised on a scan worker', () => {
  after(() => engine.close());

  it('give the same value, or the same refusal with the same message, as parsing on the loop', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (text) => {
        const raw = Buffer.from(text);
        const here = await outcome(() => parseJsonBody(raw, limits));
        const there = await outcome(() => parseJsonBodyOffloaded(raw, limits, engine));
        assert.deepEqual(there, here);
      }),
      { numRuns: 150 },
    );
  });

  it('move bytes that own their memory to the worker and back, and copy those that share it', async () => {
    const text = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'é ✓ '.repeat(20_000) }] });
    const own = Buffer.alloc(Buffer.byteLength(text), text);
    const body = await parseJsonBodyOffloaded(own, largeLimits, engine);
    assert.equal(own.length, 0, 'the memory was moved, not copied');
    assert.equal(body.raw.toString(), text, 'the bytes came back whole');
    assert.deepEqual(body.json, JSON.parse(text));
    // A view of a larger allocation (a pool, a slice) keeps its memory where it is.
    const shared = Buffer.from(`  ${text}  `).subarray(2, -2);
    const again = await parseJsonBodyOffloaded(shared, largeLimits, engine);
    assert.equal(again.raw, shared);
    assert.equal(shared.toString(), text);
    assert.deepEqual(again.json, JSON.parse(text));
  });

  it('keep the exact bytes received, to forward unchanged', async () => {
    const raw = Buffer.from('{"model":"m","messages":[{"role":"user","content":"caf\\u00e9 \u2713"}]}');
    const body = await parseJsonBodyOffloaded(raw, limits, engine);
    assert.equal(body.raw, raw);
    assert.deepEqual(body.json, JSON.parse(raw.toString()));
  });

  it('serialise a changed body to the bytes JSON.stringify gives here', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (value) => {
        const there = await stringifyJsonBody(value, 1, engine);
        assert.equal(there.toString(), JSON.stringify(value));
      }),
      { numRuns: 100 },
    );
    // A large one comes back moved rather than copied: the same bytes all the same.
    const large = { messages: [{ role: 'user', content: 'é ✓ "q"\n'.repeat(30_000) }] };
    const bytes = await stringifyJsonBody(large, 1, engine);
    assert.ok(bytes.equals(Buffer.from(JSON.stringify(large))));
  });
});
