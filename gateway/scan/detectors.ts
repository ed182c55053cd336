import type { Detector } from './detector.js';
import { NAME_DETECTORS } from './names/detectors.js';
import { btc } from './pii/btc.js';
import { card } from './pii/card.js';
import { cnId } from './pii/cn-id.js';
import { email } from './pii/email.js';
import { eth } from './pii/eth.js';
import { iban } from './pii/iban.js';
import { ipv4 } from './pii/ipv4.js';
import { ipv6 } from './pii/ipv6.js';
import { phone } from './pii/phone.js';
import { ssn } from './pii/ssn.js';
import { deepseekKey, groqKey, openrouterKey, perplexityKey, replicateToken, xaiKey } from './secrets/ai-provider-keys.js';
import { awsSecretKey } from './secrets/aws-secret-key.js';
import { alibabaKey, azureAdSecret, googleOAuth } from './secrets/cloud-tokens.js';
import { connectionString } from './secrets/connection-string.js';
import { cookie } from './secrets/cookie.js';
import { ageSecretKey, cryptoPrivateKey } from './secrets/crypto-keys.js';
import {
  atlassianToken,
  digitalOceanToken,
  dockerToken,
  figmaToken,
  flyToken,
  gitlabToken,
  grafanaToken,
  herokuKey,
  huggingfaceToken,
  linearKey,
  newRelicKey,
  notionToken,
  npmToken,
  onePasswordToken,
  planetScaleToken,
  postmanKey,
  prefectToken,
  pulumiToken,
  pypiToken,
  rubygemsToken,
  sentryToken,
  supabaseToken,
  vaultToken,
} from './secrets/dev-platform-tokens.js';
import { genericAssignment } from './secrets/generic-assignment.js';
import { httpAuth } from './secrets/http-auth.js';
import { jwt } from './secrets/jwt.js';
import { sendgridKey, shippoToken, shopifyToken, squareToken, telegramBotToken, twilioKey } from './secrets/messaging-commerce-tokens.js';
import { privateKey } from './secrets/private-key.js';
import { seedPhrase } from './secrets/seed-phrase.js';
import { urlCredential } from './secrets/url-credential.js';
import { urlQuerySecret } from './secrets/url-query.js';
import { webhookUrl } from './secrets/webhook-url.js';
import {
  anthropicKey,
  awsAccessKey,
  githubToken,
  googleApiKey,
  openaiKey,
  slackToken,
  stripeKey,
} from './secrets/vendor-tokens.js';

/**
 * Every built-in detector, secrets first. Ids are stable API (config `disabled`, audit, docs, the
 * dashboard's detector switches): this list is the one place they are declared.
 */
export const BUILTIN_DETECTORS: readonly Detector[] = [
  awsAccessKey,
  awsSecretKey,
  githubToken,
  openaiKey,
  anthropicKey,
  stripeKey,
  slackToken,
  googleApiKey,
  googleOAuth,
  azureAdSecret,
  alibabaKey,
  gitlabToken,
  npmToken,
  pypiToken,
  dockerToken,
  huggingfaceToken,
  groqKey,
  xaiKey,
  perplexityKey,
  replicateToken,
  openrouterKey,
  deepseekKey,
  linearKey,
  sentryToken,
  grafanaToken,
  postmanKey,
  newRelicKey,
  herokuKey,
  digitalOceanToken,
  vaultToken,
  atlassianToken,
  notionToken,
  figmaToken,
  supabaseToken,
  planetScaleToken,
  flyToken,
  pulumiToken,
  prefectToken,
  rubygemsToken,
  onePasswordToken,
  sendgridKey,
  twilioKey,
  shopifyToken,
  squareToken,
  shippoToken,
  telegramBotToken,
  ageSecretKey,
  cryptoPrivateKey,
  seedPhrase,
  jwt,
  privateKey,
  webhookUrl,
  urlQuerySecret,
  urlCredential,
  connectionString,
  httpAuth,
  cookie,
  genericAssignment,
  email,
  phone,
  card,
  iban,
  ssn,
  cnId,
  ipv4,
  ipv6,
  btc,
  eth,
  ...NAME_DETECTORS,
];

/** Detectors that `ip: false` turns off. */
export const IP_DETECTOR_IDS: readonly string[] = [ipv4.id, ipv6.id];
