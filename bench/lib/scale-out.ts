// The scale-out rows of `npm run bench`: one gateway on SQLite, one on PostgreSQL + Redis, and two
// on PostgreSQL + Redis behind nginx, measured interleaved with direct-to-upstream in the same run.
// PostgreSQL and Redis are private throwaway servers (the test helpers), on this same machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPostgres, type PgServer } from '../../test/helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { load, type LoadResult, type LoadTool } from './load.js';
import { freePort } from './nginx.js';
import { cpuSeconds, stopProcess, type Service } from './procs.js';
import { CHAT_BODY } from './scenarios.js';
import { median, num, pct, table } from './stats.js';

/** One row: what the load generator hits, and the gateway processes whose CPU the row is charged. */
interface Row {
  label: string;
  url: string;
  gateways: Service[];
}

export interface ScaleOutRig {
  rows: Row[];
  stop(): Promise<void>;
}

type StartGateway = (name: string, dataDir: string, extra: string[]) => Promise<Service>;

/**
 * nginx round-robin over gateways on one port at different loopback addresses (the gateway checks Host).
 * Each client connection holds one upstream connection too, and idle kept-alive upstream connections
 * count against worker_connections as well: hence four per client.
 */
async function startLb(bin: string, upstreams: Service[], dir: string, maxConnections: number): Promise<Service> {
  const port = await freePort();
  const upstreamPort = new URL(upstreams[0]!.url).port;
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1; daemon off; user root;
pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')} warn;
worker_rlimit_nofile ${maxConnections * 4 + 200};
events { worker_connections ${maxConnections * 4 + 100}; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp')}; proxy_temp_path ${join(dir, 'tmp')};
  fastcgi_temp_path ${join(dir, 'tmp')}; uwsgi_temp_path ${join(dir, 'tmp')}; scgi_temp_path ${join(dir, 'tmp')};
  upstream aegisgate { ${upstreams.map((u) => `server ${new URL(u.url).host};`).join(' ')} keepalive ${maxConnections}; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://aegisgate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host localhost:${upstreamPort};
      proxy_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`);
  const proc = spawn(bin, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { name: 'nginx-lb', url: `http://127.0.0.1:${port}`, pid: proc.pid!, proc, stop: () => stopProcess(proc) };
    await sleep(50);
  }
  await stopProcess(proc);
  throw new Error('nginx in front of the two gateways did not answer /healthz');
}

export async function startScaleOut(o: { sqlite: Service; startGateway: StartGateway; nginxBin: string | undefined; tmp: string; maxConnections: number }): Promise<ScaleOutRig> {
  const started: Service[] = [];
  let pg: PgServer | undefined;
  let redis: RedisServer | undefined;
  const stop = async () => {
    for (const s of started.reverse()) await s.stop();
    await redis?.destroy();
    pg?.destroy();
  };
  try {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const keyFile = join(o.tmp, 'aegis.key');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const shared = ['--store', await pg.createDatabase('bench'), '--redis', redis.url, '--master-key-file', keyFile];
    const one = await o.startGateway('gateway-pg', 'gw-pg', shared);
    started.push(one);
    const rows: Row[] = [
      { label: 'gateway, SQLite', url: o.sqlite.url, gateways: [o.sqlite] },
      { label: 'gateway, PostgreSQL + Redis', url: one.url, gateways: [one] },
    ];
    if (o.nginxBin) {
      const port = String(await freePort());
      // One after the other: both run the (idempotent) migrations at start, and that race is tested elsewhere.
      for (const host of ['127.0.0.2', '127.0.0.3']) started.push(await o.startGateway(`gateway-pg-${host}`, `gw-pg-${host}`, [...shared, '--host', host, '--port', port]));
      const lb = await startLb(o.nginxBin, started.slice(1), join(o.tmp, 'nginx-lb'), o.maxConnections);
      started.push(lb);
      rows.push({ label: '2 × gateway (PostgreSQL + Redis) behind nginx', url: lb.url, gateways: started.slice(1, 3) });
    }
    return { rows, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function scaleOutScenario(o: { name: string; direct: Service; rig: ScaleOutRig; connections: number; runs: number; durationS: number; tmp: string; tool: LoadTool }): Promise<void> {
  const targets = [{ label: 'direct', url: o.direct.url, gateways: [] as Service[] }, ...o.rig.rows];
  const request = { body: CHAT_BODY, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, connections: o.connections, tmpDir: o.tmp };
  const results = new Map<string, LoadResult[]>();
  const cpu = new Map<string, number[]>();
  for (const t of targets) await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: 2 });
  for (let run = 0; run < o.runs; run++) {
    // Rotate the order each run, so a noisy neighbour does not always land on the same row.
    const order = targets.map((_, i) => targets[(i + run) % targets.length]!);
    for (const t of order) {
      const cpu0 = t.gateways.reduce((s, g) => s + cpuSeconds(g.pid), 0);
      const r = await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: o.durationS });
      const used = t.gateways.reduce((s, g) => s + cpuSeconds(g.pid), 0) - cpu0;
      results.set(t.label, [...(results.get(t.label) ?? []), r]);
      if (t.gateways.length > 0 && r.requests > 0) cpu.set(t.label, [...(cpu.get(t.label) ?? []), (used * 1000) / r.requests]);
      await sleep(300);
    }
  }
  const rps = (label: string) => median(results.get(label)!.map((r) => r.rps));
  const direct = rps('direct');
  const rows = targets.map((t) => {
    const rs = results.get(t.label)!;
    return [
      t.label, num(rps(t.label)), num(median(rs.map((r) => r.p99)), 1), String(rs.reduce((a, r) => a + r.errors + r.non2xx, 0)),
      t.label === 'direct' ? '—' : pct(rps(t.label) / direct),
      t.gateways.length === 0 ? '—' : num(median(cpu.get(t.label) ?? []), 3),
    ];
  });
  console.log(`## ${o.name}`);
  console.log(table(['target', 'req/s', 'p99 ms', 'errors', 'vs direct', 'gateway CPU ms/req'], rows));
  console.log('(CPU is the gateway processes\' own, summed over both behind nginx; PostgreSQL, Redis and nginx are not counted)\n');
}
