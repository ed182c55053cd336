// One end-to-end stack: the fake provider, the real gateway through its CLI (as a user runs it), and
// chromium on the dashboard. Each test file starts its own, so files can run side by side.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { spawnGateway, tempDir, type ChildGateway } from '../helpers/gateway.js';
import { launchBrowser, type Browser } from './browser.js';
import { ensureRendererBuilt } from './build.js';

export interface Stack extends Browser {
  gateway: ChildGateway;
  fake: FakeProvider;
  /** The gateway's base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** The one-time login URL from the listening line. */
  login: string;
  /** The `--config` file the gateway was started with (it is watched: edits apply without a restart). */
  configFile: string;
  /** The admin token from the data dir (what Electron's preload hands the page). */
  adminToken: string;
  /** An OpenAI SDK client pointed at the gateway (the client's own key passes through). */
  openai: OpenAI;
  /** Opens a fresh login link and waits for the live stream (login.test.ts covers the listening line's own). */
  signIn(): Promise<void>;
  /** A direct admin API call with the admin token, for setup and checks outside the page. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startStack(config: object = {}): Promise<Stack> {
  const built = ensureRendererBuilt();
  const fake = await startFakeProvider();
  const dir = tempDir('aegis-e2e-');
  const dataDir = join(dir, 'data');
  const file = join(dir, 'config.json');
  // The fake provider is steered by x-fake-* headers, which the provider header allowlist would drop.
  const upstream = { forwardHeaders: ['x-fake-*'], ...(config as { upstream?: object }).upstream };
  writeFileSync(file, JSON.stringify({ log: { level: 'warn' }, ...config, upstream }));
  const gateway = await spawnGateway([
    'serve', '--port', '0', '--data-dir', dataDir, '--config', file, '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`,
  ]);
  const [browser] = await Promise.all([launchBrowser(), built]);
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const url = gateway.url;
  const admin = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  if (!gateway.line.login) throw new Error(`the listening line has no login URL: ${JSON.stringify(gateway.line)}`);

  return {
    ...browser,
    gateway,
    fake,
    url,
    login: gateway.line.login,
    configFile: file,
    adminToken: token,
    openai: new OpenAI({ apiKey: 'sk-e2e-client-own-key', baseURL: `${url}/v1`, maxRetries: 0, timeout: 30_000 }),
    admin,
    async signIn() {
      const { url: link } = await admin<{ url: string }>('POST', '/admin/login-links');
      await browser.page.goto(link);
      await browser.page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
    },
    async stop() {
      await browser.close();
      gateway.proc.kill('SIGTERM');
      const killer = setTimeout(() => gateway.proc.kill('SIGKILL'), 10_000);
      await gateway.exited;
      clearTimeout(killer);
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
