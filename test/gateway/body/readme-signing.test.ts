// The README's "Signing requests" snippet, run verbatim with node against a gateway that requires
// signatures: what users copy must work.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir, type TestGateway } from '../../helpers/gateway.js';

const README = join(import.meta.dirname, '../../../README.md');

function signingSnippet(): string {
  const text = readFileSync(README, 'utf8');
  const section = text.indexOf('### Signing requests');
  assert.ok(section >= 0, 'README has a "Signing requests" section');
  const match = /```js\n([\s\S]*?)```/.exec(text.slice(section));
  assert.ok(match, 'the section has a js code block');
  return match[1]!;
}

describe('README signing snippet', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, { auth: { signing: 'required' } });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  it('signs a request the gateway accepts, every time it runs', async (t) => {
    const dir = tempDir('aegis-readme-');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'sign.mjs');
    writeFileSync(file, signingSnippet());
    const env = { ...process.env, AEGISGATE_DATA_DIR: gateway.dataDir, AEGISGATE_URL: gateway.url, OPENAI_API_KEY: 'sk-readme' };
    for (let run = 0; run < 2; run++) {
      const { stdout } = await promisify(execFile)(process.execPath, [file], { env });
      assert.match(stdout, /^200 /, stdout);
      assert.match(stdout, /echo: Hello/);
    }
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.requests[0]!.headers.authorization, 'Bearer sk-readme');
  });
});
