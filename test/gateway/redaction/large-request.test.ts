// A request of more than 1 MB of text with values spread through it, above
// scan.workerThresholdChars: scanned on the worker pool, redacted entirely, and restored exactly,
// as JSON and as a stream.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Piscina } from 'piscina';
import { ALL_PARTS, ALL_PLANTS, render, type Parts } from './plants.js';
import { checkForwarded, startRedactionRig, type RedactionRig } from './rig.js';
import { assertNoLeak, Slots } from './upstream-checks.js';

const WORDS = ['handler', 'session', 'buffer', 'render', 'queue', 'worker', 'client', 'route', 'schema', 'batch', 'cursor', 'retry'];

/** ~48 KB of log-like filler that no detector reports (short numbers only), then the values again. */
function block(n: number): Parts {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 48_000; i++) {
    const line = `[${n}.${i}] INFO ${WORDS[(n + i) % WORDS.length]} GET /api/orders/${(i * 37) % 997} 200 in ${(i * 13) % 89}ms — ${WORDS[i % WORDS.length]} ok ✓ 日志`;
    lines.push(line);
    size += line.length + 1;
  }
  return [lines.join('\n') + '\n', ...ALL_PARTS, '\n'];
}

const BIG: Parts = Array.from({ length: 22 }, (_, n) => block(n)).flat();

let rig: RedactionRig;
let poolRuns = 0;
const realRun = Piscina.prototype.run;
before(async () => {
  // Observe (not replace) the worker pool, to know the scan really ran there (the scan is the
  // unnamed task; the body's parse and re-serialisation are named ones).
  Piscina.prototype.run = function (this: Piscina, ...args: Parameters<Piscina['run']>) {
    if (args[1]?.name === undefined) poolRuns++;
    return realRun.apply(this, args);
  } as Piscina['run'];
  rig = await startRedactionRig({ scan: { workers: 1, workerThresholdChars: 128 * 1024 } });
});
after(async () => {
  Piscina.prototype.run = realRun;
  await rig.close();
});
beforeEach(() => {
  rig.fake.reset();
  poolRuns = 0;
});

describe('a request above the worker threshold (> 1 MB of text)', () => {
  it('is big enough', () => {
    assert.ok(render(BIG).length > 1024 * 1024);
  });

  it('JSON: scanned on the worker pool, fully redacted, restored exactly', async () => {
    const slots = new Slots();
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: slots.text(BIG) }] };
    const res = await rig.openai.chat.completions.create(body);
    assert.equal(poolRuns, 1, 'the scan ran on the worker pool');
    checkForwarded(rig, body, slots);
    assert.ok(res.choices[0]!.message.content === `echo: ${render(BIG)}`, 'the restored echo differs from the original');
  });

  it('Anthropic stream in 8 KB deltas: restored exactly', async () => {
    const text = render(BIG);
    const stream = rig.anthropic.messages.stream(
      { model: 'claude-test-model', max_tokens: 1024, messages: [{ role: 'user', content: text }] },
      { headers: { 'x-fake-chunk': '8192' } },
    );
    let deltas = 0;
    let seen = '';
    stream.on('text', (delta) => {
      deltas++;
      seen += delta;
    });
    const final = await stream.finalMessage();
    assert.equal(poolRuns, 1);
    assertNoLeak(rig.fake.requests[0]!.body, ALL_PLANTS);
    assert.ok(deltas > 50, 'still streamed in many deltas');
    assert.ok(seen === `echo: ${text}`, 'the streamed text differs from the original');
    const block = final.content[0];
    assert.ok(block?.type === 'text' && block.text === `echo: ${text}`);
  });
});
