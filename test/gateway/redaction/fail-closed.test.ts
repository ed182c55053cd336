// Fail closed, end to end: when a detector throws or the vault cannot make a mapping durable, the
// request is refused with the documented code in the provider's error shape and the provider
// receives nothing, while the gateway keeps serving. And mappings are durable before the request
// leaves: by the time upstream has the placeholder, the store has its row.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { APIError } from 'openai';
import { compileScanner, type ScanOptions, type Scanner } from '../../../gateway/scan/index.js';
import { postJson, send } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { ALL_PARTS, ALL_PLANTS, render, V } from './plants.js';
import { startRedactionRig, type RedactionRig } from './rig.js';
import { assertNoLeak, PLACEHOLDER_ANY } from './upstream-checks.js';

const MARKER = 'KABOOM-DETECTOR-FAULT';
const chatWith = (content: string, extra: object = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }], ...extra });
const dbPath = (rig: RedactionRig) => join(rig.gateway.dataDir, 'aegisgate.db');

/** The real detectors, wrapped so that scanning any text containing MARKER throws. */
function throwingCompiler(opts: ScanOptions): Scanner {
  const real = compileScanner(opts);
  return {
    scan(text) {
      if (text.includes(MARKER)) throw new Error('detector exploded');
      return real.scan(text);
    },
  };
}

function assertErrorCode(res: { status: number; json: unknown }, status: number, code: string, shape: 'openai' | 'anthropic' = 'openai'): void {
  assert.equal(res.status, status);
  const body = res.json as { type?: string; error: { code: string } };
  assert.equal(body.error.code, code);
  if (shape === 'anthropic') assert.equal(body.type, 'error');
}

describe('a detector that throws blocks the request: GW_ERR_SCAN_FAILED, nothing forwarded', () => {
  let rig: RedactionRig;
  before(async () => {
    rig = await startRedactionRig({}, { compileScanner: throwingCompiler });
  });
  after(() => rig.close());
  beforeEach(() => rig.fake.reset());

  it('OpenAI chat, JSON and streamed, through the SDK and raw', async () => {
    await assert.rejects(
      rig.openai.chat.completions.create(chatWith(`${render(ALL_PARTS)} ${MARKER}`)),
      (err: unknown) => err instanceof APIError && err.status === 500 && err.code === 'GW_ERR_SCAN_FAILED',
    );
    const streamed = await postJson(rig.url, '/v1/chat/completions', chatWith(`${V.email.value} ${MARKER}`, { stream: true }));
    assertErrorCode(streamed, 500, 'GW_ERR_SCAN_FAILED');
    assert.match(String(streamed.headers['content-type']), /application\/json/);
    assert.equal(rig.fake.requests.length, 0);
  });

  it('Anthropic, the fault deep in an earlier tool_use.input', async () => {
    const body = {
      model: 'claude-test-model',
      max_tokens: 64,
      messages: [
        { role: 'user', content: render(ALL_PARTS) },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'note', input: { deep: { list: ['ok', `x ${MARKER}`] } } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'done' }, { type: 'text', text: 'go on' }] },
      ],
    };
    assertErrorCode(await postJson(rig.url, '/v1/messages', body), 500, 'GW_ERR_SCAN_FAILED', 'anthropic');
    assert.equal(rig.fake.requests.length, 0);
  });

  it('a non-JSON body', async () => {
    const res = await send(rig.url, '/v1/files', { method: 'POST', body: `notes ${MARKER}`, headers: { 'content-type': 'text/plain' } });
    assertErrorCode(res, 500, 'GW_ERR_SCAN_FAILED');
    assert.equal(rig.fake.requests.length, 0);
  });

  it('the same gateway still redacts and forwards requests it can scan', async () => {
    const res = await rig.openai.chat.completions.create(chatWith(render(ALL_PARTS)));
    assert.equal(res.choices[0]!.message.content, `echo: ${render(ALL_PARTS)}`);
    assert.equal(rig.fake.requests.length, 1);
    assertNoLeak(rig.fake.requests[0]!.body, ALL_PLANTS);
  });
});

describe('a failed vault write blocks the request: GW_ERR_VAULT_UNAVAILABLE, nothing forwarded', () => {
  let rig: RedactionRig;
  let db: Database.Database;
  before(async () => {
    rig = await startRedactionRig();
    db = new Database(dbPath(rig));
  });
  after(async () => {
    db.close();
    await rig.close();
  });
  beforeEach(() => rig.fake.reset());

  it('every insert into the vault fails (a trigger, from a second connection): 503 for JSON and streams, then recovery', async () => {
    db.exec(`CREATE TRIGGER vault_fault BEFORE INSERT ON vault BEGIN SELECT RAISE(ABORT, 'injected write failure'); END`);
    try {
      assertErrorCode(await postJson(rig.url, '/v1/chat/completions', chatWith(render(ALL_PARTS))), 503, 'GW_ERR_VAULT_UNAVAILABLE');
      assertErrorCode(await postJson(rig.url, '/v1/chat/completions', chatWith(V.email.value, { stream: true })), 503, 'GW_ERR_VAULT_UNAVAILABLE');
      const anth = await postJson(rig.url, '/v1/messages', { model: 'claude-test-model', max_tokens: 8, messages: [{ role: 'user', content: V.jwt.value }] });
      assertErrorCode(anth, 503, 'GW_ERR_VAULT_UNAVAILABLE', 'anthropic');
      assert.equal(rig.fake.requests.length, 0);
      // A request with nothing to redact needs no vault write and still goes through.
      const clean = await postJson(rig.url, '/v1/chat/completions', chatWith('nothing sensitive here'));
      assert.equal(clean.status, 200);
      assert.equal(rig.fake.requests.length, 1);
    } finally {
      db.exec('DROP TRIGGER vault_fault');
    }
    // The mapping that could not be stored is stored by the next request that needs it.
    rig.fake.reset();
    const res = await rig.openai.chat.completions.create(chatWith(render(ALL_PARTS)));
    assert.equal(res.choices[0]!.message.content, `echo: ${render(ALL_PARTS)}`);
    const sent = rig.fake.requests[0]!.body.toString('utf8');
    for (const placeholder of new Set(sent.match(PLACEHOLDER_ANY))) {
      assert.ok(db.prepare('SELECT 1 FROM vault WHERE placeholder = ?').get(placeholder), `${placeholder} is not in the store`);
    }
  });

  it('the mapping is in the store before upstream receives the request', async () => {
    const value = 'durable.before.forward@example-mail.org';
    const pending = postJson(rig.url, '/v1/chat/completions', chatWith(`ping ${value}`), { 'x-fake-delay-ms': '300' });
    await waitUntil(() => rig.fake.requests.length === 1, 'the upstream request');
    // Upstream has the request but has not answered yet: the row must already be there.
    const [placeholder] = rig.fake.requests[0]!.body.toString('utf8').match(PLACEHOLDER_ANY) ?? [];
    assert.ok(placeholder);
    assert.ok(db.prepare('SELECT 1 FROM vault WHERE placeholder = ?').get(placeholder), 'forwarded before the mapping was durable');
    assert.equal((await pending).status, 200);
  });
});

describe('the store closed underneath the gateway', () => {
  let rig: RedactionRig;
  before(async () => {
    rig = await startRedactionRig();
    await rig.gateway.store.close();
  });
  after(() => rig.close());

  it('blocks redacting requests with 503 GW_ERR_VAULT_UNAVAILABLE, forwards nothing, keeps running', async () => {
    for (let i = 0; i < 3; i++) {
      assertErrorCode(await postJson(rig.url, '/v1/chat/completions', chatWith(`${render(ALL_PARTS)} #${i}`)), 503, 'GW_ERR_VAULT_UNAVAILABLE');
    }
    assert.equal(rig.fake.requests.length, 0);
    assert.equal((await send(rig.url, '/healthz')).status, 200);
    const clean = await postJson(rig.url, '/v1/chat/completions', chatWith('nothing sensitive here'));
    assert.equal(clean.status, 200);
    assert.equal(rig.fake.requests.length, 1);
  });
});
