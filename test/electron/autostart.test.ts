import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  AUTOSTART_FILE, autostartEntry, chooseStartAtLogin, HIDDEN_FLAG, quoteExecArg, xdgStartAtLogin, type LoginItemApi, type StartAtLoginContext,
} from '../../electron/autostart.js';

function fakeLoginItems() {
  const state = { openAtLogin: false, args: [] as string[] };
  const api: LoginItemApi = {
    getLoginItemSettings: () => ({ openAtLogin: state.openAtLogin }),
    setLoginItemSettings: (s) => Object.assign(state, { openAtLogin: s.openAtLogin, args: s.args ?? [] }),
  };
  return { api, state };
}

const ctx = (over: Partial<StartAtLoginContext>): StartAtLoginContext => ({
  platform: 'linux', isPackaged: true, env: {}, execPath: '/opt/AegisGate/aegisgate-desktop', homeDir: '/home/u', loginItems: fakeLoginItems().api, ...over,
});

test('Exec quoting follows the Desktop Entry spec', () => {
  assert.equal(quoteExecArg('/opt/Aegis Gate/app'), '"/opt/Aegis Gate/app"');
  assert.equal(quoteExecArg('/x/$HOME/`id`/"q"/back\\slash/100%'), '"/x/\\$HOME/\\`id\\`/\\"q\\"/back\\\\slash/100%%"');
  assert.match(autostartEntry('/opt/AegisGate/aegisgate-desktop'), /^Exec="\/opt\/AegisGate\/aegisgate-desktop" --hidden$/m);
});

test('Linux: an XDG autostart file, written, detected and removed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-autostart-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const autostart = join(dir, 'autostart');
  const login = xdgStartAtLogin(autostart, '/apps/AegisGate.AppImage');
  assert.equal(await login.enabled(), false);
  await login.set(true);
  assert.equal(await login.enabled(), true);
  const text = await readFile(join(autostart, AUTOSTART_FILE), 'utf8');
  assert.match(text, /^\[Desktop Entry\]\nType=Application\n/);
  assert.ok(text.includes(`Exec="/apps/AegisGate.AppImage" ${HIDDEN_FLAG}`));
  await login.set(false);
  assert.equal(await login.enabled(), false);
  await login.set(false); // idempotent
});

test('which mechanism: login items on macOS/Windows, XDG on Linux (the AppImage itself), none unpackaged', async () => {
  const { api, state } = fakeLoginItems();
  const mac = chooseStartAtLogin(ctx({ platform: 'darwin', loginItems: api }));
  assert.equal(mac.supported, true);
  await mac.set(true);
  assert.deepEqual(state, { openAtLogin: true, args: [HIDDEN_FLAG] });
  assert.equal(await mac.enabled(), true);
  assert.equal(chooseStartAtLogin(ctx({ isPackaged: false })).supported, false);
  assert.equal(chooseStartAtLogin(ctx({ platform: 'freebsd' })).supported, false);

  const dir = await mkdtemp(join(tmpdir(), 'aegis-xdg-'));
  try {
    const linux = chooseStartAtLogin(ctx({ env: { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/u/AegisGate.AppImage' } }));
    await linux.set(true);
    assert.ok((await readFile(join(dir, 'autostart', AUTOSTART_FILE), 'utf8')).includes('Exec="/home/u/AegisGate.AppImage"'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
