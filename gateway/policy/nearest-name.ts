/**
 * The known name nearest to a typo (`emial` → `email`), when one is close enough to be what was
 * meant: at most a third of the name's length in edits (and always 2). Pure; the admin API's
 * refusal and the dashboard's rule editor say the same.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const target = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(target, k.toLowerCase());
    if (best === undefined || d < best.d) best = { name: k, d };
  }
  return best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
