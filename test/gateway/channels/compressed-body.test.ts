// Compressed request bodies on every kind of route: decoded (gzip, deflate — zlib or raw — and br),
// scanned and redacted, and forwarded uncompressed with no Content-Encoding; bombs, corrupt data and
// unknown codings are refused in the route's provider shape before anything reaches a provider.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { RecordedRequest } from '../../fake-provider/index.js';
import { send, type HttpResult } from '../../helpers/http.js';
import { startProxyRig, type ProxyRig } from '../../helpers/proxy-rig.js';
import { REDACTION_CONFIG, V } from '../redaction/plants.js';

const EMAIL = V.email.value;
const CODINGS = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
} as const;

interface Route {
  path: string;
  provider: 'openai' | 'anthropic';
  body: object;
}

const ROUTES: Route[] = [
  { path: '/v1/chat/completions', provider: 'openai', body: { model: 'm', messages: [{ role: 'user', content: `mail ${EMAIL} please` }] } },
  { path: '/v1/responses', provider: 'openai', body: { model: 'm', input: `mail ${EMAIL} please` } },
  { path: '/v1/messages', provider: 'anthropic', body: { model: 'm', max_tokens: 8, messages: [{ role: 'user', content: `mail ${EMAIL} please` }] } },
  { path: '/v1/embeddings', provider: 'openai', body: { model: 'text-embedding-3-small', input: [`mail ${EMAIL} please`] } },
  { path: '/anthropic/v1/messages/batches', provider: 'anthropic', body: { requests: [{ custom_id: 'a', params: { messages: [{ role: 'user', content: `mail ${EMAIL}` }] } }] } },
];

function sendCoded(rig: ProxyRig, path: string, body: Buffer, coding: string, contentType = 'application/json'): Promise<HttpResult> {
  return send(rig.url, path, { method: 'POST', body, headers: { 'content-type': contentType, 'content-encoding': coding, authorization: 'Bearer sk-test', 'anthropic-version': '2023-06-01' } });
}

function assertForwardedPlain(got: RecordedRequest): void {
  assert.equal(got.headers['content-encoding'], undefined, 'forwarded uncompressed, header removed');
  assert.equal(got.headers['content-length'], String(got.body.length), 'length is that of the body sent');
  assert.ok(!got.body.includes(EMAIL), 'the planted value never reaches upstream');
  assert.match(got.body.toString(), /\[\[EMAIL_[^\]]+\]\]/);
}

describe('compressed request bodies', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: REDACTION_CONFIG });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());
  const fakeOf = (r: Route) => (r.provider === 'openai' ? rig.openai : rig.anthropic);

  for (const [name, encode] of Object.entries(CODINGS)) {
    for (const route of ROUTES) {
      it(`${name} on ${route.path}: decoded, redacted, forwarded plain`, async () => {
        const res = await sendCoded(rig, route.path, encode(Buffer.from(JSON.stringify(route.body))), name);
        assert.equal(res.status, 200, res.text);
        const fake = fakeOf(route);
        assert.equal(fake.requests.length, 1);
        const got = fake.requests[0]!;
        assertForwardedPlain(got);
        // The raw wire bytes are the decoded bytes: the fake saw no coding to undo.
        assert.ok(got.json !== undefined, 'upstream received JSON it could parse as is');
      });
    }
  }

  it('deflate sent as a raw stream (no zlib header) is read too', async () => {
    const res = await sendCoded(rig, '/v1/chat/completions', deflateRawSync(Buffer.from(JSON.stringify(ROUTES[0]!.body))), 'deflate');
    assert.equal(res.status, 200, res.text);
    assertForwardedPlain(rig.openai.requests[0]!);
  });

  it('a gzip text body on a passthrough route is scanned after decoding, not as compressed bytes', async () => {
    const res = await sendCoded(rig, '/v1/files', gzipSync(Buffer.from(`note: ${EMAIL}\n`)), 'gzip', 'text/plain');
    assert.notEqual(res.status, 500, res.text);
    assert.equal(rig.openai.requests.filter((r) => r.body.includes(EMAIL)).length, 0);
  });

  it('a clean gzip binary body on a passthrough route goes upstream decoded', async () => {
    const bytes = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]);
    const res = await sendCoded(rig, '/v1/audio/transcriptions', gzipSync(bytes), 'gzip', 'application/octet-stream');
    assert.equal(res.status, 200, res.text);
    const got = rig.openai.requests[0]!;
    assert.equal(got.headers['content-encoding'], undefined);
    assert.ok(got.body.equals(bytes));
  });

  it('stacked codings (gzip, then br) are undone in reverse order', async () => {
    const body = brotliCompressSync(gzipSync(Buffer.from(JSON.stringify(ROUTES[0]!.body))));
    const res = await sendCoded(rig, '/v1/chat/completions', body, 'gzip, br');
    assert.equal(res.status, 200, res.text);
    assertForwardedPlain(rig.openai.requests[0]!);
  });

  describe('refusals', () => {
    const code = (res: HttpResult) => (res.json as { error: { code: string } }).error.code;

    it('a decompression bomb gets 413 with its own code, in each provider shape, and nothing goes upstream', async () => {
      // 64 MiB of one repeated byte gzips to ~64 KB: past the ratio limit long before the size limit.
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      for (const [path, anthropic] of [['/v1/chat/completions', false], ['/v1/messages', true], ['/v1/embeddings', false], ['/v1/files', false]] as const) {
        const res = await sendCoded(rig, path, bomb, 'gzip', path === '/v1/files' ? 'application/octet-stream' : 'application/json');
        assert.equal(res.status, 413, `${path}: ${res.text}`);
        assert.equal(res.headers['x-aegis-error'], 'GW_ERR_BODY_DECOMPRESSION_LIMIT');
        assert.equal(code(res), 'GW_ERR_BODY_DECOMPRESSION_LIMIT');
        assert.equal((res.json as { type?: string }).type, anthropic ? 'error' : undefined);
      }
      assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0);
    });

    it('a body over limits.decodedBodyBytes gets 413 even at a modest ratio', async () => {
      const small = await startProxyRig({ config: { limits: { decodedBodyBytes: 1024 * 1024 } } });
      try {
        // Random base64 compresses about 4:3, so the ratio is fine and only the size limit applies.
        const text = Buffer.from(Array.from({ length: 1_200_000 }, (_, i) => (i * 7919) % 251)).toString('base64');
        const res = await sendCoded(small, '/v1/embeddings', gzipSync(Buffer.from(JSON.stringify({ model: 'e', input: text }))), 'gzip');
        assert.equal(res.status, 413, res.text);
        assert.equal(code(res), 'GW_ERR_BODY_DECOMPRESSION_LIMIT');
        assert.equal(small.openai.requests.length, 0);
      } finally {
        await small.close();
      }
    });

    for (const coding of ['zstd', 'compress', 'gzip, zstd', 'gzip, gzip, gzip']) {
      it(`Content-Encoding: ${coding} gets 415 before the body is read`, async () => {
        const res = await sendCoded(rig, '/v1/chat/completions', Buffer.from('{}'), coding);
        assert.equal(res.status, 415, res.text);
        assert.equal(code(res), 'GW_ERR_BODY_ENCODING_UNSUPPORTED');
        const pass = await sendCoded(rig, '/v1/files', Buffer.from('x'), coding, 'application/octet-stream');
        assert.equal(pass.status, 415);
        assert.equal(rig.openai.requests.length, 0);
      });
    }

    it('bytes that are not valid data of their coding get 400', async () => {
      for (const coding of ['gzip', 'deflate', 'br']) {
        const res = await sendCoded(rig, '/v1/messages', Buffer.from(JSON.stringify(ROUTES[2]!.body)), coding);
        assert.equal(res.status, 400, `${coding}: ${res.text}`);
        assert.equal(code(res), 'GW_ERR_BODY_ENCODING_INVALID');
      }
      assert.equal(rig.anthropic.requests.length, 0);
    });

    it('identity is no coding at all', async () => {
      const res = await sendCoded(rig, '/v1/chat/completions', Buffer.from(JSON.stringify(ROUTES[0]!.body)), 'identity');
      assert.equal(res.status, 200, res.text);
      assertForwardedPlain(rig.openai.requests[0]!);
    });
  });
});
