// A large whole JSON response is decoded and written in pieces (gateway/response/large-body.ts): the
// pieces must give exactly what decoding or encoding the whole does, for any bytes and any string,
// and a real client must get every byte, whether it reads slowly or leaves midway.
import assert from 'node:assert/strict';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeInPieces, decodeUtf8, LARGE_BODY, writeInPieces, writeWhole } from '../../../gateway/response/large-body.js';
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

describe('decoding a large body in pieces', () => {
  it('gives what toString does for any bytes and any piece size', async () => {
    await fc.assert(
      fc.asyncProperty(utf8ish, fc.integer({ min: 1, max: 40 }), async (buf, piece) => {
        assert.equal(await decodeInPieces(buf, new Slicer(), piece), buf.toString('utf8'));
      }),
      { numRuns: 400 },
    );
  });

  it('decodes small bodies at once and large ones in pieces', async () => {
    const small = Buffer.from('{"a":"é"}');
    assert.equal(decodeUtf8(small), small.toString('utf8'));
    const large = Buffer.from(`{"text":"${'日志 ✓ \ud83d\ude00 '.repeat(LARGE_BODY / 8)}"}`);
    const decoding = decodeUtf8(large);
    assert.ok(decoding instanceof Promise, 'a body past LARGE_BODY is decoded in pieces');
    assert.equal(await decoding, large.toString('utf8'));
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

  it('sends exactly the bytes of the whole string for any string and piece size', async () => {
    await fc.assert(
      fc.asyncProperty(utf16ish, fc.integer({ min: 1, max: 20 }), async (text, piece) => {
        handle = (res) => {
          const expected = Buffer.from(text);
          res.writeHead(200, { 'content-length': expected.length });
          return writeInPieces(res, text, new Slicer(), piece);
        };
        const got = await fetchBody();
        assert.deepEqual(got.body, Buffer.from(text));
      }),
      { numRuns: 150 },
    );
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
