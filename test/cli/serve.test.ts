// `aegisgate serve` as users and external checks run it: one JSON listening line on stdout and
// nothing else there, both official SDKs proxied, `--help`, and the data dir made owner-only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { runCli, serveChild } from '../helpers/child-gateway.js';
import { CLI, tempDir } from '../helpers/gateway.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('aegisgate serve', () => {
  let openaiFake: FakeProvider;
  let anthropicFake: FakeProvider;
  before(async () => {
    openaiFake = await startFakeProvider();
    anthropicFake = await startFakeProvider();
  });
  after(async () => {
    await openaiFake.close();
    await anthropicFake.close();
  });

  it('prints exactly one JSON listening line on stdout and proxies both SDKs', async () => {
    const child = await serveChild({ upstreams: { openai: openaiFake.url, anthropic: anthropicFake.url } });
    try {
      const lines = child.stdout().split('\n');
      const line = JSON.parse(lines[0]!) as { event: string; url: string; dataDir?: string };
      assert.equal(line.event, 'listening');
      assert.match(line.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(new URL(line.url).port, '0');
      // serveChild passes --data-dir <tmp>/data, which does not exist yet: it is created owner-only.
      assert.equal(mode(child.dataDir), 0o700);
      if (line.dataDir !== undefined) assert.equal(line.dataDir, child.dataDir);

      const openai = new OpenAI({ apiKey: 'sk-cli', baseURL: `${child.url}/v1`, maxRetries: 0 });
      const chat = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'via cli' }] });
      assert.equal(chat.choices[0]!.message.content, 'echo: via cli');
      let streamed = '';
      for await (const c of await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'streamed' }] })) {
        streamed += c.choices[0]?.delta.content ?? '';
      }
      assert.equal(streamed, 'echo: streamed');
      const anthropic = new Anthropic({ apiKey: 'sk-ant-cli', baseURL: child.url, maxRetries: 0 });
      const msg = await anthropic.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'via cli' }] });
      assert.deepEqual(msg.content, [{ type: 'text', text: 'echo: via cli' }]);
      const final = await anthropic.messages.stream({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'streamed' }] }).finalMessage();
      assert.deepEqual(final.content, [{ type: 'text', text: 'echo: streamed' }]);

      assert.equal(openaiFake.requests.length, 2);
      assert.equal(anthropicFake.requests.length, 2);
      const exit = await child.stop();
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(child.stdout(), `${lines[0]}\n`, 'nothing but the listening line on stdout');
      assert.ok(child.stderr().length > 0, 'logs go to stderr');
    } finally {
      await child.stop();
    }
  });

  // The ~/.config fallback and tightening an existing dir are unit tests (test/gateway/config/paths.test.ts).
  it('without --data-dir the data dir is $XDG_CONFIG_HOME/aegisgate, mode 0700', async () => {
    const dir = tempDir('aegis-xdg-');
    try {
      const xdg = join(dir, 'xdg');
      const withXdg = await runServeOnce({ ...process.env, XDG_CONFIG_HOME: xdg });
      assert.equal(mode(join(xdg, 'aegisgate')), 0o700);
      assert.equal(withXdg.dataDir ?? join(xdg, 'aegisgate'), join(xdg, 'aegisgate'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Starts `serve --port 0` with no --data-dir under `env`, then stops it. */
  async function runServeOnce(env: NodeJS.ProcessEnv): Promise<{ dataDir?: string }> {
    // serveChild always passes --data-dir, so spawn the CLI directly.
    const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--upstream', `openai=${openaiFake.url}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    const line = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      proc.once('close', (code) => reject(new Error(`exited ${code} before listening`)));
    });
    const exited = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
    // Let it run a turn of its event loop before the signal (see the todo in shutdown.test.ts).
    await fetch(`${(JSON.parse(line) as { url: string }).url}/healthz`).catch(() => undefined);
    proc.kill('SIGTERM');
    assert.equal(await exited, 0);
    return JSON.parse(line) as { dataDir?: string };
  }
});

describe('aegisgate --help and usage errors', () => {
  it('--help prints usage and exits 0', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Usage:/);
    assert.match(run.stdout, /aegisgate serve/);
    for (const flag of ['--host', '--port', '--data-dir', '--config', '--upstream']) assert.ok(run.stdout.includes(flag), flag);
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    assert.equal(run.code, 0);
    assert.match(run.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  it('an unknown command exits 2 with usage on stderr', async () => {
    const run = await runCli(['frobnicate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /frobnicate/);
    assert.equal(run.stdout, '');
  });
});
