import type { ApiShape } from '../shared/shape.js';
import { errorPayload, type GatewayError } from '../errors.js';
import type { SseEvent } from './sse-event.js';

/**
 * The last event of a stream the gateway had to cut short, in the provider's own error shape
 * (OpenAI `data: {"error":…}`, Anthropic `event: error`), so an SDK raises a proper error instead
 * of seeing a silently truncated answer.
 */
export function terminalErrorEvent(shape: ApiShape, err: GatewayError): SseEvent {
  if (shape === 'anthropic-messages') return { event: 'error', data: JSON.stringify(errorPayload('anthropic', err)) };
  return { data: JSON.stringify(errorPayload('openai', err)) };
}
