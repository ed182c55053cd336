// An agent's own text under the strict preset: vendor boilerplate (Claude Code's commit attribution
// with noreply@anthropic.com) passes through the built-in allowlist, a secret in a tool definition is
// redacted and never held, and a user's own secret is still held. The allowlist is live configuration.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PLACEHOLDER, awsKey } from './values.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';

const REMINDER = '<system-reminder>\nEnd git commit messages with:\nCo-Authored-By: Claude <noreply@anthropic.com>\n</system-reminder>\n';

/** Claude Code's first request, in miniature: a reminder block, the prompt, and tool definitions. */
function claudeCodeLike(prompt: string, toolKey = awsKey(60)) {
  return {
    model: 'claude-test',
    max_tokens: 32,
    system: [{ type: 'text' as const, text: 'You are Claude Code.' }],
    tools: [{
      name: 'Bash',
      description: `Runs a command. Example credentials for tests: ${toolKey}. Attribute commits to noreply@anthropic.com.`,
      input_schema: { type: 'object' as const, properties: { command: { type: 'string', description: 'e.g. git log --author=noreply@anthropic.com' } } },
    }],
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: REMINDER }, { type: 'text' as const, text: prompt }] }],
  };
}

describe('client boilerplate and tool definitions under the strict preset', () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig({ policy: { preset: 'strict' } });
  });
  after(() => rig.close());

  it('a request with no user secrets is not held: vendor text passes, a tool-definition secret is redacted', async () => {
    const key = awsKey(60);
    const res = await rig.notHeld(() => rig.anthropic.messages.create(claudeCodeLike('say hi')));
    assert.ok(res.ok, JSON.stringify(res));
    const sent = JSON.stringify(rig.fake.requests.at(-1)!.json);
    assert.ok(sent.includes('noreply@anthropic.com'), 'vendor boilerplate is allowlisted, not redacted');
    assert.ok(!sent.includes(key), 'the key in the tool definition never leaves');
    const tool = (rig.fake.requests.at(-1)!.json as { tools: { description: string }[] }).tools[0]!;
    assert.match(tool.description, PLACEHOLDER);
  });

  it("the user's own secret in the prompt is still held", async () => {
    const { item, result } = await rig.held(() => rig.anthropic.messages.create(claudeCodeLike(`deploy with ${awsKey(61)}`)));
    assert.deepEqual(item.findings.map((f) => f.field), ['message'], 'only the prompt asks; the tool definition does not');
    await rig.decide(item.id, 'approve_redacted');
    assert.ok((await result).ok);
  });

  it('findings in tool definitions are labelled tool_definition (a rule can hold them if the user wants)', async () => {
    const created = await rig.admin('/admin/rules', { method: 'POST', body: { match: { fieldKind: 'tool_definition' }, action: 'confirm', lifetime: { kind: 'always' } } });
    assert.equal(created.status, 201, created.text);
    const { rule } = created.json as { rule: { id: string } };
    try {
      const { item, result } = await rig.held(() => rig.anthropic.messages.create(claudeCodeLike('say hi', awsKey(62))));
      assert.deepEqual(item.findings.map((f) => [f.field, f.detector]), [['tool_definition', 'aws-access-key']]);
      await rig.decide(item.id, 'deny');
      assert.equal((await result).ok, false);
    } finally {
      await rig.admin(`/admin/rules/${rule.id}`, { method: 'DELETE' });
    }
  });

  it('the built-in allowlist is visible in the configuration and editable: without it the vendor address is held', async () => {
    const view = await rig.admin('/admin/config');
    const scan = (view.json as { config: { scan: { vendorAllowlist: string[]; allowlist: string[] } } }).config.scan;
    assert.ok(scan.vendorAllowlist.includes('noreply@anthropic.com'));
    assert.deepEqual(scan.allowlist, [], "the user's own list stays separate");

    const put = await rig.admin('/admin/config', { method: 'PUT', body: { scan: { vendorAllowlist: scan.vendorAllowlist.filter((v) => v !== 'noreply@anthropic.com') } } });
    assert.equal(put.status, 200, put.text);
    try {
      const { item, result } = await rig.held(() => rig.anthropic.messages.create(claudeCodeLike('say hi')));
      // The reminder is the client's own text in the user's turn: labelled system, not message.
      assert.deepEqual(item.findings.map((f) => [f.field, f.detector]), [['system', 'email']]);
      await rig.decide(item.id, 'deny');
      await result;
    } finally {
      await rig.admin('/admin/config', { method: 'PUT', body: { scan: { vendorAllowlist: scan.vendorAllowlist } } });
    }
  });
});
