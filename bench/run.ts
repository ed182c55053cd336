// `npm run bench`: the gateway side by side with direct-to-upstream and nginx (when installed), in the
// same run, on loopback, against the fake provider. Prints medians of repeated runs and ratios.
// Stops by itself: every scenario is bounded, and a global deadline kills whatever is left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { haveNginx, startNginx } from './lib/nginx.js';
import { childPids, killAllChildren, openFdLimit, startService, type Service } from './lib/procs.js';
import { CHAT_BODY, SSE_BODY, streamScenario, throughputScenario, latencyScenario, ttfbScenario, type Targets } from './lib/scenarios.js';
import { auditScenario, storeScenario } from './lib/audit-scenarios.js';
import { ensureBuilt } from './lib/build.js';
import { haveLoadTool } from './lib/load.js';
import { floodScenario } from './lib/flood.js';
import { scaleOutScenario, startScaleOut } from './lib/scale-out.js';
import { startAsNpmStart, userScenario } from './lib/user-mode.js';
import { idleScenario } from './lib/idle.js';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    streams: { type: 'string', default: '10000' },
    // user: only the rows measured as users run the gateway (issue 16); repo: only the others; all: both.
    mode: { type: 'string', default: 'all' },
    'idle-seconds': { type: 'string', default: '60' },
    // idle row: another checkout (e.g. a worktree of the commit before) started like `npm start`, beside this one
    base: { type: 'string' },
  },
});
const USER_ROWS = ['user-c50', 'user-c1000', 'overload'];
const REPO_ROWS = ['c50', 'c50sse', 'c1000', 'c1000sse', 'c1', 'ttfb', 'audit', 'scaleout', 'store', 'flood', 'streams', 'idle'];
if (!['user', 'repo', 'all'].includes(opts.mode!)) {
  console.error(`bench: --mode is user, repo or all (got ${opts.mode})`);
  process.exit(2);
}
const runs = Number(opts.runs ?? (opts.quick ? 1 : 3));
const durationS = opts.quick ? 3 : 4;
const inMode = (name: string) => opts.mode === 'all' || (opts.mode === 'user' ? USER_ROWS : REPO_ROWS).includes(name);
const wants = (name: string) => (opts.only === undefined ? inMode(name) : opts.only.split(',').includes(name));

// The scale-out rows (issue 14) add about 2¼ minutes to the earlier 4½, the user rows (issue 16)
// about 6½, the idle row 3¼; the deadline keeps a margin.
const DEADLINE_MIN = 20;
const deadline = setTimeout(() => {
  console.error(`bench: ${DEADLINE_MIN}-minute deadline reached, stopping`);
  killAllChildren();
  process.exit(1);
}, DEADLINE_MIN * 60_000);
deadline.unref();

const tool = haveLoadTool();
if (tool === undefined) {
  console.error('bench: no load generator. Install wrk (Debian: apt-get install -y wrk); autocannon is the fallback.');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'aegis-bench-'));
const node = process.execPath;
const services: Service[] = [];
try {
  const fake = await startService('fake', node, ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--delay-ms', '200', '--no-record']);
  services.push(fake);
  // The built gateway, as the packaged app runs it, with the V8 flag the bin's shebang passes.
  ensureBuilt();
  const startGateway = (name: string, dataDir: string, config: string, extra: string[] = []) =>
    startService(name, node, [
      '--max-semi-space-size=64', 'dist/gateway/cli.js', 'serve', '--port', '0', '--data-dir', join(tmp, dataDir),
      '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`,
      '--config', join(import.meta.dirname, config), ...extra,
    ]);
  const gateway = await startGateway('gateway', 'gw', 'gateway.bench.yaml');
  services.push(gateway);
  const nginxBin = haveNginx();
  const nginx = nginxBin ? await startNginx(nginxBin, fake.url, join(tmp, 'nginx'), Number(opts.streams) + 1000) : undefined;
  if (nginx) services.push(nginx);

  const targets: Targets = { direct: fake, gateway, nginx };
  console.log(`bench: load from ${tool}; ${runs} run(s) of ${durationS}s per target (user rows: ${opts.quick ? 3 : 8}s); nginx ${nginx ? 'present' : 'absent (apt-get install -y nginx-light to compare)'}`);
  console.log(`bench: request body ${Buffer.byteLength(CHAT_BODY)} B; fake upstream delay 200 ms unless noted\n`);

  const common = { targets, runs, durationS, tmp, tool };
  // At c=50 throughput is bound by the 200 ms upstream, so shorter runs are as stable.
  const short = { ...common, durationS: Math.max(2, durationS - 1) };
  if (wants('user-c50') || wants('user-c1000')) {
    // As users run it (issue 16): `npm start` from this checkout, default config but per-client limits.
    const npmStart = await startAsNpmStart('gateway-npm-start', [
      '--port', '0', '--data-dir', join(tmp, 'gw-npm-start'), '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`,
      '--config', join(import.meta.dirname, 'gateway.user.yaml'),
    ]);
    // What Node alone costs for the same proxying (bench/node-floor.ts): the floor under any Node gateway.
    const floor = await startService('node-floor', node, ['--max-semi-space-size=64', '--import', 'tsx', join(import.meta.dirname, 'node-floor.ts'), '--upstream', fake.url]);
    try {
      const userTargets = [
        // Direct's CPU is the fake provider's own, and nginx's its master and worker: the yardsticks
        // the gateway's figure is read against, since this machine's speed changes from hour to hour.
        { label: 'direct', url: fake.url, pids: [fake.pid] },
        { label: 'gateway (npm start)', url: npmStart.url, pids: [npmStart.pid] },
        { label: 'gateway (dist/, bench config)', url: gateway.url, pids: [gateway.pid] },
        { label: 'node floor (http + undici only)', url: floor.url, pids: [floor.pid] },
        ...(nginx ? [{ label: 'nginx', url: nginx.url, pids: [nginx.pid, ...childPids(nginx.pid)] }] : []),
      ];
      const user = { ...common, targets: userTargets, durationS: opts.quick ? 3 : 8, warmupS: 2 };
      if (wants('user-c50')) await userScenario({ ...user, name: 'As users run it: JSON c=50, 200 ms upstream', connections: 50 });
      if (wants('user-c1000')) await userScenario({ ...user, name: 'As users run it: JSON c=1000, 200 ms upstream', connections: 1000 });
    } finally {
      await npmStart.stop();
      await floor.stop();
    }
  }
  if (wants('overload')) {
    // The trade admission makes at c=1000 (issue 16): the same build with and without shedding.
    const shed = [
      { label: 'gateway, server.maxEventLoopDelayMs 100', service: await startGateway('gateway-shed-delay', 'gw-shed-delay', 'gateway.user-shed-delay.yaml') },
      { label: 'gateway, server.maxInFlight 500', service: await startGateway('gateway-shed-inflight', 'gw-shed-inflight', 'gateway.user-shed-inflight.yaml') },
    ];
    try {
      const plain = await startGateway('gateway-user-dist', 'gw-user-dist', 'gateway.user.yaml');
      shed.unshift({ label: 'gateway, no admission limit', service: plain });
      await userScenario({
        ...common, durationS: opts.quick ? 3 : 8, warmupS: 2, connections: 1000, name: 'Admission at c=1000, 200 ms upstream (dist/, user config)',
        targets: [{ label: 'direct', url: fake.url, pids: [] }, ...shed.map((s) => ({ label: s.label, url: s.service.url, pids: [s.service.pid] }))],
      });
    } finally {
      for (const s of shed) await s.service.stop();
    }
  }
  if (wants('c50')) await throughputScenario({ ...short, name: 'JSON c=50, 200 ms upstream', connections: 50, body: CHAT_BODY, headers: {} });
  if (wants('c50sse')) await throughputScenario({ ...short, name: 'SSE c=50, 200 ms upstream', connections: 50, body: SSE_BODY, headers: { 'x-fake-events': '20' } });
  if (wants('c1000')) await throughputScenario({ ...common, name: 'JSON c=1000, 200 ms upstream', connections: 1000, body: CHAT_BODY, headers: {}, cpu: true });
  if (wants('c1000sse')) await throughputScenario({ ...common, name: 'SSE c=1000, 200 ms upstream', connections: 1000, body: SSE_BODY, headers: { 'x-fake-events': '20' }, cpu: true });
  if (wants('c1')) await latencyScenario({ ...common, name: 'JSON c=1, 0 ms upstream (added latency)' });
  if (wants('ttfb')) await ttfbScenario({ ...common, name: 'SSE c=1, 0 ms upstream (added time to first byte)' });
  if (wants('audit')) {
    // Same load against the gateway with audit persistence off, interleaved with the audited one.
    const noAudit = await startGateway('gateway-noaudit', 'gw-noaudit', 'gateway.bench-noaudit.yaml');
    try {
      await auditScenario({ ...common, name: 'JSON c=1000, 200 ms upstream: audit on vs off', audited: gateway, unaudited: noAudit });
    } finally {
      await noAudit.stop();
    }
  }
  if (wants('scaleout')) {
    // Same load, same run: SQLite, PostgreSQL + Redis, and two of those behind nginx (issue 14).
    const rig = await startScaleOut({ sqlite: gateway, withNginx: nginxBin !== undefined, tmp, maxConnections: 1000,
      startGateway: (name, dataDir, extra) => startGateway(name, dataDir, 'gateway.bench.yaml', extra) });
    try {
      // As above: c=50 is bound by the upstream delay, so shorter runs; c=1000 gets the full length.
      await scaleOutScenario({ ...short, name: 'Scale-out: JSON c=50, 200 ms upstream', direct: fake, rig, connections: 50 });
      await scaleOutScenario({ ...common, name: 'Scale-out: JSON c=1000, 200 ms upstream', direct: fake, rig, connections: 1000 });
    } finally {
      await rig.stop();
    }
  }
  if (wants('store')) storeScenario();
  if (wants('flood')) {
    // The default cap refuses the flood (413); a second gateway with the cap raised redacts all of it.
    const uncapped = await startGateway('gateway-uncapped', 'gw-uncapped', 'gateway.bench-flood.yaml');
    try {
      await floodScenario({
        name: '140,000 distinct emails in one 2 MB request, /healthz from another client',
        runs,
        gateways: [{ label: 'default cap (50,000)', service: gateway }, { label: 'cap raised (1,000,000)', service: uncapped }],
      });
    } finally {
      await uncapped.stop();
    }
  }
  if (wants('streams')) {
    const wanted = Number(opts.streams);
    // Each proxied stream holds two sockets in the gateway (client + upstream).
    const fit = Math.floor((openFdLimit() - 200) / 2);
    await streamScenario({ ...common, name: `${Math.min(wanted, fit)} concurrent SSE streams, 10 s upstream`, streams: Math.min(wanted, fit), wanted, fdLimit: openFdLimit() });
  }
  if (wants('idle')) await idleScenario({ idleSeconds: Number(opts['idle-seconds']), tmp, base: opts.base });
} finally {
  for (const s of services.reverse()) await s.stop();
  rmSync(tmp, { recursive: true, force: true });
  clearTimeout(deadline);
}
