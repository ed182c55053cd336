// Installs a pinned client into .cache/clients/ on demand, from the npm registry, outside the
// project's node_modules: once per pin (the directory name carries a hash of the package list), into
// a temporary directory first, renamed into place only when complete.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PINS, type ClientName } from './pins.js';

const run = promisify(execFile);
export const CACHE_DIR = join(import.meta.dirname, '../../.cache/clients');
const MARKER = 'installed.json';

export function clientDir(name: ClientName): string {
  const hash = createHash('sha256').update(PINS[name].packages.join('\n')).digest('hex').slice(0, 12);
  return join(CACHE_DIR, `${name}-${hash}`);
}

/** The install directory of `name`, installing it first when the cache does not have it yet. */
export async function ensureClient(name: ClientName): Promise<string> {
  const dir = clientDir(name);
  if (existsSync(join(dir, MARKER))) return dir;
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, 'package.json'), JSON.stringify({ name: `aegis-client-${name}`, private: true, type: 'module' }));
  // No install scripts: the native binaries arrive as optional dependencies, and nothing else may run.
  await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error', ...PINS[name].packages], {
    cwd: tmp,
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  await writeFile(join(tmp, MARKER), JSON.stringify({ packages: PINS[name].packages, at: new Date().toISOString() }));
  try {
    await rename(tmp, dir);
  } catch (err) {
    // Another test process finished the same install first; theirs is as good as ours.
    if (!existsSync(join(dir, MARKER))) throw err;
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}
