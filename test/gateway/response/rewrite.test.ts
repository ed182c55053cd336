// The composed response side of a whole JSON body (gateway/response/rewrite.ts): restore, then the
// tool-call guard. Every tool call is judged whatever the body's size, including bodies large enough
// to be restored in slices (restore/sliced.ts), and the client gets the restored values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatedCall } from '../../../gateway/response/tool-call-gate/judge.js';
import { responseRewrite, type ResponseGuard } from '../../../gateway/response/rewrite.js';
import { SLICED_RESTORE_CHARS } from '../../../gateway/response/restore/sliced.js';
import type { ApiShape } from '../../../gateway/shared/shape.js';
import { plant, VALUES } from './restore/stream-fixtures.js';

const { session, placeholders } = plant();

/** A body of `shape` with text echoing a placeholder, padded to `pad` characters, and one tool call. */
function body(shape: Exclude<ApiShape, 'passthrough'>, pad: number): object {
  const text = `${'x'.repeat(pad)} mail ${placeholders.EMAIL}`;
  const args = { command: 'rm -rf /' };
  switch (shape) {
    case 'openai-chat':
      return { choices: [{ index: 0, message: { role: 'assistant', content: text, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Bash', arguments: JSON.stringify(args) } }] }, finish_reason: 'tool_calls' }] };
    case 'anthropic-messages':
      return { type: 'message', content: [{ type: 'text', text }, { type: 'tool_use', id: 't1', name: 'Bash', input: args }], stop_reason: 'tool_use' };
    case 'openai-responses':
      return { output: [{ type: 'message', id: 'm1', content: [{ type: 'output_text', text }] }, { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'Bash', arguments: JSON.stringify(args) }] };
  }
}

for (const shape of ['openai-chat', 'anthropic-messages', 'openai-responses'] as const) {
  for (const pad of [10, SLICED_RESTORE_CHARS + 1000]) {
    test(`${shape}, ${pad} characters: the tool call is judged and refused, the text restored`, async () => {
      const asked: GatedCall[] = [];
      // The text holds nothing the text guard flags, so its policy and confirmations are never reached.
      const guard: ResponseGuard = { judge: (call) => (asked.push(call), { release: false, refusal: 'REFUSED' }), deps: undefined as never, input: undefined as never };
      const rewrite = responseRewrite(shape, session.lookup, true, true, guard);
      const out = await rewrite.json(Buffer.from(JSON.stringify(body(shape, pad))), 200);
      const text = typeof out === 'string' ? out : out.toString('utf8');
      assert.deepEqual(asked.map((c) => c.name), ['Bash']);
      assert.ok(text.includes('REFUSED'), 'the refusal replaces the call');
      assert.ok(!text.includes('rm -rf'), 'the call is gone');
      assert.ok(text.includes(VALUES.EMAIL!) && !text.includes(placeholders.EMAIL!), 'the text is restored');
    });
  }
}
