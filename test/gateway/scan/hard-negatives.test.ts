import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileScanner } from '../../../gateway/scan/index.js';

/**
 * Text that looks busy but holds nothing sensitive: every built-in detector runs over each sample
 * and none may report anything. Grouped by what tends to fool naive patterns.
 */
const SAMPLES: Record<string, string[]> = {
  'git SHAs and hashes': [
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
    'Merge: 1a2b3c4 5d6e7f8 (HEAD -> main, origin/main)',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'integrity sha512-Q2lEkGm4c2T6CsTvbDMaQ1dTCN0uDDbl/iQIRGMQ1aG4M1T8iuJjCCzZ8bwPF5JKnI8qHDVuIj1A2fbDplwLZw==',
    'md5 d41d8cd98f00b204e9800998ecf8427e',
  ],
  'UUIDs and ids': [
    'req_id=123e4567-e89b-12d3-a456-426614174000',
    'toolu_01A09q90qw90lq917835lq9 msg_01XFDUDYJgAACzvnptvVoYEL',
    'chatcmpl-9zQhB2xX5Zq3vK8mN1pL4rT7yW0 resp_67ccd2bed1ec8190b14f964abc054267',
    'order #123456789, ticket JIRA-12345, PR #4821',
  ],
  'versions and semver': [
    'node v20.19.43, npm 11.19.0, typescript@6.0.3, ^1.2.3-beta.4+build.567',
    '"version": "2.14.0-rc.1", "engines": { "node": ">=20.19" }',
    'Chrome/124.0.6367.91 Safari/537.36',
  ],
  'timestamps and numbers': [
    '2024-05-01T12:34:56.789Z 2024-05-01 12:34:56,789 +0000',
    'ts=1714567890123 epoch=1714567890 took=12.345ms p99=0.98765',
    '[01/May/2025:12:10:33 +0000] "GET /api/v1/users/123456 HTTP/1.1" 200 5123',
    'Duration: 0.000123s, 1234567 bytes, 98.7654321%',
    '12345678901234567890123456789012345678901234567890',
  ],
  'code': [
    'for (let i = 0; i < 1000000; i++) { sum += arr[i] * 0.5; }',
    'const key = cacheKey(x); const token = await getToken(); password: string;',
    'export const config = { apiKey: process.env.API_KEY, secret: env("SECRET") };',
    'if (password === confirm && token !== null) return key in map;',
    'fn main() { let v: Vec<u8> = std::vec::Vec::new(); a::b::c(); }',
    'SELECT id, total FROM orders WHERE customer_id = 42 LIMIT 50;',
    "def f(api_key=None, password=None): return os.environ['TOKEN']",
  ],
  'CSS, scopes and decorators': [
    'a { color: #fff; background: #a1b2c3; border: 1px solid #000000aa; }',
    "import type { Request } from '@types/express'; import x from '@scope/pkg/sub';",
    '@Component({ selector: "app-root" }) @Injectable() @media screen',
  ],
  'ports, floats and paths': [
    'listening on localhost:8080 and 0.0.0.0:3000 and [::1]:9229',
    'pi 3.14159 e 2.71828 ratio 0.6180339887',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js:123:45',
    'C:\\Users\\dev\\AppData\\Local\\Temp\\123456789\\file.txt',
  ],
  'base64 without secret prefixes': [
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'QmFzZTY0IGVuY29kZWQgdGV4dCB3aXRob3V0IGFueSBzZWNyZXQgcHJlZml4IGF0IGFsbA==',
  ],
  'prose mentioning secrets': [
    'A risk-based approach: ask-me-anything, desk-top, task-runner, sk-learn.',
    'Set your API key in the dashboard; the token expires after 1 hour.',
    'The password must be at least 12 characters and the secret is rotated daily.',
    'Email me at the usual address; call the office on Monday.',
    'Use user@localhost for local testing.',
  ],
  'prose about auth headers, cookies, webhooks and seed phrases': [
    'Pass the token in the Authorization header (Bearer scheme); Basic auth is off. The Proxy-Authorization header is for proxies.',
    'The server answers with Set-Cookie; the browser returns it in the Cookie header. cookie: chocolate chip',
    'Create an incoming webhook in Slack, Discord or Teams and paste the URL into the webhook field.',
    'Never share your seed phrase: the twelve or twenty-four recovery words give anyone your wallet.',
    'The access token goes in ?access_token= only for legacy clients; prefer a header. Is the key valid?',
  ],
  'placeholders in config files': [
    'Authorization: Bearer ${API_TOKEN}\nCookie: session=<session-id>\nSLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'curl -H "Authorization: Bearer $TOKEN" "https://api.example.com/x?token={{token}}"',
    'NPM_TOKEN=npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nHF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nGITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx',
  ],
  'fullwidth CJK text': [
    '第１章：概述。本版本为２．０，共３章，约１２０页。请在“设置”中修改密码。',
    'ＡＰＩキーは設定画面で管理します。トークンの有効期限は２４時間です。',
    '電話番号：なし、メール：なし（ＵＴＣ＋９）',
  ],
};

const scanner = compileScanner();
for (const [group, samples] of Object.entries(SAMPLES)) {
  test(`hard negatives: ${group}`, () => {
    for (const text of samples) {
      const found = scanner.scan(text).map((f) => `${f.detector}: ${text.slice(f.start, f.end)}`);
      assert.deepEqual(found, [], text);
    }
  });
}
