import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookie } from '../../../../gateway/scan/secrets/cookie.js';
import { BASE62, fake, findWith } from '../fixtures.js';

const sid = fake(BASE62, 32, 210);
const csrf = fake(BASE62, 40, 211);
const opaque = fake(BASE62 + '-_', 48, 212);

const POSITIVES: [string, string[]][] = [
  [`Cookie: sessionid=${sid}; csrftoken=${csrf}; theme=dark`, [sid, csrf]],
  [`Set-Cookie: __Host-session=${sid}; Path=/; Secure; HttpOnly; SameSite=Lax`, [sid]],
  [`set-cookie: connect.sid="${sid}"; Max-Age=3600`, [sid]],
  [`curl -H 'Cookie: PHPSESSID=${sid}' https://shop.example.com/cart`, [sid]],
  [`curl --cookie "remember_user_token=${csrf}" https://x.example.com`, [csrf]],
  [`{"Cookie": "JSESSIONID=${sid}; lang=en"}`, [sid]],
  [`document.cookie = "prefs=${opaque}; path=/";`, [opaque]],
  [`Cookie: _ga=GA1.2.1234567890.1700000000; auth=${sid}`, [sid]],
  ['Cookie: session_id=k3J9x2Lq8Zp4', ['k3J9x2Lq8Zp4']],
  // Two headers on one line (a flattened dump): the second is read after the first's pairs end.
  [`Cookie: sessionid=${sid} Cookie: auth=${csrf}`, [sid, csrf]],
  [`Set-Cookie: sid=${sid}; Path=/ Set-Cookie: token=${opaque}; Secure`, [sid, opaque]],
];

const NEGATIVES = [
  'The Cookie header carries the session id; Set-Cookie sets it. Clear your cookies and retry.',
  'Cookie: theme=dark; lang=en-US; tz=Europe/Berlin',
  'Cookie: session=${SESSION_ID}',
  'Cookie: sessionid=<your-session-id>',
  'Cookie: sessionid=xxxxxxxxxxxxxxxxxxxxxxxx',
  'Set-Cookie: sessionid=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/',
  'Cookie: _ga=GA1.2.1234567890.1700000000; _gid=GA1.2.987654321.1700000000; _fbp=fb.1.1700000000000.1234567890',
  'cookies = {"session": session_id}',
  'The cookie: a small baked good. cookie=chocolate chip',
  'Set-Cookie: id=a3fWa; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
  'Cookie: sessionid=abc123',
];

for (const [text, values] of POSITIVES) {
  test(`cookie: finds ${values.length} value(s) in ${JSON.stringify(text.slice(0, 36))}…`, () => assert.deepEqual(findWith(cookie, text), values));
}

test('cookie: prose, short or dummy values, tracking ids and Set-Cookie attributes are not findings', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(cookie, text), [], text);
});
