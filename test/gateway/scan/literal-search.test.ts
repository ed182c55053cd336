// Three secret detectors stopped running their anchor regexes (speed work of issue 9): `cookie` and
// `http-auth` find their case-free literal through its rarest letter (literal-search.ts), and
// `connection-string` reads each `=` backwards. The regexes stay the definitions: the searches give
// what ANCHOR.exec gives from every lastIndex, and on random text each detector reports exactly what
// it reports with ANCHOR.exec as its source of candidates (the loop it had before).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScanContext } from '../../../gateway/scan/context.js';
import type { Emit } from '../../../gateway/scan/detector.js';
import { caseFreeLiteral, LiteralSearch } from '../../../gateway/scan/literal-search.js';
import * as connection from '../../../gateway/scan/secrets/connection-string.js';
import * as cookie from '../../../gateway/scan/secrets/cookie.js';
import * as auth from '../../../gateway/scan/secrets/http-auth.js';

type Found = [number, number, string | undefined];
const run = (find: (text: string, emit: Emit, ctx: ScanContext) => void, text: string): Found[] => {
  const out: Found[] = [];
  find(text, (s, e, kind) => out.push([s, e, kind]), new ScanContext(text));
  return out;
};

test('LiteralSearch gives what exec of /literal/gi gives from every lastIndex', () => {
  const unit = fc.constantFrom('ookie', 'OOKIE', 'oOkIe', 'ookiE', 'ookKie', 'k', 'K', 'c', ' ', 'uthorization', 'UTHORIZATION', 'uthoriZation', 'z', 'Z', '\u212A', '\u017F', '-', 'o');
  for (const [literal, pivot] of [['ookie', 'k'], ['uthorization', 'z']] as const) {
    const re = new RegExp(literal, 'gi');
    const lit = caseFreeLiteral(literal, pivot);
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((xs) => xs.join('')), fc.array(fc.nat({ max: 120 }), { maxLength: 8 }), (t, froms) => {
        const search = new LiteralSearch(lit, t);
        for (const from of froms) {
          re.lastIndex = from;
          const m = re.exec(t);
          assert.equal(search.next(from), m === null ? -1 : m.index, `${JSON.stringify(t)} from ${from}`);
        }
      }),
      { numRuns: 5_000 },
    );
  }
});

const pieces = [
  'Cookie', 'cookie', 'COOKIE', 'cOoKiE', 'Set-Cookie', 'set-cookie', '--cookie', '-b', 'ookie', 'Cookies', 'xcookie',
  'Authorization', 'authorization', 'AUTHORIZATION', 'Proxy-Authorization', 'HTTP_AUTHORIZATION', 'preauthorization', 'uthorization',
  'Password', 'password', 'PASSWORD', 'Pwd', 'pwd', 'db.password', 'my-pwd', 'xpwd', 'passwords',
  ': ', ':', '=', '==', ' = ', '   =   ', '    =', '= ', '\t=\t', ';', '; ', '"', "'", '{', '}', '}}', '\n', '\r\n', ' ', '-H ', "-H '", '\\',
  'Bearer ', 'Basic ', 'Token ', 'sessionid=', 'JSESSIONID=', '_ga=', 'Server=db;', 'User Id=sa;',
  'a8F3kQ9zLm2Xw7Vb', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig4sig5sig6', 'dXNlcjpwYXNzd29yZDEyMw==', 'S3cr3t!Pass#2024', 'changeme', '${PW}', 'abc',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(''));

/** ANCHOR.exec from `from`: the candidate source each detector had before. */
function execFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

const detectors: [string, (t: string, emit: Emit, ctx: ScanContext) => void, (t: string, emit: Emit) => void][] = [
  ['cookie', cookie.cookie.find, (t, emit) => cookie.findEach(t, emit, (from) => execFrom(cookie.ANCHOR, t, from)?.index ?? -1)],
  ['http-auth', auth.httpAuth.find, (t, emit) => auth.findEach(t, emit, (from) => execFrom(auth.ANCHOR, t, from)?.index ?? -1)],
  [
    'connection-string',
    connection.connectionString.find,
    (t, emit) =>
      connection.findEach(t, emit, (from) => {
        const m = execFrom(connection.ANCHOR, t, from);
        return m === null ? null : { start: m.index, end: m.index + m[0].length };
      }),
  ],
];

for (const [id, find, viaRegex] of detectors) {
  test(`${id}: reports exactly what it reports with ANCHOR.exec as its source of candidates`, () => {
    fc.assert(
      fc.property(text, (t) => {
        assert.deepEqual(run(find, t), run(viaRegex, t), JSON.stringify(t));
      }),
      { numRuns: 10_000 },
    );
  });
}
