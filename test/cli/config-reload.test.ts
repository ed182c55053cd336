// The --config file reloaded without a restart, through the real CLI as a user runs it: an edit
// changes the next request's behaviour within a second (polled, no fixed sleep), a broken edit is
// reported with the field (log, event stream, health) and changes nothing, a restart-only field is
// named and not applied, and a field the admin API set wins over the file and is named.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import type { ConfigFileStatus, Health } from '../../gateway/admin/contract.js';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { spawnGateway, tempDir, type ChildGateway } from '../helpers/gateway.js';
import { send } from '../helpers/http.js';
import { openAdminStream, type AdminStream } from '../gateway/confirm-e2e/admin-stream.js';

const TERM = 'Project Nightjar';
const BROKEN_TERM = 'Project Heron';

describe('config file reload (aegisgate serve --config FILE)', () => {
  let dir: string;
  let file: string;
  let fake: FakeProvider;
  let gw: ChildGateway;
  let token: string;
  let stream: AdminStream;
  let saves = 0;

  /** Saves the way editors do: a new file renamed over the old one. */
  const save = (config: object) => {
    const tmp = join(dir, `.config.json.${saves++}.tmp`);
    writeFileSync(tmp, JSON.stringify(config, null, 2));
    renameSync(tmp, file);
  };
  const admin = (path: string, opts: Parameters<typeof send>[2] = {}) => send(gw.url, path, { ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });
  /** What the provider received for a chat request carrying `text`. */
  const upstreamOf = async (text: string): Promise<string> => {
    const res = await send(gw.url, '/v1/chat/completions', { body: { model: 'm', messages: [{ role: 'user', content: text }] }, headers: { authorization: 'Bearer sk-test' } });
    assert.equal(res.status, 200, res.text);
    return fake.requests.at(-1)!.body.toString('utf8');
  };
  const health = async () => (await admin('/admin/health')).json as Health;

  before(async () => {
    dir = tempDir('aegis-reload-');
    file = join(dir, 'config.json');
    fake = await startFakeProvider();
    writeFileSync(file, JSON.stringify({ log: { level: 'info' } }));
    const dataDir = join(dir, 'data');
    gw = await spawnGateway(['serve', '--port', '0', '--data-dir', dataDir, '--config', file, '--upstream', `openai=${fake.url}`]);
    token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    stream = await openAdminStream(gw.url, token);
  });
  after(async () => {
    stream?.close();
    gw?.proc.kill('SIGTERM');
    await gw?.exited;
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an edit changes the next request within a second, without a restart, and is announced', async (t) => {
    assert.ok((await upstreamOf(`status of ${TERM}?`)).includes(TERM), 'not a term yet');
    const pid = gw.proc.pid;
    const saved = performance.now();
    save({ log: { level: 'info' }, scan: { denyTerms: [{ pattern: TERM, kind: 'CODENAME' }] } });
    // Poll with requests until the term is redacted; the deadline is the promise.
    let upstream = '';
    while (performance.now() - saved < 1000) {
      upstream = await upstreamOf(`status of ${TERM}?`);
      if (!upstream.includes(TERM)) break;
    }
    const took = performance.now() - saved;
    assert.ok(!upstream.includes(TERM), `still forwarded ${Math.round(took)} ms after the save`);
    t.diagnostic(`the edit applied ${Math.round(took)} ms after the save`);
    assert.match(upstream, /\[\[CODENAME_[0-9A-Z]{8}\]\]/);
    assert.equal(gw.proc.pid, pid);
    assert.equal(gw.proc.exitCode, null, 'no restart');

    const event = await stream.next((e) => e.event === 'config.file');
    const status = JSON.parse(event.data) as ConfigFileStatus;
    assert.equal(status.status, 'applied');
    assert.deepEqual(status.applied, ['scan.denyTerms']);
    assert.equal(status.path, file);
    await stream.next((e) => e.event === 'config' && e.data.includes(TERM));
    assert.equal((await health()).configFile?.status, 'applied');
    assert.match(gw.stderr(), /config file reloaded/);
  });

  it('a broken edit is reported with the field on the stream, in the log and on health, and changes nothing', async () => {
    const seenBefore = Number((await stream.next((e) => e.event === 'config.file')).id);
    save({ log: { level: 'info' }, scan: { denyTerms: [{ pattern: TERM, kind: 'CODENAME' }, { pattern: BROKEN_TERM }] }, limits: { bodyBytes: 'lots' } });
    const event = await stream.next((e) => e.event === 'config.file' && Number(e.id) > seenBefore);
    const status = JSON.parse(event.data) as ConfigFileStatus;
    assert.equal(status.status, 'invalid');
    assert.equal(status.error?.field, 'limits.bodyBytes');
    assert.deepEqual((await health()).configFile?.error?.field, 'limits.bodyBytes');
    assert.match(gw.stderr(), /config file change rejected/);
    assert.match(gw.stderr(), /"field":"limits\.bodyBytes"/);

    const upstream = await upstreamOf(`${TERM} and ${BROKEN_TERM}`);
    assert.ok(!upstream.includes(TERM), 'the running config still redacts the earlier term');
    assert.ok(upstream.includes(BROKEN_TERM), 'nothing of the broken file applied');

    // A YAML syntax error is reported too, naming the file.
    const seen = Number(event.id);
    writeFileSync(file, '{ "scan": [unclosed');
    const syntax = JSON.parse((await stream.next((e) => e.event === 'config.file' && Number(e.id) > seen)).data) as ConfigFileStatus;
    assert.equal(syntax.status, 'invalid');
    assert.equal(syntax.error?.field, '(file)');
    assert.ok(!(await upstreamOf(TERM)).includes(TERM));
  });

  it('a restart-only field is named and not applied; a field the admin API set wins over the file and is named', async () => {
    const put = await admin('/admin/config', { method: 'PUT', body: { confirm: { timeoutSec: 42 } } });
    assert.equal(put.status, 200, put.text);
    const last = Number((await stream.next((e) => e.event === 'config.file')).id);
    const port = new URL(gw.url).port;
    save({ log: { level: 'info' }, port: 1, confirm: { timeoutSec: 7 }, scan: { denyTerms: [{ pattern: TERM, kind: 'CODENAME' }] }, relay: { enabled: true } });
    const status = JSON.parse((await stream.next((e) => e.event === 'config.file' && Number(e.id) > last && e.data.includes('"status":"applied"'))).data) as ConfigFileStatus;
    assert.deepEqual(status.restartRequired, ['port']);
    assert.deepEqual(status.shadowed, ['confirm.timeoutSec']);
    assert.deepEqual(status.applied, ['relay.enabled']);
    const config = (await admin('/admin/config')).json as { config: { port: number; confirm: { timeoutSec: number }; relay: { enabled: boolean } } };
    assert.equal(config.config.confirm.timeoutSec, 42, 'the admin change stays');
    assert.equal(config.config.relay.enabled, true);
    assert.equal(config.config.port, 0, 'the running port setting (the --port flag) stays');
    assert.equal((await health()).url, gw.url, 'still listening where it was');
    assert.equal(new URL((await health()).url).port, port);
    assert.match(gw.stderr(), /need a restart were not applied/);
  });
});
