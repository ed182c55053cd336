// `Expect: 100-continue`, as curl sends for every body over 1 MB: the gateway answers 100 before the
// client sends its body, the exchange succeeds, and `Expect` never reaches the provider (undici
// refuses the header, which used to turn every such request into a 502).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { rawConnect, hostOf } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

const body = (n: number) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(n) }] });

describe('Expect: 100-continue', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());

  it('a raw client that waits for 100 before sending its body gets the answer; Expect is not forwarded', async () => {
    const payload = body(1_200_000);
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\ncontent-type: application/json\r\n`
      + `content-length: ${Buffer.byteLength(payload)}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n`;
    const conn = await rawConnect(rig.url, head);
    await conn.until((t) => t.startsWith('HTTP/1.1 100 Continue\r\n'));
    conn.socket.write(payload);
    const text = await conn.until((t) => /\r\n\r\n[\s\S]*"choices"[\s\S]*\}\s*$/.test(t.slice(t.indexOf('\r\n\r\n') + 4)), 20_000);
    assert.match(text, /\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    const seen = rig.openai.requests.at(-1)!;
    assert.equal(seen.headers.expect, undefined, 'Expect never goes upstream');
    assert.equal(seen.json && (seen.json as { messages: { content: string }[] }).messages[0]!.content.length, 1_200_000);
  });

  it('node:http waiting on the `continue` event (as curl -d @big.json does) gets 200 from a shaped and a passthrough route', async () => {
    for (const path of ['/v1/chat/completions', '/v1/embeddings']) {
      const payload = body(64);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${rig.url}${path}`, {
          method: 'POST', agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), expect: '100-continue' },
        }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('continue', () => req.end(payload));
        req.on('error', reject);
      });
      assert.equal(status, 200, path);
      assert.equal(rig.openai.requests.at(-1)!.headers.expect, undefined, path);
    }
  });
});
