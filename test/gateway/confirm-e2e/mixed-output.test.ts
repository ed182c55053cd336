// One response with text, a dangerous tool call and an ordinary one (from the scripted upstream:
// the fake provider cannot answer with text and tool calls together). Streamed, the text reaches the
// client while the dangerous call is still held; denied, only that call becomes refusal text and
// the ordinary call is delivered with valid JSON arguments; approved, everything arrives as sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok } from './outcome.js';
import { callShape, SHAPES, type Shape } from './replies.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { SCRIPT, startScriptedUpstream, type ScriptedUpstream } from './scripted-upstream.js';

const APPROVED: Record<Shape, { kinds: string[]; stop: string }> = {
  chat: { kinds: ['text', 'tool_call', 'tool_call'], stop: 'tool_calls' },
  anthropic: { kinds: ['text', 'tool_use', 'tool_use'], stop: 'tool_use' },
  responses: { kinds: ['message', 'function_call', 'function_call'], stop: 'completed' },
};
/** The refused call's place: chat appends to the message's content; the others put a text block or message item there. */
const DENIED: Record<Shape, { kinds: string[]; stop: string }> = {
  chat: { kinds: ['text', 'tool_call'], stop: 'tool_calls' },
  anthropic: { kinds: ['text', 'text', 'tool_use'], stop: 'tool_use' },
  responses: { kinds: ['message', 'message', 'function_call'], stop: 'completed' },
};

describe('text and tool calls in one response (scripted upstream)', () => {
  let upstream: ScriptedUpstream;
  let rig: ConfirmRig;
  before(async () => {
    upstream = await startScriptedUpstream();
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 }, providers: { openai: { baseUrl: upstream.url }, anthropic: { baseUrl: upstream.url } } });
  });
  after(async () => {
    await rig.close();
    await upstream.close();
  });

  for (const shape of SHAPES) {
    for (const stream of [true, false]) {
      for (const decision of ['approve_original', 'deny'] as const) {
        it(`${shape}, ${stream ? 'streamed' : 'JSON'}, ${decision}`, async () => {
          let textArrived!: () => void;
          const firstText = new Promise<void>((resolve) => (textArrived = resolve));
          const { item, result } = await rig.held(() => callShape(shape, rig, 'rebuild the project', { tool: 'Bash', stream, onText: () => textArrived() }));
          assert.equal(item.trigger.detector, 'guard.destructive-command');

          if (stream) {
            // The text went out before the call was held: it reaches the client with no decision made.
            await Promise.race([firstText, new Promise((_, reject) => setTimeout(() => reject(new Error('no text before the decision')), 3000).unref())]);
            assert.equal(rig.gw.app.confirmations.get(item.id)?.status, 'pending', 'still held when the text arrived');
          }

          await rig.decide(item.id, decision);
          const reply = ok(await result);
          const expected = decision === 'deny' ? DENIED[shape] : APPROVED[shape];
          assert.deepEqual([reply.kinds, reply.stop], [expected.kinds, expected.stop]);
          assert.ok(reply.text.startsWith(SCRIPT.text), reply.text);
          for (const call of reply.calls) assert.doesNotThrow(() => JSON.parse(call.arguments), `valid JSON: ${call.arguments}`);
          if (decision === 'deny') {
            assert.deepEqual(reply.calls, [SCRIPT.ordinary], 'the ordinary call is delivered as sent');
            assert.ok(reply.text.includes(item.id), reply.text);
            assert.match(reply.text, /destructive command/);
          } else {
            assert.deepEqual(reply.calls, [SCRIPT.dangerous, SCRIPT.ordinary]);
            assert.equal(reply.text, SCRIPT.text);
          }
          const audit = await rig.auditOf(item.id);
          assert.equal(audit.decision, decision === 'deny' ? 'denied' : 'approved');
        });
      }
    }
  }
});
