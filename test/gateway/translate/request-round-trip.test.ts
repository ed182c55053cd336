// The two request translators are inverses on everything both APIs can say: a random request in
// one API, translated to the other and back, comes back equal — ids, tool inputs, images, sampling
// and tool choice included. A mapping changed on one side only breaks this at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { translateRequest } from '../../../gateway/translate/index.js';

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const id = fc.stringMatching(/^[A-Za-z0-9_]{4,16}$/);
const input = fc.dictionary(fc.constantFrom('command', 'path', 'city', 'n'), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()), { maxKeys: 3 });
const base64 = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => Buffer.from(b).toString('base64'));
const mediaType = fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/webp');
const url = fc.constantFrom('https://example.com/a.png', 'http://images.test/b.jpg');
const toolName = fc.constantFrom('Bash', 'read_file', 'get_weather');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined fields, as JSON would. */
const clean = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

describe('request translation round trips', () => {
  it('Anthropic → OpenAI → Anthropic is the identity', () => {
    const image = fc.oneof(
      fc.record({ type: fc.constant('image'), source: fc.record({ type: fc.constant('base64'), media_type: mediaType, data: base64 }) }),
      fc.record({ type: fc.constant('image'), source: fc.record({ type: fc.constant('url'), url }) }),
    );
    const userParts = fc.array(fc.oneof(text.map((t) => ({ type: 'text', text: t })), image), { minLength: 1, maxLength: 3 });
    const call = fc.record({ type: fc.constant('tool_use'), id, name: toolName, input });
    // One exchange: a user turn (tool results for the previous calls first), then maybe the assistant's answer.
    const turn = fc.record({ user: userParts, text: maybe(text), calls: fc.array(call, { maxLength: 2 }), results: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) });
    const request = fc.record({
      model: fc.constantFrom('claude-sonnet-4-5', 'gpt-4.1'),
      max_tokens: fc.integer({ min: 1, max: 64000 }),
      system: maybe(text),
      turns: fc.array(turn, { minLength: 1, maxLength: 4 }),
      tools: maybe(fc.array(fc.record({ name: toolName, description: maybe(text), input_schema: fc.constant({ type: 'object', properties: {} }) }), { maxLength: 2 })),
      choice: maybe(fc.record({ type: fc.constantFrom('auto', 'any', 'none', 'tool'), name: toolName, serial: fc.boolean() })),
      temperature: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      top_p: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      stop_sequences: maybe(fc.array(text, { maxLength: 2 })),
      stream: maybe(fc.boolean()),
      user: maybe(text),
    });

    fc.assert(fc.property(request, (r) => {
      const messages: object[] = [];
      let pending: string[] = [];
      for (const [n, turn] of r.turns.entries()) {
        // Turns alternate: a user turn the assistant did not answer would merge with the next one.
        const t = n < r.turns.length - 1 && turn.text === undefined && turn.calls.length === 0 ? { ...turn, text: 'ok' } : turn;
        const results = pending.map((use, i) => ({ type: 'tool_result', tool_use_id: use, content: t.results[i] ?? '' }));
        messages.push({ role: 'user', content: [...results, ...t.user] });
        const calls = t.calls.map((c, i) => ({ ...c, id: `${c.id}_${messages.length}_${i}` }));
        pending = calls.map((c) => c.id);
        if (t.text !== undefined || calls.length > 0) messages.push({ role: 'assistant', content: [...(t.text === undefined ? [] : [{ type: 'text', text: t.text }]), ...calls] });
      }
      const choice = r.choice && (r.choice.type === 'tool' ? { type: 'tool', name: r.choice.name } : { type: r.choice.type });
      const serial = r.choice?.serial === true && r.tools !== undefined && choice?.type !== 'none';
      const original = clean({
        model: r.model, max_tokens: r.max_tokens, system: r.system, messages, tools: r.tools,
        tool_choice: choice && (serial ? { ...choice, disable_parallel_tool_use: true } : choice),
        temperature: r.temperature, top_p: r.top_p, stop_sequences: r.stop_sequences, stream: r.stream === true ? true : undefined,
        metadata: r.user === undefined ? undefined : { user_id: r.user },
      });
      const openai = translateRequest('anthropic-messages', 'openai', original).body;
      const back = translateRequest('openai-chat', 'anthropic', openai).body;
      assert.deepEqual(back, original);
    }), { numRuns: 300 });
  });

  it('OpenAI → Anthropic → OpenAI is the identity', () => {
    const part = fc.oneof(
      text.map((t) => ({ type: 'text', text: t })),
      fc.tuple(mediaType, base64).map(([m, d]) => ({ type: 'image_url', image_url: { url: `data:${m};base64,${d}` } })),
      url.map((u) => ({ type: 'image_url', image_url: { url: u } })),
    );
    // A single text part is sent as a plain string, so arrays hold two parts or an image.
    const userContent = fc.oneof(text, fc.array(part, { minLength: 1, maxLength: 3 }).filter((p) => p.length > 1 || p[0]!.type !== 'text'));
    const call = fc.record({ id, name: toolName, input });
    const turn = fc.record({ user: userContent, text: maybe(text), calls: fc.array(call, { maxLength: 2 }), results: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) });
    const request = fc.record({
      model: fc.constantFrom('gpt-4.1', 'claude-sonnet-4-5'),
      system: maybe(text),
      turns: fc.array(turn, { minLength: 1, maxLength: 4 }),
      max_tokens: fc.integer({ min: 1, max: 64000 }),
      tools: maybe(fc.array(fc.record({ name: toolName, description: maybe(text), parameters: fc.constant({ type: 'object', properties: { a: { type: 'string' } } }) }), { maxLength: 2 })),
      choice: maybe(fc.record({ kind: fc.constantFrom('auto', 'required', 'none', 'named'), name: toolName, serial: fc.boolean() })),
      temperature: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      top_p: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      stop: maybe(fc.array(text, { maxLength: 2 })),
      stream: fc.boolean(),
      user: maybe(text),
    });

    fc.assert(fc.property(request, (r) => {
      const messages: object[] = r.system === undefined ? [] : [{ role: 'system', content: r.system }];
      for (const [n, turn] of r.turns.entries()) {
        const t = n < r.turns.length - 1 && turn.text === undefined && turn.calls.length === 0 ? { ...turn, text: 'ok' } : turn;
        messages.push({ role: 'user', content: t.user });
        if (t.text === undefined && t.calls.length === 0) continue;
        const calls = t.calls.map((c, i) => ({ id: `${c.id}_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
        messages.push(clean({ role: 'assistant', content: t.text ?? null, tool_calls: calls.length > 0 ? calls : undefined }));
        calls.forEach((c, i) => messages.push({ role: 'tool', tool_call_id: c.id, content: t.results[i] ?? '' }));
      }
      const choice = r.choice && (r.choice.kind === 'named' ? { type: 'function', function: { name: r.choice.name } } : r.choice.kind);
      const original = clean({
        model: r.model, messages, temperature: r.temperature, top_p: r.top_p, max_tokens: r.max_tokens, stream: r.stream ? true : undefined,
        stop: r.stop, stream_options: r.stream ? { include_usage: true } : undefined,
        tools: r.tools?.map((t) => clean({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
        tool_choice: choice,
        parallel_tool_calls: r.choice?.serial === true && r.tools !== undefined && choice !== 'none' ? false : undefined,
        user: r.user,
      });
      const anthropic = translateRequest('openai-chat', 'anthropic', original).body;
      const back = translateRequest('anthropic-messages', 'openai', anthropic).body;
      assert.deepEqual(back, original);
    }), { numRuns: 300 });
  });
});
