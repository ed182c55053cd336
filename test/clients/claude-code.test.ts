// Claude Code, the pinned release, run non-interactively (`claude -p`) with the Connect page's setup
// against the real gateway and the scripted fake provider, able to reach nothing else: redaction at the
// wire, restoration in its output, a shell tool call run with the restored value and its result sent
// back under the same placeholder, --continue, hold → approve, deny with no retry and no
// "Failed to authenticate", and a strict-preset request with no user secrets that is not held.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsKey, PLACEHOLDER } from '../gateway/confirm-e2e/values.js';
import { ensureClient } from './install.js';
import { hasNetns, runIsolated, type Isolated } from './isolate.js';
import { exportsOf, QUIET_CLAUDE, snippet } from './setups.js';
import { startClientStack, type ClientStack } from './stack.js';

const EMAIL = 'dora.claude@corp.example';
const placeholders = (text: string) => [...text.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => m[0]);

describe('Claude Code through the gateway', { timeout: 900_000 }, () => {
  let stack: ClientStack;
  let bin: string;
  let home: string;
  let work: string;

  before(async () => {
    const dir = await ensureClient('claude-code');
    bin = join(dir, 'node_modules/@anthropic-ai/claude-code-linux-x64/claude');
    stack = await startClientStack();
    home = mkdtempSync(join(tmpdir(), 'aegis-claude-home-'));
    work = mkdtempSync(join(tmpdir(), 'aegis-claude-work-'));
  }, { timeout: 900_000 });
  after(() => stack?.close());

  const claude = (args: string[]): Promise<Isolated> => runIsolated([bin, ...args], {
    cwd: work,
    env: { HOME: home, ANTHROPIC_API_KEY: 'sk-ant-client-test', ...QUIET_CLAUDE, ...exportsOf(snippet('claude-code', stack.url)) },
    reach: [stack.port],
    timeoutMs: 120_000,
  });
  const show = (r: Isolated) => `exit ${r.code} after ${Math.round(r.ms)} ms\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-3000)}`;

  it(`uses the Connect page's setup and reaches nothing but the gateway (${hasNetns() ? 'own network namespace' : 'host network, sentinel proxy'})`, async () => {
    const r = await claude(['-p', 'say hi']);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /echo: /);
    assert.deepEqual(r.outbound, [], 'nothing tried to go anywhere else');
    assert.ok(stack.fake.requests.length > 0, 'the provider saw the traffic, through the gateway');
    assert.ok(stack.audits.every((e) => e.client.app === 'claude-code'), JSON.stringify(stack.audits.map((e) => e.client.app)));
    assert.match(stack.audits[0]!.userAgent ?? '', /^claude-cli\//);
  });

  it('redacts at the wire, restores in its output, and runs the tool call with the restored value', async () => {
    stack.resetWire();
    const r = await claude(['-p', `My address is ${EMAIL}. RUN: echo ${EMAIL} > mail.txt && cat mail.txt`, '--allowedTools', 'Bash']);
    assert.equal(r.code, 0, show(r));
    assert.ok(!stack.wire().includes(EMAIL), 'the address never reached the provider');
    assert.equal(readFileSync(join(work, 'mail.txt'), 'utf8').trim(), EMAIL, 'the command ran with the restored address');
    assert.match(r.stdout, new RegExp(`tool said: ${EMAIL}`), show(r));
    // The prompt and the tool result carry the same placeholder.
    const bodies = stack.fake.requests.map((q) => q.body.toString('utf8'));
    const prompt = bodies.find((b) => b.includes('RUN: echo'))!;
    const result = bodies.find((b) => b.includes('"tool_result"'))!;
    const [first] = placeholders(prompt);
    assert.ok(first && placeholders(result).includes(first), `${first} in the tool result`);
  });

  it('--continue re-sends the history under the same placeholders', async () => {
    const before = new Set(placeholders(stack.wire()));
    stack.resetWire();
    const r = await claude(['-p', '--continue', 'thanks, that is all']);
    assert.equal(r.code, 0, show(r));
    const again = placeholders(stack.wire());
    assert.ok(again.length > 0 && again.every((p) => before.has(p)), `${again} ⊆ ${[...before]}`);
    assert.ok(!stack.wire().includes(EMAIL));
  });

  it('hold → approve: a held AWS key completes once approved, restored in the output', async () => {
    const key = awsKey(90);
    const stop = stack.decideEach('approve_redacted');
    try {
      const before = stack.held.length;
      const r = await claude(['-p', `rotate ${key} tonight`]);
      assert.equal(r.code, 0, show(r));
      assert.equal(stack.held.length - before, 1, 'held once');
      assert.ok(r.stdout.startsWith('echo: ') && r.stdout.includes(`rotate ${key} tonight`), show(r));
      assert.ok(!stack.wire().includes(key));
    } finally {
      stop();
    }
  });

  it('deny: one question, no retry, and no "Failed to authenticate"', async () => {
    const key = awsKey(91);
    const stop = stack.decideEach('deny');
    try {
      const heldBefore = stack.held.length;
      const auditBefore = stack.audits.length;
      const r = await claude(['-p', `deploy with ${key}`]);
      assert.notEqual(r.code, 0, show(r));
      assert.equal(stack.held.length - heldBefore, 1, 'one confirmation');
      const refused = stack.audits.slice(auditBefore).filter((e) => e.errorCode === 'GW_ERR_CONFIRM_DENIED');
      assert.equal(refused.length, 1, `one request, not retried: ${JSON.stringify(stack.audits.slice(auditBefore).map((e) => e.errorCode ?? e.status))}`);
      assert.equal(refused[0]!.status, 451);
      assert.doesNotMatch(r.stdout + r.stderr, /authenticat/i, show(r));
      assert.match(r.stdout + r.stderr, /denied/i, show(r));
    } finally {
      stop();
    }
  });

  it('under the strict preset, a request with no user secrets is not held', async () => {
    const put = await stack.admin('/admin/config', { method: 'PUT', body: { policy: { preset: 'strict' } } });
    assert.equal(put.status, 200, put.text);
    try {
      const heldBefore = stack.held.length;
      const r = await claude(['-p', 'list the files here']);
      assert.equal(r.code, 0, show(r));
      assert.equal(stack.held.length, heldBefore, `held: ${JSON.stringify(stack.held.slice(heldBefore).map((p) => p.findings))}`);
    } finally {
      await stack.admin('/admin/config', { method: 'PUT', body: { policy: { preset: 'balanced' } } });
    }
  });
});
