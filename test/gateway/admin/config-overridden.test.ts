// A config change a command-line flag overrides is refused (409 GW_ERR_CONFIG_OVERRIDDEN naming the
// flag) instead of answering 200 and changing nothing; GET shows which fields a flag sets and the saved
// value underneath. The real CLI, as a user starts it with --upstream.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfigView } from '../../../gateway/admin/contract.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { spawnGateway, tempDir, type ChildGateway } from '../../helpers/gateway.js';

describe('admin config overridden by a flag', () => {
  let fake: FakeProvider;
  let gw: ChildGateway;
  let dir: string;
  let token: string;
  const api = async (method: string, body?: unknown) => {
    const res = await fetch(`${gw.url}/admin/config`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  before(async () => {
    fake = await startFakeProvider();
    dir = tempDir('aegis-flag-');
    // A named provider from the config file, its base URL overridden by a flag too.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ providers: { 'local-llm': { kind: 'openai', baseUrl: 'http://127.0.0.1:9/llm' } } }));
    gw = await spawnGateway([
      'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', join(dir, 'config.json'),
      '--upstream', `openai=${fake.url}`, '--upstream', `local-llm=${fake.url}/llm`,
    ]);
    token = readFileSync(join(dir, 'data', 'admin-token'), 'utf8').trim();
  });
  after(async () => {
    gw.proc.kill('SIGTERM');
    await gw.exited;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET names the flag and the saved value it hides', async () => {
    const { json } = await api('GET');
    const view = json as ConfigView;
    assert.equal(view.config.providers.openai.baseUrl, fake.url);
    assert.deepEqual(view.overrides['providers.openai.baseUrl'], { flag: '--upstream openai=URL', saved: 'https://api.openai.com' });
    assert.deepEqual(view.overrides.port, { flag: '--port', saved: 18080 });
    assert.equal(view.overrides['providers.anthropic.baseUrl'], undefined);
    assert.deepEqual(view.overrides['providers.local-llm.baseUrl'], { flag: '--upstream local-llm=URL', saved: 'http://127.0.0.1:9/llm' });
    assert.equal(view.config.providers['local-llm']!.baseUrl, `${fake.url}/llm`);
  });

  it('a named provider\'s flag-set base URL is refused the same way', async () => {
    const res = await api('PUT', { providers: { 'local-llm': { baseUrl: 'http://127.0.0.1:9/other' } } });
    assert.equal(res.status, 409);
    assert.match((res.json as { error: { message: string } }).error.message, /providers\.local-llm\.baseUrl is set by --upstream local-llm=URL/);
  });

  it('PUT of a flag-set field is 409 GW_ERR_CONFIG_OVERRIDDEN naming the flag, and nothing is saved', async () => {
    const res = await api('PUT', { providers: { openai: { baseUrl: 'http://127.0.0.1:9/elsewhere' } } });
    assert.equal(res.status, 409);
    const err = (res.json as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'GW_ERR_CONFIG_OVERRIDDEN');
    assert.match(err.message, /providers\.openai\.baseUrl is set by --upstream openai=URL/);
    const after = (await api('GET')).json as ConfigView;
    assert.deepEqual(after.overlay, {});
    assert.equal(after.config.providers.openai.baseUrl, fake.url);
  });

  it('fields no flag sets still change, including the other provider', async () => {
    const res = await api('PUT', { providers: { anthropic: { baseUrl: 'http://127.0.0.1:9/anthropic' } } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal((res.json as ConfigView).config.providers.anthropic.baseUrl, 'http://127.0.0.1:9/anthropic');
  });
});
