// Hard negatives: text that talks about tokens, cookies, passwords, bearer auth and seed words, config
// files full of placeholders, fullwidth CJK text, base64 blobs, hashes and UUIDs. Each must reach the
// provider byte-identical: no placeholder, no escape, nothing changed.
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { Channel } from './channels.js';

export interface NegativeCase {
  name: string;
  channel: Channel;
  text: string;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const NEGATIVE_CASES: NegativeCase[] = [
  { name: 'prose about bearer auth', channel: 'openai-chat', text: 'Send the access token in the Authorization header using the Bearer scheme; Basic auth is disabled on this API, and a missing token returns 401.' },
  { name: 'prose about cookies', channel: 'anthropic-messages', text: 'The Set-Cookie header sets the session cookie; the browser sends it back in the Cookie header. Clear cookies if login loops.' },
  { name: 'prose about password rules', channel: 'openai-responses', text: 'Passwords must be at least 12 characters, the secret key rotates monthly, and never paste your password into chat.' },
  { name: 'prose about seed words', channel: 'openai-chat', text: 'Write your 12 or 24 seed words on paper. Anyone with your recovery phrase can take your funds, so never type it into a website.' },
  { name: '.env with placeholders', channel: 'tool-call-args', text: 'OPENAI_API_KEY=${OPENAI_API_KEY}\nDB_PASSWORD=changeme\nSLACK_WEBHOOK_URL=<your-webhook-url>\nGITHUB_TOKEN=your_token_here\nSESSION_SECRET=\n' },
  { name: 'curl with env refs', channel: 'openai-chat', text: 'curl -H "Authorization: Bearer $API_TOKEN" -H "Cookie: session=$SESSION" "https://api.example.com/v1/items?access_token=${TOKEN}&page=2"' },
  { name: 'docker-compose with variables', channel: 'anthropic-messages', text: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_USER: app\n    ports: ["5432:5432"]\n' },
  { name: 'Chinese prose with fullwidth punctuation and numbers', channel: 'openai-responses', text: '第１章：概述。本版本为２．０，共３章，约１２０页。请在“设置”中修改密码，不要把令牌发给任何人。' },
  { name: 'Japanese with fullwidth letters', channel: 'openai-chat', text: 'ＡＰＩキーは設定画面で管理します。トークンの有効期限は２４時間です（ＵＴＣ）。' },
  { name: 'Korean text', channel: 'anthropic-messages', text: '비밀번호는 12자 이상이어야 합니다. 토큰은 24시간 후 만료됩니다.' },
  { name: 'base64 image data', channel: 'openai-chat', text: `data:image/png;base64,${PNG}` },
  { name: 'hashes in git and npm output', channel: 'tool-call-args', text: 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nintegrity sha512-Q2lEkGm4c2T6CsTvbDMaQ1dTCN0uDDbl/iQIRGMQ1aG4M1T8iuJjCCzZ8bwPF5JKnI8qHDVuIj1A2fbDplwLZw==\nsha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  { name: 'UUIDs and request ids', channel: 'openai-responses', text: 'req_id=123e4567-e89b-12d3-a456-426614174000 trace=4bf92f3577b34da6a3ce929d0e0e4736 msg_01XFDUDYJgAACzvnptvVoYEL' },
  { name: 'code building an auth header', channel: 'openai-chat', text: 'headers = {"Authorization": f"Bearer {token}", "Cookie": f"session={sid}"}\nresp = requests.get(url, headers=headers)' },
  { name: 'Set-Cookie with short values', channel: 'anthropic-messages', text: 'Set-Cookie: theme=dark; Path=/\nSet-Cookie: lang=en-US; Max-Age=31536000\nSet-Cookie: consent=1; SameSite=Lax' },
  { name: 'BIP-39 word list excerpt', channel: 'openai-responses', text: `The list starts: ${wordlist.slice(0, 24).join(' ')} …` },
  { name: 'BIP-39 public test vector', channel: 'openai-chat', text: `Test vector: ${'abandon '.repeat(11)}about` },
  { name: 'URLs with harmless query strings', channel: 'openai-chat', text: 'See https://example.com/search?q=token&page=2&sort=key and https://cdn.example.com/app.js?v=1.2.3' },
  { name: 'webhook docs and templates', channel: 'tool-call-args', text: 'Create one at https://api.slack.com/messaging/webhooks, e.g. https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX or https://discord.com/api/webhooks/{id}/{token}' },
  { name: 'emoji ZWJ sequences and Persian ZWNJ', channel: 'anthropic-messages', text: 'Family 👨‍👩‍👧‍👦, flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿, heart ❤️ and می‌خواهم — all kept as sent.' },
  { name: 'math with fullwidth digits and superscripts', channel: 'openai-responses', text: '面积约为３．２×１０⁶ km²，增长率１５％，x² + y² = r²。' },
  { name: 'JSON config with empty and null secrets', channel: 'tool-call-args', text: '{"token": "", "password": null, "apiKey": "<set me>", "secret": "REDACTED", "webhook": "https://example.com/hook"}' },
  { name: 'SQL schema naming secrets', channel: 'openai-chat', text: 'CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL, password_hash text, api_key_prefix char(8), session_token_expires_at timestamptz);' },
];

/** Hard negatives on the request channels too: nothing about them may change on the way. */
const ON_CHANNELS: readonly (readonly [Channel, string])[] = [
  ['query-string', 'prose about bearer auth'],
  ['query-string', 'curl with env refs'],
  ['gzip-body', 'prose about cookies'],
  ['deflate-body', 'prose about password rules'],
  ['br-body', 'docker-compose with variables'],
  ['message-name', 'prose about seed words'],
  ['metadata-key', '.env with placeholders'],
];
const byName = new Map(NEGATIVE_CASES.map((c) => [c.name, c]));
for (const [channel, name] of ON_CHANNELS) NEGATIVE_CASES.push({ ...byName.get(name)!, channel });
