import type { ApiShape } from '../shared/shape.js';
import { guardJsonToolCalls } from './tool-call-gate/document.js';
import type { Judge } from './tool-call-gate/judge.js';
import { gateToolCalls } from './tool-call-gate/stream.js';
import type { Lookup } from './restore/restore-text.js';
import { restoringRewrite } from './restore/by-shape.js';
import { chainTransforms } from '../stream/chain.js';
import { identityTransform } from '../stream/sse-event.js';
import { guardResponseText, responseText, type ResponseGuardDeps, type ResponseGuardInput } from './output-guard.js';
import type { ResponseRewrite } from './relay.js';

/**
 * Whether a JSON body can hold anything the response guards judge: a tool call, a fenced code block
 * or a bidi control character (raw or JSON-escaped). Most bodies can't, and skip the parse.
 */
const MAY_NEED_GUARD = /"(?:tool_calls|tool_use|function_call|custom_tool_call)"|```|~~~|[\u202A-\u202E\u2066-\u2069]|\\u20(?:2[a-eA-E]|6[6-9])/;

export interface ResponseGuard {
  judge: Judge;
  deps: ResponseGuardDeps;
  input: ResponseGuardInput;
}

/**
 * The response side of an exchange: restore the originals this exchange showed the model (and mark
 * every other placeholder-shaped token), then judge the model's tool calls (withheld until complete,
 * released, refused or held for the user) and, for whole JSON bodies, its text. Passthrough routes
 * are only restored: they carry no known tool-call shape. `restoreStreams` is false when the
 * request showed the model no placeholder and escaped nothing: a stream then has nothing to restore,
 * and unless it has tool calls to judge its bytes are relayed as they are (a placeholder-shaped token
 * in it is not marked then; sent back it is escaped like any client text, so it never becomes live).
 */
export function responseRewrite(shape: ApiShape, lookup: Lookup | undefined, restoreStreams: boolean, toolsOffered: boolean, guard: ResponseGuard): ResponseRewrite {
  const restore = lookup ? restoringRewrite(shape, lookup) : undefined;
  // A stream with nothing to restore and no tools offered has nothing to judge either (a model can
  // only call tools it was given; streamed text is never held): its bytes go through as they are.
  const relayStreamBytes = !(restore && restoreStreams) && (!toolsOffered || shape === 'passthrough');
  // A stream rewritten event by event anyway marks placeholders it was not shown.
  const streamRestore = relayStreamBytes ? undefined : restore;
  if (shape === 'passthrough') {
    return {
      json: restore ? restore.json : (body: Buffer) => body,
      sse: streamRestore ? streamRestore.sse : identityTransform,
      relayStreamBytes,
    };
  }
  return {
    relayStreamBytes,
    json: async (body, status) => {
      const restored = restore ? restore.json(body, status) : body;
      const text = typeof restored === 'string' ? restored : restored.toString('utf8');
      if (!MAY_NEED_GUARD.test(text)) return restored;
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return restored;
      }
      const changed = await guardJsonToolCalls(shape, doc, guard.judge);
      await guardResponseText(responseText(shape, doc), guard.deps, guard.input);
      return changed ? JSON.stringify(doc) : restored;
    },
    sse: () => {
      if (relayStreamBytes) return identityTransform();
      const gate = gateToolCalls(shape, guard.judge);
      return streamRestore ? chainTransforms(streamRestore.sse(), gate) : gate;
    },
  };
}
