// What is recorded about redacting exchanges: one audit event with decision 'redacted' and findings
// as category → count, a 'blocked' event when the vault fails — and on disk, in the database file
// and its write-ahead log, none of the values themselves.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { postJson } from '../../helpers/http.js';
import { ALL_PARTS, ALL_PLANTS, plantsOf, render, V } from './plants.js';
import { startRedactionRig, type RedactionRig } from './rig.js';
import { leakNeedles } from './upstream-checks.js';

const PII = new Set(['EMAIL', 'PHONE', 'CARD', 'IBAN', 'SSN', 'CN_ID', 'IP']);
const categoryOf = (kind: string) => (kind === 'CODENAME' ? 'custom' : PII.has(kind) ? 'pii' : 'secret');
/** The request-side detector categories of an event's findings (guards add their own, e.g. on responses). */
const detected = (findings: Record<string, number>) =>
  Object.fromEntries(Object.entries(findings).filter(([k]) => k === 'pii' || k === 'secret' || k === 'custom'));

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());

describe('audit of redacting exchanges', () => {
  it('one event per exchange: decision redacted, findings counted by category, no values anywhere on disk', async () => {
    // Three exchanges: JSON, stream, tool call; each carries every planted value once.
    await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: render(ALL_PARTS) }] });
    await rig.openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: render(ALL_PARTS) }] }).done();
    await rig.anthropic.messages.create(
      { model: 'claude-test-model', max_tokens: 64, system: render(ALL_PARTS), messages: [{ role: 'user', content: render(ALL_PARTS) }] },
      { headers: { 'x-fake-scenario': 'tool-call' } },
    );

    const want: Record<string, number> = {};
    for (const p of plantsOf(ALL_PARTS)) want[categoryOf(p.kind)] = (want[categoryOf(p.kind)] ?? 0) + 1;
    assert.deepEqual(want, { pii: 8, secret: 12, custom: 1 });

    const chat = await waitForEvents('/v1/chat/completions', 2);
    for (const e of chat) {
      assert.equal(e.decision, 'redacted');
      assert.deepEqual(e.findings, want);
      assert.equal(e.status, 200);
    }
    assert.deepEqual(chat.map((e) => e.stream).sort(), [false, true]);
    const [anth] = await waitForEvents('/v1/messages', 1);
    assert.equal(anth!.decision, 'redacted');
    // System prompt and user message: every value twice. (The response guard may add its own count for the tool call.)
    assert.deepEqual(detected(anth!.findings), { pii: 16, secret: 24, custom: 2 });

    const serialized = JSON.stringify([...chat, anth]);
    for (const plant of ALL_PLANTS) assert.ok(!serialized.includes(plant.value), `${plant.name} is in an audit event`);
    assertNothingOnDisk();
  });

  it('a request blocked by a failed vault write is audited as blocked with its code', async () => {
    const db = new Database(join(rig.gateway.dataDir, 'aegisgate.db'));
    db.exec(`CREATE TRIGGER vault_fault BEFORE INSERT ON vault BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    try {
      const res = await postJson(rig.url, '/v1/embeddings', { model: 'text-embedding-3-small', input: [`never stored ${V.ssn.value} blocked@example-audit.org`] });
      assert.equal(res.status, 503);
    } finally {
      db.exec('DROP TRIGGER vault_fault');
      db.close();
    }
    const [event] = await waitForEvents('/v1/embeddings', 1);
    assert.equal(event!.decision, 'blocked');
    assert.equal(event!.errorCode, 'GW_ERR_VAULT_UNAVAILABLE');
    assert.equal(event!.status, 503);
    assert.deepEqual(event!.findings, { pii: 2 });
    assertNothingOnDisk(['blocked@example-audit.org']);
  });
});

/** Polls the audit trail (flushing it each time) until `count` events of `route` are durable. */
async function waitForEvents(route: string, count: number): Promise<AuditEvent[]> {
  const deadline = performance.now() + 5000;
  for (;;) {
    await rig.gateway.store.audit.flush();
    const events = (await rig.gateway.store.audit.list({})).events.filter((e) => e.route === route);
    if (events.length >= count) return events;
    if (performance.now() > deadline) throw new Error(`only ${events.length} audit event(s) for ${route}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The database file and its WAL, read as bytes, hold none of the planted values in any form. */
function assertNothingOnDisk(extra: string[] = []): void {
  const base = join(rig.gateway.dataDir, 'aegisgate.db');
  const files = [base, `${base}-wal`].filter((f) => existsSync(f));
  assert.ok(files.length === 2, 'the database and its WAL exist');
  for (const file of files) {
    const bytes = readFileSync(file);
    assert.ok(bytes.length > 0);
    for (const plant of ALL_PLANTS) {
      for (const needle of leakNeedles(plant.value)) assert.equal(bytes.indexOf(needle), -1, `${plant.name} is on disk in ${file}`);
    }
    for (const value of extra) assert.equal(bytes.indexOf(value), -1, `${value} is on disk in ${file}`);
  }
}
