/**
 * Parses the time bounds the admin API and `aegisgate audit export` accept: epoch milliseconds,
 * an ISO 8601 date or date-time (`2026-11-01`, `2026-11-01T00:00:00Z`), or a span before `now`
 * (`90s`, `15m`, `24h`, `7d`). Returns epoch ms, or undefined when the text is none of these.
 */
const EPOCH_MS = /^\d{1,15}$/;
const SPAN = /^(\d{1,9})([smhdw])$/;
// Date.parse alone accepts too much (`1`, `March 7`), so the shape is checked first.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTimeSpec(text: string, now: number = Date.now()): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  const span = SPAN.exec(text);
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]];
  if (!ISO.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
