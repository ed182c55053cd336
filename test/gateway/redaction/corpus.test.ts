// The evasion corpus, end to end: every case through the real gateway to the fake provider (which
// records what it received, decoded), then the echo back through the gateway. Leaks: an original value
// in what the provider received, in any spelling a model would read the same (invisible characters
// dropped, NFKC folded). False positives: a hard negative that did not arrive byte-identical. Both
// must be zero, and every reply must give the client exactly the text it sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { send } from '../../helpers/http.js';
import { CHANNELS, type Channel } from './corpus/channels.js';
import { EVASION_CASES } from './corpus/evasion-cases.js';
import { NEGATIVE_CASES } from './corpus/negative-cases.js';
import { REDACTION_CONFIG } from './plants.js';
import { stringsIn } from './upstream-checks.js';

const CODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/** What a model reads: default-ignorable code points (zero-width, bidi, tags, variation selectors…) dropped, NFKC. */
const read = (text: string) => text.replace(/\p{Default_Ignorable_Code_Point}/gu, '').normalize('NFKC');
/** Any run this long of a secret, as read, counts as a leak (a partly redacted value leaks too). */
const LEAK_WINDOW = 16;

function leaked(secret: string, upstream: string): boolean {
  const s = read(secret);
  if (s.length <= LEAK_WINDOW) return upstream.includes(s);
  for (let i = 0; i + LEAK_WINDOW <= s.length; i++) if (upstream.includes(s.slice(i, i + LEAK_WINDOW))) return true;
  return false;
}

describe('evasion corpus through the gateway', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  const tally = { evasion: 0, leaks: [] as string[], negatives: 0, falsePositives: [] as string[], unrestored: [] as string[] };

  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, REDACTION_CONFIG);
  });
  after(async () => {
    // The line CI logs show: what the corpus proved this run.
    console.log(`corpus: ${tally.evasion} evasion, ${tally.leaks.length} leaks; ${tally.negatives} negatives, ${tally.falsePositives.length} false positives`);
    await gw?.close();
    await fake?.close();
  });

  /** Sends `text` on `channel`; what the provider received (decoded strings, as a model reads them) and what the client got back. */
  async function exchange(channel: Channel, text: string): Promise<{ upstream: string; raw: unknown; path: string; echoed: string; redactions: number }> {
    const spec = CHANNELS[channel];
    const before = fake.requests.length;
    const json = Buffer.from(JSON.stringify(spec.body(text)));
    const body = spec.encoding === undefined ? json : CODERS[spec.encoding](json);
    const headers = { 'content-type': 'application/json', ...spec.headers, ...(spec.encoding ? { 'content-encoding': spec.encoding } : {}) };
    const res = await send(gw.url, spec.target?.(text) ?? spec.path, { method: 'POST', body, headers });
    assert.equal(res.status, 200, `${channel}: ${res.text}`);
    assert.equal(fake.requests.length, before + 1, 'one request reached the provider');
    const got = fake.requests.at(-1)!;
    const upstream = [got.decodedPath, got.body.toString('utf8'), ...stringsIn(got.json)].map(read).join('\n');
    return { upstream, raw: got.json, path: got.path, echoed: spec.echoed(res.json), redactions: Number(res.headers['x-aegis-redactions']) };
  }

  it('has at least 40 evasion cases and 20 hard negatives, over every channel', () => {
    assert.ok(EVASION_CASES.length >= 40 && NEGATIVE_CASES.length >= 20);
    const channels = new Set([...EVASION_CASES, ...NEGATIVE_CASES].map((c) => c.channel));
    assert.deepEqual([...channels].sort(), Object.keys(CHANNELS).sort());
  });

  for (const c of EVASION_CASES) {
    it(`evasion: ${c.name} (${c.channel}) — nothing leaks, the reply restores exactly`, async () => {
      const r = await exchange(c.channel, c.text);
      tally.evasion++;
      const leaks = c.secrets.filter((secret) => leaked(secret, r.upstream));
      if (leaks.length > 0) tally.leaks.push(c.name);
      if (r.echoed.replace(/^echo: /, '') !== c.text) tally.unrestored.push(c.name);
      assert.deepEqual(leaks, [], `${c.name}: leaked to the provider`);
      assert.ok(r.redactions >= c.secrets.length - 1 && r.redactions > 0, `${c.name}: ${r.redactions} redactions`);
      assert.equal(r.echoed.replace(/^echo: /, ''), c.text, `${c.name}: the client got back exactly what it sent`);
    });
  }

  for (const c of NEGATIVE_CASES) {
    it(`negative: ${c.name} (${c.channel}) — reaches the provider byte-identical`, async () => {
      const r = await exchange(c.channel, c.text);
      tally.negatives++;
      const sent = JSON.stringify(CHANNELS[c.channel].body(c.text));
      const identical = JSON.stringify(r.raw) === sent;
      if (!identical) tally.falsePositives.push(c.name);
      assert.equal(JSON.stringify(r.raw), sent, `${c.name}: changed on the way to the provider`);
      const spec = CHANNELS[c.channel];
      assert.equal(r.path, spec.target?.(c.text) ?? spec.path, `${c.name}: the request target changed`);
      assert.equal(r.redactions, 0);
      assert.equal(r.echoed.replace(/^echo: /, ''), c.text);
    });
  }

  it('adds up: 0 leaks, 0 false positives, every reply restored', () => {
    assert.deepEqual({ leaks: tally.leaks, falsePositives: tally.falsePositives, unrestored: tally.unrestored }, { leaks: [], falsePositives: [], unrestored: [] });
    assert.equal(tally.evasion, EVASION_CASES.length);
    assert.equal(tally.negatives, NEGATIVE_CASES.length);
  });
});

describe('the whole evasion corpus in one request above the worker threshold', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, { ...REDACTION_CONFIG, scan: { ...REDACTION_CONFIG.scan, workers: 1, workerThresholdChars: 64 * 1024 } });
  });
  after(async () => {
    await gw?.close();
    await fake?.close();
  });

  it('is scanned on a worker thread with the same normalised view: nothing leaks, the reply restores exactly', async () => {
    const filler = 'INFO request handled in 12ms — ok ✓ 日志\n'.repeat(400);
    const text = Array.from({ length: 4 }, () => EVASION_CASES.map((c) => `${c.text}\n${filler}`).join('')).join('');
    assert.ok(text.length > 200 * 1024);
    const spec = CHANNELS['openai-chat'];
    const json = Buffer.from(JSON.stringify(spec.body(text)));
    const body = spec.encoding === undefined ? json : CODERS[spec.encoding](json);
    const headers = { 'content-type': 'application/json', ...spec.headers, ...(spec.encoding ? { 'content-encoding': spec.encoding } : {}) };
    const res = await send(gw.url, spec.target?.(text) ?? spec.path, { method: 'POST', body, headers });
    assert.equal(res.status, 200, res.text);
    const got = fake.requests.at(-1)!;
    const upstream = [got.body.toString('utf8'), ...stringsIn(got.json)].map(read).join('\n');
    const leaks = EVASION_CASES.flatMap((c) => c.secrets.filter((secret) => leaked(secret, upstream)).map(() => c.name));
    assert.deepEqual(leaks, []);
    assert.equal(spec.echoed(res.json), text);
  });
});
