// The Live page's audit search against a full table: one first page (100 events, newest first) per
// query, on the real SQLite store, beside the unfiltered page as the baseline in the same run.
// A substring search cannot use an index (LIKE '%x%'), so a query that matches often stops early and
// one that matches nothing reads the whole table: that worst case is what this measures.
// Usage: node --import tsx bench/audit-search.ts [events=200000] [runs=15]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../gateway/shared/audit-event.js';
import { newEventId } from '../gateway/audit/id.js';
import { deriveKeys } from '../gateway/keys/subkeys.js';
import { openSqliteStore } from '../gateway/store/sqlite/open.js';
import type { AuditQuery } from '../gateway/store/types.js';

const EVENTS = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 15);

function event(i: number, start: number): AuditEvent {
  const apps = ['claude-code', 'cursor', 'codex', 'curl'];
  return {
    id: newEventId(start + Math.floor(i / 100)),
    time: start + Math.floor(i / 100),
    client: { app: apps[i % 4]!, keyId: `ck_${i % 16}` },
    provider: i % 3 ? 'anthropic' : 'openai',
    route: i % 3 ? '/v1/messages' : '/v1/chat/completions',
    model: i % 3 ? 'claude-sonnet-4' : 'gpt-5',
    stream: i % 2 === 0,
    status: i % 50 === 0 ? 503 : 200,
    durations: { totalMs: 800, upstreamMs: 790, overheadMs: 3 },
    bytes: { in: 2048, out: 8192 },
    usage: {},
    findings: i % 5 ? { email: 1 } : {},
    decision: i % 5 ? 'redacted' : 'forwarded',
    ...(i % 1000 === 0 && { pendingId: `pnd_bench${i}` }),
  };
}

const QUERIES: [string, AuditQuery][] = [
  ['unfiltered (baseline)', {}],
  ['q=cursor (1 in 4 match)', { q: 'cursor' }],
  ['client=CURS (substring)', { client: 'CURS' }],
  ['error=upstream_error (1 in 50)', { error: 'upstream_error' }],
  ['held=true (1 in 1000)', { held: true }],
  ['q=pnd_bench1000 (one match)', { q: 'pnd_bench1000' }],
  ['q=nothing-matches (full scan)', { q: 'nothing-matches' }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = await mkdtemp(join(tmpdir(), 'aegis-bench-search-'));
const store = await openSqliteStore({ dataDir, keys: deriveKeys(Buffer.alloc(32, 1)), audit: { capacity: EVENTS } });
try {
  const start = Date.now() - EVENTS;
  for (let i = 0; i < EVENTS; i++) if (!store.audit.enqueue(event(i, start))) throw new Error('queue refused an event');
  await store.audit.flush();
  const results: [string, number, number][] = [];
  for (const [name, q] of QUERIES) {
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      found = (await store.audit.list({ limit: 100, ...q })).events.length;
      times.push(performance.now() - t0);
    }
    results.push([name, median(times), found]);
  }
  const base = results[0]![1];
  console.log(`audit search, ${EVENTS} events, first page of 100, median of ${RUNS}`);
  for (const [name, ms, found] of results) console.log(`${name.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / base).toFixed(1).padStart(6)}  (${found} events)`);
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
