import type { ApiShape } from '../shared/shape.js';
import type { Judge } from './tool-call-gate/judge.js';
import type { Lookup } from './restore/restore-text.js';
import { restoreJsonPieces, restoreJsonResponse } from './restore/json-response.js';
import { anthropicMessages } from './shapes/anthropic-messages.js';
import { openaiChat } from './shapes/openai-chat.js';
import { openaiResponses } from './shapes/openai-responses.js';
import { passthrough } from './shapes/passthrough.js';
import type { ShapeSteps } from './shapes/shape-steps.js';
import { chainTransforms } from '../stream/chain.js';
import type { JsonBodyOut, ResponseRewrite, TextPieces } from '../stream/response-rewrite.js';
import { identityTransform } from '../stream/sse-event.js';
import { Slicer } from '../slicer.js';
import { anyPieceMatches, decodePieces, LARGE_BODY } from './large-body.js';
import { guardResponseText, type ResponseGuardDeps, type ResponseGuardInput } from './output-guard.js';

/** Each API shape's response handling, JSON and stream (one module each in shapes/). */
export const RESPONSE_SHAPES: Record<ApiShape, ShapeSteps> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  'anthropic-messages': anthropicMessages,
  passthrough,
};

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
 * A large body decoded in pieces and restored (only decoded without `restore`), one slicer for both so
 * the first restore slice counts the decode's time. `restored` is `decoded` itself when nothing changed.
 */
async function decodeAndRestore(body: Buffer, restore?: (p: TextPieces, slicer: Slicer) => Promise<TextPieces | string>): Promise<{ decoded: TextPieces; restored: TextPieces | string; slicer: Slicer }> {
  const slicer = new Slicer();
  const decoded = await decodePieces(body, slicer);
  return { decoded, restored: restore ? await restore(decoded, slicer) : decoded, slicer };
}

/**
 * The restore step: puts this exchange's originals back, for JSON bodies (as bytes, as text or, when
 * large, as text in pieces) and streams.
 */
function restoring(steps: ShapeSteps, lookup: Lookup) {
  const text = (t: string) => restoreJsonResponse(steps.restore.document, t, lookup, true);
  const pieces = (p: TextPieces, slicer: Slicer) => restoreJsonPieces(steps.restore.document, p, lookup, slicer);
  return {
    text,
    pieces,
    json(body: Buffer): JsonBodyOut | Promise<JsonBodyOut> {
      if (body.length >= LARGE_BODY) return decodeAndRestore(body, pieces).then(({ decoded, restored }) => (restored === decoded ? body : restored));
      // The body as it came when nothing changed, so it is written without being encoded again.
      const t = body.toString('utf8');
      const out = text(t);
      if (typeof out === 'string') return out === t ? body : out;
      return out.then((o) => (o === t ? body : o));
    },
    sse: () => steps.restore.stream(lookup),
  };
}

/**
 * The response side of an exchange, in order: restore the originals this exchange showed the model
 * (and mark every other placeholder-shaped token), withhold the model's tool calls until complete and
 * judge them (released, refused or held for the user) and, for whole JSON bodies, guard its text.
 * Shapes with nothing to judge (passthrough) are only restored. `restoreStreams` is false when the
 * request showed the model no placeholder and escaped nothing: a stream then has nothing to restore,
 * and unless it has tool calls to judge its bytes are relayed as they are (a placeholder-shaped token
 * in it is not marked then; sent back it is escaped like any client text, so it never becomes live).
 */
export function responseRewrite(shape: ApiShape, lookup: Lookup | undefined, restoreStreams: boolean, toolsOffered: boolean, guard: ResponseGuard): ResponseRewrite {
  const steps = RESPONSE_SHAPES[shape];
  const restore = lookup ? restoring(steps, lookup) : undefined;
  const judged = steps.guard;
  // A stream with nothing to restore and no tools offered has nothing to judge either (a model can
  // only call tools it was given; streamed text is never held): its bytes go through as they are.
  const relayStreamBytes = !(restore && restoreStreams) && (!toolsOffered || judged === undefined);
  // A stream rewritten event by event anyway marks placeholders it was not shown.
  const streamRestore = relayStreamBytes ? undefined : restore;
  if (judged === undefined) {
    return {
      json: restore ? restore.json : (body: Buffer) => body,
      sse: streamRestore ? streamRestore.sse : identityTransform,
      relayStreamBytes,
    };
  }
  /**
   * A large body restored as the relay should write it (the same Buffer when nothing changed), and
   * its text when the guards must read it: decoded once for both, in pieces, joined only when it may
   * hold something to judge.
   */
  const restoreLarge = async (body: Buffer): Promise<{ out: JsonBodyOut; text: string | undefined }> => {
    const { decoded, restored, slicer } = await decodeAndRestore(body, restore?.pieces);
    const out = restored === decoded ? body : restored;
    if (typeof restored === 'string') return { out, text: MAY_NEED_GUARD.test(restored) ? restored : undefined };
    return { out, text: (await anyPieceMatches(restored, MAY_NEED_GUARD, slicer)) ? restored.join('') : undefined };
  };
  return {
    relayStreamBytes,
    json: async (body) => {
      let out: JsonBodyOut;
      let text: string | undefined;
      if (body.length >= LARGE_BODY) ({ out, text } = await restoreLarge(body));
      else {
        // The body decoded once, for the restore and the guard both. Awaited only when the restore
        // is sliced (a promise); most responses are answered without another turn.
        const received = body.toString('utf8');
        const restoring = restore ? restore.text(received) : received;
        const restored = typeof restoring === 'string' ? restoring : await restoring;
        out = restored === received ? body : restored;
        text = MAY_NEED_GUARD.test(restored) ? restored : undefined;
      }
      if (text === undefined) return out;
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return out;
      }
      const changed = await judged.toolCalls.document(doc, guard.judge);
      await guardResponseText(judged.text(doc), guard.deps, guard.input);
      return changed ? JSON.stringify(doc) : out;
    },
    sse: () => {
      if (relayStreamBytes) return identityTransform();
      const gate = judged.toolCalls.stream(guard.judge);
      return streamRestore ? chainTransforms(streamRestore.sse(), gate) : gate;
    },
  };
}
