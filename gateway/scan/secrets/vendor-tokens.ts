import {
  ALNUM,
  BASE64URL,
  DASH,
  DIGIT,
  FEATURE_DASH,
  FEATURE_DIGIT,
  FEATURE_LOWER,
  FEATURE_UNDERSCORE,
  FEATURE_UPPER,
  UPPER,
  WORD,
  is,
} from '../chars.js';
import { distinctChars, mixedCaseAndDigits, prefixedToken } from './prefixed-token.js';

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (is(s.charCodeAt(i), DIGIT)) return true;
  return false;
}

// Formats as published by each vendor; lengths are ranges so longer future tokens still match.
export const awsAccessKey = prefixedToken({
  id: 'aws-access-key',
  kind: 'AWS_KEY',
  minLength: 20,
  requires: FEATURE_UPPER | FEATURE_DIGIT,
  anchor: '`AKIA`/`ASIA`/`ABIA`/`ACCA` + exactly 16 of [A-Z0-9]',
  // A repeated filler ("AKIAXXXXXXXXXXXXXXXX") is a template, not a key.
  shapes: [{ search: /A(?:KIA|SIA|BIA|CCA)/g, body: UPPER | DIGIT, min: 16, max: 16, validate: (b) => distinctChars(b) >= 6 }],
});

export const githubToken = prefixedToken({
  id: 'github-token',
  kind: 'GITHUB_TOKEN',
  minLength: 40,
  requires: FEATURE_UNDERSCORE | FEATURE_LOWER,
  anchor: '`ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` + 36–251 alphanumerics, `github_pat_` + 70–251 word chars',
  prefixes: [
    ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => ({ prefix, body: ALNUM, min: 36, max: 251, validate: (b: string) => distinctChars(b) >= 10 })),
    { prefix: 'github_pat_', body: WORD, min: 70, max: 251, validate: (b) => distinctChars(b) >= 10 },
  ],
});

export const openaiKey = prefixedToken({
  id: 'openai-key',
  kind: 'OPENAI_KEY',
  minLength: 23,
  requires: FEATURE_DASH | FEATURE_DIGIT | FEATURE_UPPER | FEATURE_LOWER,
  anchor: '`sk-` (incl. `sk-proj-`, `sk-svcacct-`, `sk-admin-`; not `sk-ant-`) + 20–300 base64url chars mixing digits and both cases',
  prefixes: [{ prefix: 'sk-', body: BASE64URL, min: 20, max: 300, validate: (b) => !b.startsWith('ant-') && mixedCaseAndDigits(b) }],
});

export const anthropicKey = prefixedToken({
  id: 'anthropic-key',
  kind: 'ANTHROPIC_KEY',
  minLength: 27,
  requires: FEATURE_DASH | FEATURE_DIGIT | FEATURE_UPPER | FEATURE_LOWER,
  anchor: '`sk-ant-` + 20–300 base64url chars mixing digits and both cases',
  prefixes: [{ prefix: 'sk-ant-', body: BASE64URL, min: 20, max: 300, validate: mixedCaseAndDigits }],
});

export const stripeKey = prefixedToken({
  id: 'stripe-key',
  kind: 'STRIPE_KEY',
  minLength: 24,
  requires: FEATURE_UNDERSCORE | FEATURE_LOWER,
  anchor: '`sk_live_`/`rk_live_` + 16–255 alphanumerics; webhook signing secrets `whsec_` + 32–64 alphanumerics',
  prefixes: [
    ...['sk_live_', 'rk_live_'].map((prefix) => ({ prefix, body: ALNUM, min: 16, max: 255, validate: (b: string) => distinctChars(b) >= 8 })),
    { prefix: 'whsec_', body: ALNUM, min: 32, max: 64, validate: (b) => distinctChars(b) >= 10 },
  ],
});

export const slackToken = prefixedToken({
  id: 'slack-token',
  kind: 'SLACK_TOKEN',
  minLength: 15,
  requires: FEATURE_DASH | FEATURE_DIGIT,
  anchor: '`xoxa-`/`xoxb-`/`xoxp-`/`xoxr-`/`xoxs-`/`xoxe-` (refresh), `xapp-` (app-level) + 10–255 of [A-Za-z0-9-] with digits',
  prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxe-', 'xapp-'].map((prefix) => ({ prefix, body: ALNUM | DASH, min: 10, max: 255, validate: hasDigit })),
});

export const googleApiKey = prefixedToken({
  id: 'google-api-key',
  kind: 'GOOGLE_KEY',
  minLength: 39,
  requires: FEATURE_UPPER | FEATURE_LOWER,
  anchor: '`AIza` + exactly 35 base64url chars',
  shapes: [{ search: 'AIza', body: BASE64URL, min: 35, max: 35, validate: (b) => distinctChars(b) >= 10 }],
});
