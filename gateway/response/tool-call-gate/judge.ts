/** One completed tool call of a response, as the client would receive it. */
export interface GatedCall {
  id?: string;
  name: string;
  /** Complete JSON text, as restored (upstream's text; a truncated stream may leave it invalid). */
  arguments: string;
  /** Position among this response's tool calls, in order of appearance. */
  index: number;
}

/** What happens to one completed tool call: released unchanged, or replaced by the refusal text. */
export type Judgement = { release: true } | { release: false; refusal: string };
export type Judge = (call: GatedCall) => Judgement | Promise<Judgement>;

export type MaybePromise<T> = T | Promise<T>;

/** `fn(value)`, now when `value` is already there, after it resolves otherwise. */
export function andThen<T, U>(value: MaybePromise<T>, fn: (v: T) => U): MaybePromise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** A judge may hand back any thenable; the sink only recognises native promises. */
const isThenable = (v: unknown): v is PromiseLike<Judgement> => typeof (v as { then?: unknown } | null)?.then === 'function';

/**
 * Judges calls one after another, never two at once (a confirmation puts one question to the user at
 * a time, in the order the model made the calls). Stays synchronous as long as the judge does; a
 * judge that throws or rejects fails the step, so the stream is cut rather than the call released.
 */
export function judgeInOrder(calls: readonly GatedCall[], judge: Judge): MaybePromise<Judgement[]> {
  const out: Judgement[] = [];
  for (let i = 0; i < calls.length; i++) {
    const j = judge(calls[i]!);
    if (isThenable(j)) {
      return Promise.resolve(j).then(async (first) => {
        out.push(first);
        for (let k = i + 1; k < calls.length; k++) out.push(await judge(calls[k]!));
        return out;
      });
    }
    out.push(j);
  }
  return out;
}
