// A large whole JSON response is decoded and written in pieces (gateway/response/large-body.ts): the
// pieces must give exactly what decoding or encoding the whole does, for any bytes and any string
// (however it is cut), searching the pieces must find what searching the whole finds, and a real
// client must get every byte, whether it reads slowly or leaves midway.
import assert from 'node:assert/strict';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { anyPieceHas, anyPieceMatches, byteLength, decodePieces, SEAM_MATCH, writePieces, writeWhole } from '../../../gateway/response/large-body.js';
import { Slicer } from '../../../gateway/slicer.js';

/** Bytes that stress a decoder: valid sequences of every length, stray continuations, truncated and overlong leads. */
const utf8ish = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
      fc.constantFrom([0x80], [0xbf], [0xc0, 0x80], [0xc2], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xf4, 0x90, 0x80, 0x80], [0xf8], [0xff], [0xef, 0xbb, 0xbf]),
      fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => [...Buffer.from(s)]),
    ),
    { maxLength: 200 },
  )
  .map((parts) => Buffer.from(parts.flat()));

/** Strings with surrogate pairs, lone surrogates and multi-byte characters anywhere. */
const utf16ish = fc.string({ unit: fc.oneof(fc.constantFrom('\ud83d\ude00', '\ud83d', '\ude00', 'é', '日', '\u2028', 'a', '"'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 300 });

/** `text` cut into pieces at the given points (any points: a cut may split a surrogate pair). */
const cutAt = (text: string, cuts: number[]): string[] => {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
};
const piecesOf = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.array(fc.nat(), { maxLength: 12 })).map(([t, cuts]) => cutAt(t, cuts));

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

describe('decoding a large body in pieces', () => {
  it('gives what toString does for any bytes and any piece size, and never splits a surrogate pair', async () => {
    await fc.assert(
      fc.asyncProperty(utf8ish, fc.integer({ min: 1, max: 40 }), async (buf, piece) => {
        const pieces = await decodePieces(buf, new Slicer(), piece);
        assert.equal(pieces.join(''), buf.toString('utf8'));
        for (const p of pieces.slice(0, -1)) assert.ok(p.length === 0 || !isHigh(p.charCodeAt(p.length - 1)), 'a piece ends inside a pair');
      }),
      { numRuns: 400 },
    );
  });

  it('cuts a large body into pieces no larger than the piece size', async () => {
    const large = Buffer.from(`{"text":"${'日志 ✓ \ud83d\ude00 '.repeat(40_000)}"}`);
    const pieces = await decodePieces(large);
    assert.equal(pieces.join(''), large.toString('utf8'));
    assert.ok(pieces.length > 8, `${pieces.length} pieces`);
    for (const p of pieces) assert.ok(Buffer.byteLength(p) <= 32 * 1024, 'a piece is at most 32 KiB of the body');
  });
});

describe('searching text in pieces', () => {
  // Short needles and patterns the response side looks for, dense in the text and cut anywhere.
  const alphabet = fc.constantFrom('[', '[[', '\\', 'u005b', '"arguments"', '"tool_calls"', '```', '~', 'a', ' ', '"', '\u2066', '\u202a', 'é');
  const text = fc.array(alphabet, { maxLength: 40 }).map((p) => p.join(''));
  const patterns = [/\[\[|\\u005[bB]/, /"arguments"/, /"(?:tool_calls|tool_use)"|```|[\u202A-\u202E\u2066-\u2069]/, /~\[\[/];

  it('finds a pattern in the pieces exactly when the joined text holds it', async () => {
    await fc.assert(
      fc.asyncProperty(piecesOf(text), fc.constantFrom(...patterns), async (pieces, re) => {
        assert.equal(await anyPieceMatches(pieces, re), re.test(pieces.join('')));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds a substring of any length across any number of pieces', async () => {
    await fc.assert(
      fc.asyncProperty(piecesOf(text), fc.string({ minLength: 1, maxLength: SEAM_MATCH * 2 }), fc.nat(), async (pieces, needle, at) => {
        // Plant the needle across cuts half the time.
        const joined = pieces.join('');
        const i = at % (joined.length + 1);
        const planted = at % 2 === 0 ? cutAt(joined.slice(0, i) + needle + joined.slice(i), [i + 1, i + (needle.length >> 1), i + needle.length - 1]) : pieces;
        assert.equal(await anyPieceHas(planted, (s) => s.includes(needle), needle.length), planted.join('').includes(needle));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the event loop its turn between pieces once the slice has run its time', async () => {
    class Spent extends Slicer {
      override due(): boolean {
        return true;
      }
    }
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const found = await anyPieceHas(['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)], (s) => s.includes('zz'), 2, new Spent());
    done = true;
    assert.equal(found, false);
    assert.ok(turns >= 2, `the loop turned ${turns} times during the search`);
  });
});

describe('writing a large body in pieces', () => {
  let server: Server;
  let url: string;
  /** What the next request's handler writes, and how. */
  let handle: (res: ServerResponse) => void | Promise<void> = () => undefined;
  let settled: Promise<void> | undefined;
  before(async () => {
    server = createServer((_req, res) => {
      settled = Promise.resolve(handle(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The response's length header and body bytes; `slow` pauses the reader to make the server wait for 'drain'. */
  function fetchBody(slow = false): Promise<{ length: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      request(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          if (slow) {
            res.pause();
            setTimeout(() => res.resume(), 2);
          }
        });
        res.on('end', () => resolve({ length: Number(res.headers['content-length']), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject).end();
    });
  }

  it('sends exactly the bytes of the joined text, with that length, for any pieces and run size', async () => {
    await fc.assert(
      fc.asyncProperty(piecesOf(utf16ish), fc.integer({ min: 1, max: 20 }), async (pieces, piece) => {
        const expected = Buffer.from(pieces.join(''));
        assert.equal(byteLength(pieces), expected.length, 'byteLength counts what is written');
        handle = (res) => {
          res.writeHead(200, { 'content-length': expected.length });
          return writePieces(res, pieces, new Slicer(), piece);
        };
        const got = await fetchBody();
        assert.deepEqual(got.body, expected);
      }),
      { numRuns: 150 },
    );
  });

  it('writes text in pieces whole, with its byte length, through writeWhole', async () => {
    const pieces = cutAt(`{"text":"${'日志 \ud83d\ude00 ascii '.repeat(30_000)}"}`, [7, 8, 70_001, 70_002, 200_000]);
    handle = (res) => writeWhole(res, 200, {}, pieces);
    const got = await fetchBody();
    const expected = Buffer.from(pieces.join(''));
    assert.equal(got.length, expected.length);
    assert.ok(got.body.equals(expected));
    await settled;
  });

  it('writes a large body with its byte length to a client that reads slowly', async () => {
    const text = `{"text":"${'日志 ✓ \ud83d\ude00 ascii '.repeat(200_000)}"}`;
    handle = (res) => writeWhole(res, 200, { 'content-type': 'application/json' }, text);
    const got = await fetchBody(true);
    const expected = Buffer.from(text);
    assert.equal(got.length, expected.length);
    assert.ok(got.body.equals(expected), 'every byte arrived, in order');
    await settled;
  });

  it('stops writing when the client leaves midway, without waiting forever', async () => {
    const text = 'x'.repeat(16 * 1024 * 1024);
    handle = (res) => writeWhole(res, 200, {}, text);
    await new Promise<void>((resolve, reject) => {
      const req = request(url, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.end();
      setTimeout(() => reject(new Error('no data')), 5000);
    });
    const outcome = await Promise.race([settled!.then(() => 'settled'), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
    assert.equal(outcome, 'settled');
  });
});
