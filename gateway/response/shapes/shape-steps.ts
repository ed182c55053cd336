import type { JsonToolCallGuard } from '../tool-call-gate/document.js';
import type { ToolCallGate } from '../tool-call-gate/stream.js';
import { isObject, type JsonObject } from '../restore/fields.js';
import type { DocumentRestore } from '../restore/json-response.js';
import type { Lookup } from '../restore/restore-text.js';
import type { SyncSseTransform } from '../../stream/sse-event.js';

/**
 * How the response of one API shape is handled, JSON and stream: one object per shape in
 * response/shapes/, which rewrite.ts picks from its table and runs as restore → tool-call gate → guard.
 */
export interface ShapeSteps {
  /** Putting this exchange's originals back. */
  restore: {
    /** A decoded whole JSON body (see restore/json-response.ts). */
    document: DocumentRestore;
    /** A fresh transform restoring one stream, event by event. */
    stream: (lookup: Lookup) => SyncSseTransform;
  };
  /**
   * What the response guards judge. Absent where the shape is unknown (passthrough routes): there is
   * no known tool-call shape to withhold, so such responses are only restored.
   */
  guard?: {
    /** Tool calls held until complete and judged in order: in a stream, and in a whole JSON document (in place; whether it changed). */
    toolCalls: { stream: ToolCallGate; document: JsonToolCallGuard };
    /** The assistant text of a whole JSON body, which the text guard judges ('' when none). */
    text: (doc: unknown) => string;
  };
}

/** The strings `pick` finds in each object of `list` (when it is an array). */
export const stringsIn = (list: unknown, pick: (o: JsonObject) => unknown): string[] =>
  Array.isArray(list) ? list.flatMap((o: unknown) => (isObject(o) && typeof pick(o) === 'string' ? [pick(o) as string] : [])) : [];
