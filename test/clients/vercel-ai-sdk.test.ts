// An SDK-based agent (the pinned Vercel AI SDK) through the gateway, isolated like the CLIs: its
// generateText (User-Agent `ai/…`) and streamText (`ai-sdk/…`) calls are one app with one placeholder
// for one value, both restored; its tool loop runs the tool with the restored value and sends the
// result back under the same placeholder.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PLACEHOLDER } from '../gateway/confirm-e2e/values.js';
import { ensureClient } from './install.js';
import { runIsolated } from './isolate.js';
import { startClientStack, type ClientStack } from './stack.js';

const EMAIL = 'dora.vercel@corp.example';
const placeholders = (text: string) => [...text.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => m[0]);

describe('Vercel AI SDK through the gateway', { timeout: 900_000 }, () => {
  let stack: ClientStack;
  let dir: string;

  before(async () => {
    dir = await ensureClient('vercel-ai-sdk');
    stack = await startClientStack();
  }, { timeout: 900_000 });
  after(() => stack?.close());

  it('generateText and streamText are one app, with one placeholder, both restored; the tool runs with the restored value', async () => {
    const r = await runIsolated([process.execPath, join(import.meta.dirname, 'vercel-agent.mjs')], {
      cwd: mkdtempSync(join(tmpdir(), 'aegis-vercel-')),
      env: { AEGIS_AI_DIR: dir, GATEWAY_URL: stack.url, PROMPT: `Write to ${EMAIL}`, TOOL_PROMPT: `RUN: notify ${EMAIL}` },
      reach: [stack.port],
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(r.outbound, []);
    const seen = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { generated: string; streamed: string; ran: string[]; agent: string };
    assert.equal(seen.generated, `echo: Write to ${EMAIL}`);
    assert.equal(seen.streamed, `echo: Write to ${EMAIL}`);
    assert.deepEqual(seen.ran, [`notify ${EMAIL}`], 'the tool ran with the restored value');
    assert.equal(seen.agent, `tool said: ran: notify ${EMAIL}`);

    assert.ok(!stack.wire().includes(EMAIL), 'the address never reached the provider');
    const agents = stack.fake.requests.map((q) => q.headers['user-agent'] as string);
    assert.ok(agents.some((ua) => /^ai\//.test(ua)) && agents.some((ua) => /^ai-sdk\//.test(ua)), `both User-Agent forms were sent: ${agents.join(' | ')}`);
    assert.deepEqual([...new Set(stack.audits.map((e) => e.client.app))], ['vercel-ai-sdk'], 'one app');
    const found = new Set(placeholders(stack.wire()));
    assert.equal(found.size, 1, `one placeholder for the one address: ${[...found]}`);
  });
});
