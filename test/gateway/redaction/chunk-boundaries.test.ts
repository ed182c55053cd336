// Streamed restoration at every chunk boundary, end to end: upstream sends 1-character deltas
// (every placeholder split across many events) or 1-byte socket writes (every placeholder and every
// multi-byte UTF-8 character split across TCP reads). After each delta the client has seen a
// prefix of the restored text — so no partial placeholder ever reaches it and nothing is restored
// twice — no character is mangled, and tool-call argument deltas concatenate to valid JSON.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ALL_PARTS, ALL_PLANTS, render, SHORT_PARTS, type Parts } from './plants.js';
import { startRedactionRig, type RedactionRig } from './rig.js';
import { assertNoLeak } from './upstream-checks.js';

type Headers = Record<string, string>;
interface Driver {
  name: string;
  /** The text (or tool-argument) deltas the SDK yields, in order. */
  deltas(rig: RedactionRig, text: string, tool: boolean, headers: Headers): Promise<string[]>;
  /** The (redacted) user text in the body upstream received. */
  sentText(json: unknown): string;
}

type Sent = { messages: { content: string }[]; input: string };

const SCHEMA = { type: 'object' as const, properties: {} };
const scenario = (tool: boolean, headers: Headers): Headers => ({ ...headers, 'x-fake-scenario': tool ? 'tool-call' : 'ok' });

const DRIVERS: Driver[] = [
  {
    name: 'OpenAI chat',
    async deltas(rig, text, tool, headers) {
      const tools = [{ type: 'function' as const, function: { name: 'save_note', parameters: SCHEMA } }];
      const stream = await rig.openai.chat.completions.create(
        { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: text }], tools },
        { headers: scenario(tool, headers) },
      );
      const out: string[] = [];
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta;
        const piece = tool ? delta?.tool_calls?.[0]?.function?.arguments : delta?.content;
        if (typeof piece === 'string') out.push(piece);
      }
      return out;
    },
    sentText: (json) => (json as Sent).messages[0]!.content,
  },
  {
    name: 'OpenAI responses',
    async deltas(rig, text, tool, headers) {
      const tools = [{ type: 'function' as const, name: 'save_note', parameters: SCHEMA, strict: false }];
      const stream = await rig.openai.responses.create({ model: 'gpt-4.1', stream: true, input: text, tools }, { headers: scenario(tool, headers) });
      const out: string[] = [];
      for await (const event of stream) {
        if (!tool && event.type === 'response.output_text.delta') out.push(event.delta);
        if (tool && event.type === 'response.function_call_arguments.delta') out.push(event.delta);
      }
      return out;
    },
    sentText: (json) => (json as Sent).input,
  },
  {
    name: 'Anthropic messages',
    async deltas(rig, text, tool, headers) {
      const tools = [{ name: 'save_note', input_schema: SCHEMA }];
      const stream = await rig.anthropic.messages.create(
        { model: 'claude-test-model', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: text }], tools },
        { headers: scenario(tool, headers) },
      );
      const out: string[] = [];
      for await (const event of stream) {
        if (event.type !== 'content_block_delta') continue;
        if (!tool && event.delta.type === 'text_delta') out.push(event.delta.text);
        if (tool && event.delta.type === 'input_json_delta') out.push(event.delta.partial_json);
      }
      return out;
    },
    sentText: (json) => (json as Sent).messages[0]!.content,
  },
];

/** What the client must end up with: the echo, or the tool arguments, of the original text. */
const restored = (parts: Parts, tool: boolean): string => (tool ? JSON.stringify({ echo: render(parts), path: '/tmp/x' }) : `echo: ${render(parts)}`);

function assertPrefixesOf(deltas: readonly string[], want: string): void {
  let seen = '';
  deltas.forEach((delta, i) => {
    assert.ok(!delta.includes('\uFFFD'), `delta ${i} carries a replacement character: ${JSON.stringify(delta)}`);
    seen += delta;
    assert.ok(want.startsWith(seen), `after delta ${i} the client has seen …${JSON.stringify(seen.slice(-50))}, which is not a prefix of the restored text`);
  });
  assert.equal(seen, want);
}

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());

describe('1-character deltas: every placeholder split across many events', () => {
  beforeEach(() => rig.fake.reset());
  for (const driver of DRIVERS) {
    for (const tool of [false, true]) {
      it(`${driver.name} ${tool ? 'tool-call arguments' : 'text'}`, async () => {
        const text = render(ALL_PARTS);
        const deltas = await driver.deltas(rig, text, tool, { 'x-fake-chunk': '1' });
        const want = restored(ALL_PARTS, tool);
        assertPrefixesOf(deltas, want);
        if (tool) assert.deepEqual(JSON.parse(deltas.join('')), { echo: text, path: '/tmp/x' });
        // Events are never merged: at least one client delta per upstream (redacted) character.
        const upstream = rig.fake.requests[0]!;
        assertNoLeak(upstream.body, ALL_PLANTS);
        const redacted = driver.sentText(upstream.json);
        const upstreamOut = tool ? JSON.stringify({ echo: redacted, path: '/tmp/x' }) : `echo: ${redacted}`;
        assert.ok(deltas.length >= Array.from(upstreamOut).length, `${deltas.length} deltas for ${Array.from(upstreamOut).length} upstream ones`);
      });
    }
  }
});

describe('1-byte socket writes upstream: placeholders and UTF-8 split across TCP reads', { concurrency: true }, () => {
  for (const driver of DRIVERS) {
    for (const tool of [false, true]) {
      it(`${driver.name} ${tool ? 'tool-call arguments' : 'text'}`, async () => {
        // 32-character deltas keep the byte-by-byte stream short; placeholders still straddle deltas.
        const deltas = await driver.deltas(rig, render(SHORT_PARTS), tool, { 'x-fake-tcp-split': '1', 'x-fake-chunk': '32' });
        assertPrefixesOf(deltas, restored(SHORT_PARTS, tool));
        if (tool) assert.deepEqual(JSON.parse(deltas.join('')), { echo: render(SHORT_PARTS), path: '/tmp/x' });
      });
    }
  }
});
