import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileScanner } from '../../../gateway/scan/index.js';

const N = 100_000;
const rep = (unit: string): string => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);

/**
 * ~100 KB inputs built to make a backtracking or quadratic scanner stall: long runs of each
 * detector's anchor and body characters, anchors repeated back to back, unterminated structures.
 */
const ADVERSARIAL: Record<string, string> = {
  'letters then @': 'a'.repeat(N) + '@',
  '@ then letters': '@' + 'a'.repeat(N),
  'a@ repeated': rep('a@'),
  'a.b@ repeated': rep('a.b@'),
  '@ repeated': rep('@'),
  'digits': '1'.repeat(N),
  'digits with spaces': rep('1 '),
  'digits with dashes': rep('12-'),
  'digits with dots': rep('1.'),
  'digit groups': rep('4111 '),
  'dotted quads': rep('1.2.3.4.'),
  'phone-like': rep('+1 (415) '),
  'zero runs': '0'.repeat(N),
  'whitespace': ' '.repeat(N),
  'mixed whitespace': rep(' \t\n\r'),
  'dashes': '-'.repeat(N),
  'BEGIN lines without END': rep('-----BEGIN RSA PRIVATE KEY-----\n'),
  'BEGIN words': rep('BEGIN '),
  'sk- repeated': rep('sk-'),
  'k- repeated': rep('k-'),
  'sk-ant- repeated': rep('sk-ant-'),
  'long sk- body': 'sk-' + 'a1B'.repeat(N / 3),
  'ghp_ repeated': rep('ghp_'),
  'AKIA repeated': rep('AKIA'),
  'uppercase': 'A'.repeat(N),
  'AIza repeated': rep('AIza'),
  'xox repeated': rep('xoxb-'),
  'eyJ repeated': rep('eyJ'),
  'eyJ dots': rep('eyJ.'),
  'base64url': rep('eyJhbGciOiJIUzI1NiJ9'),
  '[[ repeated': rep('[['),
  'unclosed placeholders': rep('[[EMAIL_7KQ2M9X'),
  'placeholders': rep('[[EMAIL_7KQ2M9XD]]'),
  ':// repeated': rep('://'),
  'userinfo without @': rep('a://b:c'),
  'colons': ':'.repeat(N),
  'hex colons': rep('ab:'),
  'drive letters': rep('C:\\'),
  'double colons': rep('a::'),
  'password= repeated': rep('password='),
  ';Password= repeated': rep(';Password='),
  'password= long value': 'password=' + 'aB3'.repeat(N / 3),
  'key: repeated': rep('key: '),
  'token= repeated': rep('token='),
  'escaped quotes': rep('\\"password\\": \\"'),
  'quotes': rep('"'),
  '0x repeated': rep('0x'),
  'hex': 'f'.repeat(N),
  'base58': rep('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN'),
  'bc1 repeated': rep('bc1q'),
  'IBAN heads': rep('DE89 '),
  'IBAN body': 'DE89' + '3'.repeat(N),
  'aws context': rep('aws_secret_access_key '),
  'base64 runs': rep('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  'deny-term prefix': rep('Falco'),
  // Detectors added with Unicode normalisation and the new secret kinds.
  'invisibles': rep('\u200B'),
  'letters and invisibles': rep('a\u200B'),
  'fullwidth': rep('ａ１＠'),
  'combining marks': rep('e\u0301'),
  'mark after mark': 'e' + '\u0301'.repeat(N - 1),
  'Authorization repeated': rep('Authorization: '),
  'Authorization Bearer repeated': rep('Authorization: Bearer '),
  'Authorization long credential': 'Authorization: Bearer ' + 'aB3'.repeat(N / 3),
  'Authorization Basic long': 'Authorization: Basic ' + 'QWxh'.repeat(N / 4),
  'Cookie repeated': rep('Cookie: a='),
  'Cookie pairs': 'Cookie: ' + rep('a=b; '),
  'Set-Cookie long value': 'Set-Cookie: sid=' + 'aB3'.repeat(N / 3),
  'question marks': '?'.repeat(N),
  'query pairs': '?' + rep('token=a&'),
  'query long value': '?token=' + 'aB3'.repeat(N / 3),
  'webhook hosts': rep('https://hooks.slack.com/services/'),
  'discord paths': rep('https://discord.com/api/webhooks/1/'),
  'telegram anchors': rep('12345678:AA'),
  'azure anchors': rep('abc1Q~'),
  'ya29 repeated': rep('ya29.'),
  'SG. repeated': rep('SG.'),
  'SK hex': 'SK' + 'a'.repeat(N),
  'vault anchors': rep('hvs.'),
  'underscores': '_'.repeat(N),
  'word underscores': rep('a_'),
  'word dashes': rep('ab-'),
  'word dots': rep('ab.'),
  'long words ending in dots': rep('a'.repeat(30) + '.'),
  'dot prefixes': rep('ya29.'),
  'prefix repeated': rep('npm_'),
  'prefix then long body': 'glpat-' + 'aB3'.repeat(N / 3),
  'bip39 words': rep('abandon '),
  'bip39 numbered': rep('1. abandon '),
  'lowercase words': rep('ability able about '),
  'long base58 word': 'K'.repeat(N),
  'xprv repeated': rep('xprv'),
  'WIF-length words': rep('5' + 'H'.repeat(50) + ' '),
};

// Custom terms are part of the scan, so they run too.
const scanner = compileScanner({
  denyTerms: [
    { pattern: 'Falcon', wholeWord: true },
    { pattern: 'ACME-\\d{4,8}', regex: true },
  ],
});

/**
 * CPU time of the fastest of three scans, in ms. CPU time rather than wall time: this machine is
 * shared (CI runs test files in parallel), and time spent waiting for a core is not the scanner's.
 */
function cpuMs(input: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    scanner.scan(input);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

// The bound separates linear from catastrophic, not fast from slow: a linear scan of these inputs
// takes tens of ms, while quadratic backtracking over 100,000 characters needs billions of steps
// (many seconds). Speed itself is measured by `npm run bench:scan`, not here.
for (const [name, input] of Object.entries(ADVERSARIAL)) {
  test(`redos: ${name} (${input.length} chars) scans in linear time (well under 1 s)`, () => {
    const ms = cpuMs(input);
    assert.ok(ms < 1000, `${name}: ${ms.toFixed(1)} ms`);
  });
}
