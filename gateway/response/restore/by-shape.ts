import type { ApiShape } from '../../shared/shape.js';
import type { ResponseRewrite } from '../relay.js';
import type { SseEvent, SyncSseTransform } from '../../stream/sse-event.js';
import { anthropicMessagesRestore } from './stream-anthropic-messages.js';
import { mayNeedRestore } from './event-json.js';
import { openaiChatRestore } from './stream-openai-chat.js';
import { openaiResponsesRestore } from './stream-openai-responses.js';
import { restoreJsonResponse } from './json-response.js';
import type { Lookup } from './restore-text.js';

/**
 * Streams of unknown shape (passthrough routes) carry no split-delta structure we know of: each
 * event's JSON is restored whole. A placeholder split across two such events would stay split.
 */
function wholeEventRestore(lookup: Lookup): SyncSseTransform {
  return {
    push(event: SseEvent) {
      if (!mayNeedRestore(event.data)) return [event];
      const data = restoreJsonResponse('passthrough', event.data, lookup);
      return [data === event.data ? event : { ...event, data }];
    },
    end: () => [],
  };
}

const SSE_RESTORERS: Record<ApiShape, (lookup: Lookup) => SyncSseTransform> = {
  'openai-chat': openaiChatRestore,
  'openai-responses': openaiResponsesRestore,
  'anthropic-messages': anthropicMessagesRestore,
  passthrough: wholeEventRestore,
};

/** The response rewrite that puts this exchange's originals back, for JSON bodies and streams. */
export function restoringRewrite(shape: ApiShape, lookup: Lookup): ResponseRewrite {
  return {
    json(body) {
      const text = body.toString('utf8');
      const out = restoreJsonResponse(shape, text, lookup, true);
      if (typeof out === 'string') return out === text ? body : out;
      return out.then((o) => (o === text ? body : o));
    },
    sse: () => SSE_RESTORERS[shape](lookup),
  };
}
