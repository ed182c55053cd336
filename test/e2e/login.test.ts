// Signing in to the dashboard: the one-time login URL from `aegisgate serve`'s listening line becomes
// an HttpOnly SameSite=Strict session cookie, the token leaves the address bar at once, a reload
// stays signed in, a used link does not work twice, and signing out ends the session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, screenshot } from './browser.js';
import { startStack, type Stack } from './stack.js';

describe('dashboard login', () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => s?.stop());

  const live = () => s.page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
  const loginScreen = async (reason: string) => {
    const screen = s.page.getByTestId('login-screen');
    await screen.waitFor();
    assert.equal(await screen.getAttribute('data-reason'), reason);
    return screen;
  };

  it('without a session says how to get one', async () => {
    await s.page.goto(`${s.url}/ui/`);
    const text = await (await loginScreen('unauthorized')).innerText();
    assert.match(text, /aegisgate serve/);
    assert.match(text, /aegisgate login/);
    await screenshot(s.page, 'login');
  });

  it('signs in through the one-time URL and drops the token from the address bar', async () => {
    const token = new URL(s.login).hash.replace('#token=', '');
    assert.ok(token.length >= 20, s.login);
    await s.page.goto(s.login);
    await live();
    assert.ok(!s.page.url().includes(token), s.page.url());
    assert.equal(new URL(s.page.url()).hash, '');
    const cookies = await s.context.cookies(s.url);
    assert.equal(cookies.length, 1, JSON.stringify(cookies));
    assert.equal(cookies[0].httpOnly, true);
    assert.equal(cookies[0].sameSite, 'Strict');
    assert.ok(!cookies[0].value.includes(token), 'the cookie is not the login token');
  });

  it('stays signed in across a reload', async () => {
    await s.page.reload();
    await live();
    assert.equal(await s.page.getByTestId('login-screen').count(), 0);
  });

  it('refuses a login link the second time', async () => {
    await s.context.clearCookies();
    await s.page.goto('about:blank');
    await s.page.goto(s.login);
    await loginScreen('login-failed');
    assert.ok(!s.page.url().includes('token='), 'a refused token is dropped from the address bar too');
  });

  it('in the desktop shell uses the preload’s token as a bearer header, with no cookie', async () => {
    const shell = await launchBrowser();
    const { context } = shell;
    try {
      await context.addInitScript(`window.aegis = Object.freeze({ token: ${JSON.stringify(s.adminToken)} })`);
      const page = context.pages()[0] ?? (await context.newPage());
      const bearer: string[] = [];
      page.on('request', (req) => {
        if (new URL(req.url()).pathname.startsWith('/admin/')) bearer.push(req.headers().authorization ?? '');
      });
      await page.goto(`${s.url}/ui/#/status`);
      await page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
      await page.getByTestId('status-url').waitFor();
      assert.deepEqual(await context.cookies(s.url), []);
      assert.ok(bearer.length >= 2 && bearer.every((h) => h === `Bearer ${s.adminToken}`), JSON.stringify(bearer));
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'nothing to sign out of');
    } finally {
      await shell.close();
    }
  });

  it('signs out: the session ends and a reload asks to sign in', async () => {
    await s.signIn();
    await s.page.getByRole('button', { name: 'Sign out' }).click();
    await loginScreen('logged-out');
    assert.deepEqual(await s.context.cookies(s.url), []);
    await s.page.reload();
    await loginScreen('unauthorized');
  });
});
