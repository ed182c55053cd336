// Canaries in every channel a request has besides its body — a passthrough path segment (plain and
// percent-encoded), a query value, the `model` field, an unknown header and the User-Agent — through
// the real CLI gateway: none reaches /metrics, the audit store on disk (database and WAL), the admin
// audit API or `aegisgate audit export`; the flagged parts are there masked as [KIND].
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { runCli, serveChild, type ServedChild } from '../../helpers/child-gateway.js';
import { postJson, send } from '../../helpers/http.js';
import { seededString } from '../../helpers/seeded.js';
import { leakNeedles } from '../redaction/upstream-checks.js';

const GITHUB = 'ghp_' + seededString('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 36, 901);
const CANARY = {
  path: GITHUB,
  encodedPath: 'path.canary@northwind-example.de',
  query: 'query.canary@northwind-example.de',
  model: 'model.canary@northwind-example.de',
  header: 'header.canary@northwind-example.de',
  userAgent: 'agent.canary@northwind-example.de',
};
const ALL = Object.values(CANARY);

describe('canaries in path, query, model and headers stay out of metrics and the audit', () => {
  let fake: FakeProvider;
  let child: ServedChild;
  let token: string;
  const admin = () => ({ authorization: `Bearer ${token}` });

  before(async () => {
    fake = await startFakeProvider();
    child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url }, config: { policy: { preset: 'permissive' } } });
    token = readFileSync(join(child.dataDir, 'admin-token'), 'utf8').trim();
    const headers = { 'x-user-email': CANARY.header, 'user-agent': `canary-tool/1.0 (${CANARY.userAgent})`, authorization: 'Bearer sk-test' };
    const sent = [
      await send(child.url, `/v1/files/${CANARY.path}/content`, { headers }),
      await send(child.url, `/openai/v1/vector_stores/${encodeURIComponent(CANARY.encodedPath)}`, { headers }),
      await send(child.url, `/v1/models?owner=${encodeURIComponent(CANARY.query)}`, { headers }),
      await postJson(child.url, '/v1/chat/completions', { model: `gpt-4o ${CANARY.model}`, messages: [{ role: 'user', content: 'hi' }] }, headers),
      await postJson(child.url, '/v1/messages', { model: `claude ${CANARY.model}`, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }, headers),
    ];
    for (const res of sent) assert.equal(res.status, 200, res.text);
    for (let i = 0; i < 200; i++) {
      const res = await send(child.url, '/admin/audit?limit=100', { headers: admin() });
      if ((res.json as { events: unknown[] }).events.length >= sent.length) return;
      await sleep(20);
    }
    throw new Error('audit events were not stored');
  });
  after(async () => {
    await child?.stop();
    await fake?.close();
  });

  const assertNoCanary = (text: string | Buffer, where: string) => {
    for (const value of ALL) for (const needle of [...leakNeedles(value), encodeURIComponent(value)]) assert.equal(text.indexOf(needle), -1, `${value} in ${where}`);
  };

  it('the provider got none of them: header dropped, path, query and model redacted or unchanged only where allowed', () => {
    for (const r of fake.requests) {
      assert.equal(r.headers['x-user-email'], undefined);
      for (const value of [CANARY.path, CANARY.encodedPath, CANARY.query]) assert.ok(!r.decodedPath.includes(value), r.path);
    }
  });

  it('/metrics holds none of them, and labels routes by template', async () => {
    const res = await send(child.url, '/metrics', { headers: admin() });
    assert.equal(res.status, 200);
    assertNoCanary(res.text, '/metrics');
    const routes = new Set([...res.text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    assert.deepEqual([...routes].sort(), ['/openai/v1/*', '/v1/chat/completions', '/v1/files', '/v1/messages', '/v1/models']);
  });

  it('the admin audit API and `audit export` show them masked', async () => {
    const api = await send(child.url, '/admin/audit?limit=100', { headers: admin() });
    assertNoCanary(api.text, 'the admin audit API');
    const run = await runCli(['audit', 'export', '--data-dir', child.dataDir]);
    assert.equal(run.code, 0, run.stderr);
    assertNoCanary(run.stdout, 'audit export');
    const events = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEvent);
    const routes = events.map((e) => e.route).sort();
    assert.deepEqual(routes, ['/openai/v1/vector_stores/[EMAIL]', '/v1/chat/completions', '/v1/files/[GITHUB_TOKEN]/content', '/v1/messages', '/v1/models']);
    assert.deepEqual(events.map((e) => e.model).filter(Boolean).sort(), ['claude [EMAIL]', 'gpt-4o [EMAIL]']);
    for (const e of events) assert.equal(e.userAgent, 'canary-tool/1.0 ([EMAIL])');
  });

  it('the database and its write-ahead log hold none of them', () => {
    const base = join(child.dataDir, 'aegisgate.db');
    const files = [base, `${base}-wal`].filter((f) => existsSync(f));
    assert.ok(files.length >= 1);
    for (const file of files) assertNoCanary(readFileSync(file), file);
  });
});
