// A whole JSON body is read under a cap (gateway/response/sinks/json.ts); a large one of announced
// length is gathered into one buffer as it arrives. Whatever the upstream announced (the truth, less,
// more, nothing) and however its chunks are cut, the rewrite must see exactly the bytes that came, and
// the client must get them with their length.
import assert from 'node:assert/strict';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { LARGE_BODY } from '../../../gateway/response/large-body.js';
import { jsonSink } from '../../../gateway/response/sinks/json.js';

let server: Server;
let url: string;
let handle: (res: ServerResponse) => Promise<void> = async () => undefined;
before(async () => {
  server = createServer((_req, res) => void handle(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function fetchBody(): Promise<{ length: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ length: Number(res.headers['content-length']), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

/** `body` fed to a JSON sink in chunks cut at `cuts`, with `announced` as the upstream's length. */
async function relay(body: Buffer, cuts: number[], announced: number | undefined, limit = 64 * 1024 * 1024) {
  let seen: Buffer | undefined;
  let aborted: Error | undefined;
  handle = async (res) => {
    const flow = { pause() {}, resume() {}, abort: (err: Error) => void (aborted = err) };
    const result = { bytesOut: 0 };
    const sink = jsonSink(res, 200, { 'content-type': 'application/json' }, 'openai', limit, (b) => (seen = Buffer.from(b)), flow, result, announced);
    const at = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
    let from = 0;
    for (const end of [...at, body.length]) {
      // A copy per chunk, as a socket's reads are: the sink must not keep a view of memory reused later.
      if (end > from) sink.data(Buffer.from(body.subarray(from, end)));
      from = end;
    }
    if (aborted) await sink.error(aborted as never);
    else await sink.end();
  };
  const got = await fetchBody();
  return { seen, got, aborted };
}

const bodyOf = (size: number, seed: number) => {
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = 32 + ((i * 31 + seed) % 90);
  return b;
};

describe('the JSON sink', () => {
  it('hands the rewrite exactly the bytes that came, whatever length was announced and however they were cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4096 }),
        fc.integer({ min: 0, max: 255 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.constantFrom('exact', 'less', 'more', 'none'),
        fc.integer({ min: 1, max: 5000 }),
        async (extra, seed, cuts, kind, off) => {
          const body = bodyOf(LARGE_BODY + extra, seed);
          const announced = kind === 'exact' ? body.length : kind === 'less' ? body.length - off : kind === 'more' ? body.length + off : undefined;
          const { seen, got } = await relay(body, cuts, announced);
          assert.ok(seen?.equals(body), 'the rewrite saw other bytes');
          assert.equal(got.length, body.length);
          assert.ok(got.body.equals(body), 'the client got other bytes');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('still refuses a body past the cap, announced or not', async () => {
    const body = bodyOf(LARGE_BODY + 100, 7);
    for (const announced of [body.length, LARGE_BODY, undefined]) {
      const { seen, aborted } = await relay(body, [1000, 70_000, 200_000], announced, LARGE_BODY + 50);
      assert.equal(seen, undefined);
      assert.equal((aborted as { code?: string } | undefined)?.code, 'GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE');
    }
  });
});
