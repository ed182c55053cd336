import { isObject, restoreEach, restoreField, restoreValuesField, type JsonObject } from './fields.js';
import type { Lookup } from './restore-text.js';

/** Restore one whole Anthropic content block in place: text, thinking, tool input. */
export function restoreAnthropicBlock(block: JsonObject, lookup: Lookup): boolean {
  switch (block.type) {
    case 'text':
      return restoreField(block, 'text', lookup);
    case 'thinking':
      return restoreField(block, 'thinking', lookup);
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return restoreValuesField(block, 'input', lookup);
    default:
      return false;
  }
}

/** A whole Anthropic message (JSON response, or `message_start`'s snapshot). */
export function restoreAnthropicMessage(message: unknown, lookup: Lookup): boolean {
  return isObject(message) && restoreEach(message.content, (b) => restoreAnthropicBlock(b, lookup));
}
