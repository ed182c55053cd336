import type { SseTransform } from '../../stream/sse-event.js';
import type { Judge } from './judge.js';

/**
 * The tool-call hold of one shape's stream (each in its own file here): tool calls are held until
 * complete, judged, then released or replaced by a refusal; text and every other event flow through
 * at once, untouched. Runs after restoration, so the judge sees real values. `push` returns a
 * promise only while the judge decides.
 * Hand-written: no library holds and replays provider-shaped tool-call deltas.
 */
export type ToolCallHold = (judge: Judge) => SseTransform;
