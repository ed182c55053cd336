// `aegisgate login` talks only to a gateway that proves it holds the data dir's admin token: a
// process squatting the port (or relaying to the real gateway) never receives the token and gets
// nothing it can use; the data dir's own gateway is found through its state file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LoginLinkError, requestLoginLink } from '../../gateway/login-command.js';
import { GATEWAY_STATE_FILE, readGatewayState } from '../../gateway/admin/state-file.js';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { send } from '../helpers/http.js';

const LOGIN_URL = /^http:\/\/127\.0\.0\.1:\d+\/ui\/#token=([A-Za-z0-9_-]{43})$/;

/** A server that records every request it gets, whole, and answers with `answer` (or relays to `relayTo`). */
async function squatter(answer: (body: string) => { status: number; body: string }, relayTo?: string) {
  const seen: string[] = [];
  const answered: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}`);
      if (relayTo === undefined) {
        const a = answer(body);
        answered.push(a.body);
        res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
        return;
      }
      const target = new URL(req.url!, relayTo);
      const up = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (upRes) => {
        const out: Buffer[] = [];
        upRes.on('data', (c: Buffer) => out.push(c));
        upRes.on('end', () => {
          answered.push(Buffer.concat(out).toString('utf8'));
          res.writeHead(upRes.statusCode ?? 502, { 'content-type': 'application/json' }).end(Buffer.concat(out));
        });
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: new URL(`http://127.0.0.1:${port}`), seen, answered, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('aegisgate login against a squatter', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  let token: string;
  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url);
    token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });

  const signIn = (base: string, t: string) => send(base, '/admin/session', { body: { token: t }, headers: { origin: base } });

  for (const [what, answer] of [
    ['answers 200 with a made-up link', () => ({ status: 200, body: JSON.stringify({ url: 'http://127.0.0.1:1/ui/#token=x', expiresAt: 0 }) })],
    ['answers 200 with a made-up sealed link', () => ({ status: 200, body: JSON.stringify({ proof: '00'.repeat(32), iv: 'AAAAAAAAAAAAAAAA', data: 'AA', tag: 'AAAAAAAAAAAAAAAAAAAAAA' }) })],
    ['answers 404', () => ({ status: 404, body: '{}' })],
  ] as const) {
    it(`a squatter that ${what} is refused and never receives the token`, async () => {
      const sq = await squatter(answer);
      try {
        await assert.rejects(requestLoginLink(sq.url, gw.dataDir), (e: Error) => e instanceof LoginLinkError && /could not prove it holds the admin token/.test(e.message));
        assert.equal(sq.seen.length, 1);
        assert.ok(sq.seen.every((r) => !r.includes(token)), 'the token never reached the squatter');
      } finally {
        await sq.close();
      }
    });
  }

  it('a squatter relaying to the real gateway sees neither the token nor a usable link', async () => {
    const sq = await squatter(() => ({ status: 500, body: '' }), gw.url);
    try {
      const link = await requestLoginLink(sq.url, gw.dataDir);
      const m = LOGIN_URL.exec(link.url);
      assert.ok(m, link.url);
      assert.ok(sq.seen.every((r) => !r.includes(token)), 'the token never crossed the relay');
      assert.ok(sq.answered.every((r) => !r.includes(m[1]!) && !r.includes('#token=')), 'the link crossed it sealed');
      // Replaying the request the relay saw mints nothing new.
      const replay = await send(gw.url, '/admin/login-links/sealed', { body: sq.seen[0]!.split('\n')[2]!, headers: { 'content-type': 'application/json' } });
      assert.equal(replay.status, 401);
      assert.equal((await signIn(gw.url, m[1]!)).status, 200, 'the CLI got a working link');
    } finally {
      await sq.close();
    }
  });

  it("the data dir's state file names the running gateway and its token fingerprint; login through it works", async () => {
    const state = readGatewayState(gw.dataDir);
    assert.ok(state);
    assert.equal(state.url, gw.url);
    assert.equal(state.pid, process.pid);
    assert.ok(!JSON.stringify(state).includes(token));
    const link = await requestLoginLink(new URL(state.url), gw.dataDir);
    const m = LOGIN_URL.exec(link.url);
    assert.ok(m, link.url);
    assert.equal((await signIn(gw.url, m[1]!)).status, 200);
  });

  it('the state file is removed on shutdown', async () => {
    const other = await startTestGateway(fake.url, {}, { dataDir: gw.dataDir + '-2' });
    const path = join(gw.dataDir + '-2', GATEWAY_STATE_FILE);
    assert.ok(existsSync(path));
    await other.close();
    assert.ok(!existsSync(path));
    rmSync(gw.dataDir + '-2', { recursive: true, force: true });
  });
});
