// `npm start`: the desktop app where Electron can run; otherwise the headless gateway, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledGateway } from './compiled-gateway.mjs';

const root = new URL('..', import.meta.url).pathname;
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

/** Why the desktop app cannot run here, or undefined when it can (downloading Electron if needed). */
function whyNotDesktop() {
  if (process.env.AEGIS_HEADLESS === '1') return 'AEGIS_HEADLESS=1 is set';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  if (!existsSync(electronDir)) return 'the electron package is not installed';
  if (!electronBinary()) {
    console.error('aegisgate: fetching the Electron binary (first desktop start)…');
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
    if (r.status !== 0 || !electronBinary()) {
      const detail = (r.stderr?.toString() ?? '').split('\n').find((l) => l.trim()) ?? 'unknown error';
      return `the Electron binary could not be downloaded (${detail.trim()})`;
    }
  }
  return whyNoSqliteInElectron(electronBinary());
}

/**
 * node_modules holds one build of better-sqlite3, and the tests and `aegisgate serve` need Node's.
 * Electron's ABI differs, so the desktop app starts only where the addon was built for Electron.
 */
function whyNoSqliteInElectron(bin) {
  const probe = "new (require('better-sqlite3'))(':memory:').close()";
  const r = spawnSync(bin, ['-e', probe], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  if (r.status === 0) return undefined;
  const stderr = r.stderr?.toString() ?? '';
  if (/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED/.test(stderr)) {
    return 'better-sqlite3 in node_modules is built for Node, not for Electron '
      + '(`npx electron-builder install-app-deps` builds it for Electron; `npm rebuild better-sqlite3` switches back for the tests)';
  }
  const detail = stderr.split('\n').find((l) => l.trim()) ?? `exit ${r.status ?? r.signal}`;
  return `Electron could not load better-sqlite3 (${detail.trim()})`;
}

function run(cmd, args) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const reason = whyNotDesktop();
if (reason === undefined) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
  run(electronBinary(), [root, ...process.argv.slice(2)]);
} else {
  console.error(`aegisgate: starting the headless gateway and dashboard, because ${reason}.`);
  if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) {
    console.error('aegisgate: building the dashboard (first start)…');
    spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  }
  serveHeadless();
}

/** Runs `aegisgate serve` (compiled, as the desktop start does), passing its stdout through and pointing the user at the dashboard login. */
function serveHeadless() {
  const entry = compiledGateway(root) ?? join(root, 'bin', 'aegisgate.js');
  // The bin's shebang flag applies only when the bin is executed itself, so pass it here too
  // (a larger young generation: about 10 % less CPU per request under load, docs/benchmarks.md).
  const child = spawn(process.execPath, ['--max-semi-space-size=64', entry, 'serve', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'], cwd: root });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  let first = true;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!first) return;
    first = false;
    try {
      const line = JSON.parse(chunk.toString().split('\n', 1)[0]);
      if (line.event === 'listening') {
        console.error(`aegisgate: gateway at ${line.url} — point your tools there (see README).`);
        console.error(`aegisgate: dashboard: open ${line.login} (one-time link; \`aegisgate login\` prints a new one).`);
      }
    } catch {
      // not the listening line: nothing to point at
    }
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}
