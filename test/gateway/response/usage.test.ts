import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { usageFromJson, usageTap, type TokenUsage } from '../../../gateway/response/usage.js';

const fromJson = (body: string) => {
  const u: TokenUsage = {};
  usageFromJson(body, u);
  return u;
};

describe('token usage for the audit', () => {
  it('reads each provider shape of a whole JSON response', () => {
    assert.deepEqual(fromJson('{"choices":[],"usage":{"prompt_tokens":15,"completion_tokens":2,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}}'), { inputTokens: 15, outputTokens: 2 });
    assert.deepEqual(fromJson('{"content":[],"usage":{"input_tokens":35,"cache_creation_input_tokens":7,"cache_read_input_tokens":1,"output_tokens":10}}'), { inputTokens: 35, outputTokens: 10 });
    assert.deepEqual(fromJson('{"output":[],"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":3,"output_tokens_details":{"reasoning_tokens":1}}}'), { inputTokens: 5, outputTokens: 3 });
  });

  it('ignores look-alikes inside message text and bodies without usage', () => {
    assert.deepEqual(fromJson('{"choices":[{"message":{"content":"\\"usage\\": {\\"prompt_tokens\\": 999}"}}]}'), {});
    assert.deepEqual(fromJson('{"error":{"message":"bad"}}'), {});
  });

  it('taps streams without changing a single event', () => {
    const cases: [Parameters<typeof usageTap>[0], string[], TokenUsage][] = [
      ['openai-chat', ['{"choices":[{"delta":{"content":"hi"}}]}', '{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1}}', '[DONE]'], { inputTokens: 3, outputTokens: 1 }],
      ['openai-responses', ['{"type":"response.output_text.delta","delta":"x"}', '{"type":"response.completed","response":{"usage":{"input_tokens":8,"output_tokens":2}}}'], { inputTokens: 8, outputTokens: 2 }],
      ['anthropic-messages', ['{"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}', '{"type":"message_delta","delta":{},"usage":{"output_tokens":7}}'], { inputTokens: 12, outputTokens: 7 }],
    ];
    for (const [shape, datas, expected] of cases) {
      const u: TokenUsage = {};
      const tap = usageTap(shape, u);
      for (const data of datas) {
        const event = { data };
        assert.deepEqual(tap.push(event), [event]);
        assert.equal(tap.push(event)[0], event);
      }
      assert.deepEqual(u, expected, shape);
    }
  });
});
