// CI gate: runs recheck (https://makenowjust-labs.github.io/recheck/) over every regex the scan
// detectors compile (DETECTOR_PATTERNS in gateway/scan/patterns.ts) and exits non-zero if any is
// vulnerable or cannot be shown safe. Usage: node scripts/check-redos.mjs [--verbose]
import { check } from 'recheck';
import { tsImport } from 'tsx/esm/api';

// recheck's fuzzer reports "polynomial" for some bounded patterns that are linear in practice
// (a bounded quantifier is at most a constant factor). The automaton checker decides bounded
// repetition exactly, so it gets the last word when the default checker is unsure or fuzzes.
const PARAMS = { timeout: 20_000 };
const verbose = process.argv.includes('--verbose');

const { DETECTOR_PATTERNS } = await tsImport('../gateway/scan/patterns.ts', import.meta.url);

async function verdict(source, flags) {
  const first = await check(source, flags, PARAMS);
  if (first.status === 'safe') return first;
  if (first.status === 'vulnerable' && !first.complexity?.isFuzz) return first;
  return check(source, flags, { ...PARAMS, checker: 'automaton' });
}

const seen = new Set();
let failed = 0;
for (const { owner, source, flags } of DETECTOR_PATTERNS) {
  const key = `/${source}/${flags}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const result = await verdict(source, flags);
  const summary = result.status === 'vulnerable' ? `${result.complexity.summary}, attack ${result.attack.pattern}` : (result.error?.kind ?? '');
  if (result.status !== 'safe') {
    failed++;
    console.error(`FAIL ${owner}: ${key} → ${result.status} ${summary}`);
  } else if (verbose) {
    console.log(`ok   ${owner}: ${key} (${result.checker})`);
  }
}
console.log(`${seen.size} patterns checked, ${failed} not proven safe`);
process.exit(failed === 0 ? 0 : 1);
