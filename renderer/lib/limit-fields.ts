import { formatUnitValue, parseUnitValue } from '../../gateway/config/units.js';

/** The numeric settings the Limits tab edits, with the schema's ranges (gateway/config/schema.ts). */
export interface LimitField {
  path: string;
  label: string;
  min: number;
  max: number;
  unit?: 'bytes' | 'ms' | 's';
}

const MiB = 1024 * 1024;

export const LIMIT_GROUPS: { title: string; hint: string; fields: LimitField[] }[] = [
  {
    title: 'Requests',
    hint: 'Bounds on what a tool may send. Larger requests are refused with a clear error before they are read.',
    fields: [
      { path: 'limits.bodyBytes', label: 'Largest request body', min: 1024, max: 1024 * MiB, unit: 'bytes' },
      { path: 'limits.jsonDepth', label: 'Deepest JSON nesting', min: 4, max: 1024 },
      { path: 'limits.messages', label: 'Most messages per request', min: 1, max: 1_000_000 },
      { path: 'limits.stringBytes', label: 'Longest single string', min: 1024, max: 1024 * MiB, unit: 'bytes' },
    ],
  },
  {
    title: 'Responses',
    hint: 'Bounds on what comes back from a provider.',
    fields: [
      { path: 'limits.responseBytes', label: 'Largest non-streamed response', min: 1024, max: 1024 * MiB, unit: 'bytes' },
      { path: 'limits.sseEventBytes', label: 'Largest stream event', min: 1024, max: 256 * MiB, unit: 'bytes' },
      { path: 'limits.streamBytes', label: 'Most bytes in one stream', min: 1024, max: 64 * 1024 * MiB, unit: 'bytes' },
      { path: 'limits.streamDurationMs', label: 'Longest stream', min: 1000, max: 24 * 3_600_000, unit: 'ms' },
    ],
  },
  {
    title: 'Rate limits (per client)',
    hint: 'Each client — a client key, or a tool without one — gets its own budget.',
    fields: [
      { path: 'rateLimit.requestsPerMinute', label: 'Requests per minute', min: 1, max: 100_000_000 },
      { path: 'rateLimit.burst', label: 'Burst above the rate', min: 1, max: 1_000_000 },
      { path: 'rateLimit.concurrent', label: 'Requests in flight', min: 1, max: 1_000_000 },
    ],
  },
  {
    title: 'Confirmations',
    hint: 'How long a held request waits for you, and how many may wait at once.',
    fields: [
      { path: 'confirm.timeoutSec', label: 'Wait for a decision', min: 5, max: 86_400, unit: 's' },
      { path: 'confirm.maxPending', label: 'Held at once', min: 1, max: 10_000 },
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
