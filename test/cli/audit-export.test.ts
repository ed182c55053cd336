// `aegisgate audit export` next to a running gateway child on the same data dir: JSON lines, oldest
// first, filtered by --since/--until, read-only (the gateway keeps serving and writing), no secrets.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Value } from '@sinclair/typebox/value';
import { AuditEventSchema, type AuditEvent } from '../../gateway/admin/contract.js';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { runCli, serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { tempDir } from '../helpers/gateway.js';
import { postJson, send } from '../helpers/http.js';

const SECRET_EMAIL = 'carol.canary@example.com';
const CLIENT_KEY = 'sk-client-EXPORTCANARY-1234567890';

const parseLines = (stdout: string): AuditEvent[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEvent);

describe('aegisgate audit export', () => {
  let fake: FakeProvider;
  let child: ServedChild;
  let mark: number;
  const chat = async (text: string) => {
    const res = await postJson(child.url, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: text }] }, { authorization: `Bearer ${CLIENT_KEY}` });
    assert.equal(res.status, 200, res.text);
  };
  /** The gateway's own view (admin API), once every exchange so far is durable. */
  const stored = async (count: number): Promise<void> => {
    const token = readFileSync(join(child.dataDir, 'admin-token'), 'utf8').trim();
    for (let i = 0; i < 100; i++) {
      const res = await send(child.url, '/admin/audit?limit=500', { headers: { authorization: `Bearer ${token}` } });
      if ((res.json as { events: unknown[] }).events.length >= count) return;
      await sleep(20);
    }
    throw new Error(`fewer than ${count} audit events stored`);
  };
  const exportRun = (...args: string[]) => runCli(['audit', 'export', '--data-dir', child.dataDir, ...args]);

  before(async () => {
    fake = await startFakeProvider();
    child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url } });
    for (let i = 0; i < 3; i++) await chat(`early ${i} from ${SECRET_EMAIL}`);
    await sleep(30);
    mark = Date.now();
    await sleep(5);
    for (let i = 0; i < 2; i++) await chat(`late ${i}`);
    await stored(5);
  });
  after(async () => {
    await child.stop();
    await fake.close();
  });

  it('writes every event as a JSON line, oldest first, while the gateway runs', async () => {
    const run = await exportRun();
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const events = parseLines(run.stdout);
    assert.equal(events.length, 5);
    for (const e of events) assert.ok(Value.Check(AuditEventSchema, e), JSON.stringify(e));
    for (let i = 1; i < events.length; i++) assert.ok(events[i].time >= events[i - 1].time);
    assert.equal(events[0].findings.pii, 1);
    assert.ok(!run.stdout.includes(SECRET_EMAIL) && !run.stdout.includes('EXPORTCANARY'), 'no secrets in the export');
    // The gateway was not disturbed: it still serves, and its next event is stored.
    await chat('after the export');
    await stored(6);
    assert.equal(parseLines((await exportRun('--format', 'jsonl')).stdout).length, 6);
  });

  it('filters with --since and --until (ISO 8601, epoch ms, or a span ago)', async () => {
    const [all, since, until, span, empty] = await Promise.all([
      exportRun(),
      exportRun('--since', new Date(mark).toISOString()),
      exportRun('--until', String(mark)),
      exportRun('--since', '1h'),
      exportRun('--since', '2001-01-01', '--until', '2001-01-02'),
    ]);
    const ids = (run: { stdout: string }) => parseLines(run.stdout).map((e) => e.id);
    const events = parseLines(all.stdout);
    assert.deepEqual(ids(since), events.filter((e) => e.time >= mark).map((e) => e.id));
    assert.equal(ids(since).length, events.length - 3);
    assert.deepEqual(ids(until), events.slice(0, 3).map((e) => e.id));
    assert.deepEqual(ids(span), ids(all));
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, '');
  });

  it('exports while the gateway is writing', async () => {
    const burst = Promise.all(Array.from({ length: 20 }, (_, i) => chat(`burst ${i}`)));
    const runs = await Promise.all([exportRun(), exportRun('--since', '1h')]);
    await burst;
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      const ids = parseLines(run.stdout).map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length);
    }
  });

  it('exits 2 for a format other than jsonl, a bad time or an unknown flag, writing nothing to stdout', async () => {
    const cases = [['--format', 'csv'], ['--since', 'last tuesday'], ['--until', '2026-02-30'], ['--verbose']];
    const runs = await Promise.all([...cases.map((args) => exportRun(...args)), runCli(['audit', 'import'])]);
    runs.forEach((run, i) => {
      assert.equal(run.code, 2, String(cases[i] ?? 'audit import'));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^aegisgate: /);
    });
    assert.match(runs[0].stderr, /--format supports only jsonl/);
  });
});

describe('aegisgate audit export without a gateway', () => {
  it('exits 1 naming the missing database, and creates nothing', async () => {
    const dir = tempDir('aegis-export-');
    try {
      const dataDir = join(dir, 'never-used');
      const run = await runCli(['audit', 'export', '--data-dir', dataDir]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no audit database at .*never-used/);
      assert.equal(existsSync(dataDir), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a stopped gateway\'s data dir', async () => {
    const fake = await startFakeProvider();
    const child = await serveChild({ upstreams: { openai: fake.url } });
    try {
      const res = await postJson(child.url, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'one' }] }, { authorization: 'Bearer sk-x' });
      assert.equal(res.status, 200);
      child.proc.kill('SIGTERM');
      await child.exited;
      const run = await runCli(['audit', 'export', '--data-dir', child.dataDir]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(parseLines(run.stdout).length, 1);
    } finally {
      await child.stop();
      await fake.close();
    }
  });
});
