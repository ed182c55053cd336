import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSync } from 'recheck';
import { ENCODED_PATTERNS } from '../../../gateway/guard/injection/encoded.js';
import { PHRASE_PATTERNS } from '../../../gateway/guard/injection/phrases.js';
import { CHECK_TEXT_PATTERNS } from '../../../gateway/guard/response/check.js';
import { COMMAND_PATTERNS } from '../../../gateway/guard/response/command.js';
import { EXFIL_PATTERNS } from '../../../gateway/guard/response/exfiltration.js';
import { EXTRACT_PATTERNS } from '../../../gateway/guard/response/extract.js';
import { PATH_PATTERNS } from '../../../gateway/guard/response/paths.js';
import { SANITIZE_PATTERNS } from '../../../gateway/guard/response/sanitize.js';
import { ANALYZE_PATTERNS } from '../../../gateway/guard/response/shell-analyze.js';
import { CHECK_PATTERNS } from '../../../gateway/guard/response/shell-checks.js';
import { PARSE_PATTERNS } from '../../../gateway/guard/response/shell-parse.js';
import { TEXT_BLOCK_PATTERNS } from '../../../gateway/guard/response/text-blocks.js';
import { UNICODE_PATTERNS } from '../../../gateway/guard/unicode.js';

/**
 * Every pattern the guards compile must be linear-time: recheck proves it safe or shows an attack. Its
 * automaton checker decides exactly, so it goes first; the fuzzer (fixed seed, generous timeout) only
 * answers for patterns the automaton cannot take. The fuzzer alone once called a bounded pattern
 * vulnerable on a loaded machine.
 */
function check(re: RegExp) {
  const flags = re.flags.replace(/[gy]/g, '');
  const exact = checkSync(re.source, flags, { checker: 'automaton', timeout: 30_000 });
  return exact.status === 'unknown' ? checkSync(re.source, flags, { timeout: 30_000, randomSeed: 1 }) : exact;
}
const all: ReadonlyArray<readonly [string, RegExp]> = [
  ...PHRASE_PATTERNS.map((p) => [`phrase ${p.id}`, p.re] as const),
  ...[
    ['unicode', UNICODE_PATTERNS], ['encoded', ENCODED_PATTERNS], ['check', CHECK_TEXT_PATTERNS], ['command', COMMAND_PATTERNS],
    ['exfiltration', EXFIL_PATTERNS], ['extract', EXTRACT_PATTERNS], ['paths', PATH_PATTERNS], ['sanitize', SANITIZE_PATTERNS],
    ['analyze', ANALYZE_PATTERNS], ['shell-checks', CHECK_PATTERNS], ['parse', PARSE_PATTERNS], ['text-blocks', TEXT_BLOCK_PATTERNS],
  ].flatMap(([name, list]) => (list as readonly RegExp[]).map((re, i) => [`${name as string}[${i}]`, re] as const)),
];

test('guard patterns are ReDoS-safe (recheck)', () => {
  assert.ok(all.length > 50);
  const unsafe = all
    .map(([name, re]) => [name, re, check(re)] as const)
    .filter(([, , r]) => r.status !== 'safe')
    .map(([name, re, r]) => `${name} /${re.source}/ → ${r.status}${r.status === 'vulnerable' ? ` (${r.attack.pattern})` : ''}`);
  assert.deepEqual(unsafe, []);
});
