import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSync } from 'recheck';
import { ENCODED_PATTERNS } from '../../../../gateway/request/injection/encoded.js';
import { PHRASE_PATTERNS } from '../../../../gateway/request/injection/phrases.js';
import { CHECK_TEXT_PATTERNS } from '../../../../gateway/response/guard/check.js';
import { COMMAND_PATTERNS } from '../../../../gateway/response/guard/command.js';
import { EXFIL_PATTERNS } from '../../../../gateway/response/guard/exfiltration.js';
import { EXTRACT_PATTERNS } from '../../../../gateway/response/guard/extract.js';
import { PATH_PATTERNS } from '../../../../gateway/response/guard/paths.js';
import { SANITIZE_PATTERNS } from '../../../../gateway/response/guard/sanitize.js';
import { ANALYZE_PATTERNS } from '../../../../gateway/response/guard/shell-analyze.js';
import { CHECK_PATTERNS } from '../../../../gateway/response/guard/shell-checks.js';
import { PARSE_PATTERNS } from '../../../../gateway/response/guard/shell-parse.js';
import { TEXT_BLOCK_PATTERNS } from '../../../../gateway/response/guard/text-blocks.js';
import { UNICODE_PATTERNS } from '../../../../gateway/confirm/control-runs.js';

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
