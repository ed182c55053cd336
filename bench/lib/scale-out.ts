// The scale-out rows of `npm run bench`: one gateway on SQLite, one on PostgreSQL + Redis, and two
// on PostgreSQL + Redis behind nginx, measured interleaved with direct-to-upstream in the same run.
// PostgreSQL and Redis are private throwaway servers (the test helpers), on this same machine.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNginxLb, type NginxLb } from '../../test/helpers/nginx-lb.js';
import { startPostgres, type PgServer } from '../../test/helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { load, type LoadResult, type LoadTool } from './load.js';
import { freePort } from './nginx.js';
import { cpuSeconds, type Service } from './procs.js';
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

export async function startScaleOut(o: { sqlite: Service; startGateway: StartGateway; withNginx: boolean; tmp: string; maxConnections: number }): Promise<ScaleOutRig> {
  const started: Service[] = [];
  let pg: PgServer | undefined;
  let redis: RedisServer | undefined;
  let lb: NginxLb | undefined;
  const stop = async () => {
    await lb?.stop();
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
    if (o.withNginx) {
      const port = String(await freePort());
      // One after the other: both run the (idempotent) migrations at start, and that race is tested elsewhere.
      for (const host of ['127.0.0.2', '127.0.0.3']) started.push(await o.startGateway(`gateway-pg-${host}`, `gw-pg-${host}`, [...shared, '--host', host, '--port', port]));
      lb = await startNginxLb(started.slice(1).map((g) => g.url), { maxClients: o.maxConnections });
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
