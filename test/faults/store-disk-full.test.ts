// A store that cannot write, as on a full disk: the real CLI, whose file-size limit is lowered to
// one byte once it runs (prlimit), so every SQLite write fails as it would with no space left. Held
// requests get 503 GW_ERR_STORE_UNAVAILABLE (not 500), requests needing mappings 503
// GW_ERR_VAULT_UNAVAILABLE, and failing audit batches are logged once (rate-limited) and counted on
// /metrics until the store recovers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { send } from '../helpers/http.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { pemKey } from '../gateway/confirm-e2e/values.js';

const HEADERS = { authorization: 'Bearer sk-test' };
const chat = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const codeOf = (body: unknown) => (body as { error: { code: string } }).error.code;
/** Node ignores SIGXFSZ, so past the limit write() fails with EFBIG and SQLite reports a failed write. */
const setFileSizeLimit = (pid: number, soft: string) => execFileSync('prlimit', ['--pid', String(pid), `--fsize=${soft}:`]);

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function auditFailures(url: string): Promise<number> {
  const text = (await send(url, '/metrics')).text;
  return Number(/^aegisgate_audit_write_failures (\d+)/m.exec(text)?.[1]);
}

describe('a store that cannot write (fault suite: disk full)', () => {
  let fake: FakeProvider;
  let child: ServedChild;
  before(async () => {
    fake = await startFakeProvider();
    child = await serveChild({ upstreams: { openai: fake.url }, config: { confirm: { timeoutSec: 5 }, metrics: { open: true } } });
    // Healthy first: a request that needs no store write for its own sake, and its audit row.
    assert.equal((await send(child.url, '/v1/chat/completions', { body: chat('hello'), headers: HEADERS })).status, 200);
    await waitFor(async () => (await auditFailures(child.url)) === 0);
    setFileSizeLimit(child.pid, '1');
  });
  after(async () => {
    await child.stop();
    await fake.close();
  });

  it('a request to be held gets 503 GW_ERR_STORE_UNAVAILABLE and is not forwarded', async () => {
    fake.reset();
    const res = await send(child.url, '/v1/chat/completions', { body: chat(`deploy with\n${pemKey(71)}`), headers: HEADERS });
    assert.equal(res.status, 503, res.text);
    assert.equal(codeOf(res.json), 'GW_ERR_STORE_UNAVAILABLE');
    assert.equal(fake.requests.length, 0);
  });

  it('a request needing a new placeholder mapping gets 503 GW_ERR_VAULT_UNAVAILABLE', async () => {
    fake.reset();
    const res = await send(child.url, '/v1/chat/completions', { body: chat('mail carol.disk.full@example.org'), headers: HEADERS });
    assert.equal(res.status, 503, res.text);
    assert.equal(codeOf(res.json), 'GW_ERR_VAULT_UNAVAILABLE');
    assert.equal(fake.requests.length, 0);
  });

  it('failing audit batches: one log line for a run of retries, a gauge above 0, back to 0 once the store recovers', async () => {
    // Forwarded fine (nothing to store for it), but its audit row cannot be written.
    assert.equal((await send(child.url, '/v1/chat/completions', { body: chat('hello again'), headers: HEADERS })).status, 200);
    await waitFor(async () => (await auditFailures(child.url)) >= 3, 10_000);
    const lines = child.stderr().split('\n').filter((l) => l.includes('AuditBatchError'));
    // Retries come every 200 ms; reports at most every 10 s, so these few failures made one line.
    assert.equal(lines.length, 1, lines.join('\n'));
    setFileSizeLimit(child.pid, 'unlimited');
    await waitFor(async () => (await auditFailures(child.url)) === 0, 10_000);
    const res = await send(child.url, '/v1/chat/completions', { body: chat('mail carol.disk.full@example.org'), headers: HEADERS });
    assert.equal(res.status, 200, res.text);
  });
});
