import type { Detector } from './detector.js';
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
import { awsSecretKey } from './secrets/aws-secret-key.js';
import { connectionString } from './secrets/connection-string.js';
import { genericAssignment } from './secrets/generic-assignment.js';
import { jwt } from './secrets/jwt.js';
import { privateKey } from './secrets/private-key.js';
import { urlCredential } from './secrets/url-credential.js';
import {
  anthropicKey,
  awsAccessKey,
  githubToken,
  googleApiKey,
  openaiKey,
  slackToken,
  stripeKey,
} from './secrets/vendor-tokens.js';

/** Every built-in detector, secrets first. Ids are stable API (config `disabled`, audit, docs). */
export const BUILTIN_DETECTORS: readonly Detector[] = [
  awsAccessKey,
  awsSecretKey,
  githubToken,
  openaiKey,
  anthropicKey,
  stripeKey,
  slackToken,
  googleApiKey,
  jwt,
  privateKey,
  urlCredential,
  connectionString,
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
];

/** Detectors that `ip: false` turns off. */
export const IP_DETECTOR_IDS: readonly string[] = [ipv4.id, ipv6.id];
