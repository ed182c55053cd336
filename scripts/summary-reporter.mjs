// node:test reporter that prints one plain "N passed, N failed" line at the end, for CI.

/** Counts leaf tests, not suites; skips and todos apart. */
export async function countTests(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    // Count leaf tests only: a suite's own pass/fail event carries `details.type === 'suite'`.
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
  }
  return counts;
}

export const summaryLine = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

export default async function* summary(source) {
  yield `\n${summaryLine(await countTests(source))}\n`;
}
