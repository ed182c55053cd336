import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claudeCodeRequest, logDump } from '../../../bench/payloads.js';
import { compileScanner } from '../../../gateway/scan/index.js';

const scanner = compileScanner();

for (const make of [claudeCodeRequest, logDump]) {
  test(`payloads: ${make.name} is deterministic, sized as intended, and every planted value is found`, () => {
    const payload = make();
    assert.equal(make().body, payload.body);
    assert.ok(payload.planted.length >= 5, 'plants several values');
    const found = new Map<string, string>();
    for (const text of payload.texts) for (const f of scanner.scan(text)) found.set(text.slice(f.start, f.end), f.kind);
    for (const { kind, value } of payload.planted) assert.equal(found.get(value), kind, `${kind} ${value}`);
  });
}

test('payloads: sizes are ~256 KB and ~1 MB', () => {
  const request = claudeCodeRequest();
  assert.ok(request.body.length >= 256 * 1024 && request.body.length < 300 * 1024, String(request.body.length));
  assert.doesNotThrow(() => JSON.parse(request.body));
  const log = logDump();
  assert.ok(log.body.length >= 1024 * 1024 && log.body.length < 1100 * 1024, String(log.body.length));
});

test('payloads: the request has no false positives beyond what was planted', () => {
  const payload = claudeCodeRequest();
  const planted = new Set(payload.planted.map((p) => p.value));
  const extra: string[] = [];
  for (const text of payload.texts) {
    for (const f of scanner.scan(text)) {
      const value = text.slice(f.start, f.end);
      if (!planted.has(value)) extra.push(`${f.detector}: ${value}`);
    }
  }
  assert.deepEqual(extra, []);
});
