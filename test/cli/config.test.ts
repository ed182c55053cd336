// Configuration through the CLI: YAML and JSON files override defaults, flags override files, and
// a bad file or flag exits 2 with a message naming the field, before anything listens.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { runCli, serveChild } from '../helpers/child-gateway.js';
import { tempDir } from '../helpers/gateway.js';
import { postJson } from '../helpers/http.js';

let dir: string;
let fake: FakeProvider;
let env: NodeJS.ProcessEnv;
before(async () => {
  dir = tempDir('aegis-cfg-');
  fake = await startFakeProvider();
  // Never touch the real ~/.config, whatever a run does.
  env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'xdg') };
});
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(ext: string, text: string): string {
  const path = join(dir, `config-${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

const messages = (k: number) => ({ model: 'm', messages: Array.from({ length: k }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` })) });

/** Runs at most `width` CLIs at a time: each start compiles TypeScript, and the machine has 2 cores. */
async function runAll(argsList: string[][], width = 2) {
  const out: Awaited<ReturnType<typeof runCli>>[] = [];
  for (let i = 0; i < argsList.length; i += width) {
    out.push(...(await Promise.all(argsList.slice(i, i + width).map((args) => runCli(args, env)))));
  }
  return out;
}

// The full matrix of field and file errors is in test/gateway/config/load.test.ts; these check the
// CLI's side (exit 2, message on stderr, nothing on stdout). Each run costs a TypeScript start-up.
describe('bad configuration exits 2 and names the field', () => {
  it('bad files: exit 2, the field or file named on stderr, nothing on stdout', async () => {
    const cases: Array<{ what: string; path: string; expect: RegExp }> = [
      { what: 'wrong type', path: file('yaml', 'limits:\n  bodyBytes: big\n'), expect: /limits\.bodyBytes/ },
      { what: 'unknown key', path: file('json', '{"limits":{"bodyByte":1024}}'), expect: /bodyByte\b/ },
      { what: 'invalid YAML', path: file('yaml', 'limits: [unclosed\n  bodyBytes: : 1\n'), expect: /config-\d+\.yaml/ },
    ];
    // `--port 0`, so a wrong pass would listen harmlessly.
    const runs = await runAll(cases.map((c) => ['serve', '--port', '0', '--config', c.path]));
    runs.forEach((run, i) => {
      const c = cases[i]!;
      assert.equal(run.code, 2, `${c.what}: ${run.stderr}`);
      assert.match(run.stderr, c.expect, c.what);
      assert.equal(run.stdout, '', c.what);
      assert.doesNotMatch(run.stderr, /\n\s+at /, `${c.what}: a message, not a stack trace`);
    });
  });

  it('bad flags exit 2: unknown provider, bad URL, unknown flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', '0', '--upstream', 'foo=http://127.0.0.1:1'], /openai, anthropic|foo/],
      [['--port', '0', '--upstream', 'openai=not a url'], /providers\.openai\.baseUrl/],
      [['--port', '0', '--bogus'], /bogus/],
    ];
    const runs = await runAll(cases.map(([args]) => ['serve', ...args]));
    runs.forEach((run, i) => {
      assert.equal(run.code, 2, `${cases[i]![0].join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, cases[i]![1]);
      assert.equal(run.stdout, '');
    });
  });
});

describe('config files and flags', () => {
  it('a JSON file overrides defaults', async () => {
    const path = file('json', JSON.stringify({ providers: { anthropic: { baseUrl: fake.url } }, limits: { jsonDepth: 5 } }));
    const child = await serveChild({ args: ['--config', path], env });
    try {
      fake.reset();
      const ok = await postJson(child.url, '/v1/messages', { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(fake.requests.length, 1, 'the file\'s anthropic base URL is used');
      const deep = await postJson(child.url, '/v1/messages', '[[[[[[]]]]]]');
      assert.equal(deep.status, 400);
      assert.equal((deep.json as { error: { code: string } }).error.code, 'GW_ERR_BODY_TOO_DEEP');
    } finally {
      await child.stop();
    }
  });

  it('a YAML file overrides defaults, and flags override the file: --port and --upstream win', async () => {
    // The file names a port already taken and an upstream nobody listens on; the flags fix both,
    // while the file's limits.messages (default 10000) still applies.
    const taken = new URL(fake.url).port;
    const path = file('yaml', `# comments are fine\nport: ${taken}\nproviders:\n  openai:\n    baseUrl: http://127.0.0.1:9\nlimits:\n  messages: 2\n`);
    const child = await serveChild({ upstreams: { openai: fake.url }, args: ['--config', path], env });
    try {
      fake.reset();
      assert.notEqual(new URL(child.url).port, taken);
      const ok = await postJson(child.url, '/v1/chat/completions', messages(2));
      assert.equal(ok.status, 200, ok.text);
      assert.equal(fake.requests.length, 1);
      const refused = await postJson(child.url, '/v1/chat/completions', messages(3));
      assert.equal(refused.status, 400, 'the rest of the file still applies');
      assert.equal((refused.json as { error: { code: string } }).error.code, 'GW_ERR_BODY_TOO_MANY_MESSAGES');
    } finally {
      await child.stop();
    }
  });

  it('--upstream NAME=URL overrides a named provider the file defines', async () => {
    const path = file('yaml', 'providers:\n  local:\n    kind: openai\n    baseUrl: http://127.0.0.1:9\n');
    const child = await serveChild({ upstreams: { local: `${fake.url}/ollama` }, args: ['--config', path], env });
    try {
      fake.reset();
      const ok = await postJson(child.url, '/p/local/v1/chat/completions', messages(1));
      assert.equal(ok.status, 200, ok.text);
      assert.equal(fake.requests[0]!.path, '/ollama/v1/chat/completions');
    } finally {
      await child.stop();
    }
  });
});
