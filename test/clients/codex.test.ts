// Codex CLI, the pinned release, run non-interactively (`codex exec`) against the real gateway and the
// scripted fake provider, able to reach nothing else. Its setup is the Connect page's config.toml
// provider (Codex ignores OPENAI_BASE_URL: shown below); through its built-in provider it first tries
// a WebSocket, which gets 426 and is never forwarded. Then: redaction at the wire, restoration, a shell
// call run with the restored value and its output sent back under the same placeholder, `exec resume`,
// hold → approve, and a denial answered once, with no retry.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsKey, PLACEHOLDER } from '../gateway/confirm-e2e/values.js';
import { ensureClient } from './install.js';
import { hasNetns, runIsolated, type Isolated } from './isolate.js';
import { snippet } from './setups.js';
import { startClientStack, type ClientStack } from './stack.js';

const EMAIL = 'dora.codex@corp.example';
const placeholders = (text: string) => [...text.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => m[0]);
/**
 * Codex must reach the gateway and nothing else. By default it also syncs its plugin marketplace
 * (github.com, api.github.com) and apps (chatgpt.com), and sends analytics: no prompts, but off here.
 */
const QUIET = '\n[features]\nplugins = false\nremote_plugin = false\napps = false\n\n[analytics]\nenabled = false\n';
/**
 * The scripted fake answers with classic function tools (exec_command), so tool round trips pin a model
 * Codex drives that way; its default model declares its tools for code mode instead (a JavaScript
 * `exec` tool), which the fake does not speak. A root key, so it goes before the snippet's tables.
 */
const CLASSIC_TOOLS = 'model = "gpt-5"\n';

describe('Codex CLI through the gateway', { timeout: 900_000 }, () => {
  let stack: ClientStack;
  let codexJs: string;
  let home: string;
  let work: string;

  before(async () => {
    codexJs = join(await ensureClient('codex'), 'node_modules/@openai/codex/bin/codex.js');
    stack = await startClientStack();
    home = mkdtempSync(join(tmpdir(), 'aegis-codex-home-'));
    work = mkdtempSync(join(tmpdir(), 'aegis-codex-work-'));
  }, { timeout: 900_000 });
  after(() => stack?.close());

  /** Runs `codex exec` with a fresh CODEX_HOME holding `config` as its config.toml. */
  const codex = (args: string[], config: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<Isolated> => {
    const codexHome = join(home, 'codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), config + QUIET);
    return runIsolated([process.execPath, codexJs, 'exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', ...args], {
      cwd: work,
      env: { HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: 'sk-client-test', ...env },
      reach: [stack.port],
      timeoutMs,
    });
  };
  const connectSetup = (root = CLASSIC_TOOLS) => root + snippet('codex', stack.url).code;
  const show = (r: Isolated) => `exit ${r.code} after ${Math.round(r.ms)} ms\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-3000)}`;

  it(`uses the Connect page's config.toml provider and reaches nothing but the gateway (${hasNetns() ? 'own network namespace' : 'host network, sentinel proxy'})`, async () => {
    const r = await codex(['say hi'], connectSetup(''));
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /echo: /, show(r));
    assert.deepEqual(r.outbound, [], show(r));
    assert.ok(stack.fake.requests.some((q) => q.method === 'POST' && q.path === '/v1/responses'));
    assert.ok(stack.audits.length > 0 && stack.audits.every((e) => e.client.app === 'codex'), JSON.stringify(stack.audits.map((e) => e.client.app)));
    assert.match(stack.audits[0]!.userAgent ?? '', /^codex_exec\//);
  });

  it('ignores OPENAI_BASE_URL: with only that set, its traffic would bypass the gateway (which sees nothing)', async () => {
    const before = stack.audits.length;
    // It would retry the unreachable provider for a while: 20 s show what it does.
    const r = await codex(['say hi'], '', { OPENAI_BASE_URL: `${stack.url}/v1` }, 20_000);
    assert.equal(stack.audits.length, before, 'nothing reached the gateway');
    assert.ok(r.outbound.some((line) => /api\.openai\.com|chatgpt\.com/.test(line)), `it tried the provider directly: ${r.outbound.join(' | ')}\n${show(r)}`);
  });

  it("through its built-in provider it tries a WebSocket first: 426, never forwarded, and it switches to HTTP at once", async () => {
    stack.resetWire();
    const before = stack.audits.length;
    const r = await codex(['say hi'], `openai_base_url = "${stack.url}/v1"\n`);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /echo: /, show(r));
    const events = stack.audits.slice(before);
    const handshakes = events.filter((e) => e.errorCode === 'GW_ERR_BOUNDARY_WEBSOCKET');
    assert.ok(handshakes.length >= 1 && handshakes.every((e) => e.status === 426), JSON.stringify(events.map((e) => [e.status, e.errorCode])));
    assert.ok(handshakes.length <= 2, `it switched to HTTP at once, not after ${handshakes.length} handshakes`);
    assert.ok(stack.fake.requests.every((q) => q.method === 'POST' && q.headers.upgrade === undefined), 'no handshake reached the provider');
  });

  it('redacts at the wire, restores in its output, and runs the shell call with the restored value', async () => {
    stack.resetWire();
    const r = await codex([`My address is ${EMAIL}. RUN: echo ${EMAIL} > mail.txt && cat mail.txt`], connectSetup());
    assert.equal(r.code, 0, show(r));
    assert.ok(!stack.wire().includes(EMAIL), 'the address never reached the provider');
    assert.equal(readFileSync(join(work, 'mail.txt'), 'utf8').trim(), EMAIL, 'the command ran with the restored address');
    assert.match(r.stdout, /tool said:/, show(r));
    assert.ok(r.stdout.includes(EMAIL), show(r));
    const bodies = stack.fake.requests.map((q) => q.body.toString('utf8'));
    const [first] = placeholders(bodies.find((b) => b.includes('RUN: echo'))!);
    const output = bodies.find((b) => b.includes('"function_call_output"'));
    assert.ok(first && output && placeholders(output).includes(first), `${first} in the function_call_output`);
  });

  it('exec resume re-sends the history under the same placeholders', async () => {
    const before = new Set(placeholders(stack.wire()));
    stack.resetWire();
    const r = await codex(['resume', '--last', 'thanks, that is all'], connectSetup());
    assert.equal(r.code, 0, show(r));
    const again = placeholders(stack.wire());
    assert.ok(again.length > 0 && again.every((p) => before.has(p)), `${again} ⊆ ${[...before]}`);
    assert.ok(!stack.wire().includes(EMAIL));
  });

  it('hold → approve: a held AWS key completes once approved, restored in the output', async () => {
    const key = awsKey(95);
    const stop = stack.decideEach('approve_redacted');
    try {
      const before = stack.held.length;
      const r = await codex([`rotate ${key} tonight`], connectSetup());
      assert.equal(r.code, 0, show(r));
      assert.equal(stack.held.length - before, 1, 'held once');
      assert.ok(r.stdout.includes(`rotate ${key} tonight`), show(r));
      assert.ok(!stack.wire().includes(key));
    } finally {
      stop();
    }
  });

  it('deny: one question, one request, no retry, and no authentication error', async () => {
    const key = awsKey(96);
    const stop = stack.decideEach('deny');
    try {
      const heldBefore = stack.held.length;
      const auditBefore = stack.audits.length;
      const r = await codex([`deploy with ${key}`], connectSetup());
      assert.notEqual(r.code, 0, show(r));
      assert.equal(stack.held.length - heldBefore, 1, 'one confirmation');
      const requests = stack.audits.slice(auditBefore).filter((e) => e.route === '/v1/responses');
      assert.deepEqual(requests.map((e) => [e.status, e.errorCode]), [[400, 'GW_ERR_CONFIRM_DENIED']], 'one request, not retried');
      assert.doesNotMatch(r.stdout + r.stderr, /authenticat|Reconnecting/i, show(r));
      assert.match(r.stdout + r.stderr, /denied/i, show(r));
    } finally {
      stop();
    }
  });
});
