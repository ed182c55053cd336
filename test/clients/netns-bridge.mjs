// Runs inside the client's network namespace, where only loopback exists: it forwards the gateway's
// port(s) to the host through Unix sockets (which cross namespaces as files), runs a sentinel that
// writes down whatever a client tries to reach through its proxy settings and refuses it, then runs
// the client and exits with its code. Configured by the JSON in AEGIS_BRIDGE.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const cfg = JSON.parse(process.env.AEGIS_BRIDGE ?? '{}');

const listen = (server, port) => new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', () => resolve(server.address().port));
});

for (const { port, socket } of cfg.forwards) {
  const server = createServer((client) => {
    const host = connect(socket);
    client.on('error', () => host.destroy());
    host.on('error', () => client.destroy());
    client.pipe(host);
    host.pipe(client);
  });
  await listen(server, port);
  server.unref();
}

const sentinel = createServer((conn) => {
  conn.on('error', () => undefined);
  conn.once('data', (data) => {
    appendFileSync(cfg.sentinelLog, `${JSON.stringify(data.toString('latin1').split('\r\n', 1)[0])}\n`);
    conn.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
});
const sentinelPort = await listen(sentinel, 0);
sentinel.unref();
const proxy = `http://127.0.0.1:${sentinelPort}`;

const child = spawn(cfg.argv[0], cfg.argv.slice(1), {
  cwd: cfg.cwd,
  stdio: 'inherit',
  env: {
    ...cfg.env,
    HTTP_PROXY: proxy, HTTPS_PROXY: proxy, ALL_PROXY: proxy, http_proxy: proxy, https_proxy: proxy, all_proxy: proxy,
    NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
  },
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
