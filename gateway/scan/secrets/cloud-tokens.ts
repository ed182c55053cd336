import { ALNUM, BASE64URL, DIGIT, DOT, FEATURE_DIGIT, TILDE, UNDERSCORE, at, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { distinctChars, lettersAndDigits, mixedCaseAndDigits, prefixedToken } from './prefixed-token.js';

const random = (b: string) => distinctChars(b) >= 10 && lettersAndDigits(b);

// Google OAuth 2.0 access tokens start `ya29.`; OAuth client secrets `GOCSPX-`.
export const googleOAuth = prefixedToken({
  id: 'google-oauth',
  kind: 'GOOGLE_OAUTH',
  anchor: '`ya29.` + 30–2048 base64url chars (access token); `GOCSPX-` + 28 base64url chars (client secret)',
  prefixes: [
    { prefix: 'ya29.', body: BASE64URL, min: 30, max: 2048, validate: mixedCaseAndDigits },
    { prefix: 'GOCSPX-', body: BASE64URL, min: 28, max: 28, validate: random },
  ],
});

export const alibabaKey = prefixedToken({
  id: 'alibaba-key',
  kind: 'ALIBABA_KEY',
  anchor: '`LTAI` + 12–20 alphanumerics (AccessKey ID)',
  minLength: 16,
  requires: FEATURE_DIGIT,
  shapes: [{ search: 'LTAI', body: ALNUM, min: 12, max: 20, validate: random }],
});

// Azure AD (Entra ID) client secrets: 3 chars, a digit, `Q~`, then 31–34 chars of [A-Za-z0-9_~.-].
const SECRET_CHARS = BASE64URL | DOT | TILDE;
const HEAD = 4;

function readAzureSecret(text: string, q: number, emit: Emit): number {
  const start = q - HEAD;
  if (start < 0 || !is(text.charCodeAt(q - 1), DIGIT) || at(text, start - 1, SECRET_CHARS)) return q + 2;
  for (let i = start; i < q - 1; i++) if (!is(text.charCodeAt(i), ALNUM | UNDERSCORE | DOT | TILDE)) return q + 2;
  const end = runEnd(text, q + 2, SECRET_CHARS, 35);
  const length = end - q - 2;
  if (length < 31 || length > 34 || at(text, end, SECRET_CHARS)) return end;
  if (random(text.slice(start, end))) emit(start, end);
  return end;
}

export const azureAdSecret: Detector = {
  id: 'azure-ad-secret',
  category: 'secret',
  kind: 'AZURE_SECRET',
  anchor: '`Q~` (indexOf) after 3 chars and a digit, then 31–34 of [A-Za-z0-9_~.-] (Entra ID client secret)',
  patterns: [],
  minLength: 37,
  requires: FEATURE_DIGIT,
  find(text: string, emit: Emit): void {
    let i = text.indexOf('Q~');
    while (i !== -1) i = text.indexOf('Q~', Math.max(i + 1, readAzureSecret(text, i, emit)));
  },
};
