// What an exchange does when its hold ends: forward redacted/original, or refuse with a provider-shaped
// error that names the reason and the pending id (a headless user has no dashboard to look at).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdVerdictOf } from '../../../gateway/confirm/outcome.js';
import type { Outcome } from '../../../gateway/confirm/types.js';
import { errorPayload } from '../../../gateway/errors.js';

const id = 'pnd_abc123';

describe('holdVerdictOf', () => {
  const forwards: ReadonlyArray<[Outcome, 'redacted' | 'original']> = [
    [{ kind: 'approved_redacted', pendingId: id }, 'redacted'],
    [{ kind: 'approved_original', pendingId: id }, 'original'],
    [{ kind: 'timed_out', pendingId: id, applied: 'redact' }, 'redacted'],
  ];
  for (const [outcome, forward] of forwards) {
    it(`${outcome.kind}${'applied' in outcome ? ` (${outcome.applied})` : ''} forwards the ${forward} payload`, () => {
      assert.deepEqual(holdVerdictOf(outcome), { forward, pendingId: id });
    });
  }

  const refusals: ReadonlyArray<[Outcome, string, number, RegExp]> = [
    [{ kind: 'denied', pendingId: id }, 'GW_ERR_CONFIRM_DENIED', 400, /denied/],
    [{ kind: 'timed_out', pendingId: id, applied: 'deny' }, 'GW_ERR_CONFIRM_TIMEOUT', 400, /nobody decided in time/],
    [{ kind: 'abandoned', pendingId: id }, 'GW_ERR_CLIENT_CLOSED', 499, /closed the connection/],
    [{ kind: 'cancelled', pendingId: id }, 'GW_ERR_SHUTTING_DOWN', 503, /shut down/],
  ];
  for (const [outcome, code, status, reason] of refusals) {
    it(`${outcome.kind} refuses with ${code}, naming the reason and the pending id in both provider shapes`, () => {
      const v = holdVerdictOf(outcome);
      assert.ok('refuse' in v);
      assert.equal(v.refuse.code, code);
      assert.equal(v.refuse.status, status);
      assert.match(v.reason, reason);
      assert.ok(v.reason.includes(id));
      const openai = errorPayload('openai', v.refuse) as { error: { message: string; code: string } };
      const anthropic = errorPayload('anthropic', v.refuse) as { error: { message: string; code: string } };
      for (const body of [openai, anthropic]) {
        assert.equal(body.error.code, code);
        assert.ok(body.error.message.includes(id), body.error.message);
      }
    });
  }
});
