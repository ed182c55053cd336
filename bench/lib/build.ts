// The bench measures the built gateway (dist/), as the packaged app runs it: rebuild when a source
// file is newer than the build.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(path) : e.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
  }
  return newest;
}

export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist/gateway/cli.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newestSource(join(ROOT, 'gateway'))) return;
  console.log('bench: building dist/ (tsc -p tsconfig.build.json)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
