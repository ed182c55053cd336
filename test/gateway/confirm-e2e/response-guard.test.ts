// A model tool call that would wipe the system is held before the client sees it (balanced), in all
// three API shapes, JSON and streamed. Approved, the client gets the call exactly as the model made
// it; denied, a provider-valid reply where the call became refusal text naming the reason and the
// pending id. Ordinary coding-agent commands pass without asking.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok } from './outcome.js';
import { callShape, REFUSED, RELEASED, SHAPES, type Shape } from './replies.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';

/** The fake answers with a call of the request's first tool, the user's text under `command`. */
const TOOL_CALL = { 'x-fake-scenario': 'tool-call', 'x-fake-tool-key': 'command' };
const TOOL: Record<Shape, string> = { chat: 'Bash', anthropic: 'Bash', responses: 'shell' };
const argsFor = (command: string): string => JSON.stringify({ command, path: '/tmp/x' });

describe('dangerous tool calls in responses are held (balanced)', () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 } });
  });
  after(() => rig.close());

  const call = (shape: Shape, command: string, stream: boolean) => () => callShape(shape, rig, command, { tool: TOOL[shape], stream, headers: TOOL_CALL });

  for (const shape of SHAPES) {
    for (const stream of [false, true]) {
      const mode = stream ? 'streamed' : 'JSON';

      it(`${shape}, ${mode}: rm -rf / is held; approved → the exact call, valid JSON`, async () => {
        rig.fake.reset();
        const { item, result } = await rig.held(call(shape, 'rm -rf /', stream));
        assert.equal(item.stage, 'response');
        assert.deepEqual([item.trigger.category, item.trigger.detector], ['response', 'guard.destructive-command']);
        assert.deepEqual(item.findings.map((f) => [f.category, f.kind]), [['response', 'rm-recursive-critical']]);
        assert.equal(rig.fake.requests.length, 1, 'the request itself went out');
        await rig.decide(item.id, 'approve_original');
        const reply = ok(await result);
        assert.deepEqual([reply.kinds, reply.stop], [RELEASED[shape].kinds, RELEASED[shape].stop]);
        assert.equal(reply.calls[0]!.name, TOOL[shape]);
        assert.equal(reply.calls[0]!.arguments, argsFor('rm -rf /'));
        assert.deepEqual(JSON.parse(reply.calls[0]!.arguments), { command: 'rm -rf /', path: '/tmp/x' });
        const audit = await rig.auditOf(item.id);
        assert.deepEqual([audit.decision, audit.status, audit.stream], ['approved', 200, stream]);
        assert.equal(audit.findings.response, 1);
      });

      it(`${shape}, ${mode}: denied → a provider-valid refusal naming the reason and the pending id`, async () => {
        const { item, result } = await rig.held(call(shape, 'rm -rf /', stream));
        await rig.decide(item.id, 'deny');
        const reply = ok(await result);
        assert.deepEqual([reply.kinds, reply.stop], [REFUSED[shape].kinds, REFUSED[shape].stop]);
        assert.deepEqual(reply.calls, []);
        assert.ok(reply.text.includes(item.id), `names ${item.id}: ${reply.text}`);
        assert.match(reply.text, /destructive command/);
        assert.match(reply.text, /denied/);
        assert.ok(!reply.text.includes('rm -rf'), 'the refusal never echoes the call');
        const audit = await rig.auditOf(item.id);
        assert.deepEqual([audit.decision, audit.status], ['denied', 200]);
      });
    }
  }

  for (const shape of SHAPES) {
    it(`${shape}: ordinary agent commands pass without asking (rm -rf node_modules, ls -la, git status)`, async () => {
      for (const command of ['rm -rf node_modules', 'ls -la', 'git status']) {
        for (const stream of [false, true]) {
          const reply = ok(await rig.notHeld(call(shape, command, stream)));
          assert.deepEqual([reply.kinds, reply.stop], [RELEASED[shape].kinds, RELEASED[shape].stop]);
          assert.equal(reply.calls[0]!.arguments, argsFor(command));
        }
      }
    });
  }
});
