// When a stream can need no rewriting (nothing redacted, no tools offered) the gateway relays the
// upstream's bytes as they are; otherwise events go through the transforms and are re-serialised.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson } from '../../helpers/http.js';

// Unusual but valid SSE: CRLF line ends, no space after the colon, a comment, a usage chunk.
const chunk = (content: string) => JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
const UPSTREAM = `: keep-alive\r\ndata:${chunk('hello')}\r\n\r\ndata:${chunk(' world')}\r\n\r\ndata:{"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}}\r\n\r\ndata:[DONE]\r\n\r\n`;

let upstream: Server;
let gateway: TestGateway;
before(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(UPSTREAM);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gateway = await startTestGateway(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
after(async () => {
  await gateway.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const request = { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const dataLines = (text: string) => text.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.replace(/^data: ?/, ''));

it('relays the upstream bytes untouched when nothing can need rewriting, and still reads the usage', async () => {
  const res = await postJson(gateway.url, '/v1/chat/completions', request);
  assert.equal(res.status, 200);
  assert.equal(res.text, UPSTREAM);
  await gateway.store.audit.flush();
  const { events } = await gateway.store.audit.list({ limit: 1 });
  assert.deepEqual(events[0]!.usage, { inputTokens: 5, outputTokens: 2 });
});

it('re-serialises event by event when tools are offered (tool calls would be judged)', async () => {
  const res = await postJson(gateway.url, '/v1/chat/completions', { ...request, tools: [{ type: 'function', function: { name: 'f' } }] });
  assert.equal(res.status, 200);
  assert.notEqual(res.text, UPSTREAM);
  assert.ok(!res.text.includes('\r'));
  assert.deepEqual(dataLines(res.text), dataLines(UPSTREAM));
});

it('re-serialises when the request was redacted (placeholders must be restored)', async () => {
  const res = await postJson(gateway.url, '/v1/chat/completions', { ...request, messages: [{ role: 'user', content: 'mail jane.doe@example.com' }] });
  assert.equal(res.status, 200);
  assert.equal(res.headers['x-aegis-redactions'], '1');
  assert.deepEqual(dataLines(res.text), dataLines(UPSTREAM));
  assert.notEqual(res.text, UPSTREAM);
});
