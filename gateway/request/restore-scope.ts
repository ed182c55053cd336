// The hand-off from the request side to the response side: which placeholders this exchange's
// response may restore (its vault session's, and a stored conversation's earlier ones).
import type { ApiShape } from '../shared/shape.js';
import type { Lookup } from '../response/restore/restore-text.js';
import type { ResponseChains } from '../vault/response-chains.js';
import type { Protected } from './protect.js';

/** What the response of one exchange may restore, and how its Responses id is to be remembered. */
export interface RestoreScope {
  /** Answers only for the placeholders this exchange showed the model. */
  lookup: Lookup;
  /** False when nothing was shown and nothing escaped: a stream then has nothing to restore. */
  restoreStreams: boolean;
  /** The values restoration may put back: secrets for the tool-call guard, masked in response headers. */
  restored: readonly string[];
  /** For a Responses reply: records its id with the placeholders its chain showed. */
  recordChain: ((responseId: string) => void) | undefined;
}

/**
 * The placeholders a response may restore: this request's own and, for a Responses request that
 * continues a stored conversation (`previous_response_id`), those the chain showed earlier, in the
 * same scope only. A chain that cannot be read restores less, never more.
 */
export function restoreScope(shape: ApiShape, previousResponseId: string | undefined, guarded: Protected, chains: ResponseChains): RestoreScope | Promise<RestoreScope> {
  // Only a continued conversation reads the store first; every other request is answered now.
  if (previousResponseId === undefined) return scopeNow(shape, guarded, chains);
  const { session } = guarded;
  return chains.placeholders(session.scope, previousResponseId).then((shown) => session.allow(shown)).catch(() => undefined)
    .then(() => scopeNow(shape, guarded, chains));
}

function scopeNow(shape: ApiShape, guarded: Protected, chains: ResponseChains): RestoreScope {
  const { session } = guarded;
  const showed = session.shownCount > 0;
  return {
    lookup: session.lookup,
    restoreStreams: guarded.changed || showed,
    restored: session.values(),
    // A lost write only costs the chain after a restart: memory has it already.
    recordChain: shape === 'openai-responses' && showed ? (id) => void chains.record(session.scope, id, session.shown()).catch(() => undefined) : undefined,
  };
}
