// A large scan's long texts reach the worker through reused shared memory (shared-texts.ts): they
// must come back as the very same strings (lone surrogates, Latin-1, astral characters), or a
// finding's offsets would point into a different text than the caller's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resolveConfig } from '../../../gateway/config/load.js';
import { createScanEngine, ScanEngine, scanOptionsOf } from '../../../gateway/request/scan-engine.js';
import { packTexts, SHARED_TEXT_CHARS, TextArena, unpackTexts } from '../../../gateway/request/shared-texts.js';

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('a', '@', '.', '\u00e9', '\ud800', '\udc00', '😀', ' ', '\u0000'), maxLength: 200 }),
  fc.string({ maxLength: 200 }),
);

describe('shared texts', () => {
  it('unpacks every text exactly as it was packed, shared or inline, through a reused buffer', () => {
    const arena = new TextArena(2, 1 << 24);
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 8 }), fc.integer({ min: 0, max: 40 }), (texts, minChars) => {
        const packed = packTexts(texts, arena, minChars);
        if (packed === undefined) {
          assert.ok(texts.every((t) => t.length < minChars), 'nothing shared only when no text is long enough');
          return;
        }
        try {
          assert.deepEqual(packed.inline.map((t, i) => (t === null ? texts[i]!.length >= minChars : texts[i]!.length < minChars && t === texts[i])), texts.map(() => true));
          assert.deepEqual(unpackTexts(structuredClone(packed)), texts);
        } finally {
          arena.release(packed.buffer);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shares nothing for a scan of short texts, however many: they go in the message', () => {
    const texts = Array.from({ length: 50_000 }, (_, i) => `t${i}`);
    assert.equal(packTexts(texts, new TextArena(1, 1 << 20)), undefined);
    const mixed = packTexts(['short', 'x'.repeat(SHARED_TEXT_CHARS), 'also short'], new TextArena(1, 1 << 20))!;
    assert.deepEqual(mixed.inline, ['short', null, 'also short']);
  });

  it('keeps an all-ASCII text one byte per character, and reuses the smallest buffer that fits', () => {
    const arena = new TextArena(4, 1 << 24);
    const packed = packTexts(['a'.repeat(300_000)], arena)!;
    assert.equal(packed.layout[2], 300_000, 'one byte per ASCII character');
    const wide = packTexts(['é'.repeat(300_000)], arena)!;
    assert.equal(wide.layout[2], 600_000, 'two bytes per UTF-16 unit otherwise');
    arena.release(wide.buffer);
    arena.release(packed.buffer);
    assert.equal(packTexts(['b'.repeat(SHARED_TEXT_CHARS)], arena)!.buffer, packed.buffer, 'the smaller free buffer serves a small scan');
    assert.equal(packTexts(['c'.repeat(400_000)], arena)!.buffer, wide.buffer);
  });

  it('keeps no more buffers or bytes than its limits, and gives them all back on clear', () => {
    const arena = new TextArena(2, 600 * 1024);
    const buffers = [1, 2, 3].map(() => arena.acquire(256 * 1024));
    for (const b of buffers) arena.release(b);
    assert.equal(arena.keptBytes, 512 * 1024, 'two kept, the third left to the collector');
    arena.release(arena.acquire(1 << 20));
    assert.equal(arena.keptBytes, 512 * 1024, 'a buffer past the byte budget is not kept');
    arena.clear();
    assert.equal(arena.keptBytes, 0);
  });

  it('finds on a worker exactly what the event loop finds, offsets included, for hostile texts', async () => {
    const onLoop = createScanEngine(resolveConfig({ scan: { workers: 0 } }));
    const onWorker = createScanEngine(resolveConfig({ scan: { workers: 1, workerThresholdChars: 0 } }));
    const secret = fc.constantFrom('jane.doe@example.com', 'AKIAIOSFODNN7EXAMPLE', '4111 1111 1111 1111', '+1 415 555 0100');
    const noise = fc.string({ unit: fc.constantFrom('x', ' ', '\n', 'é', '\ud83d', '\ude00', '😀', '\u200b', '@'), maxLength: 40 });
    // Half the texts are long enough to travel through shared memory, half go in the message.
    const long = fc.tuple(noise, secret, noise, fc.boolean()).map(([a, b, c, pad]) => `${pad ? ' '.repeat(SHARED_TEXT_CHARS) : ''}${a}${b}${c}`);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(long, { minLength: 1, maxLength: 4 }), async (texts) => {
          assert.deepEqual(await onWorker.scanAll(texts), await onLoop.scanAll(texts));
        }),
        { numRuns: 60 },
      );
    } finally {
      await onWorker.close();
      await onLoop.close();
    }
  });

  it('keeps the buffers for the next large scan, and gives them back once scans stop', async () => {
    const engine = new ScanEngine({ scan: scanOptionsOf(resolveConfig({})), workerThresholdChars: 0, workers: 1, sharedIdleMs: 300 });
    try {
      const [found] = await engine.scanAll([`mail ${'x'.repeat(100_000)} jane.doe@example.com`]);
      assert.equal(found!.length, 1);
      assert.ok(engine.sharedBytes >= 100_000, `kept ${engine.sharedBytes} bytes`);
      await engine.scanAll(['again jane.doe@example.com']);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(engine.sharedBytes > 0, 'still kept within the idle time');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(engine.sharedBytes, 0, 'idle: given back');
    } finally {
      await engine.close();
    }
  });
});
