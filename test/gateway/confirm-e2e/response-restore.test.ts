// A held tool call whose arguments carry a placeholder: the secret planted in the user's message is
// redacted on the way out, the model echoes its placeholder into the command (split over small
// deltas), and the gateway restores it before the judge and the client see the call. Approved, the
// call is released restored, as valid JSON.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok } from './outcome.js';
import { callShape, RELEASED, SHAPES, type Shape } from './replies.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { githubToken, PLACEHOLDER } from './values.js';

/** Small deltas, so placeholders arrive split across events. */
const TOOL_CALL = { 'x-fake-scenario': 'tool-call', 'x-fake-tool-key': 'command', 'x-fake-chunk': '3' };
const TOOL: Record<Shape, string> = { chat: 'Bash', anthropic: 'Bash', responses: 'shell' };

describe('held tool calls are restored before they are judged and released', () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 } });
  });
  after(() => rig.close());

  const cases = [...SHAPES.map((shape) => ({ shape, stream: true })), { shape: 'chat' as const, stream: false }];
  for (const [i, { shape, stream }] of cases.entries()) {
    it(`${shape}, ${stream ? 'streamed' : 'JSON'}: approved → the restored command, valid JSON; the reveal shows what the judge saw`, async () => {
      rig.fake.reset();
      const token = githubToken(10 + i);
      const command = `rm -rf / --token=${token}`;
      const { item, result } = await rig.held(() => callShape(shape, rig, command, { tool: TOOL[shape], stream, headers: TOOL_CALL }));

      const upstream = rig.fake.requests[0]!.body.toString('utf8');
      assert.ok(!upstream.includes(token), 'the token was redacted on the way out');
      assert.match(upstream, PLACEHOLDER);
      const revealed = await rig.admin(`/admin/confirmations/${item.id}/reveal`, { method: 'POST' });
      assert.equal(revealed.status, 200, revealed.text);
      const judged = (revealed.json as { text: string }).text;
      assert.deepEqual(JSON.parse(judged), { command, path: '/tmp/x' }, 'the judge saw the restored call');
      assert.doesNotMatch(judged, PLACEHOLDER);

      await rig.decide(item.id, 'approve_original');
      const reply = ok(await result);
      assert.deepEqual([reply.kinds, reply.stop], [RELEASED[shape].kinds, RELEASED[shape].stop]);
      assert.equal(reply.calls.length, 1);
      assert.equal(reply.calls[0]!.arguments, JSON.stringify({ command, path: '/tmp/x' }));
      assert.deepEqual(JSON.parse(reply.calls[0]!.arguments), { command, path: '/tmp/x' });

      const audit = await rig.auditOf(item.id);
      assert.equal(audit.decision, 'approved');
      assert.ok(!JSON.stringify(audit).includes(token));
    });
  }

  it('the stored preview of a held tool call does not show a restored secret', async () => {
    const token = githubToken(30);
    const { item, result } = await rig.held(() => callShape('chat', rig, `rm -rf / ${token}`, { tool: 'Bash', stream: true, headers: TOOL_CALL }));
    await rig.decide(item.id, 'deny');
    ok(await result);
    const stored = await rig.gw.store.pending.get(item.id);
    for (const preview of [item.preview, stored?.preview ?? '']) {
      assert.ok(!preview.includes(token.slice(0, 12)), `the preview shows the restored token: ${preview}`);
    }
  });
});
