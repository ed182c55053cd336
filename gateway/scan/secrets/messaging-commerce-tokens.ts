import { BASE64URL, DIGIT, DOT, FEATURE_COLON, FEATURE_DIGIT, FEATURE_UPPER, HEX, WORD, at, runEnd, runStart } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { distinctChars, lettersAndDigits, lowerHex, prefixedToken } from './prefixed-token.js';

const random = (b: string) => distinctChars(b) >= 10 && lettersAndDigits(b);

export const sendgridKey = prefixedToken({
  id: 'sendgrid-key',
  kind: 'SENDGRID_KEY',
  anchor: '`SG.` + 22 base64url chars `.` 43 base64url chars',
  prefixes: [{ prefix: 'SG.', body: BASE64URL | DOT, min: 66, max: 66, validate: (b) => b[22] === '.' && b.indexOf('.', 23) < 0 && random(b) }],
});

// Twilio API key SIDs are `SK` + 32 hex; the secret that goes with one has no prefix and is left to
// generic-secret. Account SIDs (`AC…`) identify, they do not authenticate.
export const twilioKey = prefixedToken({
  id: 'twilio-key',
  kind: 'TWILIO_KEY',
  anchor: '`SK` + 32 hex as a whole word (API key SID)',
  minLength: 34,
  requires: FEATURE_UPPER | FEATURE_DIGIT,
  shapes: [{ search: 'SK', body: HEX, min: 32, max: 32, validate: (b) => lowerHex(b.toLowerCase()) }],
});

export const shopifyToken = prefixedToken({
  id: 'shopify-token',
  kind: 'SHOPIFY_TOKEN',
  anchor: '`shpat_` `shpca_` `shppa_` `shpss_` + 32 hex',
  prefixes: ['shpat_', 'shpca_', 'shppa_', 'shpss_'].map((prefix) => ({ prefix, body: HEX, min: 32, max: 32, validate: random })),
});

export const squareToken = prefixedToken({
  id: 'square-token',
  kind: 'SQUARE_TOKEN',
  anchor: '`sq0atp-` + 22–60 (access token) / `sq0csp-` + 43 (application secret) base64url chars',
  prefixes: [
    { prefix: 'sq0atp-', body: BASE64URL, min: 22, max: 60, validate: random },
    { prefix: 'sq0csp-', body: BASE64URL, min: 43, max: 43, validate: random },
  ],
});

export const shippoToken = prefixedToken({
  id: 'shippo-token',
  kind: 'SHIPPO_TOKEN',
  anchor: '`shippo_live_` / `shippo_test_` + 40 hex',
  prefixes: ['shippo_live_', 'shippo_test_'].map((prefix) => ({ prefix, body: HEX, min: 40, max: 40, validate: random })),
});

// Telegram bot tokens: the bot's numeric id, `:`, then 35 base64url chars that start with `AA`.
const BOT_ID_MIN = 8;
const BOT_ID_MAX = 10;
const SECRET_LENGTH = 35;

function readBotToken(text: string, colon: number, emit: Emit): number {
  const start = runStart(text, colon, DIGIT, BOT_ID_MAX + 1);
  const digits = colon - start;
  if (digits < BOT_ID_MIN || digits > BOT_ID_MAX || at(text, start - 1, WORD)) return colon + 1;
  const end = runEnd(text, colon + 1, BASE64URL, SECRET_LENGTH + 1);
  if (end - colon - 1 !== SECRET_LENGTH || at(text, end, BASE64URL)) return end;
  if (random(text.slice(colon + 3, end))) emit(start, end);
  return end;
}

export const telegramBotToken: Detector = {
  id: 'telegram-bot-token',
  category: 'secret',
  kind: 'TELEGRAM_TOKEN',
  anchor: '`:AA` (indexOf) after an 8–10 digit bot id, then 33 base64url chars',
  patterns: [],
  minLength: 44,
  requires: FEATURE_COLON | FEATURE_DIGIT | FEATURE_UPPER,
  find(text: string, emit: Emit): void {
    let i = text.indexOf(':AA');
    while (i !== -1) i = text.indexOf(':AA', Math.max(i + 1, readBotToken(text, i, emit)));
  },
};
