// The canary test of the whole gateway: fresh random secrets and PII of many kinds (emails, an AWS
// key id and secret, a GitHub token, a PEM private key, a card number, a JWT, a custom deny term),
// a managed OpenAI key set through the admin API, a client key created through it, and a tool's own
// Anthropic key passed through — sent through all three API shapes, JSON and streamed, text answers
// and tool calls, some requests HMAC-signed (so nonces are stored), under the permissive preset; then
// one exchange held under the balanced preset, touched, revealed and approved with a "remember this
// value" rule (so the pending and rules tables and the confirmation log lines are exercised too).
// Afterwards none of those values appears, raw, JSON-escaped, as UTF-16LE, base64, base64url or hex,
// nor as an unsalted SHA-256/SHA-1 digest, in any byte of any file in the data dir (the database and
// its WAL while running, and again after the close's checkpoint) nor in the trace-level logs. The three key files (admin token, master key, signing key) hold their own
// secrets by design: they are skipped by name, and must be mode 0600.
// Store-level and managed-key versions: test/gateway/store/canary.test.ts, test/gateway/auth/managed-key.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { createLogger } from '../../../gateway/log.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import type { PendingList, RevealResponse } from '../../../gateway/admin/contract.js';
import { startTestGateway, tempDir, type TestGateway } from '../../helpers/gateway.js';
import { send, type HttpResult } from '../../helpers/http.js';
import { readSecret, signatureHeaders } from '../body/sign.js';
import { AdminClient } from './admin-client.js';
import { canaryRequests, canaryText, type CanaryRequest } from './canary-traffic.js';
import { leakDetector, plantCanaries, type Canary, type Detector } from './canaries.js';

const KEY_FILES = new Set(['admin-token', 'master.key', 'signing-key']);

/** Every file under `dir` except the three key files, with its bytes. */
function dataFiles(dir: string): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!KEY_FILES.has(relative(dir, path))) out.push({ name: relative(dir, path), bytes: readFileSync(path) });
    }
  };
  walk(dir);
  return out;
}

describe('canary: planted secrets reach no file in the data dir and no log line', () => {
  const c = plantCanaries();
  const logs: Buffer[] = [];
  const seenByTool: HttpResult[] = [];
  let fake: FakeProvider;
  let dataDir: string;
  let gateway: TestGateway;
  let admin: AdminClient;
  let clientKey: { id: string; key: string };
  let detector: Detector;
  let closed = false;

  before(async () => {
    fake = await startFakeProvider();
    dataDir = tempDir('aegis-canary-');
    gateway = await startTestGateway(
      fake.url,
      {
        log: { level: 'trace' },
        policy: { preset: 'permissive' },
        auth: { signing: 'optional' },
        // The deny term lives in the config file layer, which is never written to the data dir.
        scan: { denyTerms: [{ pattern: c.denyTerm, kind: 'CODENAME' }] },
      },
      { dataDir, logger: createLogger('trace', { write: (line: string) => void logs.push(Buffer.from(line)) }) },
    );
    admin = new AdminClient(gateway.url, dataDir);
    await admin.call('PUT', '/admin/providers/openai/key', { key: c.managedOpenAiKey });
    clientKey = await admin.call<{ id: string; key: string }>('POST', '/admin/keys', { name: 'canary laptop', app: 'canary-tool' }, 201);
    const canaries: Canary[] = [...Object.entries(c).map(([name, value]) => ({ name, value })), { name: 'clientKey', value: clientKey.key, hashed: false }];
    detector = leakDetector(canaries);
  });
  after(async () => {
    await admin.close();
    if (!closed) await gateway.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const headersFor = (r: CanaryRequest): Record<string, string> => {
    const h: Record<string, string> = { 'content-type': 'application/json', 'x-fake-scenario': r.scenario };
    if (r.provider === 'openai') h.authorization = `Bearer ${clientKey.key}`;
    else Object.assign(h, { 'x-api-key': c.anthropicOwnKey, 'anthropic-version': '2023-06-01' });
    if (r.signed) Object.assign(h, signatureHeaders(readSecret(dataDir), 'POST', r.path, 'application/json', r.body));
    return h;
  };

  it('the leak detector finds a value in each encoding it claims to cover', () => {
    const probe = leakDetector([{ name: 'pem', value: c.pem }, { name: 'card', value: c.card }]);
    const wrap = (s: string) => Buffer.from(`{"x":"${s}"}`);
    for (const [form, bytes] of [
      ['raw', Buffer.from(`..${c.pem}..`)],
      ['JSON-escaped', wrap(JSON.stringify(c.pem).slice(1, -1))],
      ['UTF-16LE', Buffer.from(`ab${c.card}cd`, 'utf16le')],
      ['base64, shifted by 1', Buffer.from(Buffer.from(`x${c.card}yz`).toString('base64'))],
      ['base64url, shifted by 2', wrap(Buffer.from(`xy${c.pem}`).toString('base64url'))],
      ['hex', Buffer.from(Buffer.from(`q${c.card}`).toString('hex'))],
      ['one PEM line', Buffer.from(c.pem.split('\n')[3]!)],
      ['SHA-256 hex', Buffer.from(createHash('sha256').update(c.card).digest('hex'))],
      ['SHA-256 bytes', Buffer.concat([Buffer.from('x'), createHash('sha256').update(c.pem).digest()])],
    ] as const) {
      assert.ok(probe.leaksIn(bytes).length > 0, `a ${form} copy is caught`);
    }
    assert.deepEqual(probe.leaksIn(Buffer.from(`${c.email1} ${c.github} ${'A'.repeat(4096)}`)), []);
  });

  it('every shape, JSON and streamed, text and tool calls, signed or not, goes through redacted and restored', async () => {
    for (const r of canaryRequests(c)) {
      fake.reset();
      const res = await send(gateway.url, r.path, { method: 'POST', body: r.body, headers: headersFor(r) });
      seenByTool.push(res);
      assert.equal(res.status, 200, `${r.label}: ${res.text.slice(0, 300)}`);
      const upstream = fake.requests[0]!;
      assert.deepEqual(detector.leaksIn(upstream.body), [], `${r.label}: what went upstream was redacted`);
      if (r.provider === 'openai') assert.equal(upstream.headers.authorization, `Bearer ${c.managedOpenAiKey}`, 'the managed key went upstream');
      else assert.equal(upstream.headers['x-api-key'], c.anthropicOwnKey, "the tool's own key passed through");
      // A JSON answer echoes the last user text: the canaries came back out of the vault.
      if (!r.stream) assert.ok(res.text.includes(c.email1) && res.text.includes(c.awsSecret), `${r.label}: restored for the tool`);
    }
  });

  it('a signed request replayed is refused: its nonce was stored', async () => {
    const [first] = canaryRequests(c);
    const headers = headersFor(first!);
    assert.equal((await send(gateway.url, first!.path, { method: 'POST', body: first!.body, headers })).status, 200);
    const replay = await send(gateway.url, first!.path, { method: 'POST', body: first!.body, headers });
    assert.equal(replay.status, 401);
    assert.equal(replay.headers['x-aegis-error'], 'GW_ERR_AUTH_REPLAY');
  });

  it('the audit trail counts the findings of every exchange', async () => {
    await gateway.store.audit.flush();
    const { events } = await gateway.store.audit.list({ limit: 100 });
    const ok = events.filter((e: AuditEvent) => e.status === 200);
    assert.equal(ok.length, 13, 'twelve exchanges and the replayed request\'s original');
    for (const e of ok) {
      for (const category of ['pii', 'secret', 'custom']) assert.ok((e.findings[category] ?? 0) > 0, `${e.route}: ${category} findings counted`);
      if (e.provider === 'openai') assert.equal(e.client.keyId, clientKey.id);
    }
  });

  it('an exchange held under the balanced preset, touched, revealed and approved with a rule for the value', async () => {
    await admin.call('PUT', '/admin/config', { policy: { preset: 'balanced' } });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: canaryText(c, 'held') }] };
    let settled = false;
    const held = send(gateway.url, '/v1/chat/completions', { method: 'POST', body, headers: { authorization: `Bearer ${clientKey.key}` } })
      .finally(() => (settled = true));
    let decided = 0;
    let revealed = '';
    const deadline = performance.now() + 10_000;
    while (!settled && performance.now() < deadline) {
      for (const item of (await admin.call<PendingList>('GET', '/admin/confirmations')).items) {
        if (item.status !== 'pending') continue;
        await admin.call('POST', `/admin/confirmations/${item.id}/touch`);
        revealed += (await admin.call<RevealResponse>('POST', `/admin/confirmations/${item.id}/reveal`)).text;
        await admin.call('POST', `/admin/confirmations/${item.id}/decision`, { decision: 'approve_redacted', remember: { scope: 'value', lifetime: 'always' } });
        decided++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await held;
    seenByTool.push(res);
    assert.equal(res.status, 200, res.text);
    assert.ok(decided > 0, 'the exchange was held');
    assert.ok(detector.leaksIn(Buffer.from(revealed)).length > 0, 'reveal showed the held value to the admin');
    assert.ok((await gateway.store.rules.list()).length > 0, 'the decision was remembered as a rule');
  });

  it('the tool never sees the managed key, whatever it sent', () => {
    const tool = leakDetector([{ name: 'managed', value: c.managedOpenAiKey }]);
    for (const res of seenByTool) assert.deepEqual(tool.leaksIn(Buffer.concat([res.body, Buffer.from(JSON.stringify(res.headers))])), []);
  });

  it('no canary in the database, its WAL or any other data-dir file while the gateway runs', async () => {
    await gateway.store.audit.flush();
    const files = dataFiles(dataDir);
    const names = files.map((f) => f.name);
    assert.ok(names.includes('aegisgate.db') && names.includes('aegisgate.db-wal'), names.join(', '));
    assert.ok(files.find((f) => f.name === 'aegisgate.db-wal')!.bytes.length > 0, 'the WAL holds the writes');
    for (const f of files) assert.deepEqual(detector.leaksIn(f.bytes), [], `${f.name} holds a canary`);
  });

  it('no canary in the trace-level logs', () => {
    const all = Buffer.concat(logs);
    assert.ok(all.includes('confirmation revealed') && all.includes('confirmation touched'), `the confirmation lines were logged: ${all}`);
    assert.deepEqual(detector.leaksIn(all), [], 'the logs hold a canary');
  });

  it('no canary after the close (WAL checkpointed into the database file); key files are 0600', async () => {
    await gateway.close();
    closed = true;
    const files = dataFiles(dataDir);
    const wal = files.find((f) => f.name === 'aegisgate.db-wal');
    assert.ok(!wal || wal.bytes.length === 0, 'the checkpoint emptied the WAL');
    assert.ok(files.find((f) => f.name === 'aegisgate.db')!.bytes.length > 4096);
    for (const f of files) assert.deepEqual(detector.leaksIn(f.bytes), [], `${f.name} holds a canary after close`);
    for (const name of KEY_FILES) assert.equal(statSync(join(dataDir, name)).mode & 0o777, 0o600, `${name} is owner-only`);
    assert.deepEqual(detector.leaksIn(Buffer.concat(logs)), [], 'shutdown logged no canary');
  });
});
