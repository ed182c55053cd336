import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { startDesktopGateway } from '../../electron/gateway-boot.js';
import { SAFE_STORAGE_WRAPPER_ID } from '../../electron/key-wrapper.js';
import { ConfigError } from '../../gateway/config/load.js';
import { EventBus } from '../../gateway/events.js';
import { MASTER_KEY_FILE } from '../../gateway/keys/master-key.js';
import { tempDir } from '../helpers/gateway.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

/** A config file as a user would pass with --config: any free port, quiet logs, no real upstream. */
function configFile(dir: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'aegis.json');
  writeFileSync(path, JSON.stringify({ port: 0, log: { level: 'silent' }, ...extra }));
  return path;
}

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

test('starts the gateway in-process with the keychain wrapping the master key; the token opens the admin API', async (t) => {
  const root = tempDir('aegis-desktop-');
  t.after(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const { logger } = capturingLogger();
  const bus = new EventBus();
  const desktop = await startDesktopGateway({
    launch: { hidden: false, dataDir, configFile: configFile(root) }, safeStorage: fakeSafeStorage().storage, bus, logger,
  });
  t.after(() => desktop.gateway.shutdown());
  // Main subscribes to this bus before the start, so it must be the one the gateway announces on.
  assert.equal(desktop.gateway.app.bus, bus);
  assert.match(desktop.gateway.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(desktop.dataDir, dataDir);
  assert.equal(desktop.keys.protectedBy, 'os-keychain');
  assert.equal(JSON.parse(readFileSync(join(dataDir, MASTER_KEY_FILE), 'utf8')).wrapper, SAFE_STORAGE_WRAPPER_ID);

  const health = `${desktop.gateway.url}/admin/health`;
  assert.equal((await fetch(health)).status, 401);
  const res = await fetch(health, { headers: { authorization: `Bearer ${desktop.adminToken.reveal()}` } });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { dataDir: string }).dataDir, dataDir);

  await desktop.gateway.shutdown();
  await assert.rejects(fetch(health));
});

test('Linux without a keyring: the key stays identity-wrapped and the warning is logged', async (t) => {
  const root = tempDir('aegis-desktop-');
  t.after(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const { logger, lines } = capturingLogger();
  const desktop = await startDesktopGateway({
    launch: { hidden: false, dataDir, configFile: configFile(root) }, safeStorage: fakeSafeStorage({ backend: 'basic_text' }).storage,
    bus: new EventBus(), platform: 'linux', logger,
  });
  t.after(() => desktop.gateway.shutdown());
  assert.equal(desktop.keys.protectedBy, 'file-permissions');
  assert.equal(JSON.parse(readFileSync(join(dataDir, MASTER_KEY_FILE), 'utf8')).wrapper, 'identity');
  assert.ok(lines.some((l) => l.level === 40 && /basic_text/.test(l.msg)), JSON.stringify(lines));
});

test('a bad config is refused before the data dir is touched', async (t) => {
  const root = tempDir('aegis-desktop-');
  t.after(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  await assert.rejects(
    startDesktopGateway({
      launch: { hidden: false, dataDir, configFile: configFile(root, { limits: { bodyBytes: -1 } }) }, safeStorage: fakeSafeStorage().storage,
      bus: new EventBus(), logger: pino({ level: 'silent' }),
    }),
    ConfigError,
  );
  assert.equal(existsSync(dataDir), false);
});
