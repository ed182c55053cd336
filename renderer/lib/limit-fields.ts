import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from '../../gateway/config/schema.js';
import { formatUnitValue, parseUnitValue } from '../../gateway/config/units.js';

/** The numeric settings the Limits tab edits, with the config schema's ranges. */
export interface LimitField {
  path: string;
  label: string;
  min: number;
  max: number;
  unit?: 'bytes' | 'ms' | 's';
}

type Sections = typeof ConfigSchema.properties;
type Edited = 'limits' | 'rateLimit' | 'confirm';

/** A field of the schema's `section`, with the minimum and maximum the gateway validates against. */
function limit<S extends Edited>(section: S, key: keyof Sections[S]['properties'] & string, label: string, unit?: LimitField['unit']): LimitField {
  const fields: Readonly<Record<string, TSchema>> = ConfigSchema.properties[section].properties;
  const { minimum, maximum } = fields[key] ?? {};
  if (typeof minimum !== 'number' || typeof maximum !== 'number') throw new Error(`${section}.${key} has no range in the config schema`);
  return { path: `${section}.${key}`, label, min: minimum, max: maximum, ...(unit ? { unit } : {}) };
}

export const LIMIT_GROUPS: { title: string; hint: string; fields: LimitField[] }[] = [
  {
    title: 'Requests',
    hint: 'Bounds on what a tool may send. Larger requests are refused with a clear error before they are read.',
    fields: [
      limit('limits', 'bodyBytes', 'Largest request body', 'bytes'),
      limit('limits', 'jsonDepth', 'Deepest JSON nesting'),
      limit('limits', 'messages', 'Most messages per request'),
      limit('limits', 'stringBytes', 'Longest single string', 'bytes'),
    ],
  },
  {
    title: 'Responses',
    hint: 'Bounds on what comes back from a provider.',
    fields: [
      limit('limits', 'responseBytes', 'Largest non-streamed response', 'bytes'),
      limit('limits', 'sseEventBytes', 'Largest stream event', 'bytes'),
      limit('limits', 'streamBytes', 'Most bytes in one stream', 'bytes'),
      limit('limits', 'streamDurationMs', 'Longest stream', 'ms'),
    ],
  },
  {
    title: 'Rate limits (per client)',
    hint: 'Each client — a client key, or a tool without one — gets its own budget.',
    fields: [
      limit('rateLimit', 'requestsPerMinute', 'Requests per minute'),
      limit('rateLimit', 'burst', 'Burst above the rate'),
      limit('rateLimit', 'concurrent', 'Requests in flight'),
    ],
  },
  {
    title: 'Confirmations',
    hint: 'How long a held request waits for you, and how many may wait at once.',
    fields: [
      limit('confirm', 'timeoutSec', 'Wait for a decision', 's'),
      limit('confirm', 'maxPending', 'Held at once'),
    ],
  },
];

export const LIMIT_FIELDS: LimitField[] = LIMIT_GROUPS.flatMap((g) => g.fields);

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** `{ a: { b: 1 } }` from `a.b` = 1, merged into `into`. */
export function setPath(into: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...into, [head]: value };
  const child = (into[head] && typeof into[head] === 'object' ? into[head] : {}) as Record<string, unknown>;
  return { ...into, [head]: setPath(child, rest.join('.'), value) };
}

/** What the field's text stands for, in the field's unit: `32MB`, `512KiB`, `30s`, `2m` or a bare number. */
export function parseLimit(field: LimitField, text: string): { value: number } | { error: string } {
  if (!text.trim()) return { error: 'Required' };
  const parsed = field.unit ? parseUnitValue(text, field.unit) : /^\s*\d+\s*$/.test(text) ? { value: Number(text) } : { error: 'A whole number' };
  if ('error' in parsed) return parsed;
  const range = (n: number) => (field.unit ? formatUnitValue(n, field.unit) : n.toLocaleString('en'));
  if (parsed.value < field.min || parsed.value > field.max) return { error: `Between ${range(field.min)} and ${range(field.max)}` };
  return parsed;
}

/** The value as people read it (`32 MiB`, `5 min`), under the input. */
export function unitHint(field: LimitField, text: string): string {
  const parsed = parseLimit(field, text);
  if (!field.unit || 'error' in parsed) return '';
  return `= ${formatUnitValue(parsed.value, field.unit)}`;
}
