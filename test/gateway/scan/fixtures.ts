import { ScanContext } from '../../../gateway/scan/context.js';
import type { Detector } from '../../../gateway/scan/detector.js';
import { compileScanner } from '../../../gateway/scan/index.js';
import { buildPrefixTable, prefixedSpans } from '../../../gateway/scan/prefix-index.js';
import type { ScanOptions } from '../../../gateway/scan/types.js';
import { seededString } from '../../helpers/seeded.js';
import { mnemonic, wif, xprv } from '../../helpers/wallet-values.js';

/** What one detector reports on `text`, as the reported substrings, in order. */
export function findWith(detector: Detector, text: string): string[] {
  const spans: [number, number][] = [];
  detector.find(text, (start, end) => spans.push([start, end]), new ScanContext(text));
  // Prefixed tokens come from the scanner's shared pass, here over this detector's prefixes alone.
  const prefixed = prefixedSpans(text, buildPrefixTable([detector])).get(detector.id) ?? [];
  for (let i = 0; i < prefixed.length; i += 2) spans.push([prefixed[i]!, prefixed[i + 1]!]);
  return spans.sort((a, b) => a[0] - b[0]).map(([s, e]) => text.slice(s, e));
}

export interface Reported {
  detector: string;
  kind: string;
  value: string;
}

/** What the full scanner reports on `text`. */
export function scanValues(text: string, opts?: ScanOptions): Reported[] {
  return compileScanner(opts)
    .scan(text)
    .map((f) => ({ detector: f.detector, kind: f.kind, value: text.slice(f.start, f.end) }));
}

/** A deterministic pseudo-random string (see test/helpers/seeded.ts). */
export const fake = seededString;

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE64URL = BASE62 + '-_';
const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Realistic fake credentials, one per secret detector. */
export const SECRETS = {
  awsKey: 'AKIAIOSFODNN7EXAMPLE',
  awsSessionKey: 'ASIAY34FZKBOKMUTVV7A',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: 'ghp_' + fake(BASE62, 36, 1),
  githubOauth: 'gho_' + fake(BASE62, 36, 2),
  githubPat: 'github_pat_11' + fake(BASE62, 20, 3) + '_' + fake(BASE62, 59, 4),
  openai: 'sk-' + fake(BASE62, 48, 5),
  openaiProject: 'sk-proj-' + fake(BASE64URL, 74, 6) + 'T3BlbkFJ' + fake(BASE64URL, 74, 7),
  anthropic: 'sk-ant-api03-' + fake(BASE64URL, 93, 8) + 'AA',
  stripe: 'sk_live_' + fake(BASE62, 24, 9),
  stripeRestricted: 'rk_live_' + fake(BASE62, 99, 10),
  slack: 'xoxb-1234567890123-1234567890123-' + fake(BASE62, 24, 11),
  google: 'AIza' + fake(BASE64URL, 35, 12),
  jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234567890', name: 'Jane Doe', iat: 1516239022 })}.${fake(BASE64URL, 43, 13)}`,
};

const HEX_LOWER = '0123456789abcdef';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One realistic fake per vendor token detector added with the prefix table. */
export const VENDOR_SECRETS: Record<string, { value: string; kind: string }> = {
  'google-oauth': { value: 'ya29.a0' + fake(BASE64URL, 60, 30), kind: 'GOOGLE_OAUTH' },
  'azure-ad-secret': { value: 'Xy_8Q~' + fake(BASE62, 34, 32), kind: 'AZURE_SECRET' },
  'alibaba-key': { value: 'LTAI' + fake(BASE62, 20, 33), kind: 'ALIBABA_KEY' },
  'gitlab-token': { value: 'glpat-' + fake(BASE62, 20, 34), kind: 'GITLAB_TOKEN' },
  'npm-token': { value: 'npm_' + fake(BASE62, 36, 35), kind: 'NPM_TOKEN' },
  'pypi-token': { value: 'pypi-AgEIcHlwaS5vcmc' + fake(BASE64URL, 70, 36), kind: 'PYPI_TOKEN' },
  'docker-token': { value: 'dckr_pat_' + fake(BASE62, 27, 37), kind: 'DOCKER_TOKEN' },
  'huggingface-token': { value: 'hf_' + fake(LETTERS, 34, 38), kind: 'HUGGINGFACE_TOKEN' },
  'groq-key': { value: 'gsk_' + fake(BASE62, 52, 39), kind: 'GROQ_KEY' },
  'xai-key': { value: 'xai-' + fake(BASE62, 80, 40), kind: 'XAI_KEY' },
  'perplexity-key': { value: 'pplx-' + fake(BASE62, 48, 41), kind: 'PERPLEXITY_KEY' },
  'replicate-token': { value: 'r8_' + fake(BASE62, 37, 42), kind: 'REPLICATE_TOKEN' },
  'openrouter-key': { value: 'sk-or-v1-' + fake(HEX_LOWER, 64, 43), kind: 'OPENROUTER_KEY' },
  'deepseek-key': { value: 'sk-' + fake(HEX_LOWER, 32, 44), kind: 'DEEPSEEK_KEY' },
  'linear-key': { value: 'lin_api_' + fake(BASE62, 40, 45), kind: 'LINEAR_KEY' },
  'sentry-token': { value: 'sntryu_' + fake(HEX_LOWER, 64, 46), kind: 'SENTRY_TOKEN' },
  'grafana-token': { value: 'glc_' + fake(BASE62 + '+/', 40, 47), kind: 'GRAFANA_TOKEN' },
  'postman-key': { value: 'PMAK-' + fake(HEX_LOWER, 24, 48) + '-' + fake(HEX_LOWER, 34, 49), kind: 'POSTMAN_KEY' },
  'newrelic-key': { value: 'NRAK-' + fake(UPPER_DIGITS, 27, 50), kind: 'NEWRELIC_KEY' },
  'heroku-key': { value: 'HRKU-AA' + fake(BASE62, 58, 51), kind: 'HEROKU_KEY' },
  'digitalocean-token': { value: 'dop_v1_' + fake(HEX_LOWER, 64, 52), kind: 'DIGITALOCEAN_TOKEN' },
  'vault-token': { value: 'hvs.' + fake(BASE62, 95, 53), kind: 'VAULT_TOKEN' },
  'atlassian-token': { value: 'ATATT3' + fake(BASE62, 186, 54), kind: 'ATLASSIAN_TOKEN' },
  'notion-token': { value: 'ntn_' + fake('0123456789', 11, 55) + fake(BASE62, 35, 56), kind: 'NOTION_TOKEN' },
  'figma-token': { value: 'figd_' + fake(BASE62, 40, 57), kind: 'FIGMA_TOKEN' },
  'supabase-token': { value: 'sbp_' + fake(HEX_LOWER, 40, 58), kind: 'SUPABASE_TOKEN' },
  'planetscale-token': { value: 'pscale_tkn_' + fake(BASE62, 43, 59), kind: 'PLANETSCALE_TOKEN' },
  'fly-token': { value: 'fo1_' + fake(BASE62, 43, 60), kind: 'FLY_TOKEN' },
  'pulumi-token': { value: 'pul-' + fake(HEX_LOWER, 40, 61), kind: 'PULUMI_TOKEN' },
  'prefect-token': { value: 'pnu_' + fake(BASE62, 36, 62), kind: 'PREFECT_TOKEN' },
  'rubygems-token': { value: 'rubygems_' + fake(HEX_LOWER, 48, 63), kind: 'RUBYGEMS_TOKEN' },
  'onepassword-token': { value: 'ops_eyJ' + fake(BASE62 + '+/', 260, 64), kind: 'ONEPASSWORD_TOKEN' },
  'sendgrid-key': { value: 'SG.' + fake(BASE62, 22, 65) + '.' + fake(BASE62, 43, 66), kind: 'SENDGRID_KEY' },
  'twilio-key': { value: 'SK' + fake(HEX_LOWER, 32, 67), kind: 'TWILIO_KEY' },
  'shopify-token': { value: 'shpat_' + fake(HEX_LOWER, 32, 68), kind: 'SHOPIFY_TOKEN' },
  'square-token': { value: 'sq0atp-' + fake(BASE62, 22, 69), kind: 'SQUARE_TOKEN' },
  'shippo-token': { value: 'shippo_live_' + fake(HEX_LOWER, 40, 70), kind: 'SHIPPO_TOKEN' },
  'telegram-bot-token': { value: '123456789:AA' + fake(BASE62, 33, 71), kind: 'TELEGRAM_TOKEN' },
  'age-secret-key': { value: 'AGE-SECRET-KEY-1' + fake('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58, 72), kind: 'AGE_KEY' },
};

const OPAQUE = fake(BASE62, 32, 80);
const BASIC = Buffer.from(`deploy:${fake(BASE62, 14, 81)}`).toString('base64');
const SESSION = fake(BASE62, 32, 82);
const SLACK_HOOK = `T${fake(UPPER_DIGITS, 10, 83)}/B${fake(UPPER_DIGITS, 10, 84)}/${fake(BASE62, 24, 85)}`;
const QUERY_TOKEN = fake(BASE62, 32, 86);

/** A PEM block of the given label with a plausible base64 body. */
export function pem(label: string, lineBreak = '\n'): string {
  const lines = [`-----BEGIN ${label}-----`];
  for (let i = 0; i < 6; i++) lines.push(fake(BASE62 + '+/', 64, 100 + i));
  lines.push(fake(BASE62, 20, 99) + '==', `-----END ${label}-----`);
  return lines.join(lineBreak);
}

/**
 * One plant per detector: the text to place (between safe separators), and the substring of it the
 * scanner must report with its kind. Used by the property and placeholder tests.
 */
export const PLANTS: { text: string; value: string; kind: string }[] = [
  { text: 'jane.doe@example.com', value: 'jane.doe@example.com', kind: 'EMAIL' },
  { text: '+44 20 7946 0958', value: '+44 20 7946 0958', kind: 'PHONE' },
  { text: '(415) 555-2671', value: '(415) 555-2671', kind: 'PHONE' },
  { text: '4111 1111 1111 1111', value: '4111 1111 1111 1111', kind: 'CARD' },
  { text: 'DE89 3704 0044 0532 0130 00', value: 'DE89 3704 0044 0532 0130 00', kind: 'IBAN' },
  { text: '536-22-1234', value: '536-22-1234', kind: 'SSN' },
  { text: '11010519491231002X', value: '11010519491231002X', kind: 'CN_ID' },
  { text: '203.0.113.42', value: '203.0.113.42', kind: 'IP' },
  { text: '2001:db8::8a2e:370:7334', value: '2001:db8::8a2e:370:7334', kind: 'IP' },
  { text: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', kind: 'BTC' },
  { text: '0x52908400098527886E0F7030069857D2E4169EE7', value: '0x52908400098527886E0F7030069857D2E4169EE7', kind: 'ETH' },
  { text: SECRETS.awsKey, value: SECRETS.awsKey, kind: 'AWS_KEY' },
  { text: `aws_secret_access_key = ${SECRETS.awsSecret}`, value: SECRETS.awsSecret, kind: 'AWS_SECRET' },
  { text: SECRETS.github, value: SECRETS.github, kind: 'GITHUB_TOKEN' },
  { text: SECRETS.openaiProject, value: SECRETS.openaiProject, kind: 'OPENAI_KEY' },
  { text: SECRETS.anthropic, value: SECRETS.anthropic, kind: 'ANTHROPIC_KEY' },
  { text: SECRETS.stripe, value: SECRETS.stripe, kind: 'STRIPE_KEY' },
  { text: SECRETS.slack, value: SECRETS.slack, kind: 'SLACK_TOKEN' },
  { text: SECRETS.google, value: SECRETS.google, kind: 'GOOGLE_KEY' },
  { text: SECRETS.jwt, value: SECRETS.jwt, kind: 'JWT' },
  { text: pem('RSA PRIVATE KEY'), value: pem('RSA PRIVATE KEY'), kind: 'PRIVATE_KEY' },
  { text: 'postgres://app:S3cr3t-Pa55@db.internal:5432/orders', value: 'S3cr3t-Pa55', kind: 'PASSWORD' },
  { text: 'Server=db;User Id=sa;Password=Str0ng!Pass;', value: 'Str0ng!Pass', kind: 'PASSWORD' },
  { text: 'DB_PASSWORD=Tr0ub4dor&3', value: 'Tr0ub4dor&3', kind: 'PASSWORD' },
  { text: 'client_secret: "Zx9vQ2mR7tL4kP8sW3nB"', value: 'Zx9vQ2mR7tL4kP8sW3nB', kind: 'SECRET' },
  ...Object.values(VENDOR_SECRETS).map(({ value, kind }) => ({ text: value, value, kind })),
  { text: `Authorization: Bearer ${OPAQUE}`, value: OPAQUE, kind: 'AUTH_TOKEN' },
  { text: `Proxy-Authorization: Basic ${BASIC}`, value: BASIC, kind: 'BASIC_AUTH' },
  { text: `Cookie: sessionid=${SESSION}; theme=dark`, value: SESSION, kind: 'COOKIE' },
  { text: `https://hooks.slack.com/services/${SLACK_HOOK}`, value: SLACK_HOOK, kind: 'WEBHOOK' },
  { text: `https://api.example.com/v1/export?format=csv&access_token=${QUERY_TOKEN}`, value: QUERY_TOKEN, kind: 'URL_SECRET' },
  { text: wif(1), value: wif(1), kind: 'CRYPTO_KEY' },
  { text: xprv(2), value: xprv(2), kind: 'CRYPTO_KEY' },
  { text: mnemonic(3), value: mnemonic(3), kind: 'SEED_PHRASE' },
];
