// App identity: one app per program whatever its version, language or call (the User-Agents below are
// the ones these programs send), an explicit x-aegis-app, and the User-Agent kept for the audit with
// whatever a detector flags masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { appOf, ClientIdentifier, productNames } from '../../../gateway/boundary/app-identity.js';
import { compileScanner } from '../../../gateway/scan/index.js';
import { awsKey } from '../confirm-e2e/values.js';

const KNOWN: [string, string][] = [
  ['claude-cli/2.1.332 (external, sdk-cli)', 'claude-code'],
  ['claude-cli/2.1.0 (external, cli)', 'claude-code'],
  ['claude-code/1.0.3', 'claude-code'],
  ['codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.171.0)', 'codex'],
  ['codex_cli_rs/0.171.0 (Mac OS 15.1.0; arm64) iTerm.app/3.5.10', 'codex'],
  ['codex_vscode/0.4.12 (Windows 11; x86_64)', 'codex'],
  ['OpenAI/JS 6.49.0', 'openai-sdk'],
  ['OpenAI/Python 1.109.1', 'openai-sdk'],
  ['AsyncOpenAI/Python 1.109.1', 'openai-sdk'],
  ['Anthropic/JS 1.14.0', 'anthropic-sdk'],
  ['Anthropic/Python 0.69.0', 'anthropic-sdk'],
  ['AsyncAnthropic/Python 0.69.0', 'anthropic-sdk'],
  ['ai/6.0.333 ai-sdk/openai/3.0.141 ai-sdk/provider-utils/4.0.65 runtime/node.js/v20.20.2', 'vercel-ai-sdk'],
  ['ai-sdk/openai/3.0.141 ai-sdk/provider-utils/4.0.65 runtime/node.js/v20.20.2', 'vercel-ai-sdk'],
  ['ai-sdk/anthropic/3.0.140 runtime/node.js/v22.1.0', 'vercel-ai-sdk'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Cursor/1.7.2 Chrome/132.0 Electron/34.3.2 Safari/537.36', 'cursor'],
  ['curl/8.5.0', 'curl'],
  ['python-httpx/0.28.1', 'python-httpx'],
  ['my-agent', 'my-agent'],
  ['', 'unknown'],
  ['(no product) ///', 'unknown'],
];

describe('app identity', () => {
  for (const [ua, app] of KNOWN) {
    it(`${JSON.stringify(ua.slice(0, 60))} → ${app}`, () => assert.equal(appOf(ua, undefined), app));
  }

  it('the Vercel AI SDK is one app for generateText (ai/…) and streamText (ai-sdk/…)', () => {
    assert.equal(appOf('ai/6.0.333 ai-sdk/provider-utils/4.0.65', undefined), appOf('ai-sdk/openai/3.0.141 ai-sdk/provider-utils/4.0.65', undefined));
  });

  it('x-aegis-app names the app when it is a valid name; anything else is ignored', () => {
    assert.equal(appOf('OpenAI/JS 6.49.0', 'billing-bot'), 'billing-bot');
    assert.equal(appOf(undefined, 'billing-bot'), 'billing-bot');
    for (const bad of ['', ' spaced ', 'a'.repeat(65), 'two words', 'x\u0000y', '../etc', 'ümlaut']) {
      assert.equal(appOf('curl/8', bad), 'curl', JSON.stringify(bad));
    }
  });

  it('reads product names only, never comments, for any header text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (ua) => {
      for (const name of productNames(ua)) assert.match(name, /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/);
      const app = appOf(ua, undefined);
      assert.match(app, /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/);
    }));
  });

  describe('ClientIdentifier', () => {
    const scanner = compileScanner({});
    const clients = new ClientIdentifier((t) => scanner.scan(t));

    it('keeps the User-Agent for the audit, capped, with control characters dropped and findings masked', () => {
      const id = clients.identify({ 'user-agent': 'curl/8.5.0 (contact alice@corp.example)\u0007' });
      assert.deepEqual(id, { app: 'curl', userAgent: 'curl/8.5.0 (contact [EMAIL])' });
      assert.equal(clients.identify({ 'user-agent': `x/1 ${'y'.repeat(2000)}` }).userAgent!.length, 512);
      assert.deepEqual(clients.identify({}), { app: 'unknown', userAgent: undefined });
    });

    it('an app name a detector flags is never used', () => {
      assert.equal(clients.identify({ 'user-agent': 'curl/8', 'x-aegis-app': 'alice@corp.example' }).app, 'curl', 'not a valid name');
      const key = awsKey(70);
      assert.equal(clients.identify({ 'x-aegis-app': key }).app, 'unknown');
      assert.equal(clients.identify({ 'user-agent': `${key}/1.0` }).app, 'unknown');
    });

    it('answers from its cache, and a scan that throws keeps nothing unchecked', () => {
      let calls = 0;
      const counting = new ClientIdentifier((t) => (calls++, scanner.scan(t)));
      for (let i = 0; i < 5; i++) counting.identify({ 'user-agent': 'OpenAI/JS 6.49.0' });
      assert.equal(calls, 2, 'app name and User-Agent are scanned once');
      const broken = new ClientIdentifier(() => {
        throw new Error('detector failed');
      });
      assert.deepEqual(broken.identify({ 'user-agent': 'curl/8' }), { app: 'unknown', userAgent: undefined });
    });
  });
});
