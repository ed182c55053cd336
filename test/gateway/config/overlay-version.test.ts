// The stored admin overlay's version: an older one is migrated step by step, a missing one counts as
// version 1, and one a newer build wrote is not applied and never overwritten, without stopping the
// gateway. Against a real SQLite store.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import pino from 'pino';
import { ErrorResponseSchema } from '../../../gateway/admin/contract.js';
import { ConfigError } from '../../../gateway/config/load.js';
import { migrateOverlay, OVERLAY_KEY, OVERLAY_VERSION, readOverlay, type OverlayStep } from '../../../gateway/config/overlay-version.js';
import { RuntimeConfig } from '../../../gateway/config/runtime.js';
import { startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir as gatewayDir } from '../../helpers/gateway.js';
import { startAdminRig } from '../admin/rig.js';
import { openTestStore, tempDir } from '../store/helpers.js';

// Two made-up steps: version 1 named the timeout `confirmTimeout`, version 2 `confirm.timeout`.
const steps: OverlayStep[] = [
  ({ confirmTimeout, ...rest }) => (confirmTimeout === undefined ? rest : { ...rest, confirm: { timeout: confirmTimeout } }),
  ({ confirm, ...rest }) => (confirm === undefined ? rest : { ...rest, confirm: { timeoutSec: (confirm as { timeout: number }).timeout } }),
];

describe('migrateOverlay', () => {
  it('runs every step from the stored version to the current one, in order', async (t) => {
    const store = await openTestStore(t, await tempDir(t));
    await store.settings.put(OVERLAY_KEY, { confirmTimeout: 30, relay: { enabled: true } }, 1);
    assert.deepEqual(await readOverlay(store.settings, steps), { overlay: { relay: { enabled: true }, confirm: { timeoutSec: 30 } }, from: 1, newer: false });
    await store.settings.put(OVERLAY_KEY, { confirm: { timeout: 45 } }, 2);
    assert.deepEqual(await readOverlay(store.settings, steps), { overlay: { confirm: { timeoutSec: 45 } }, from: 2, newer: false });
    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 60 } }, 3);
    assert.deepEqual(await readOverlay(store.settings, steps), { overlay: { confirm: { timeoutSec: 60 } }, from: 3, newer: false });
  });

  it('counts a missing version as version 1', () => {
    assert.deepEqual(migrateOverlay({ value: { confirmTimeout: 30 } }, steps), { overlay: { confirm: { timeoutSec: 30 } }, from: 1, newer: false });
    assert.deepEqual(migrateOverlay({ version: null, value: { confirmTimeout: 30 } }, steps).overlay, { confirm: { timeoutSec: 30 } });
    assert.deepEqual(migrateOverlay(undefined, steps), { overlay: {}, from: 1, newer: false });
  });

  it('does not apply a version newer than the last step', () => {
    assert.deepEqual(migrateOverlay({ version: 4, value: { confirm: { timeoutSec: 60 } } }, steps), { overlay: {}, from: 4, newer: true });
  });

  it('this build writes version 1, the only shape stored so far', () => {
    assert.equal(OVERLAY_VERSION, 1);
  });
});

describe('RuntimeConfig and the stored overlay version', () => {
  it('applies a current overlay, and one stored without a version (0, which no build writes) as version 1', async (t) => {
    const store = await openTestStore(t, await tempDir(t));
    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 30 } }, 1);
    assert.equal((await RuntimeConfig.load({}, store.settings)).current.confirm.timeoutSec, 30);
    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 45 } }, 0);
    const runtime = await RuntimeConfig.load({}, store.settings);
    assert.equal(runtime.current.confirm.timeoutSec, 45);
    assert.equal(runtime.newerOverlay, undefined);
    // The next update writes the current version.
    await runtime.update({ relay: { enabled: true } });
    assert.equal((await store.settings.get(OVERLAY_KEY))?.version, OVERLAY_VERSION);
  });

  it('ignores a newer overlay, refuses updates and leaves the stored copy as it was', async (t) => {
    const store = await openTestStore(t, await tempDir(t));
    const newer = { confirm: { timeoutSec: 30 }, someFutureField: true };
    await store.settings.put(OVERLAY_KEY, newer, OVERLAY_VERSION + 1);
    const runtime = await RuntimeConfig.load({ file: { confirm: { timeoutSec: 90 } } }, store.settings);
    assert.equal(runtime.newerOverlay, OVERLAY_VERSION + 1);
    assert.equal(runtime.current.confirm.timeoutSec, 90, 'the file layer applies');
    assert.deepEqual(runtime.overlay, {});
    await assert.rejects(runtime.update({ relay: { enabled: true } }), (err) => err instanceof ConfigError && /newer AegisGate \(settings version 2, this build knows 1\)/.test(err.message));
    assert.equal(runtime.current.relay.enabled, false);
    const stored = await store.settings.get(OVERLAY_KEY);
    assert.deepEqual({ version: stored?.version, value: stored?.value }, { version: OVERLAY_VERSION + 1, value: newer });
  });

  it('a reload that finds a newer overlay keeps the running config; a current one again makes it writable', async (t) => {
    const store = await openTestStore(t, await tempDir(t));
    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 30 } }, 1);
    const runtime = await RuntimeConfig.load({}, store.settings);
    const seen: number[] = [];
    runtime.onChange((c) => seen.push(c.confirm.timeoutSec));

    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 45 } }, OVERLAY_VERSION + 1);
    await runtime.reload();
    assert.equal(runtime.current.confirm.timeoutSec, 30);
    assert.deepEqual(runtime.overlay, { confirm: { timeoutSec: 30 } });
    assert.equal(runtime.newerOverlay, OVERLAY_VERSION + 1);
    assert.deepEqual(seen, []);
    await assert.rejects(runtime.update({ relay: { enabled: true } }), ConfigError);

    await store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 60 } }, OVERLAY_VERSION);
    await runtime.reload();
    assert.equal(runtime.newerOverlay, undefined);
    assert.deepEqual(seen, [60]);
    await runtime.update({ relay: { enabled: true } });
    assert.equal(runtime.current.relay.enabled, true);
  });

  it('a gateway over a data dir with a newer overlay starts, logs why and refuses admin config changes', async () => {
    const fake = await startFakeProvider();
    const dataDir = gatewayDir();
    const lines: { level: number; msg: string; settingsVersion?: number }[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => done(void lines.push(JSON.parse(String(chunk)))) }));
    try {
      const first = await startTestGateway(fake.url, {}, { dataDir });
      await first.store.settings.put(OVERLAY_KEY, { confirm: { timeoutSec: 30 } }, OVERLAY_VERSION + 1);
      await first.close();

      const again = await startAdminRig({}, { fake, dataDir, logger });
      try {
        assert.equal(again.gw.runtime.newerOverlay, OVERLAY_VERSION + 1);
        assert.equal(again.gw.config.confirm.timeoutSec, new RuntimeConfig({}).current.confirm.timeoutSec);
        const logged = lines.find((l) => l.settingsVersion === OVERLAY_VERSION + 1);
        assert.ok(logged && logged.level === 50 && /newer AegisGate/.test(logged.msg), JSON.stringify(lines));
        const put = await again.api('/admin/config', { method: 'PUT', body: { relay: { enabled: true } } });
        assert.equal(put.status, 400);
        assert.ok(Value.Check(ErrorResponseSchema, put.json), JSON.stringify(put.json));
        assert.match((put.json as { error: { code: string; message: string } }).error.message, /newer AegisGate/);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await fake.close();
    }
  });
});
