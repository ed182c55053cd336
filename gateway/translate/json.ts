/** Small readers for untrusted JSON: translation never assumes a field has the type the API says. */
export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objects = (v: unknown): Obj[] => list(v).filter(isObject);

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Copies the keys of `from` that are present (not undefined) into `to`, renamed by `names`. */
export function copyKeys(from: Obj, to: Obj, names: Record<string, string>): void {
  for (const [src, dst] of Object.entries(names)) if (from[src] !== undefined) to[dst] = from[src];
}
