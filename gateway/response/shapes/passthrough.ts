// Passthrough routes (/v1/* of no known API shape): a response is only restored, JSON and stream.
// Every string of a JSON body is restored; each stream event's JSON is restored whole. There is no
// known tool-call shape to withhold and no known place for text, so nothing here is judged.
import { restoreValues } from '../restore/fields.js';
import { restoreJsonResponse, type DocumentRestore } from '../restore/json-response.js';
import type { Lookup } from '../restore/restore-text.js';
import { mayNeedRestore } from '../restore/event-json.js';
import type { SseEvent, SyncSseTransform } from '../../stream/sse-event.js';
import type { ShapeSteps } from './shape-steps.js';

const restoreDocument: DocumentRestore = (doc, lookup) => {
  const out = restoreValues(doc, lookup);
  return out === doc ? undefined : out;
};

/**
 * Streams of unknown shape carry no split-delta structure we know of: each event's JSON is restored
 * whole. A placeholder split across two such events would stay split.
 */
function wholeEventRestore(lookup: Lookup): SyncSseTransform {
  return {
    push(event: SseEvent) {
      if (!mayNeedRestore(event.data)) return [event];
      const data = restoreJsonResponse(restoreDocument, event.data, lookup);
      return [data === event.data ? event : { ...event, data }];
    },
    end: () => [],
  };
}

export const passthrough: ShapeSteps = {
  restore: { document: restoreDocument, stream: wholeEventRestore },
};
