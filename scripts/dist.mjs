// `npm run dist`: desktop installers for this platform (electron-builder.yml; extra arguments go to
// electron-builder, e.g. `npm run dist -- --linux deb`). Packaging downloads Electron, its headers
// (to rebuild better-sqlite3) and per-target tools, so without internet access it stops first and says so.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const PROBE_TIMEOUT_MS = 15_000;

function electronVersion() {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  return existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : undefined;
}

/** One paragraph: what is missing, why packaging needs the network, and what still works here. */
function fail(missing, version = electronVersion() ?? '(unknown version)') {
  console.error(
    `aegisgate dist: cannot build the desktop installers here: ${missing}. ` +
      `Packaging needs internet access: electron-builder downloads the Electron ${version} binary for ${process.platform}-${process.arch} ` +
      'and its packaging tools (AppImage, deb, NSIS, DMG), and rebuilding better-sqlite3 for Electron downloads Electron\'s headers. ' +
      'Run `npm run dist` on a machine with internet access (or set ELECTRON_MIRROR to a reachable mirror). ' +
      '`npm start` still runs the headless gateway and dashboard on this machine.',
  );
  process.exit(1);
}

/**
 * Asks the place electron-builder will download Electron from whether it answers, before spending a
 * build on it. Skipped behind a proxy (electron-builder honours proxies, Node's fetch does not) and
 * with AEGIS_DIST_SKIP_PROBE=1 (an offline machine with a warm electron-builder cache).
 */
async function probeElectronDownload(version) {
  if (process.env.AEGIS_DIST_SKIP_PROBE === '1') return;
  if (['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((v) => process.env[v])) return;
  const mirror = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
  const dir = process.env.ELECTRON_CUSTOM_DIR?.replaceAll('{{ version }}', version) || `v${version}`;
  const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}${dir}/SHASUMS256.txt`;
  let status;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    status = res.status;
  } catch (err) {
    const cause = err.cause?.code ?? err.cause?.message ?? err.name ?? String(err);
    fail(`the Electron ${version} download at ${url} cannot be reached (${cause})`, version);
  }
  if (status >= 400) fail(`the Electron ${version} download at ${url} answered HTTP ${status}`, version);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  return r.status ?? 1;
}

const version = electronVersion();
if (version === undefined) fail('the electron package is not installed (run `npm ci`)');
if (!existsSync(bin('electron-builder'))) fail('the electron-builder package is not installed (run `npm ci`)', version);
await probeElectronDownload(version);

const built = run('npm', ['run', '--silent', 'build']);
if (built !== 0) process.exit(built);

// electron-builder rebuilds better-sqlite3 in place for Electron's ABI; the Node build is put back
// afterwards so `aegisgate serve` and the tests keep working in this checkout.
const addon = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const saved = existsSync(addon) ? join(mkdtempSync(join(tmpdir(), 'aegisgate-dist-')), 'better_sqlite3.node') : undefined;
if (saved) copyFileSync(addon, saved);
let status;
try {
  status = run(bin('electron-builder'), ['--config', 'electron-builder.yml', ...process.argv.slice(2)]);
} finally {
  if (saved) {
    copyFileSync(saved, addon);
    rmSync(join(saved, '..'), { recursive: true, force: true });
  }
}
if (status !== 0) fail(`electron-builder stopped with exit code ${status} (its output is above; a failed download shows there)`, version);
console.error('aegisgate dist: installers are in release/.');
