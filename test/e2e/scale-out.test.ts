// Two gateway processes (the real CLI) sharing a real PostgreSQL and Redis, with headless chromium on
// B's dashboard only: A's audit events show up live on B, and an item held on A is listed on B's
// confirmations page, where approving completes the call on A and denying refuses it on A.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { startPostgres, type PgServer } from '../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { sharedKeyFile } from '../gateway/scale-out/rig.js';
import { V } from '../gateway/redaction/plants.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';
import { ensureRendererBuilt } from './build.js';

/** The balanced preset holds a cloud credential for the user to decide. */
const AWS = V.awsKey.value;

describe('scale-out dashboard: B shows and decides what A holds', () => {
  let pg: PgServer;
  let redis: RedisServer;
  let fake: FakeProvider;
  let key: ReturnType<typeof sharedKeyFile>;
  let a: ServedChild;
  let b: ServedChild;
  let browser: Browser;
  let openaiA: OpenAI;

  before(async () => {
    const built = ensureRendererBuilt();
    [pg, redis, fake] = await Promise.all([startPostgres(), startRedis(), startFakeProvider()]);
    key = sharedKeyFile();
    const storeUrl = await pg.createDatabase();
    const serve = () => serveChild({
      upstreams: { openai: fake.url },
      config: { log: { level: 'warn' }, confirm: { timeoutSec: 60 } },
      args: ['--store', storeUrl, '--redis', redis.url, '--master-key-file', key.path],
    });
    // Together, as an operator starting two instances would: the migration race is part of the test.
    [a, b] = await Promise.all([serve(), serve()]);
    [browser] = await Promise.all([launchBrowser(), built]);
    openaiA = new OpenAI({ apiKey: 'sk-e2e-client-own-key', baseURL: `${a.url}/v1`, maxRetries: 0, timeout: 60_000 });

    // Sign in to B only; nothing in this page ever talks to A.
    const token = readFileSync(join(b.dataDir, 'admin-token'), 'utf8').trim();
    const res = await fetch(`${b.url}/admin/login-links`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, await res.clone().text());
    const { url: link } = (await res.json()) as { url: string };
    assert.ok(link.startsWith(b.url), `the login link is B's: ${link}`);
    await browser.page.goto(link);
    await browser.page.locator('[data-testid="stream-status"][data-status="live"]').waitFor({ timeout: 15_000 });
  });
  after(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.close();
    await redis?.destroy();
    pg?.destroy();
    key?.remove();
  });

  const askA = (content: string, model = 'gpt-4.1-mini') => openaiA.chat.completions.create({ model, messages: [{ role: 'user', content }] });

  it("shows A's audit events live on B's dashboard", async () => {
    const { page } = browser;
    await page.getByTestId('nav-live').click();
    const model = 'from-instance-a';
    const reply = await askA('hello from A', model);
    assert.equal(reply.choices[0].message.content, 'echo: hello from A');
    const row = page.getByTestId('audit-row').filter({ hasText: model });
    await row.first().waitFor({ timeout: 10_000 });
    assert.equal(await row.count(), 1);
    await screenshot(page, 'scale-out-live-on-b');
  });

  it("lists A's held item on B's confirmations page; approving it there completes the call on A", async () => {
    const { page } = browser;
    await page.getByTestId('nav-confirmations').click();
    await page.getByTestId('confirmations-empty').waitFor();
    const content = `deploy with ${AWS} now`;
    const call = askA(content);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('pending-count').innerText(), '1');
    assert.ok(!(await page.locator('body').innerText()).includes(AWS), 'the key is masked on B');
    assert.equal(fake.requests.length, 1, 'only the first test reached upstream: nothing forwarded while held');
    await screenshot(page, 'scale-out-held-on-b');

    await item.getByTestId('approve-redacted').click();
    const reply = await call;
    assert.equal(reply.choices[0].message.content, `echo: ${content}`, 'A restored the key in its reply');
    const upstream = JSON.stringify(fake.requests.at(-1)?.json);
    assert.ok(!upstream.includes(AWS), 'sent redacted');
    assert.match(upstream, /\[\[AWS_KEY_[0-9A-Z]{8}\]\]/);
    await page.getByTestId('confirmations-empty').waitFor();
  });

  it("denying a second item held on A in B's page refuses it on A with GW_ERR_CONFIRM_DENIED", async () => {
    const { page } = browser;
    const sent = fake.requests.length;
    // Settled (handled) from the start: the refusal may land while the page is still being driven.
    const outcome = Promise.allSettled([askA(`rotate ${AWS} please`)]);
    const item = page.getByTestId('pending-item');
    await item.waitFor({ timeout: 10_000 });
    await item.getByTestId('deny').click();
    const [r] = await outcome;
    assert.equal(r.status, 'rejected');
    const err = (r as PromiseRejectedResult).reason as unknown;
    assert.ok(err instanceof APIError, String(err));
    assert.equal(err.status, 400);
    assert.equal(err.code, 'GW_ERR_CONFIRM_DENIED');
    assert.equal(fake.requests.length, sent, 'nothing went upstream');
    await page.getByTestId('confirmations-empty').waitFor();
  });
});
