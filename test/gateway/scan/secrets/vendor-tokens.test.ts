import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  anthropicKey,
  awsAccessKey,
  githubToken,
  googleApiKey,
  openaiKey,
  slackToken,
  stripeKey,
} from '../../../../gateway/scan/secrets/vendor-tokens.js';
import type { Detector } from '../../../../gateway/scan/detector.js';
import { BASE62, BASE64URL, SECRETS, fake, findWith } from '../fixtures.js';

const CASES: { detector: Detector; positives: [string, string][]; negatives: string[] }[] = [
  {
    detector: awsAccessKey,
    positives: [
      [`aws_access_key_id = ${SECRETS.awsKey}`, SECRETS.awsKey],
      [`"AccessKeyId": "${SECRETS.awsSessionKey}",`, SECRETS.awsSessionKey],
      [`AWS_ACCESS_KEY_ID=${SECRETS.awsKey}\n`, SECRETS.awsKey],
    ],
    negatives: ['AKIAXXXXXXXXXXXXXXXX', 'AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPLEX', 'XAKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLEabc'],
  },
  {
    detector: githubToken,
    positives: [
      [`git remote set-url origin https://x-access-token:${SECRETS.github}@github.com/acme/app`, SECRETS.github],
      [`GH_TOKEN=${SECRETS.githubOauth}`, SECRETS.githubOauth],
      [`token: ${SECRETS.githubPat}`, SECRETS.githubPat],
    ],
    negatives: ['ghp_' + fake(BASE62, 35, 20), 'xghp_' + fake(BASE62, 36, 21), 'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ghx_' + fake(BASE62, 36, 22), 'the ghp_ prefix'],
  },
  {
    detector: openaiKey,
    positives: [
      [`OPENAI_API_KEY=${SECRETS.openai}`, SECRETS.openai],
      [`client = OpenAI(api_key="${SECRETS.openaiProject}")`, SECRETS.openaiProject],
      [`Authorization: Bearer ${SECRETS.openai}`, SECRETS.openai],
    ],
    negatives: [
      'a risk-based approach to task-oriented desk-top work',
      'pip install scikit-learn sk-learn',
      'sk-this-is-not-a-real-key-at-all-nope',
      'sk-1234567890', // too short
      SECRETS.anthropic, // belongs to the anthropic detector
      'my-sk-' + fake(BASE62, 48, 23),
    ],
  },
  {
    detector: anthropicKey,
    positives: [
      [`ANTHROPIC_API_KEY=${SECRETS.anthropic}`, SECRETS.anthropic],
      [`"x-api-key": "${SECRETS.anthropic}"`, SECRETS.anthropic],
    ],
    negatives: ['sk-ant-api03-short', 'sk-ant-' + 'a'.repeat(40), 'task-ant-' + fake(BASE64URL, 95, 24)],
  },
  {
    detector: stripeKey,
    positives: [
      [`STRIPE_SECRET_KEY=${SECRETS.stripe}`, SECRETS.stripe],
      [`stripe.api_key = '${SECRETS.stripeRestricted}'`, SECRETS.stripeRestricted],
    ],
    // Test-mode keys are not reported (they cannot move money); publishable keys are public.
    negatives: ['sk_test_' + fake(BASE62, 24, 25), 'pk_live_' + fake(BASE62, 24, 26), 'sk_live_short', 'ask_live_' + fake(BASE62, 24, 27)],
  },
  {
    detector: slackToken,
    positives: [
      [`SLACK_BOT_TOKEN=${SECRETS.slack}`, SECRETS.slack],
      ['xoxp-1234567890-1234567890-1234567890-' + fake(BASE62, 32, 28), 'xoxp-1234567890-1234567890-1234567890-' + fake(BASE62, 32, 28)],
    ],
    negatives: ['xoxo gossip girl', 'xoxb-abcdefghijkl', 'xoxz-1234567890-abc', 'xoxb-123'],
  },
  {
    detector: googleApiKey,
    positives: [
      [`const firebaseConfig = { apiKey: "${SECRETS.google}" }`, SECRETS.google],
      [`https://maps.googleapis.com/maps/api/js?key=${SECRETS.google}&callback=x`, SECRETS.google],
    ],
    negatives: ['AIza' + fake(BASE64URL, 34, 29), 'AIza' + fake(BASE64URL, 36, 30), 'xAIza' + fake(BASE64URL, 35, 31), 'AIza' + 'a'.repeat(35)],
  },
];

for (const { detector, positives, negatives } of CASES) {
  for (const [text, value] of positives) {
    test(`${detector.id}: finds ${value.slice(0, 12)}… in ${text.slice(0, 24)}…`, () => assert.deepEqual(findWith(detector, text), [value]));
  }
  test(`${detector.id}: hard negatives are not reported`, () => {
    for (const text of negatives) assert.deepEqual(findWith(detector, text), [], text);
  });
}
