// nginx from Debian as a round-robin load balancer in front of several gateways, for tests: a
// throwaway prefix dir, loopback only, no buffering (streams and long holds pass through).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { onProcessEnd } from './on-process-end.js';

export const findNginx = (): string | undefined => ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface NginxLb {
  url: string;
  stop(): Promise<void>;
}

/**
 * Room for `maxClients` client connections (the bench's c=1000): each holds an upstream connection as
 * well, and idle kept-alive upstream connections count against worker_connections too, so four each.
 */
const limits = (maxClients: number | undefined) => maxClients === undefined
  ? 'events { worker_connections 1024; }'
  : `worker_rlimit_nofile ${maxClients * 4 + 200}; events { worker_connections ${maxClients * 4 + 100}; multi_accept on; }`;

/**
 * `upstreams` must all listen on one port (on different loopback addresses): the gateway accepts only
 * a Host naming its own port, so nginx sends `localhost:<that port>` to whichever it picks.
 */
export async function startNginxLb(upstreams: readonly string[], opts: { maxClients?: number } = {}): Promise<NginxLb> {
  const ports = new Set(upstreams.map((u) => new URL(u).port));
  if (ports.size !== 1) throw new Error('the gateways behind nginx must share one port (on different loopback addresses)');
  const [upstreamPort] = ports;
  const bin = findNginx();
  if (!bin) throw new Error('nginx not found: apt-get install nginx');
  const dir = mkdtempSync(join(tmpdir(), 'aegis-nginx-'));
  mkdirSync(join(dir, 'tmp'));
  const port = await freePort();
  const servers = upstreams.map((u) => `server ${new URL(u).host};`).join(' ');
  const conf = join(dir, 'nginx.conf');
  const runAs = process.getuid?.() === 0 ? 'user root;' : '';
  writeFileSync(conf, `
worker_processes 1; daemon off; ${runAs}
pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')} warn;
${limits(opts.maxClients)}
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp')}; proxy_temp_path ${join(dir, 'tmp')};
  fastcgi_temp_path ${join(dir, 'tmp')}; uwsgi_temp_path ${join(dir, 'tmp')}; scgi_temp_path ${join(dir, 'tmp')};
  client_max_body_size 32m;
  upstream aegisgate { ${servers} keepalive ${opts.maxClients ?? 64}; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://aegisgate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host localhost:${upstreamPort};
      proxy_buffering off;
      proxy_read_timeout 3600s;
    }
  }
}
`);
  const proc = spawn(bin, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const unregister = onProcessEnd(() => {
    proc.kill('SIGKILL');
    spawnSync('rm', ['-rf', dir]);
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('nginx did not start');
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null) {
        const exited = once(proc, 'exit');
        proc.kill('SIGQUIT');
        await exited;
      }
      unregister();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
