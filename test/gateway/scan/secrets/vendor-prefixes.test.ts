import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_DETECTORS } from '../../../../gateway/scan/index.js';
import { BASE62, VENDOR_SECRETS, fake, findWith } from '../fixtures.js';

// Vendor tokens added with the shared prefix pass: each is found in the places people paste it,
// and near misses (glued to a word, a filler body, one character short or long, the prefix alone
// in prose) are not.

const byId = new Map(BUILTIN_DETECTORS.map((d) => [d.id, d]));
const contexts = (v: string) => [
  `export TOKEN=${v}`,
  `{"api_key": "${v}", "region": "eu"}`,
  `headers = {"Authorization": "Bearer ${v}"}`,
  `token: '${v}'\n`,
  `Here is my key ${v}, please debug.`,
];

/** Changes that must make each value stop being reported. */
const NEAR_MISSES: Record<string, (v: string) => string[]> = {
  'google-oauth': (v) => ['ya29.' + 'a'.repeat(40), 'ya29.short', 'xya29.' + v.slice(5)],
  'azure-ad-secret': (v) => [v.slice(0, -4), 'Xy_8Q~' + 'a'.repeat(34), 'Q~' + v.slice(6)],
  'alibaba-key': (v) => ['LTAI' + 'A'.repeat(20), v + 'abcde', 'XLTAI' + v.slice(4)],
  'gitlab-token': (v) => [v.slice(0, -1), 'glpat-' + 'x'.repeat(20), 'myglpat-' + v.slice(6)],
  'npm-token': (v) => [v.slice(0, -1), v + 'a', 'npm_' + 'a'.repeat(36), 'run npm_config_cache to clear'],
  'pypi-token': (v) => ['pypi-' + fake(BASE62, 80, 90), v.slice(0, 30)],
  'docker-token': (v) => [v.slice(0, -1), 'dckr_pat_' + 'x'.repeat(27)],
  'huggingface-token': (v) => [v.slice(0, -1), 'hf_' + 'a'.repeat(34), 'hf_' + 'abcdefghij'.repeat(3) + 'abcd'],
  'groq-key': (v) => [v.slice(0, -1), v + 'x'],
  'xai-key': (v) => [v.slice(0, -1), 'xai-' + 'a'.repeat(80)],
  'perplexity-key': (v) => [v.slice(0, -1), 'pplx-' + 'a'.repeat(48)],
  'replicate-token': (v) => [v.slice(0, -1), 'r8_' + '1'.repeat(37)],
  'openrouter-key': (v) => [v.slice(0, -1), 'sk-or-v1-' + 'A'.repeat(64)],
  'deepseek-key': (v) => [v.slice(0, -1), v + '0', 'sk-' + 'abcdefab'.repeat(4), 'sk-' + '12345678'.repeat(4)],
  'linear-key': (v) => [v.slice(0, -1), 'lin_api_' + 'a'.repeat(40)],
  'sentry-token': (v) => [v.slice(0, -1), 'sntryu_' + 'A'.repeat(64)],
  'grafana-token': () => ['glc_' + 'a'.repeat(40), 'glc_short'],
  'postman-key': (v) => [v.slice(0, -1), v.replace('-', '_')],
  'newrelic-key': (v) => [v.slice(0, -1), 'NRAK-' + 'A'.repeat(27)],
  'heroku-key': (v) => [v.slice(0, -1), v.replace('HRKU-AA', 'HRKU-BB')],
  'digitalocean-token': (v) => [v.slice(0, -1), 'dop_v1_' + 'a'.repeat(64)],
  'vault-token': (v) => [v.slice(0, 50), 'hvs.' + 'a'.repeat(95), 'vs. ' + v.slice(4)],
  'atlassian-token': (v) => [v.slice(0, 100), 'ATATT3' + 'A'.repeat(186)],
  'notion-token': () => ['ntn_' + 'a'.repeat(46), 'secret_key = "' + 'abcdefgh'.repeat(5) + 'abc"'],
  'figma-token': () => ['figd_' + 'a'.repeat(40), 'figd_short'],
  'supabase-token': (v) => [v.slice(0, -1), 'sbp_' + 'a'.repeat(40)],
  'planetscale-token': () => ['pscale_tkn_short', 'pscale_tkn_' + 'a'.repeat(43)],
  'fly-token': (v) => [v.slice(0, -1), 'fo1_' + 'a'.repeat(43)],
  'pulumi-token': (v) => [v.slice(0, -1), 'pul-' + 'a'.repeat(40)],
  'prefect-token': (v) => [v.slice(0, -1), 'pnu_' + 'a'.repeat(36)],
  'rubygems-token': (v) => [v.slice(0, -1), 'rubygems_' + 'a'.repeat(48)],
  'onepassword-token': (v) => [v.slice(0, 100), 'ops_' + 'a'.repeat(260)],
  'sendgrid-key': (v) => [v.slice(0, -1), v.replace(/\.([^.]*)$/, '_$1')],
  'twilio-key': (v) => [v.slice(0, -1), 'SK' + 'a'.repeat(32), 'TASK' + v.slice(2)],
  'shopify-token': (v) => [v.slice(0, -1), 'shpat_' + 'a'.repeat(32)],
  'square-token': () => ['sq0atp-short', 'sq0atp-' + 'a'.repeat(22)],
  'shippo-token': (v) => [v.slice(0, -1), 'shippo_live_' + 'a'.repeat(40)],
  'telegram-bot-token': (v) => [v.slice(0, -1), '123:AA' + v.slice(12), '12:00 AAA meeting at 10:30 AAAA'],
  'age-secret-key': (v) => [v.slice(0, -1), v.replace('KEY-1', 'KEY-2'), 'AGE-SECRET-KEY-1' + 'Q'.repeat(58)],
};

test('every vendor token in the fixtures has near misses here', () => {
  assert.deepEqual(Object.keys(VENDOR_SECRETS).sort(), Object.keys(NEAR_MISSES).sort());
});

for (const [id, { value }] of Object.entries(VENDOR_SECRETS)) {
  const detector = byId.get(id)!;
  test(`${id}: found alone and in the places people paste it`, () => {
    assert.ok(detector, id);
    assert.deepEqual(findWith(detector, value), [value]);
    for (const text of contexts(value)) assert.deepEqual(findWith(detector, text), [value], text);
  });
  test(`${id}: near misses are not reported`, () => {
    for (const text of [...NEAR_MISSES[id]!(value), `x${value}`, `the ${value.slice(0, 4)} prefix`]) {
      assert.deepEqual(findWith(detector, text), [], text);
    }
  });
}

test('slack: app-level and refresh tokens join the existing formats; stripe: webhook signing secrets', () => {
  const app = 'xapp-1-A0123456789-1234567890123-' + fake(BASE62, 64, 91);
  assert.deepEqual(findWith(byId.get('slack-token')!, `SLACK_APP_TOKEN=${app}`), [app]);
  const whsec = 'whsec_' + fake(BASE62, 32, 92);
  assert.deepEqual(findWith(byId.get('stripe-key')!, `STRIPE_WEBHOOK_SECRET=${whsec}`), [whsec]);
  assert.deepEqual(findWith(byId.get('stripe-key')!, 'whsec_' + 'x'.repeat(32)), []);
});
