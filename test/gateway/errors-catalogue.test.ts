// The error catalogue is stable API: every GW_ERR_* code is documented in the README's error table
// with its status, the table names no code that does not exist, and each code has a sane shape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERRORS, GatewayError, errorPayload, type ErrorCode } from '../../gateway/errors.js';

const README = join(import.meta.dirname, '../../README.md');

/** Rows of the README's error table: `| \`GW_ERR_X\` | 403 | … |`. */
function documented(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const m of readFileSync(README, 'utf8').matchAll(/^\|\s*`(GW_ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)) rows.set(m[1]!, Number(m[2]));
  return rows;
}

const codes = Object.keys(ERRORS) as ErrorCode[];

describe('error catalogue', () => {
  it('every code appears in the README error table with its status', () => {
    const table = documented();
    const missing = codes.filter((c) => !table.has(c));
    assert.deepEqual(missing, [], `codes missing from README.md's error table: ${missing.join(', ')}`);
    for (const c of codes) assert.equal(table.get(c), ERRORS[c].status, `${c}: README says ${table.get(c)}, errors.ts says ${ERRORS[c].status}`);
  });

  it('the README documents no code that does not exist', () => {
    const stale = [...documented().keys()].filter((c) => !(c in ERRORS));
    assert.deepEqual(stale, []);
  });

  it('codes are GW_ERR_ names and carry an HTTP error status and a message', () => {
    for (const c of codes) {
      assert.match(c, /^GW_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
      const { status, message, type } = ERRORS[c];
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${c}: ${status}`);
      assert.ok(message.length > 0 && type.length > 0, c);
    }
  });

  it('each code renders in both provider shapes with the code, and 5xx hide their detail', () => {
    for (const c of codes) {
      const err = new GatewayError(c, 'detail from 10.1.2.3:8443');
      const openai = errorPayload('openai', err) as { error: { code: string; type: string; message: string; param: null } };
      assert.equal(openai.error.code, c);
      assert.equal(openai.error.param, null);
      const anthropic = errorPayload('anthropic', err) as { type: string; error: { code: string; type: string; message: string } };
      assert.equal(anthropic.type, 'error');
      assert.equal(anthropic.error.code, c);
      if (err.status >= 500) {
        assert.ok(!openai.error.message.includes('10.1.2.3') && !anthropic.error.message.includes('10.1.2.3'), `${c} leaks its detail`);
      }
    }
  });
});
