// The headless `npm start` runs the compiled gateway (dist/), as the desktop start and the packaged app
// do. From TypeScript sources through tsx it costs about 20 MB more RSS at idle (tsx's module loader
// runs on a thread of its own for the process's lifetime, and every module's source map is kept) and
// more CPU per request (docs/benchmarks.md, "Issue 16, last goals").
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Everything the compiled gateway is made from: its sources and the compiler settings. */
function sourceDigest(root) {
  const hash = createHash('sha256');
  const add = (path) => hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) add(path);
    }
  };
  walk(join(root, 'gateway'));
  for (const f of ['tsconfig.base.json', 'tsconfig.build.json', 'package.json']) add(join(root, f));
  return hash.digest('hex');
}

/**
 * The path of dist/gateway/cli.js, compiled first when the sources differ from what it was built
 * from (a content digest, so mtimes that lie after a copy or an unpack do not matter); undefined
 * when the sources do not compile (then the caller starts from source, and says why).
 */
export function compiledGateway(root) {
  const cli = join(root, 'dist', 'gateway', 'cli.js');
  const stamp = join(root, 'dist', '.gateway-sources');
  const digest = sourceDigest(root);
  if (existsSync(cli) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return cli;
  console.error('aegisgate: compiling the gateway (sources changed since dist/ was built)…');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 || !existsSync(cli)) {
    const first = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? `exit ${r.status ?? r.signal}`;
    console.error(`aegisgate: the gateway does not compile (${first.trim()}); starting it from source instead.`);
    return undefined;
  }
  writeFileSync(stamp, digest);
  return cli;
}
