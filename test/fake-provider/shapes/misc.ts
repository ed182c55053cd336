// The side endpoints: model lists, embeddings, token counting, and the echo of anything else.
import { nowSeconds } from '../ids.js';
import { isObj, tokens } from '../request-view.js';

const MODELS = ['gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small', 'claude-sonnet-4-5', 'claude-haiku-4-5'];
const DIMENSIONS = 8;

export function openaiModels(): object {
  const created = nowSeconds();
  return { object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'fake-provider' })) };
}

export function anthropicModels(): object {
  const data = MODELS.filter((id) => id.startsWith('claude')).map((id) => ({
    type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z',
  }));
  return { data, has_more: false, first_id: data[0].id, last_id: data[data.length - 1].id };
}

/** A deterministic vector per text, so equal inputs embed equally. */
function vector(text: string): number[] {
  const v = new Array<number>(DIMENSIONS).fill(0);
  for (let i = 0; i < text.length; i++) v[i % DIMENSIONS] += (text.charCodeAt(i) % 97) / 97;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export function embeddings(json: unknown): object {
  const body = isObj(json) ? json : {};
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const texts = inputs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x ?? '')));
  const base64 = body.encoding_format === 'base64';
  const data = texts.map((text, index) => {
    const v = vector(text);
    const embedding = base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
    return { object: 'embedding', index, embedding };
  });
  const prompt = texts.reduce((n, t) => n + tokens(t.length), 0);
  return { object: 'list', data, model: typeof body.model === 'string' ? body.model : 'text-embedding-3-small', usage: { prompt_tokens: prompt, total_tokens: prompt } };
}

export function countTokens(bodyBytes: number): object {
  return { input_tokens: tokens(bodyBytes) };
}

export function echo(method: string, path: string, headers: object, body: Buffer): object {
  return { method, path, headers, body: body.toString('utf8') };
}
