// The login URL as a headless user gets it: the `login` field of `aegisgate serve`'s one listening
// line, and `aegisgate login`, which asks the running gateway for a fresh one with the admin token
// from the data dir. Both sign in once through POST /admin/session. Failure modes run in-process
// (each CLI start costs seconds of CPU under tsx).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../../gateway/config/load.js';
import { loginCommand, LoginLinkError, requestLoginLink } from '../../../gateway/login-command.js';
import { runCli, serveChild, type ServedChild } from '../../helpers/child-gateway.js';
import { tempDir } from '../../helpers/gateway.js';
import { send } from '../../helpers/http.js';

const LOGIN_URL = /^http:\/\/127\.0\.0\.1:(\d+)\/ui\/#token=([A-Za-z0-9_-]{43})$/;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('login URLs from the command line', () => {
  let child: ServedChild;
  before(async () => {
    child = await serveChild();
  });
  after(async () => {
    await child.stop();
  });

  const signIn = (url: string, token: string) => send(url, '/admin/session', { body: { token }, headers: { origin: url } });

  it('serve prints the login URL in its one listening line; the token signs in once', async () => {
    const lines = child.stdout().split('\n').filter(Boolean);
    assert.equal(lines.length, 1, 'exactly one line on stdout');
    const line = JSON.parse(lines[0]!) as { event: string; url: string; login: string };
    const m = LOGIN_URL.exec(line.login);
    assert.ok(m, line.login);
    assert.ok(line.login.startsWith(`${line.url}/ui/`));
    assert.equal((await signIn(line.url, m[2]!)).status, 200);
    assert.equal((await signIn(line.url, m[2]!)).status, 401);
  });

  it('aegisgate login prints a fresh one-time URL from the running gateway', async () => {
    const run = await runCli(['login', '--data-dir', child.dataDir, '--url', child.url]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, run.stdout);
    const m = LOGIN_URL.exec(lines[0]!);
    assert.ok(m, lines[0]);
    assert.equal(m[1], new URL(child.url).port);
    assert.match(run.stderr, /once/);
    assert.ok(!run.stderr.includes(m[2]!), 'the token is printed once, on stdout');
    assert.equal((await signIn(child.url, m[2]!)).status, 200);
  });

  it('says why when there is no token, no gateway, or a gateway with another token', async () => {
    const dir = tempDir('aegis-login-');
    try {
      const base = new URL(child.url);
      await assert.rejects(requestLoginLink(base, dir), (e: Error) => e instanceof LoginLinkError && /no admin token/.test(e.message));
      await assert.rejects(requestLoginLink(new URL(`http://127.0.0.1:${await closedPort()}`), child.dataDir), (e: Error) => e instanceof LoginLinkError && /no gateway answered/.test(e.message));
      writeFileSync(join(dir, 'admin-token'), `${'A'.repeat(43)}\n`);
      await assert.rejects(requestLoginLink(base, dir), (e: Error) => e instanceof LoginLinkError && /does not accept the admin token/.test(e.message));
      assert.match((await requestLoginLink(base, child.dataDir)).url, LOGIN_URL);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad flags as usage errors (exit 2)', async () => {
    for (const argv of [['--url', 'not a url'], ['--url', 'https://127.0.0.1:1'], ['--url', 'http://127.0.0.1:1', '--config', 'x.yaml']]) {
      await assert.rejects(loginCommand(argv), ConfigError, argv.join(' '));
    }
    await assert.rejects(loginCommand(['--nope']), (e: Error) => (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION');
  });
});
