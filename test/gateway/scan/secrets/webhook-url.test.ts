import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webhookUrl } from '../../../../gateway/scan/secrets/webhook-url.js';
import { BASE62, fake, findWith } from '../fixtures.js';

const UPPER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const hex = '0123456789abcdef';
const slack = `T${fake(UPPER_DIGITS, 10, 220)}/B${fake(UPPER_DIGITS, 10, 221)}/${fake(BASE62, 24, 222)}`;
const discord = `${fake('0123456789', 18, 223)}/${fake(BASE62 + '-_', 68, 224)}`;
const guid = (seed: number) => [8, 4, 4, 4, 12].map((n, i) => fake(hex, n, seed + i)).join('-');
const teams = `${guid(230)}@${guid(240)}/IncomingWebhook/${fake(hex, 32, 250)}/${guid(260)}`;

const POSITIVES: [string, string][] = [
  [`SLACK_WEBHOOK_URL=https://hooks.slack.com/services/${slack}`, slack],
  [`curl -X POST -d '{"text":"deployed"}' https://hooks.slack.com/services/${slack}/`, slack],
  [`webhook: "https://discord.com/api/webhooks/${discord}"`, discord],
  [`https://discordapp.com/api/v10/webhooks/${discord}?wait=true`, discord],
  [`"url": "https://contoso.webhook.office.com/webhookb2/${teams}"`, teams],
  [`https://outlook.office.com/webhook/${teams}`, teams],
  ['https://hooks.zapier.com/hooks/catch/1234567/abcde12/', '1234567/abcde12'],
];

const NEGATIVES = [
  'Create an incoming webhook at https://api.slack.com/messaging/webhooks and paste it below.',
  'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  'https://hooks.slack.com/services/',
  'https://discord.com/api/webhooks/{webhook.id}/{webhook.token}',
  'https://discord.com/developers/docs/resources/webhook',
  'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
  'https://example.com/webhooks/1234567890/abcdef',
];

for (const [text, value] of POSITIVES) {
  test(`webhook-url: finds the secret path in ${JSON.stringify(text.slice(0, 40))}…`, () => assert.deepEqual(findWith(webhookUrl, text), [value]));
}

test('webhook-url: docs links, templates and fillers are not findings', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(webhookUrl, text), [], text);
});
