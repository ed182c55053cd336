import type { SseTransform } from '../../stream/sse-event.js';
import type { Judge } from './judge.js';

/**
 * The tool-call gate of one shape's stream (each in its own file here): tool calls are withheld until
 * complete, judged, then released or replaced by a refusal; text and every other event flow through
 * at once, untouched. Runs after restoration, so the judge sees real values. `push` returns a
 * promise only while the judge decides.
 * Hand-written: no library withholds and replays provider-shaped tool-call deltas.
 */
export type ToolCallGate = (judge: Judge) => SseTransform;
