// body/plugin.ts on its own Fastify app: the parsers read (and decode) a proxy route's body, then its
// preHandler checks the HMAC signature over the decoded bytes. Invalid JSON is refused first (400),
// a body that differs from what was signed gets 401 and never reaches the handler.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RequestBody } from '../../../gateway/body/parse.js';
import { bodyPlugin } from '../../../gateway/body/plugin.js';
import { resolveConfig } from '../../../gateway/config/load.js';
import { registerErrorHandling } from '../../../gateway/error-handler.js';
import { openTestStore, tempDir } from '../store/helpers.js';
import { readSecret, signatureHeaders } from './sign.js';

const BODY = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const CT = 'application/json';
const TARGET = '/v1/chat/completions';

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

describe('body plugin: parsers, then the signature (signing required)', () => {
  let app: FastifyInstance;
  let secret: Buffer;
  const seen: RequestBody[] = [];
  // The store helpers register their cleanup with a test context; here it runs after the suite.
  const cleanups: (() => Promise<void>)[] = [];
  const t = { after: (fn: () => Promise<void>) => void cleanups.unshift(fn) };
  after(async () => {
    for (const fn of cleanups) await fn();
  });

  before(async () => {
    const dataDir = await tempDir(t);
    const store = await openTestStore(t, dataDir);
    const config = resolveConfig({ auth: { signing: 'required' } }, {}, {});
    app = Fastify();
    registerErrorHandling(app);
    await app.register(bodyPlugin, {
      bodyLimit: 1 << 20,
      json: { depth: 64, stringBytes: 1 << 20 },
      decode: { decodedBytes: 1 << 20, ratio: 100 },
      dataDir,
      auth: () => config.auth,
      nonces: store.nonces,
    });
    const record = async (req: { body: unknown }) => {
      seen.push(req.body as RequestBody);
      return { ok: true };
    };
    app.post(TARGET, { config: { proxy: { provider: 'openai', shape: 'openai-chat', prefix: '' } } }, record);
    app.post('/not-proxied', record);
    await app.ready();
    t.after(() => app.close());
    secret = readSecret(dataDir);
  });

  const post = (payload: string | Buffer, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: TARGET, payload, headers: { 'content-type': CT, ...headers } });

  it('accepts a body signed as sent, and hands the handler the parsed body', async () => {
    seen.length = 0;
    const res = await post(BODY, signatureHeaders(secret, 'POST', TARGET, CT, BODY));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(seen[0]?.kind, 'json');
    assert.deepEqual(seen[0]?.kind === 'json' && seen[0].json, JSON.parse(BODY));
  });

  it('refuses a tampered body with 401 GW_ERR_AUTH_SIGNATURE before the handler runs', async () => {
    seen.length = 0;
    const res = await post(BODY.replace('hi', 'ho'), signatureHeaders(secret, 'POST', TARGET, CT, BODY));
    assert.equal(res.statusCode, 401, res.body);
    assert.equal(codeOf(res), 'GW_ERR_AUTH_SIGNATURE');
    assert.equal(seen.length, 0, 'the handler never saw it');
  });

  it('checks the signature over the decoded body of a compressed request', async () => {
    const headers = { 'content-encoding': 'gzip' };
    const overDecoded = await post(gzipSync(BODY), { ...headers, ...signatureHeaders(secret, 'POST', TARGET, CT, BODY) });
    assert.equal(overDecoded.statusCode, 200, overDecoded.body);
    const zipped = gzipSync(BODY);
    const overCompressed = await post(zipped, { ...headers, ...signatureHeaders(secret, 'POST', TARGET, CT, zipped) });
    assert.equal(codeOf(overCompressed), 'GW_ERR_AUTH_SIGNATURE');
  });

  it('refuses invalid JSON with 400 before looking at the (missing) signature', async () => {
    const res = await post('{"model":', {});
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(codeOf(res), 'GW_ERR_BODY_INVALID_JSON');
  });

  it('checks proxy routes only', async () => {
    const res = await app.inject({ method: 'POST', url: '/not-proxied', payload: BODY, headers: { 'content-type': CT } });
    assert.equal(res.statusCode, 200, res.body);
  });
});
