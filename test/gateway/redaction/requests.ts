// Request bodies of the three API shapes with planted values in every text-bearing place a real
// agent fills: system prompts (string and blocks), user turns, earlier tool-call arguments and
// Anthropic tool_use.input, tool results, Responses instructions and function_call_output, next to
// linkage fields and base64 images that must reach upstream untouched.
import { ALL_PARTS, type Parts } from './plants.js';
import { Slots } from './upstream-checks.js';

/** A 1×1 PNG. */
export const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const TOOL = 'lookup_customer';
export const CALL_ID = 'call_Q1w2E3r4T5y6U7i8';
export const TOOLU_ID = 'toolu_01A09q90qw90lq917835lq9';
const SCHEMA = { type: 'object' as const, properties: { query: { type: 'string' } } };

/** The same values in every slot, told apart by a prefix. */
const slot = (label: string): Parts => [`[${label}] `, ...ALL_PARTS];

function toolArgs(s: Slots, label: string) {
  return { query: s.text(slot(`${label} query`)), filters: { notes: [s.text(slot(`${label} note`))], limit: 5, exact: true } };
}

export function chatRequest(last: Parts = slot('user')) {
  const s = new Slots();
  const body = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system' as const, content: s.text(slot('system string')) },
      { role: 'developer' as const, content: [{ type: 'text' as const, text: s.text(slot('developer part')) }] },
      { role: 'user' as const, content: s.text(slot('first user')) },
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [{ id: CALL_ID, type: 'function' as const, function: { name: TOOL, arguments: JSON.stringify(toolArgs(s, 'args')) } }],
      },
      { role: 'tool' as const, tool_call_id: CALL_ID, content: s.text(slot('tool result')) },
      {
        role: 'user' as const,
        content: [
          { type: 'text' as const, text: s.text(last) },
          { type: 'image_url' as const, image_url: { url: `data:image/png;base64,${PNG_B64}`, detail: 'low' as const } },
        ],
      },
    ],
    tools: [{ type: 'function' as const, function: { name: TOOL, description: 'Find a customer', parameters: SCHEMA } }],
  };
  return { body, slots: s, last };
}

export function responsesRequest(last: Parts = slot('user')) {
  const s = new Slots();
  const body = {
    model: 'gpt-4.1',
    instructions: s.text(slot('instructions')),
    input: [
      { role: 'developer' as const, content: [{ type: 'input_text' as const, text: s.text(slot('developer part')) }] },
      { role: 'user' as const, content: s.text(slot('first user')) },
      { type: 'function_call' as const, id: 'fc_68a1b2c3d4e5f6', call_id: CALL_ID, name: TOOL, arguments: JSON.stringify(toolArgs(s, 'args')) },
      { type: 'function_call_output' as const, call_id: CALL_ID, output: s.text(slot('function_call_output')) },
      {
        role: 'user' as const,
        content: [
          { type: 'input_text' as const, text: s.text(last) },
          { type: 'input_image' as const, image_url: `data:image/png;base64,${PNG_B64}`, detail: 'auto' as const },
        ],
      },
    ],
    tools: [{ type: 'function' as const, name: TOOL, description: 'Find a customer', parameters: SCHEMA, strict: false }],
  };
  return { body, slots: s, last };
}

export function anthropicRequest(system: 'string' | 'blocks', last: Parts = slot('user')) {
  const s = new Slots();
  const body = {
    model: 'claude-test-model',
    max_tokens: 1024,
    system: system === 'string'
      ? s.text(slot('system string'))
      : [
          { type: 'text' as const, text: s.text(slot('system block 1')) },
          { type: 'text' as const, text: s.text(slot('system block 2')), cache_control: { type: 'ephemeral' as const } },
        ],
    messages: [
      { role: 'user' as const, content: s.text(slot('first user')) },
      {
        role: 'assistant' as const,
        content: [
          { type: 'text' as const, text: s.text(slot('assistant text')) },
          { type: 'tool_use' as const, id: TOOLU_ID, name: TOOL, input: toolArgs(s, 'tool_use.input') },
        ],
      },
      {
        role: 'user' as const,
        content: [
          system === 'string'
            ? { type: 'tool_result' as const, tool_use_id: TOOLU_ID, content: s.text(slot('tool_result string')) }
            : { type: 'tool_result' as const, tool_use_id: TOOLU_ID, content: [{ type: 'text' as const, text: s.text(slot('tool_result block')) }] },
          { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: PNG_B64 } },
          { type: 'text' as const, text: s.text(last) },
        ],
      },
    ],
    tools: [{ name: TOOL, description: 'Find a customer', input_schema: SCHEMA }],
  };
  return { body, slots: s, last };
}
