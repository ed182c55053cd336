import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardUrl } from '../../electron/dashboard-url.js';
import { CONTENT_SECURITY_POLICY as GATEWAY_UI_CSP } from '../../gateway/ui/headers.js';
import {
  CONTENT_SECURITY_POLICY, DASHBOARD_PARTITION, denyPermission, externalUrl, isDashboardUrl, windowOpenDecision, windowOptions, withCsp,
} from '../../electron/window-options.js';

const ORIGIN = 'http://127.0.0.1:18080';

test('every hardening flag is set explicitly', () => {
  const options = windowOptions({ preload: '/app/dist/electron/preload/index.js', devTools: false });
  assert.equal(options.show, false);
  assert.ok((options.width ?? 0) >= 1000 && (options.height ?? 0) >= 700);
  assert.deepEqual(options.webPreferences, {
    preload: '/app/dist/electron/preload/index.js',
    partition: DASHBOARD_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
  });
  assert.ok(!DASHBOARD_PARTITION.startsWith('persist:'), 'the dashboard session stays in memory');
});

test('navigation is allowed on the dashboard origin only', () => {
  const allowed = [`${ORIGIN}/ui/`, `${ORIGIN}/ui/#/confirmations`, `${ORIGIN}/admin/health`, 'HTTP://127.0.0.1:18080/ui/', `${ORIGIN}/ui/?x=1`];
  for (const url of allowed) assert.equal(isDashboardUrl(url, ORIGIN), true, url);
  const refused = [
    'http://127.0.0.1:18081/ui/', // another port
    'http://localhost:18080/ui/', // another host name for the same socket is another origin
    'http://127.0.0.1.evil.com:18080/ui/',
    'http://127.0.0.1.evil.com/',
    'http://127.0.0.1:18080@evil.com/',
    'http://evil.com/?u=http://127.0.0.1:18080/',
    'http://user:pass@127.0.0.1:18080/ui/',
    'https://127.0.0.1:18080/ui/',
    'http://[::ffff:127.0.0.1]:18080/ui/',
    'javascript:alert(1)',
    'javascript://127.0.0.1:18080/%0aalert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    `blob:${ORIGIN}/7a1c7e7e-0000-4000-8000-000000000000`,
    `filesystem:${ORIGIN}/temporary/x`,
    'about:blank',
    '//127.0.0.1:18080/ui/',
    'not a url',
    '',
  ];
  for (const url of refused) assert.equal(isDashboardUrl(url, ORIGIN), false, url);
});

test('window.open is always denied; only http(s) links go to the external browser', () => {
  assert.deepEqual(windowOpenDecision('https://docs.anthropic.com/en/docs/claude-code'), {
    action: 'deny',
    openExternally: 'https://docs.anthropic.com/en/docs/claude-code',
  });
  assert.deepEqual(windowOpenDecision(`${ORIGIN}/ui/`), { action: 'deny', openExternally: `${ORIGIN}/ui/` });
  for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'vscode://x', 'data:text/html,x', 'about:blank', '']) {
    assert.deepEqual(windowOpenDecision(url), { action: 'deny' }, url);
    assert.equal(externalUrl(url), undefined, url);
  }
});

test('permission requests and checks are denied', () => {
  assert.equal(denyPermission(), false);
});

test('the CSP is appended to whatever the server sent, under one header name', () => {
  assert.ok(CONTENT_SECURITY_POLICY.startsWith("default-src 'self'"));
  for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) assert.ok(CONTENT_SECURITY_POLICY.includes(d), d);
  assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  assert.deepEqual(withCsp({ 'content-type': ['text/html'], 'content-security-policy': ["default-src 'self'"] }), {
    'content-type': ['text/html'],
    'Content-Security-Policy': ["default-src 'self'", CONTENT_SECURITY_POLICY],
  });
});

/** Directive → sources, for the fetch directives a page load uses (default-src fills the gaps). */
function effectiveSources(csp: string): Map<string, Set<string>> {
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources] as const));
  const fallback = directives.get('default-src') ?? ['*'];
  const kinds = ['script-src', 'style-src', 'img-src', 'connect-src', 'font-src', 'media-src', 'worker-src', 'manifest-src'];
  return new Map(kinds.map((k) => [k, new Set(directives.get(k) ?? fallback)]));
}

test("the window's CSP allows everything the gateway's dashboard CSP allows (both are enforced)", () => {
  const ours = effectiveSources(CONTENT_SECURITY_POLICY);
  for (const [kind, sources] of effectiveSources(GATEWAY_UI_CSP)) {
    for (const source of sources) assert.ok(ours.get(kind)?.has(source), `${kind} ${source} is allowed by the gateway but blocked in the window`);
  }
});

test('dashboard pages are hash routes under /ui/', () => {
  assert.equal(dashboardUrl(ORIGIN), `${ORIGIN}/ui/`);
  assert.equal(dashboardUrl(`${ORIGIN}/`, 'confirmations'), `${ORIGIN}/ui/#/confirmations`);
  assert.equal(isDashboardUrl(dashboardUrl(ORIGIN, 'status'), ORIGIN), true);
});
