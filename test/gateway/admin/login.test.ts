// The dashboard's login: one-time login links exchanged for an HttpOnly SameSite=Strict session
// cookie, the cookie as an admin credential (reads freely, writes only with the page's own Origin),
// logout, login links minted with the bearer token, and the admin token accepted for the desktop shell.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { LoginLinkSchema, SessionResponseSchema, type LoginLink } from '../../../gateway/admin/contract.js';
import { send, type HttpResult, type SendOptions } from '../../helpers/http.js';
import { startAdminRig, type AdminRig } from './rig.js';

const codeOf = (res: HttpResult) => (res.json as { error: { code: string } }).error.code;
const setCookies = (res: HttpResult): string[] => res.headers['set-cookie'] ?? [];
const tokenOf = (url: string) => /#token=([A-Za-z0-9_-]+)$/.exec(url)![1]!;

describe('dashboard login and session cookie', () => {
  let rig: AdminRig;
  let own: string;
  before(async () => {
    rig = await startAdminRig();
    own = rig.gw.url;
  });
  after(() => rig.close());

  /** Without a bearer token, as a browser page would call. */
  const browser = (path: string, opts: SendOptions = {}) => send(rig.gw.url, path, opts);
  const newLink = async (): Promise<LoginLink> => {
    const res = await rig.api('/admin/login-links', { method: 'POST' });
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(LoginLinkSchema, res.json));
    return res.json as LoginLink;
  };
  const signIn = async (token: string): Promise<string> => {
    const res = await browser('/admin/session', { body: { token }, headers: { origin: own } });
    assert.equal(res.status, 200, res.text);
    return /^aegis_session=([^;]+)/.exec(setCookies(res)[0]!)![1]!;
  };

  it('mints one-time login URLs under /ui/ with the bearer token only', async () => {
    const link = await newLink();
    assert.match(link.url, new RegExp(`^${own.replaceAll('.', '\\.')}/ui/#token=[A-Za-z0-9_-]{43}$`));
    assert.ok(link.expiresAt > Date.now() + 14 * 60_000 && link.expiresAt <= Date.now() + 15 * 60_000);
    assert.notEqual(tokenOf((await newLink()).url), tokenOf(link.url));
    assert.equal((await browser('/admin/login-links', { method: 'POST' })).status, 401);
  });

  it('exchanges a login token once for an HttpOnly, SameSite=Strict session cookie', async () => {
    const { url } = await newLink();
    const res = await browser('/admin/session', { body: { token: tokenOf(url) }, headers: { origin: own } });
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(SessionResponseSchema, res.json));
    const cookies = setCookies(res);
    assert.equal(cookies.length, 1);
    const [pair, ...attrs] = cookies[0]!.split(/;\s*/);
    assert.match(pair!, /^aegis_session=[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(attrs.map((a) => a.toLowerCase()).sort(), ['httponly', 'max-age=43200', 'path=/', 'samesite=strict']);

    const again = await browser('/admin/session', { body: { token: tokenOf(url) }, headers: { origin: own } });
    assert.equal(again.status, 401, 'a login token works once');
    assert.equal(codeOf(again), 'GW_ERR_ADMIN_UNAUTHORIZED');
    assert.deepEqual(setCookies(again), []);
  });

  it('needs the page Origin to sign in, and refuses unknown tokens', async () => {
    const token = tokenOf((await newLink()).url);
    for (const headers of [{}, { origin: 'http://evil.example' }, { origin: own, 'sec-fetch-site': 'cross-site' }]) {
      const res = await browser('/admin/session', { body: { token }, headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(codeOf(res), 'GW_ERR_ADMIN_ORIGIN');
    }
    // Refused attempts did not use the token up.
    await signIn(token);
    const unknown = await browser('/admin/session', { body: { token: 'A'.repeat(43) }, headers: { origin: own } });
    assert.equal(unknown.status, 401);
  });

  it('accepts the admin token itself (the desktop shell) without using up any login link', async () => {
    const link = tokenOf((await newLink()).url);
    const cookie = await signIn(rig.token);
    assert.equal((await browser('/admin/health', { headers: { cookie: `aegis_session=${cookie}` } })).status, 200);
    assert.notEqual(await signIn(rig.token), cookie, 'each sign-in opens its own session');
    await signIn(link);
  });

  it('admits the cookie for reads; writes need the page Origin (CSRF)', async () => {
    const cookie = `aegis_session=${await signIn(tokenOf((await newLink()).url))}`;
    assert.equal((await browser('/admin/health', { headers: { cookie } })).status, 200);
    assert.equal((await browser('/admin/confirmations', { headers: { cookie } })).status, 200);

    const rule = { match: { detector: 'email', app: 'login-test' }, action: 'allow', lifetime: { kind: 'always' } };
    for (const headers of [{ cookie }, { cookie, origin: 'http://evil.example' }, { cookie, origin: `http://127.0.0.1:${Number(new URL(own).port) + 1}` }]) {
      const res = await browser('/admin/rules', { body: rule, headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(codeOf(res), 'GW_ERR_ADMIN_ORIGIN');
    }
    assert.equal((await browser('/admin/keys/ck_none', { method: 'DELETE', headers: { cookie } })).status, 403);
    assert.ok(!rig.gw.app.policy.rules.some((r) => r.match.app === 'login-test'), 'nothing changed');

    const ok = await browser('/admin/rules', { body: rule, headers: { cookie, origin: own } });
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await browser(`/admin/rules/${(ok.json as { rule: { id: string } }).rule.id}`, { method: 'DELETE', headers: { cookie, origin: own } })).status, 204);
    // Login links can be minted from the dashboard too.
    assert.equal((await browser('/admin/login-links', { method: 'POST', headers: { cookie, origin: own } })).status, 200);
  });

  it('treats an unknown session cookie as no credential: 401 alone, and a valid bearer still wins', async () => {
    const stale = 'aegis_session=not-a-session-this-gateway-issued';
    const alone = await browser('/admin/health', { headers: { cookie: stale } });
    assert.equal(alone.status, 401);
    assert.equal((await rig.api('/admin/health', { headers: { cookie: stale } })).status, 200);
  });

  it('logs out: the cookie is cleared and stops working', async () => {
    const id = await signIn(tokenOf((await newLink()).url));
    const cookie = `aegis_session=${id}`;
    assert.equal((await browser('/admin/session', { method: 'DELETE', headers: { cookie } })).status, 403, 'logout also needs the page Origin');
    const out = await browser('/admin/session', { method: 'DELETE', headers: { cookie, origin: own } });
    assert.equal(out.status, 204);
    assert.match(setCookies(out)[0]!, /^aegis_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    assert.equal((await browser('/admin/health', { headers: { cookie } })).status, 401);
  });

  it('the page a login URL opens is served by the gateway itself, with its CSP, built or not', async () => {
    const root = await browser('/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.location, '/ui/');
    const page = await browser('/ui/', { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } });
    assert.ok(page.status === 200 || page.status === 503, `${page.status}`);
    assert.match(String(page.headers['content-security-policy']), /^default-src 'self'; /);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  });

  it('session cookie routes keep the admin API gate: unknown paths 404 only after auth', async () => {
    const cookie = `aegis_session=${await signIn(rig.token)}`;
    assert.equal((await browser('/admin/nope')).status, 401);
    assert.equal((await browser('/admin/nope', { headers: { cookie } })).status, 404);
  });
});
