import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { restoreJsonPieces, restoreJsonResponse as restoreJsonBody } from '../../../../gateway/response/restore/json-response.js';
import { RESPONSE_SHAPES } from '../../../../gateway/response/rewrite.js';
import { restoreText, type Lookup } from '../../../../gateway/response/restore/restore-text.js';
import type { ApiShape } from '../../../../gateway/shared/shape.js';
import { deepRestore, marked, plant, splitArb, upstreamText, VALUES } from './stream-fixtures.js';

/** A JSON body restored as the response side restores one of `shape`. */
const restoreJsonResponse = (shape: ApiShape, body: string, lookup: Lookup) => restoreJsonBody(RESPONSE_SHAPES[shape].restore.document, body, lookup);
const planted = plant();
const { session } = planted;
const ph = planted.placeholders;
const restore = (s: string) => restoreText(s, session.lookup);
const args = { to: ph.EMAIL, key: ph.PRIVATE_KEY, pw: `pw=${ph.PASSWORD}`, n: [1, ph.GITHUB_TOKEN] };
const restoredArgs = { to: VALUES.EMAIL, key: VALUES.PRIVATE_KEY, pw: `pw=${VALUES.PASSWORD}`, n: [1, VALUES.GITHUB_TOKEN] };

test('OpenAI chat: content, parts, refusal, reasoning and tool-call arguments', () => {
  const body = JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: `mail ${ph.EMAIL} [[~EMAIL_ABCDEFGH]] ${planted.foreign}`,
          refusal: null,
          reasoning_content: `thinking about ${ph.PHONE}`,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'send', arguments: JSON.stringify(args) } }],
        },
        finish_reason: 'tool_calls',
      },
      { index: 1, message: { role: 'assistant', content: [{ type: 'text', text: ph.CUSTOM }], refusal: `no ${ph.EMAIL}` } },
    ],
  });
  const out = JSON.parse(restoreJsonResponse('openai-chat', body, session.lookup));
  const m = out.choices[0].message;
  assert.equal(m.content, `mail ${VALUES.EMAIL} [[EMAIL_ABCDEFGH]] ${marked(planted.foreign)}`);
  assert.equal(m.reasoning_content, `thinking about ${VALUES.PHONE}`);
  assert.deepEqual(JSON.parse(m.tool_calls[0].function.arguments), restoredArgs);
  assert.equal(m.tool_calls[0].id, 'call_1');
  assert.equal(out.choices[1].message.content[0].text, VALUES.CUSTOM);
  assert.equal(out.choices[1].message.refusal, `no ${VALUES.EMAIL}`);
});

test('OpenAI Responses: output items and output_text', () => {
  const body = JSON.stringify({
    id: 'resp_1',
    object: 'response',
    output: [
      { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: ph.EMAIL }], encrypted_content: ph.EMAIL },
      { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `a ${ph.PHONE}`, annotations: [] }, { type: 'refusal', refusal: ph.EMAIL }] },
      { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'send', arguments: JSON.stringify(args) },
      { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_2', name: 'shell', input: `echo ${ph.PASSWORD}` },
    ],
    output_text: `a ${ph.PHONE}`,
  });
  const out = JSON.parse(restoreJsonResponse('openai-responses', body, session.lookup));
  assert.equal(out.output[0].summary[0].text, VALUES.EMAIL);
  assert.equal(out.output[0].encrypted_content, ph.EMAIL, 'encrypted fields are never rewritten');
  assert.equal(out.output[1].content[0].text, `a ${VALUES.PHONE}`);
  assert.equal(out.output[1].content[1].refusal, VALUES.EMAIL);
  assert.deepEqual(JSON.parse(out.output[2].arguments), restoredArgs);
  assert.equal(out.output[3].input, `echo ${VALUES.PASSWORD}`);
  assert.equal(out.output_text, `a ${VALUES.PHONE}`);
});

test('Anthropic Messages: text, thinking and tool_use input (keys and values)', () => {
  const body = JSON.stringify({
    id: 'msg_1',
    type: 'message',
    content: [
      { type: 'thinking', thinking: ph.PHONE, signature: 'sig' },
      { type: 'text', text: `hello ${ph.EMAIL}` },
      { type: 'tool_use', id: 'toolu_1', name: 'send', input: { ...args, [ph.EMAIL!]: ph.AWS_KEY } },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a+/==' },
    ],
  });
  const out = JSON.parse(restoreJsonResponse('anthropic-messages', body, session.lookup));
  assert.equal(out.content[0].thinking, VALUES.PHONE);
  assert.equal(out.content[1].text, `hello ${VALUES.EMAIL}`);
  assert.deepEqual(out.content[2].input, { ...restoredArgs, [VALUES.EMAIL!]: VALUES.AWS_KEY });
  assert.equal(out.content[3].data, 'EmwKAhgBEgy3va3pzix/LafPsn4a+/==');
});

test('passthrough: every string value', () => {
  const body = JSON.stringify({ data: [{ text: ph.EMAIL, n: 1 }], note: `x ${ph.PHONE}` });
  assert.deepEqual(JSON.parse(restoreJsonResponse('passthrough', body, session.lookup)), {
    data: [{ text: VALUES.EMAIL, n: 1 }],
    note: `x ${VALUES.PHONE}`,
  });
});

test('restored JSON equals the document with every restorable string restored', () => {
  fc.assert(
    fc.property(upstreamText(planted), (text) => {
      const doc = { content: [{ type: 'text', text }, { type: 'tool_use', id: 't', name: 'n', input: { text } }] };
      const out = JSON.parse(restoreJsonResponse('anthropic-messages', JSON.stringify(doc), session.lookup));
      assert.deepEqual(out, deepRestore(doc, restore));
    }),
  );
});

test('untouched fast path: the very same body string when nothing is restored', () => {
  const shapes = ['openai-chat', 'openai-responses', 'anthropic-messages', 'passthrough'] as const;
  const plain = '{"choices":[{"message":{"content":"nothing [here]"}}],  "x": 1.0}';
  const foreign = JSON.stringify({ choices: [{ message: { content: planted.foreign } }], content: [{ type: 'text', text: planted.foreign }] });
  for (const shape of shapes) {
    assert.equal(restoreJsonResponse(shape, plain, session.lookup), plain);
    // A placeholder this exchange did not show is marked, never restored, in every shape.
    assert.equal(restoreJsonResponse(shape, foreign, session.lookup), foreign.replaceAll('[[', '[[~'));
    assert.equal(restoreJsonResponse(shape, 'not json [[EMAIL_ABCDEFGH]]', session.lookup), 'not json [[~EMAIL_ABCDEFGH]]');
  }
  // Provider ids and opaque blobs cannot hold a placeholder (no brackets in their alphabets), so
  // a body whose only brackets are elsewhere keeps every id and blob byte for byte.
  const withIds = JSON.stringify({ id: 'chatcmpl-AbC123_x', choices: [{ message: { content: `hi ${ph.EMAIL}` } }], signature: 'EqQBCgIYAhIM+/=' });
  const restored = JSON.parse(restoreJsonResponse('openai-chat', withIds, session.lookup));
  assert.deepEqual([restored.id, restored.signature, restored.choices[0].message.content], ['chatcmpl-AbC123_x', 'EqQBCgIYAhIM+/=', `hi ${VALUES.EMAIL}`]);
});

test('a large body in pieces restores to what the whole body restores to, however it is cut', async () => {
  const shapes = ['openai-chat', 'openai-responses', 'anthropic-messages', 'passthrough'] as const;
  // Raw-text bodies, bodies with tool-call arguments and bracket-escaped bodies (the document path).
  const bodies = fc.tuple(upstreamText(planted), fc.boolean(), fc.boolean()).map(([text, withArgs, escaped]) => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: JSON.stringify({ text }) } };
    const body = JSON.stringify({ choices: [{ message: { content: text, ...(withArgs ? { tool_calls: [call] } : {}) } }], content: [{ type: 'text', text }] });
    return escaped ? body.replaceAll('[[', '\\u005b\\u005b') : body;
  });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...shapes), bodies.chain((body) => fc.tuple(fc.constant(body), splitArb(body))), async (shape, [body, pieces]) => {
      const document = RESPONSE_SHAPES[shape].restore.document;
      const whole = restoreJsonBody(document, body, session.lookup);
      const out = await restoreJsonPieces(document, pieces, session.lookup);
      assert.equal(typeof out === 'string' ? out : out.join(''), whole);
      if (whole === body) assert.equal(out, pieces, 'the same pieces when nothing changed');
    }),
    { numRuns: 400 },
  );
});
