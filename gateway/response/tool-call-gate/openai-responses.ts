import { isObject, type JsonObject } from '../restore/fields.js';
import { parseObject } from '../restore/event-json.js';
import type { Emitted, SseEvent, SseTransform } from '../../stream/sse-event.js';
import { andThen, judgeInOrder, type GatedCall, type Judge, type Judgement } from './judge.js';
import { patchResponseOutput, refusalMessageItem, refusalPart } from './responses-message.js';
import { SequenceNumbers } from './sequence-numbers.js';

interface Withheld {
  ev: SseEvent;
  obj: JsonObject;
}

interface Item {
  outputIndex: unknown;
  order: number;
  /** The added item, then the done one. */
  item: JsonObject;
  events: Withheld[];
  deltas: string;
  /** The full arguments, once a `.done` event or the done item told them. */
  args?: string;
  /** Whether upstream names its events (`event:` lines), so ours do too. */
  named: boolean;
}

const FUNCTION_CALL = '"function_call"';
/** Events whose `response` snapshot lists the output items. */
const SNAPSHOTS = new Set(['response.completed', 'response.incomplete', 'response.done', 'response.failed']);

/**
 * Withholds each `function_call` output item of an OpenAI Responses stream (added, argument deltas,
 * `.done`, item done) and judges it at `response.output_item.done`. Released: the withheld events go
 * out. Refused: a `message` item with the refusal at the same output index, and the final snapshot's
 * `output` is patched to match. `sequence_number` stays strictly increasing for the client.
 */
export function openaiResponsesGate(judge: Judge): SseTransform {
  const open = new Map<string, Item>();
  const replacements = new Map<string, JsonObject>();
  const seq = new SequenceNumbers();
  let order = 0;

  const synthetic = (named: boolean, type: string, body: JsonObject): SseEvent => {
    const data = JSON.stringify({ type, ...seq.next(), ...body });
    return named ? { event: type, data } : { data };
  };

  const refusalEvents = (it: Item, text: string): SseEvent[] => {
    const message = refusalMessageItem(it.item, text);
    replacements.set(String(it.item.id), message);
    const at = { item_id: message.id, output_index: it.outputIndex };
    const ev = (type: string, body: JsonObject) => synthetic(it.named, type, body);
    return [
      ev('response.output_item.added', { output_index: it.outputIndex, item: refusalMessageItem(it.item, text, 'in_progress') }),
      ev('response.content_part.added', { ...at, content_index: 0, part: refusalPart('') }),
      ev('response.output_text.delta', { ...at, content_index: 0, delta: text, logprobs: [] }),
      ev('response.output_text.done', { ...at, content_index: 0, text, logprobs: [] }),
      ev('response.content_part.done', { ...at, content_index: 0, part: refusalPart(text) }),
      ev('response.output_item.done', { output_index: it.outputIndex, item: message }),
    ];
  };

  const settle = (it: Item, j: Judgement): SseEvent[] =>
    j.release ? it.events.map(({ ev, obj }) => seq.emit(ev, obj, false)) : refusalEvents(it, j.refusal);

  const release = (due: Item[], after: () => SseEvent[]): Emitted => {
    if (due.length === 0) return after();
    return andThen(judgeInOrder(due.map(gatedCall), judge), (js) => [...due.flatMap((it, i) => settle(it, js[i]!)), ...after()]);
  };

  const closeAll = (): Item[] => {
    const due = [...open.values()];
    open.clear();
    return due;
  };

  const handle = (ev: SseEvent, e: JsonObject): Emitted => {
    seq.observe(e);
    const key = String(e.output_index);
    if (e.type === 'response.output_item.added' && isObject(e.item) && e.item.type === 'function_call') {
      open.set(key, { outputIndex: e.output_index, order: order++, item: e.item, events: [{ ev, obj: e }], deltas: '', named: ev.event !== undefined });
      return [];
    }
    const it = e.output_index === undefined ? undefined : open.get(key);
    if (it !== undefined) {
      it.events.push({ ev, obj: e });
      if (e.type === 'response.function_call_arguments.delta' && typeof e.delta === 'string') it.deltas += e.delta;
      if (e.type === 'response.function_call_arguments.done' && typeof e.arguments === 'string') it.args = e.arguments;
      if (e.type !== 'response.output_item.done') return [];
      open.delete(key);
      if (isObject(e.item)) {
        it.item = e.item;
        if (typeof e.item.arguments === 'string') it.args ??= e.item.arguments;
      }
      return release([it], () => []);
    }
    if (SNAPSHOTS.has(String(e.type))) {
      // An item never finished (a cut stream) is judged before the response ends.
      return release(closeAll(), () => [seq.emit(ev, e, patchResponseOutput(e.response, replacements))]);
    }
    return [seq.emit(ev, e, false)];
  };

  return {
    push(ev) {
      if (open.size === 0 && seq.inStep && !ev.data.includes(FUNCTION_CALL)) return [ev];
      const e = parseObject(ev.data);
      return e === undefined ? [ev] : handle(ev, e);
    },
    end: () => release(closeAll(), () => []),
  };
}

function gatedCall(it: Item): GatedCall {
  const { item } = it;
  const gated: GatedCall = { name: typeof item.name === 'string' ? item.name : '', arguments: it.args ?? it.deltas, index: it.order };
  const id = typeof item.call_id === 'string' ? item.call_id : item.id;
  if (typeof id === 'string') gated.id = id;
  return gated;
}
