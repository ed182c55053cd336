import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs `npm run dist`'s script with the Electron download pointed at `mirror`; no proxy, no probe skip. */
function runDist(mirror: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror };
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'AEGIS_DIST_SKIP_PROBE', 'ELECTRON_CUSTOM_DIR']) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/dist.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)));
}

function assertExplains(result: { code: number | null; stdout: string; stderr: string }, missing: RegExp) {
  assert.equal(result.code, 1);
  // It stopped before building: nothing ran that prints to stdout.
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, 'one paragraph');
  const [message] = lines;
  assert.match(message, /^aegisgate dist: cannot build the desktop installers here: /);
  assert.match(message, missing);
  assert.match(message, /Packaging needs internet access/);
  assert.match(message, /Electron 45\.5\.0 binary/);
  assert.match(message, /`npm start` still runs the headless gateway/);
}

test('npm run dist without a reachable Electron download: one clear paragraph, exit 1, no build', async (t) => {
  // A port that was just free: nothing answers there.
  const closed = createServer();
  const url = await listen(closed);
  await new Promise((r) => closed.close(r));
  assertExplains(await runDist(url), /the Electron 45\.5\.0 download at http:\/\/127\.0\.0\.1:\d+\/v45\.5\.0\/SHASUMS256\.txt cannot be reached \(ECONNREFUSED\)/);

  // A mirror that answers but does not have this version.
  const seen: string[] = [];
  const mirror = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  const mirrorUrl = await listen(mirror);
  t.after(() => mirror.close());
  assertExplains(await runDist(`${mirrorUrl}electron`), /answered HTTP 404/);
  assert.deepEqual(seen, ['HEAD /electron/v45.5.0/SHASUMS256.txt']);
});
