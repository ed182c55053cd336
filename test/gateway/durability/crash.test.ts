// Crash durability of the whole gateway, as a user runs it: `aegisgate serve` as a child process in
// front of the fake provider, a burst of concurrent requests carrying PII, and `kill -9` at a random
// moment mid-burst, ten times over one data dir. While the burst runs, the test keeps reading the
// audit trail through `GET /admin/audit`; an event the admin API returned had been read from the
// database, so it was committed ("acknowledged"). After every kill and restart on the same data dir:
//   - every event acknowledged before any kill so far is still there, and none is duplicated (each
//     request's unique model name appears in at most one event, and only names the test sent appear);
//   - `GET /admin/health` reports the unclean shutdown and `integrity: 'ok'`;
//   - the gateway serves (and redacts and restores) requests again.
// After the last kill, `aegisgate audit export` reads the crashed data dir read-only and must list the
// same acknowledged events. (The store-level version of this test, without HTTP, is
// test/gateway/store/crash-durability.test.ts.)
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { startFakeProvider } from '../../fake-provider/index.js';
import { runCli } from '../../helpers/child-gateway.js';
import { spawnGateway, tempDir, type ChildGateway } from '../../helpers/gateway.js';
import { postJson } from '../../helpers/http.js';
import { AdminClient } from './admin-client.js';
import { startBurst } from './burst.js';

const CYCLES = 10;
const CONCURRENCY = 20;
/** The kill comes 200–1500 ms (uniformly random) after the first acknowledged event of the cycle. */
const KILL_AFTER_MS = { min: 200, max: 1500 };

/** No event may be lost, duplicated or invented: checked on whatever the API or the export returned. */
function checkEvents(events: AuditEvent[], acked: ReadonlySet<string>, sent: ReadonlySet<string>, where: string): void {
  const ids = new Set<string>();
  const tags = new Set<string>();
  for (const e of events) {
    assert.ok(!ids.has(e.id), `${where}: event ${e.id} listed twice`);
    ids.add(e.id);
    assert.ok(e.model !== undefined && sent.has(e.model), `${where}: event ${e.id} is for a request never sent (${e.model})`);
    assert.ok(!tags.has(e.model), `${where}: request ${e.model} has two audit events`);
    tags.add(e.model);
  }
  const lost = [...acked].filter((id) => !ids.has(id));
  assert.deepEqual(lost, [], `${where}: ${lost.length} of ${acked.size} acknowledged events are missing`);
}

/** Reads the audit trail of this cycle over and over until stopped, adding every event seen to `acked`. */
async function pollAcks(admin: AdminClient, since: number, acked: Set<string>, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    try {
      // Newest first: once a page brings nothing new, older pages were read by an earlier pass.
      for await (const page of admin.auditPages(since)) {
        let fresh = 0;
        for (const e of page) {
          if (!acked.has(e.id)) fresh++;
          acked.add(e.id);
        }
        if (fresh === 0) break;
      }
    } catch (err) {
      if (stopped()) return; // the gateway was killed mid-read
      throw err;
    }
    await sleep(20);
  }
}

test(`kill -9 a gateway child mid-burst ${CYCLES} times: acknowledged audit events survive, health reports the crash`, async (t) => {
  const fake = await startFakeProvider({ record: false });
  const dir = tempDir('aegis-crash-');
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'config.json');
  // Unique per-request limits would only add 429s; warn-level logs keep stderr small.
  writeFileSync(configFile, JSON.stringify({
    log: { level: 'warn' },
    rateLimit: { requestsPerMinute: 100_000_000, burst: 1_000_000, concurrent: 100_000 },
  }));
  const args = ['serve', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`];
  let child: ChildGateway | undefined;
  t.after(async () => {
    child?.proc.kill('SIGKILL');
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const acked = new Set<string>();
  const sent = new Set<string>();
  const started = performance.now();
  let startupMs = 0;

  for (let cycle = 0; cycle <= CYCLES; cycle++) {
    const t0 = performance.now();
    child = await spawnGateway(args);
    startupMs += performance.now() - t0;
    const admin = new AdminClient(child.url, dataDir);
    try {
      // (b) the store's startup report, as the admin API shows it.
      const { store } = await admin.health();
      if (cycle === 0) assert.deepEqual([store.uncleanShutdown, store.integrity], [false, 'skipped'], 'a fresh data dir starts clean');
      else assert.deepEqual([store.uncleanShutdown, store.integrity], [true, 'ok'], `restart ${cycle}: the kill was noticed and integrity_check passed`);

      // (a) nothing acknowledged before any kill so far is missing, nothing is duplicated.
      checkEvents(await admin.allEvents(), acked, sent, `restart ${cycle}`);

      // (c) the gateway serves again: redacts upstream, restores for the client.
      const email = `after-crash-${cycle}@example-crash.org`;
      const check = await postJson(child.url, '/v1/chat/completions', { model: `check-${cycle}`, messages: [{ role: 'user', content: `mail ${email}` }] }, { authorization: 'Bearer sk-client-own' });
      assert.equal(check.status, 200, check.text);
      assert.match(check.text, new RegExp(`echo: mail ${email.replace(/\./g, '\\.')}`), 'the placeholder was restored');
      sent.add(`check-${cycle}`);
      if (cycle === CYCLES) break;

      // The burst, the readers, and the kill at a random moment once something is acknowledged.
      const since = Date.now();
      const before = acked.size;
      const burst = startBurst(child.url, `c${cycle}`, CONCURRENCY);
      let stopped = false;
      const poller = pollAcks(admin, since, acked, () => stopped);
      const deadline = performance.now() + 20_000;
      while (acked.size === before && performance.now() < deadline) await sleep(10);
      assert.ok(acked.size > before, `cycle ${cycle}: an audit event was acknowledged within 20 s (failures: ${burst.failures.slice(0, 3).join('; ')})`);
      await sleep(KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      const inFlight = burst.inFlight();
      stopped = true;
      burst.halt();
      child.proc.kill('SIGKILL');
      assert.equal(await child.exited, 'SIGKILL');
      await Promise.all([burst.finished(), poller]);
      for (const tag of burst.sent) sent.add(tag);
      assert.deepEqual(burst.failures, [], `cycle ${cycle}: every request before the kill succeeded`);
      assert.ok(inFlight > 0, `cycle ${cycle}: the kill came mid-burst (${inFlight} requests in flight)`);
      t.diagnostic(`cycle ${cycle}: ${burst.ok()} answered, ${acked.size - before} acknowledged, ${inFlight} in flight at the kill`);
    } finally {
      await admin.close();
    }

    if (cycle === CYCLES - 1) {
      // The read-only CLI export on the crashed data dir (no gateway running) sees the same trail.
      const exported = await runCli(['audit', 'export', '--data-dir', dataDir]);
      assert.equal(exported.code, 0, exported.stderr);
      const events = exported.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent);
      checkEvents(events, acked, sent, 'audit export after the last kill');
    }
  }

  // A clean stop after all that: exit 0, and the open marker is gone, so the next start will not check.
  assert.ok(child);
  child.proc.kill('SIGTERM');
  assert.equal(await child.exited, 0, child.stderr());
  assert.equal(existsSync(join(dataDir, 'aegisgate.db.open')), false);
  t.diagnostic(`${acked.size} acknowledged events checked over ${CYCLES} kills; ${CYCLES + 1} start-ups took ${Math.round(startupMs)} ms of ${Math.round(performance.now() - started)} ms`);
});
