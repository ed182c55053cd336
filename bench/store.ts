// Raw audit insert rate through the real store path (bounded queue → batched IMMEDIATE transactions,
// synchronous=FULL), in a fresh temp data dir per run. Goal: ≥ 100k events/s. Prints the median run.
// Usage: node --import tsx bench/store.ts [events=200000] [runs=5]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../gateway/shared/audit-event.js';
import { newEventId } from '../gateway/audit/id.js';
import { deriveKeys } from '../gateway/keys/subkeys.js';
import { openSqliteStore } from '../gateway/store/sqlite/open.js';

const EVENTS = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 5);
const keys = deriveKeys(Buffer.alloc(32, 1));

function events(n: number): AuditEvent[] {
  const apps = ['claude-code', 'cursor', 'codex', 'curl'];
  const start = Date.now();
  return Array.from({ length: n }, (_, i): AuditEvent => ({
    id: newEventId(start + Math.floor(i / 100)),
    time: start + Math.floor(i / 100),
    client: { app: apps[i % 4], keyId: `ck_${i % 16}` },
    provider: i % 3 ? 'anthropic' : 'openai',
    route: i % 3 ? '/v1/messages' : '/v1/chat/completions',
    model: i % 3 ? 'claude-sonnet-4' : 'gpt-5',
    stream: i % 2 === 0,
    status: 200,
    durations: { totalMs: 800 + (i % 50), upstreamMs: 790, overheadMs: 3 + (i % 7) },
    bytes: { in: 2048 + i % 100, out: 8192 },
    usage: { inputTokens: 512, outputTokens: 128 },
    findings: i % 5 ? { email: 1 + (i % 3) } : {},
    decision: i % 5 ? 'redacted' : 'forwarded',
  }));
}

interface Run {
  perSecond: number;
  batches: number;
  msPerBatch: number;
}

async function run(): Promise<Run> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aegis-bench-store-'));
  const store = await openSqliteStore({ dataDir, keys, audit: { capacity: EVENTS } });
  const batch = events(EVENTS);
  try {
    const t0 = performance.now();
    for (const e of batch) if (!store.audit.enqueue(e)) throw new Error('queue refused an event');
    await store.audit.flush();
    const ms = performance.now() - t0;
    const { auditBatches } = store.stats();
    return { perSecond: EVENTS / (ms / 1000), batches: auditBatches, msPerBatch: ms / auditBatches };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run();
  runs.push(r);
  console.log(`run ${i + 1}: ${Math.round(r.perSecond).toLocaleString('en')} events/s, ${r.batches} batches, ${r.msPerBatch.toFixed(2)} ms/batch`);
}
const rate = median(runs.map((r) => r.perSecond));
console.log(
  JSON.stringify({
    bench: 'store.audit.insert',
    events: EVENTS,
    runs: RUNS,
    medianEventsPerSecond: Math.round(rate),
    medianMsPerBatch: Number(median(runs.map((r) => r.msPerBatch)).toFixed(2)),
    goal: 100_000,
    met: rate >= 100_000,
  }),
);
