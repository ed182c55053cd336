import { isObject, type JsonObject } from '../restore/fields.js';
import { parseObject, withData } from '../restore/event-json.js';
import type { Emitted, SseEvent, SseTransform } from '../../stream/sse-event.js';
import { toolCallFields } from './call-fields.js';
import { chunkWith, envelopeOf, isCompleteJson, isEmptyChunk, soleToolDelta } from './chat-chunks.js';
import { andThen, judgeInOrder, type GatedCall, type Judge, type Judgement } from './judge.js';

/** A withheld delta: the upstream event when it was withheld whole, and the entry whose `index` may change. */
interface Piece {
  ev?: SseEvent;
  chunk: JsonObject;
  entry: JsonObject;
}

interface Choice {
  index: unknown;
  open: Call[];
  /** Tool indexes already judged: a late delta for one of them is dropped. */
  judged: Set<string>;
  released: number;
  refused: number;
}

interface Call {
  choice: Choice;
  tool: string;
  order: number;
  id?: string;
  name: string;
  args: string;
  role?: unknown;
  pieces: Piece[];
}

const TOOL_CALLS = '"tool_calls"';
/** Non-empty assistant text: a refusal that follows it starts on a new paragraph. */
const TEXT = /"content":\s*"[^"]/;

/**
 * Withholds the tool calls of an OpenAI chat completions stream (`choices[i].delta.tool_calls[j]`) per
 * choice and tool index until complete: the choice's finishing chunk, `[DONE]`, the end, or a later
 * tool index starting once the arguments so far parse. Each complete call is judged in order; a
 * released call goes out as it came (re-indexed so the client sees 0..n-1), a refused one becomes a
 * content delta with the refusal, and `finish_reason: "tool_calls"` becomes `"stop"` when none of the
 * choice's calls remains. Everything else flows through at once.
 */
export function openaiChatGate(judge: Judge): SseTransform {
  const choices = new Map<string, Choice>();
  let open = 0;
  let order = 0;
  let textSeen = false;

  const choiceOf = (index: unknown): Choice => {
    const key = String(index);
    let c = choices.get(key);
    if (c === undefined) choices.set(key, (c = { index, open: [], judged: new Set(), released: 0, refused: 0 }));
    return c;
  };

  const close = (c: Choice, call: Call, due: Call[]) => {
    c.judged.add(call.tool);
    open--;
    due.push(call);
  };

  /** Add one tool-call delta to its call; a new call first closes the complete ones before it. */
  const route = (index: unknown, entry: JsonObject, pos: number, piece: Piece, role: unknown, due: Call[]) => {
    const c = choiceOf(index);
    const tool = String(entry.index ?? pos);
    if (c.judged.has(tool)) return;
    let call = c.open.find((k) => k.tool === tool);
    if (call === undefined) {
      while (c.open.length > 0 && isCompleteJson(c.open[0]!.args)) close(c, c.open.shift()!, due);
      call = { choice: c, tool, order: order++, name: '', args: '', pieces: [] };
      c.open.push(call);
      open++;
    }
    call.pieces.push(piece);
    if (role !== undefined) call.role = role;
    // Same rules as the SDK's accumulator: the last non-empty id and name win, arguments append.
    if (typeof entry.id === 'string' && entry.id !== '') call.id = entry.id;
    const fields = toolCallFields(entry);
    if (fields.name !== '') call.name = fields.name;
    call.args += fields.arguments;
  };

  const closeChoice = (index: unknown, due: Call[]) => {
    const c = choices.get(String(index));
    while (c !== undefined && c.open.length > 0) close(c, c.open.shift()!, due);
  };

  const settle = (call: Call, j: Judgement): SseEvent[] => {
    const c = call.choice;
    if (j.release) {
      const index = c.released++;
      return call.pieces.map(({ ev, chunk, entry }) => {
        if (ev !== undefined && String(entry.index ?? 0) === String(index)) return ev;
        entry.index = index;
        return ev === undefined ? { data: JSON.stringify(chunk) } : withData(ev, chunk);
      });
    }
    c.refused++;
    const content = (textSeen ? '\n\n' : '') + j.refusal;
    textSeen = true;
    const delta = call.role === undefined ? { content } : { role: call.role, content };
    return [{ data: JSON.stringify(chunkWith(envelopeOf(call.pieces[0]!.chunk), c.index, delta)) }];
  };

  /** Judge `due` in order, then the settled calls go out followed by `after()`. */
  const release = (due: Call[], after: () => SseEvent[]): Emitted => {
    if (due.length === 0) return after();
    return andThen(judgeInOrder(due.map(gatedCall), judge), (js) => [...due.flatMap((call, i) => settle(call, js[i]!)), ...after()]);
  };

  const closeAll = (): Call[] => {
    const due: Call[] = [];
    for (const c of choices.values()) closeChoice(c.index, due);
    return due;
  };

  const pushChunk = (ev: SseEvent, chunk: JsonObject, list: unknown[]): Emitted => {
    const due: Call[] = [];
    const sole = soleToolDelta(chunk, list);
    if (sole !== undefined) {
      route(sole.choice, sole.entry, 0, { ev, chunk, entry: sole.entry }, sole.role, due);
      return release(due, () => []);
    }
    let changed = false;
    list.forEach((choice, pos) => {
      if (!isObject(choice)) return;
      const index = choice.index ?? pos;
      const delta = choice.delta;
      if (isObject(delta)) {
        if (typeof delta.content === 'string' && delta.content !== '') textSeen = true;
        if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) {
          const envelope = envelopeOf(chunk);
          delta.tool_calls.forEach((entry: unknown, tpos) => {
            if (!isObject(entry)) return;
            route(index, entry, tpos, { chunk: chunkWith(envelope, index, { tool_calls: [entry] }), entry }, undefined, due);
          });
          delete delta.tool_calls;
          changed = true;
        }
      }
      if (choice.finish_reason != null) closeChoice(index, due);
    });
    return release(due, () => {
      list.forEach((choice, pos) => {
        if (!isObject(choice) || choice.finish_reason !== 'tool_calls') return;
        const c = choices.get(String(choice.index ?? pos));
        if (c !== undefined && c.released === 0 && c.refused > 0 && c.open.length === 0) {
          choice.finish_reason = 'stop';
          changed = true;
        }
      });
      if (changed && isEmptyChunk(chunk, list)) return [];
      return [changed ? withData(ev, chunk) : ev];
    });
  };

  return {
    push(ev) {
      if (open === 0 && !ev.data.includes(TOOL_CALLS)) {
        if (!textSeen && TEXT.test(ev.data)) textSeen = true;
        return [ev];
      }
      if (ev.data.trim() === '[DONE]') return release(closeAll(), () => [ev]);
      const chunk = parseObject(ev.data);
      if (chunk === undefined || !Array.isArray(chunk.choices)) return [ev];
      return pushChunk(ev, chunk, chunk.choices);
    },
    end: () => release(closeAll(), () => []),
  };
}

function gatedCall(call: Call): GatedCall {
  const gated: GatedCall = { name: call.name, arguments: call.args, index: call.order };
  if (call.id !== undefined) gated.id = call.id;
  return gated;
}
