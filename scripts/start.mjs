// `npm start`: the desktop app where Electron can run; otherwise the headless gateway, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
  if (electronBinary()) return undefined;
  console.error('aegisgate: fetching the Electron binary (first desktop start)…');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (r.status === 0 && electronBinary()) return undefined;
  const detail = (r.stderr?.toString() ?? '').split('\n').find((l) => l.trim()) ?? 'unknown error';
  return `the Electron binary could not be downloaded (${detail.trim()})`;
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
  run(process.execPath, [join(root, 'bin', 'aegisgate.js'), 'serve', ...process.argv.slice(2)]);
}
