// Builds the renderer for the end-to-end tests once, and only when renderer/dist is missing or older
// than any source: a lock directory keeps concurrent test files from building at the same time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'renderer');
const INDEX = join(RENDERER, 'dist/index.html');
const LOCK = join(ROOT, 'node_modules/.cache/e2e-renderer-build.lock');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
/** Beyond the renderer itself, the build reads the admin contract's types only: no rebuild for those. */
const SKIP = new Set(['dist', 'node_modules']);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const upToDate = () => existsSync(INDEX) && statSync(INDEX).mtimeMs >= newestSource(RENDERER);

export async function ensureRendererBuilt(): Promise<void> {
  if (upToDate()) return;
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (waited > 120_000) throw new Error(`renderer build lock held for 2 minutes: ${LOCK}`);
      await sleep(200);
    }
  }
  try {
    if (upToDate()) return;
    const run = spawnSync(process.execPath, [VITE, 'build', '--config', join(RENDERER, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`renderer build failed:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
