// Evasion corpus: values written the way careful users and hostile inputs write them — zero-width,
// bidi, soft hyphen, tag characters, variation selectors, fullwidth and small forms — and the new
// secret kinds as they are really pasted (curl commands, HTTP dumps, .env files, webhook configs,
// wallet notes). `secrets` lists what must never reach the provider, in any spelling.
import { seededString } from '../../../helpers/seeded.js';
import { mnemonic, wif, xprv } from '../../../helpers/wallet-values.js';
import { DENY_TERM, V } from '../plants.js';
import type { Channel } from './channels.js';

export interface EvasionCase {
  name: string;
  channel: Channel;
  text: string;
  secrets: string[];
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const UD = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const s = (alphabet: string, n: number, seed: number) => seededString(alphabet, n, 600 + seed);

/** `ch` after every `every`-th character (never first or last), as evasion tools insert them. */
export const sprinkle = (value: string, ch: string, every = 3): string =>
  [...value].map((c, i) => (i > 0 && i % every === 0 ? ch + c : c)).join('');
/** ASCII letters, digits and `@` as their fullwidth forms. */
export const fullwidth = (value: string): string => value.replace(/[A-Za-z0-9@]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const ZWSP = '\u200B';
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const WJ = '\u2060';
const SHY = '\u00AD';
const LRM = '\u200E';
const RLO = '\u202E';
const PDF = '\u202C';
const VS16 = '\uFE0F';
const TAG_A = '\u{E0041}';
const BOM = '\uFEFF';

const bearer = s(B62, 40, 1);
const basic = Buffer.from(`ci-bot:${s(B62, 18, 2)}`).toString('base64');
const session = s(B62, 32, 3);
const csrf = s(B62, 40, 4);
const slackHook = `T${s(UD, 10, 5)}/B${s(UD, 10, 6)}/${s(B62, 24, 7)}`;
const discordHook = `${s('0123456789', 18, 8)}/${s(B62 + '-_', 68, 9)}`;
const guid = (n: number) => [8, 4, 4, 4, 12].map((k, i) => s(HEX, k, n + i)).join('-');
const teamsHook = `${guid(10)}@${guid(20)}/IncomingWebhook/${s(HEX, 32, 30)}/${guid(40)}`;
const sasSig = encodeURIComponent(Buffer.from(s(B62, 32, 11)).toString('base64'));
const amzSig = s(HEX, 64, 12);
const ya29 = 'ya29.a0' + s(B62 + '-_', 90, 13);
const npm = 'npm_' + s(B62, 36, 14);
const glpat = 'glpat-' + s(B62, 20, 15);
const hf = 'hf_' + s('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34, 16);
const groq = 'gsk_' + s(B62, 52, 17);
const openrouter = 'sk-or-v1-' + s(HEX, 64, 18);
const telegram = '7012345678:AA' + s(B62 + '-_', 33, 19);
const docker = 'dckr_pat_' + s(B62, 27, 20);
const queryToken = s(B62, 32, 21);
const seed12 = mnemonic(601);
const seed24 = mnemonic(602, 24);
const seed15 = mnemonic(603, 15);
const numbered12 = seed12.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n');
const wifKey = wif(604);
const xprvKey = xprv(605);
const tprvKey = xprv(606, 'tprv');

export const EVASION_CASES: EvasionCase[] = [
  // ── Unicode tricks on the existing kinds ──
  { name: 'email with zero-width spaces', channel: 'openai-chat', text: `Reply to ${sprinkle(V.email.value, ZWSP, 4)} today.`, secrets: [V.email.value] },
  { name: 'email fullwidth with ＠', channel: 'anthropic-messages', text: `連絡先：${fullwidth(V.email.value)}`, secrets: [V.email.value] },
  { name: 'email with small-form ﹫', channel: 'openai-responses', text: `Contact ${V.email.value.replace('@', '\uFE6B')} for access.`, secrets: [V.email.value] },
  { name: 'phone in fullwidth digits', channel: 'openai-chat', text: `Call ${fullwidth(V.phone.value)} after 5pm.`, secrets: [V.phone.value] },
  { name: 'phone with soft hyphens', channel: 'anthropic-messages', text: `Tel: ${sprinkle(V.phone.value, SHY, 5)}`, secrets: [V.phone.value] },
  { name: 'card with word joiners', channel: 'openai-responses', text: `Card: ${sprinkle(V.card.value, WJ, 2)} exp 12/29`, secrets: [V.card.value] },
  { name: 'IBAN fullwidth', channel: 'tool-call-args', text: `Wire to ${fullwidth(V.iban.value)} by Friday`, secrets: [V.iban.value] },
  { name: 'SSN with LRM marks', channel: 'openai-chat', text: `SSN ${sprinkle(V.ssn.value, LRM, 3)} on file`, secrets: [V.ssn.value] },
  { name: 'Chinese ID in fullwidth digits', channel: 'anthropic-messages', text: `身份证号：${fullwidth(V.cnId.value)}。`, secrets: [V.cnId.value] },
  { name: 'IPv4 with zero-width joiners', channel: 'openai-chat', text: `ssh admin@${sprinkle(V.ipv4.value, ZWJ, 2)}`, secrets: [V.ipv4.value] },
  { name: 'AWS key id with tag characters', channel: 'openai-responses', text: `aws_access_key_id = ${sprinkle(V.awsKey.value, TAG_A, 5)}`, secrets: [V.awsKey.value] },
  { name: 'GitHub token with variation selectors', channel: 'anthropic-messages', text: `GH_TOKEN=${sprinkle(V.github.value, VS16, 7)}`, secrets: [V.github.value] },
  { name: 'OpenAI key with ZWSP every 8 chars', channel: 'openai-chat', text: `OPENAI_API_KEY=${sprinkle(V.openai.value, ZWSP, 8)}`, secrets: [V.openai.value] },
  { name: 'Anthropic key fullwidth', channel: 'tool-call-args', text: `export ANTHROPIC_API_KEY=${fullwidth(V.anthropic.value)}`, secrets: [V.anthropic.value] },
  { name: 'Stripe key with a BOM inside', channel: 'openai-chat', text: `stripe.api_key = "${V.stripe.value.slice(0, 12)}${BOM}${V.stripe.value.slice(12)}"`, secrets: [V.stripe.value] },
  { name: 'Slack token with ZWNJ', channel: 'openai-responses', text: `SLACK_BOT_TOKEN=${sprinkle(V.slack.value, ZWNJ, 6)}`, secrets: [V.slack.value] },
  { name: 'JWT with zero-width spaces', channel: 'anthropic-messages', text: `id_token: ${sprinkle(V.jwt.value, ZWSP, 10)}`, secrets: [V.jwt.value] },
  { name: 'PEM key with an invisible in its header', channel: 'openai-chat', text: V.pem.value.replace('PRIVATE', `PRI${ZWSP}VATE`), secrets: [V.pem.value.split('\n')[1]!, V.pem.value.split('\n')[3]!] },
  { name: 'password assignment fullwidth', channel: 'openai-chat', text: `ＤＢ＿ＰＡＳＳＷＯＲＤ＝${fullwidth(V.password.value)}`, secrets: [V.password.value] },
  { name: 'URL password with soft hyphens', channel: 'tool-call-args', text: `DATABASE_URL=postgres://app:${sprinkle(V.urlPassword.value, SHY, 4)}@db.internal:5432/orders`, secrets: [V.urlPassword.value] },
  { name: 'deny term with a zero-width space', channel: 'openai-chat', text: `Status of ${DENY_TERM.replace('Blue', `Blue${ZWSP}`)}?`, secrets: [DENY_TERM] },
  { name: 'deny term fullwidth', channel: 'anthropic-messages', text: `${fullwidth(DENY_TERM)}の進捗は？`, secrets: [DENY_TERM] },
  { name: 'bidi override around a key', channel: 'openai-responses', text: `key: ${RLO}${V.github.value}${PDF}`, secrets: [V.github.value] },
  // ── New kinds, as pasted ──
  { name: 'curl with Authorization: Bearer', channel: 'openai-chat', text: `curl -sS https://api.internal.example/v2/orders \\\n  -H "Authorization: Bearer ${bearer}" \\\n  -H 'Accept: application/json'`, secrets: [bearer] },
  { name: 'curl with Proxy-Authorization: Basic', channel: 'anthropic-messages', text: `curl -x http://proxy.corp:3128 --header 'Proxy-Authorization: Basic ${basic}' https://example.com`, secrets: [basic] },
  { name: 'HTTP request dump with token and cookies', channel: 'openai-responses', text: `GET /api/v1/me HTTP/1.1\r\nHost: app.example.com\r\nAuthorization: token ${bearer}\r\nCookie: sessionid=${session}; csrftoken=${csrf}\r\n\r\n`, secrets: [bearer, session, csrf] },
  { name: 'HTTP response dump with Set-Cookie', channel: 'openai-chat', text: `HTTP/2 200\ncontent-type: text/html\nset-cookie: __Host-session=${session}; Path=/; Secure; HttpOnly; SameSite=Lax\n`, secrets: [session] },
  { name: '.env with webhooks and vendor tokens', channel: 'anthropic-messages', text: `SLACK_WEBHOOK_URL=https://hooks.slack.com/services/${slackHook}\nDISCORD_WEBHOOK=https://discord.com/api/webhooks/${discordHook}\nGOOGLE_ACCESS_TOKEN=${ya29}\nNPM_TOKEN=${npm}\nGITLAB_TOKEN=${glpat}\n`, secrets: [slackHook, discordHook, ya29, npm, glpat] },
  { name: 'Teams webhook in a YAML config', channel: 'tool-call-args', text: `alerts:\n  teams:\n    url: https://contoso.webhook.office.com/webhookb2/${teamsHook}\n    mention: oncall\n`, secrets: [teamsHook] },
  { name: 'Azure SAS URL in a script', channel: 'openai-chat', text: `url = "https://acct.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&spr=https&sig=${sasSig}"\nrequests.get(url)`, secrets: [sasSig] },
  { name: 'presigned S3 URL in a log line', channel: 'openai-responses', text: `2025-05-01T10:00:00Z INFO fetched https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=${amzSig} 200`, secrets: [amzSig] },
  { name: 'access log with a token in the query', channel: 'anthropic-messages', text: `10.0.0.5 - - [01/May/2025:12:00:00 +0000] "GET /export?format=csv&access_token=${queryToken} HTTP/1.1" 200 512`, secrets: [queryToken] },
  { name: 'wallet note: numbered 12-word seed', channel: 'openai-chat', text: `Cold wallet backup (do not lose)\n${numbered12}\nPIN in the safe.`, secrets: [numbered12, seed12] },
  { name: 'wallet backup JSON with WIF and xprv', channel: 'anthropic-messages', text: JSON.stringify({ label: 'hot wallet', wif: wifKey, xprv: xprvKey }, null, 2), secrets: [wifKey, xprvKey] },
  { name: '24-word seed in fullwidth', channel: 'openai-responses', text: `recovery: ${fullwidth(seed24)}`, secrets: [seed24] },
  { name: '15-word seed with soft hyphens inside words', channel: 'tool-call-args', text: `echo "${seed15.split(' ').map((w) => (w.length > 4 ? w.slice(0, 2) + SHY + w.slice(2) : w)).join(' ')}" > seed.txt`, secrets: [seed15] },
  { name: 'Bearer token with zero-width spaces', channel: 'openai-chat', text: `Authorization: Bearer ${sprinkle(bearer, ZWSP, 5)}`, secrets: [bearer] },
  { name: 'Cookie value fullwidth', channel: 'anthropic-messages', text: `Cookie: sessionid=${fullwidth(session)}`, secrets: [session] },
  { name: 'Slack webhook with an invisible in its path', channel: 'openai-responses', text: `webhook_url: https://hooks.slack.com/services/${sprinkle(slackHook, WJ, 9)}`, secrets: [slackHook] },
  { name: 'Google OAuth token fullwidth', channel: 'openai-chat', text: `token=${fullwidth(ya29)}`, secrets: [ya29] },
  { name: 'Telegram bot token in Python', channel: 'anthropic-messages', text: `bot = telebot.TeleBot("${telegram}")\nbot.infinity_polling()`, secrets: [telegram] },
  { name: 'Hugging Face token in a notebook cell', channel: 'tool-call-args', text: `from huggingface_hub import login\nlogin(token="${hf}")`, secrets: [hf] },
  { name: 'Groq and OpenRouter keys in a config', channel: 'openai-responses', text: `[providers]\ngroq = "${groq}"\nopenrouter = "${openrouter}"\n`, secrets: [groq, openrouter] },
  { name: 'WIF key with tag characters', channel: 'openai-chat', text: `importprivkey ${sprinkle(wifKey, TAG_A, 11)} "" false`, secrets: [wifKey] },
  { name: 'query token in fullwidth digits', channel: 'anthropic-messages', text: `https://api.example.com/cb?access_token=${queryToken.replace(/[0-9]/g, (d) => fullwidth(d))}`, secrets: [queryToken] },
  { name: 'docker login with a PAT', channel: 'openai-chat', text: `echo ${docker} | docker login -u ci --password-stdin`, secrets: [docker] },
  { name: 'testnet extended key behind an RLO', channel: 'tool-call-args', text: `tprv: ${RLO}${tprvKey}${PDF}`, secrets: [tprvKey] },
];

/** Request channels besides the JSON text fields: earlier cases again, each on one more channel. */
const ON_CHANNELS: readonly (readonly [Channel, string])[] = [
  ['query-string', 'email with zero-width spaces'],
  ['query-string', 'Bearer token with zero-width spaces'],
  ['query-string', 'query token in fullwidth digits'],
  ['gzip-body', 'email fullwidth with ＠'],
  ['gzip-body', 'Slack webhook with an invisible in its path'],
  ['deflate-body', 'phone in fullwidth digits'],
  ['br-body', 'card with word joiners'],
  ['br-body', 'Google OAuth token fullwidth'],
  ['message-name', 'email with small-form ﹫'],
  ['message-name', 'Cookie value fullwidth'],
  ['metadata-key', 'email with zero-width spaces'],
  ['metadata-key', 'WIF key with tag characters'],
];
const byName = new Map(EVASION_CASES.map((c) => [c.name, c]));
for (const [channel, name] of ON_CHANNELS) EVASION_CASES.push({ ...byName.get(name)!, channel });
