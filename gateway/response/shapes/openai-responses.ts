// OpenAI Responses (/v1/responses): how a response is handled, JSON and stream. The restore of
// output items, parts and snapshots and of a stream's deltas lives here; its `function_call` items
// are withheld by tool-call-gate/openai-responses.ts (stream) and tool-call-gate/document.ts (JSON); its text is the parts'.
import { guardResponsesToolCalls } from '../tool-call-gate/document.js';
import { openaiResponsesGate } from '../tool-call-gate/openai-responses.js';
import { isObject, restoreEach, restoreField, type JsonObject } from '../restore/fields.js';
import type { Lookup } from '../restore/restore-text.js';
import type { SseEvent, SyncSseTransform } from '../../stream/sse-event.js';
import { mayNeedRestore, parseObject, withData } from '../restore/event-json.js';
import { HeldTails, type HeldTail } from '../restore/held-tails.js';
import { stringsIn, type ShapeSteps } from './shape-steps.js';

export const openaiResponses: ShapeSteps = {
  restore: {
    document: (doc, lookup) => (restoreResponse(doc, lookup) ? doc : undefined),
    stream: openaiResponsesRestore,
  },
  guard: {
    toolCalls: { stream: openaiResponsesGate, document: guardResponsesToolCalls },
    text: (doc) =>
      isObject(doc) && Array.isArray(doc.output) ? doc.output.flatMap((item: unknown) => (isObject(item) ? stringsIn(item.content, (p) => p.text) : [])).join('\n') : '',
  },
};

/** One content or summary part of a Responses item, in place. */
function restoreResponsesPart(part: JsonObject, lookup: Lookup): boolean {
  switch (part.type) {
    case 'output_text':
    case 'reasoning_text':
    case 'summary_text':
      return restoreField(part, 'text', lookup);
    case 'refusal':
      return restoreField(part, 'refusal', lookup);
    default:
      return false;
  }
}

/** One Responses output item, in place. Ids, call ids, names and encrypted content are never touched. */
function restoreResponsesItem(item: JsonObject, lookup: Lookup): boolean {
  const part = (p: JsonObject) => restoreResponsesPart(p, lookup);
  switch (item.type) {
    case 'message':
      return restoreEach(item.content, part);
    case 'function_call':
      return restoreField(item, 'arguments', lookup, true);
    case 'mcp_call': {
      const args = restoreField(item, 'arguments', lookup, true);
      return restoreField(item, 'output', lookup) || args;
    }
    case 'custom_tool_call':
      return restoreField(item, 'input', lookup);
    case 'reasoning': {
      const summary = restoreEach(item.summary, part);
      return restoreEach(item.content, part) || summary;
    }
    default:
      return false;
  }
}

/** A whole Response object (JSON response, or the snapshot in `response.completed` and friends). */
function restoreResponse(response: unknown, lookup: Lookup): boolean {
  if (!isObject(response)) return false;
  const output = restoreEach(response.output, (item) => restoreResponsesItem(item, lookup));
  return restoreField(response, 'output_text', lookup) || output;
}

/** Streamed fields: which index names the part, and whether the text is raw JSON (arguments). */
interface DeltaSpec {
  part?: 'content_index' | 'summary_index';
  json: boolean;
}
const DELTAS: Record<string, DeltaSpec> = {
  'response.output_text.delta': { part: 'content_index', json: false },
  'response.refusal.delta': { part: 'content_index', json: false },
  'response.reasoning_text.delta': { part: 'content_index', json: false },
  'response.reasoning_summary_text.delta': { part: 'summary_index', json: false },
  'response.function_call_arguments.delta': { json: true },
  'response.custom_tool_call_input.delta': { json: false },
  'response.mcp_call_arguments.delta': { json: true },
};
/** Each `.done` aggregate: the delta stream it closes and the field holding the full text. */
const DONES: Record<string, { delta: string; field: string }> = {
  'response.output_text.done': { delta: 'response.output_text.delta', field: 'text' },
  'response.refusal.done': { delta: 'response.refusal.delta', field: 'refusal' },
  'response.reasoning_text.done': { delta: 'response.reasoning_text.delta', field: 'text' },
  'response.reasoning_summary_text.done': { delta: 'response.reasoning_summary_text.delta', field: 'text' },
  'response.function_call_arguments.done': { delta: 'response.function_call_arguments.delta', field: 'arguments' },
  'response.custom_tool_call_input.done': { delta: 'response.custom_tool_call_input.delta', field: 'input' },
  'response.mcp_call_arguments.done': { delta: 'response.mcp_call_arguments.delta', field: 'arguments' },
};
const SNAPSHOTS = new Set(['response.created', 'response.queued', 'response.in_progress']);
const TERMINALS = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const PARTS: Record<string, 'content_index' | 'summary_index'> = {
  'response.content_part.added': 'content_index',
  'response.content_part.done': 'content_index',
  'response.reasoning_summary_part.added': 'summary_index',
  'response.reasoning_summary_part.done': 'summary_index',
};

/** The last delta event of a field (SSE event name and data): the template its tail goes out in. */
interface Slot {
  name: string | undefined;
  obj: JsonObject;
}

const itemPrefix = (itemId: unknown) => `${String(itemId)}\0`;
const slotKey = (e: JsonObject, deltaType: string, part: DeltaSpec['part']) =>
  `${itemPrefix(e.item_id)}${deltaType}\0${part === undefined ? '' : String(e[part])}`;

/**
 * Restores an OpenAI Responses stream: text, refusal, reasoning and argument deltas per item and
 * part, and the full strings in `.done` events, parts, items and response snapshots. A held tail
 * goes out as one extra delta event just before the `.done` that closes its field; since every event
 * carries a `sequence_number`, later events are renumbered so the sequence stays strictly increasing.
 */
function openaiResponsesRestore(lookup: Lookup): SyncSseTransform {
  const tails = new HeldTails<Slot>(lookup);
  /** Events inserted so far: added to every later event's sequence number. */
  let inserted = 0;

  const handle = (name: string | undefined, e: JsonObject, before: HeldTail<Slot>[]): boolean => {
    const type = String(e.type);
    const delta = DELTAS[type];
    if (delta !== undefined) {
      const text = e.delta;
      if (typeof text !== 'string') return false;
      const out = tails.push(slotKey(e, type, delta.part), text, delta.json, { name, obj: e });
      if (out === text) return false;
      e.delta = out;
      return true;
    }
    const done = DONES[type];
    if (done !== undefined) {
      const tail = tails.take(slotKey(e, done.delta, DELTAS[done.delta]!.part));
      if (tail !== undefined) before.push(tail);
      return restoreField(e, done.field, lookup, DELTAS[done.delta]!.json);
    }
    const partIndex = PARTS[type];
    if (partIndex !== undefined) {
      const ofPart = (k: string) => k.startsWith(itemPrefix(e.item_id)) && k.endsWith(`\0${String(e[partIndex])}`);
      if (type.endsWith('.done')) before.push(...tails.takeAll(ofPart));
      return isObject(e.part) && restoreResponsesPart(e.part, lookup);
    }
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      const item = e.item;
      if (!isObject(item)) return false;
      if (type.endsWith('.done')) before.push(...tails.takeAll((k) => k.startsWith(itemPrefix(item.id))));
      return restoreResponsesItem(item, lookup);
    }
    if (TERMINALS.has(type) || SNAPSHOTS.has(type)) {
      if (TERMINALS.has(type)) before.push(...tails.takeAll());
      return restoreResponse(e.response, lookup);
    }
    return false;
  };

  /** Sequence number of the last event sent, so tails flushed at the very end continue it. */
  let lastSeq: number | undefined;

  /** A held tail as its own delta event, numbered `seq` (when the stream numbers its events). */
  const flushEvent = (t: HeldTail<Slot>, seq: number | undefined): SseEvent => {
    const { obj, name } = t.meta;
    const synthetic: JsonObject = { ...obj, delta: t.text };
    if ('logprobs' in obj) synthetic.logprobs = [];
    if (seq !== undefined) synthetic.sequence_number = lastSeq = seq;
    const data = JSON.stringify(synthetic);
    return name === undefined ? { data } : { event: name, data };
  };

  /** `flushed` tails as delta events ahead of `ev`, then `ev`, renumbered after any insertion. */
  const emit = (ev: SseEvent, e: JsonObject, changed: boolean, flushed: HeldTail<Slot>[]): SseEvent[] => {
    const seq = typeof e.sequence_number === 'number' ? e.sequence_number : undefined;
    const out = flushed.map((t) => flushEvent(t, seq === undefined ? undefined : seq + inserted++));
    if (seq !== undefined) {
      lastSeq = seq + inserted;
      if (inserted > 0) {
        e.sequence_number = lastSeq;
        changed = true;
      }
    }
    out.push(changed ? withData(ev, e) : ev);
    return out;
  };

  return {
    push(ev) {
      if (tails.size === 0 && inserted === 0 && !mayNeedRestore(ev.data)) return [ev];
      const e = parseObject(ev.data);
      if (e === undefined) return [ev];
      const before: HeldTail<Slot>[] = [];
      const changed = handle(ev.event, e, before);
      return emit(ev, e, changed, before);
    },
    end: () => tails.takeAll().map((t) => flushEvent(t, lastSeq === undefined ? undefined : lastSeq + 1)),
  };
}
