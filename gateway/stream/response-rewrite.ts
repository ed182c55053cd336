import type { OutgoingHttpHeaders } from 'node:http';
import type { SseTransform } from './sse-event.js';

/**
 * A large body's text in pieces, each far below V8's large-object size: a megabyte response is
 * decoded, restored and written piece by piece and never joined into one string, because every
 * large string the event loop allocates is fresh memory whose page faults it waits for (issue 16).
 */
export type TextPieces = readonly string[];

/** What a JSON rewrite answers: the same Buffer when nothing changed, new text, or new text in pieces. */
export type JsonBodyOut = Buffer | string | TextPieces;

/**
 * How the response side rewrites what comes back, for the relay (response/relay.ts) to apply. Built
 * by response/rewrite.ts, wrapped by response/response-side.ts and translate/; it sits here, under
 * all of them, because it names the stream transform type.
 */
export interface ResponseRewrite {
  /** A whole JSON body (and the upstream status); return the same Buffer when nothing changed so it is relayed untouched. */
  json(body: Buffer, status: number): JsonBodyOut | Promise<JsonBodyOut>;
  /** A fresh per-stream event transform. */
  sse(): SseTransform;
  /** Extra response headers (the redaction count). */
  headers?: Record<string, string>;
  /** Rewrites the upstream's response headers before they are relayed (scrubbing secrets). */
  responseHeaders?(headers: OutgoingHttpHeaders): OutgoingHttpHeaders;
  /**
   * Nothing in the stream can need rewriting (nothing was redacted, no tools were offered): the
   * upstream bytes are relayed as they are, and `sse()` only observes (usage, event-size cap).
   */
  relayStreamBytes?: boolean;
  /** An error status's body is read whole and handed to `json` whatever its media type (translated exchanges). */
  errorsAsJson?: boolean;
}
