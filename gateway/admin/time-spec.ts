/**
 * Parses the time bounds the admin API and `aegisgate audit export` accept: epoch milliseconds,
 * an ISO 8601 date or date-time (`2026-11-01`, `2026-11-01T00:00:00Z`), or a span before `now`
 * (`90s`, `15m`, `24h`, `7d`). Returns epoch ms, or undefined when the text is none of these.
 */
const EPOCH_MS = /^\d{1,15}$/;
const SPAN = /^(\d{1,9})([smhdw])$/;
// Date.parse alone accepts too much (`1`, `March 7`), so the shape is checked first.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const daysIn = (year: number, month: number): number => (month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0);

/** A date-time without an offset is local time, as in JavaScript. */
export function parseTimeSpec(text: string, now: number = Date.now()): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  const span = SPAN.exec(text);
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]];
  const iso = ISO.exec(text);
  // Date.parse rolls 2026-02-30 over into March; a day the month does not have is an error.
  if (!iso || Number(iso[3]) > daysIn(Number(iso[1]), Number(iso[2]))) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
