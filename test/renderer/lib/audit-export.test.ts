import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AuditEvent } from '../../../gateway/admin/contract.js';
import { csvCell, exportText } from '../../../renderer/lib/audit-export.js';

const event = (id: string, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id, time: Date.UTC(2026, 0, 2, 3, 4, 5), client: { app: 'Claude Code' }, provider: 'anthropic', route: '/v1/messages', stream: true, status: 200,
  durations: { totalMs: 10, upstreamMs: 8, overheadMs: 2 }, bytes: { in: 1, out: 2 }, usage: {}, findings: { pii: 2 }, decision: 'redacted', ...over,
});

/** A minimal RFC 4180 reader, for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('Live export', () => {
  it('NDJSON is the audit export contract: one event per line, oldest first', () => {
    const events = [event('b', { status: 502, errorCode: 'GW_ERR_UPSTREAM_UNREACHABLE' }), event('a')];
    const lines = exportText(events, 'ndjson').trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    assert.deepEqual(lines, [events[1], events[0]]);
    assert.deepEqual(JSON.parse(exportText(events, 'json')), [events[1], events[0]]);
  });

  it('CSV quotes every cell so it reads back, and never hands a spreadsheet a formula', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (app, model) => {
      const [head, row] = parseCsv(exportText([event('x', { client: { app }, model })], 'csv'));
      const cell = (name: string) => row![head!.indexOf(name)];
      const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      assert.equal(cell('app'), unformula(app));
      assert.equal(cell('model'), model === '' ? '' : unformula(model));
    }));
    const [head, row] = parseCsv(exportText([event('x', { status: 429, errorCode: 'GW_ERR_RATE_LIMITED' })], 'csv'));
    assert.equal(row![head!.indexOf('errorKind')], 'rate_limited');
    assert.equal(row![head!.indexOf('time')], '2026-01-02T03:04:05.000Z');
    assert.equal(csvCell('=cmd|calc'), "'=cmd|calc");
    assert.equal(csvCell(-5), '-5', 'numbers are numbers');
  });
});
