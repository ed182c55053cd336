// The floor Node sets for any proxy written in it (issue 16's yardstick): node:http in front, undici's
// dispatch with a handler behind (the gateway's own upstream path), the JSON body parsed once, both
// bodies read whole, no gateway work at all. The user-mode rows run it beside the gateway, so the
// gateway's CPU per request can be read against what Node alone costs on the same machine that hour.
//   node --max-semi-space-size=64 --import tsx bench/node-floor.ts --upstream http://127.0.0.1:PORT [--port 0]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Agent, type Dispatcher } from 'undici';

const { values: opts } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (opts.upstream === undefined) throw new Error('node-floor: --upstream URL is required');
const origin = new URL(opts.upstream).origin;
// As the gateway's dispatcher (gateway/upstream/dispatcher.ts): keep-alive, one request per connection.
const agent = new Agent({ connections: 16_384, pipelining: 1, keepAliveTimeout: 60_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    JSON.parse(body.toString('utf8'));
    const out: Buffer[] = [];
    let status = 502;
    let type = 'application/json';
    const handler: Dispatcher.DispatchHandler = {
      // Its presence tells undici this is a new-style (controller) handler, as the gateway's UpstreamCall is.
      onRequestStart() {},
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        type = String(headers['content-type'] ?? type);
      },
      onResponseData(_c, chunk) {
        out.push(chunk);
      },
      onResponseEnd() {
        const answer = Buffer.concat(out);
        res.writeHead(status, { 'content-type': type, 'content-length': answer.length });
        res.end(answer);
      },
      onResponseError(_c, err) {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: err.message } }));
      },
    };
    const headers = { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' };
    agent.dispatch({ origin, path: req.url ?? '/', method: 'POST', headers, body }, handler);
  });
});
// The gateway's client keep-alive (server.keepAliveTimeoutMs' default).
server.keepAliveTimeout = 72_000;
server.listen(Number(opts.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` }));
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0));
