// How an SDK call ended, read the same way for both official SDKs: OpenAI's APIError carries the
// gateway code as `code`; Anthropic's keeps the error body, where the gateway put it under `error.code`.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export interface ApiFailure {
  status: number | undefined;
  code: string | undefined;
  message: string;
}

export function apiFailure(err: unknown): ApiFailure {
  if (err instanceof OpenAI.APIError) return { status: err.status, code: err.code ?? undefined, message: err.message };
  if (err instanceof Anthropic.APIError) {
    const body = err.error as { error?: { code?: string } } | undefined;
    return { status: err.status, code: body?.error?.code, message: err.message };
  }
  throw err;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/** Never rejects: the SDK's error, read as an ApiFailure (anything else is rethrown). */
export function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  return call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: apiFailure(error) }),
  );
}

export function ok<T>(s: Settled<T>): T {
  if (!s.ok) throw new Error(`expected success, got ${s.error.status} ${s.error.code}: ${s.error.message}`);
  return s.value;
}

export function failure<T>(s: Settled<T>): ApiFailure {
  if (s.ok) throw new Error('expected the call to fail, but it succeeded');
  return s.error;
}
