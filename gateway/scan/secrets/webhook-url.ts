import { BASE64URL, DIGIT, DOT, FEATURE_COLON, FEATURE_SLASH, PLUS_SLASH, is, runEnd } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { distinctChars } from './prefixed-token.js';

// Incoming-webhook URLs carry their secret in the path: whoever has the URL can post as the app.
// Read from each `://` (shared with url-credential); the host decides, the path's secret part is the
// finding, so the host stays readable. Query-string secrets are url-query-secret's.
const HOST_CHARS = BASE64URL | DOT;
const PATH_CHARS = BASE64URL | PLUS_SLASH | DOT;
const MAX_HOST = 253;
const MAX_PATH = 512;

interface Hook {
  /** Matches the lowercased host. */
  host: (host: string) => boolean;
  /** Path prefixes after which the secret starts. */
  paths: readonly string[];
  /** The secret part, as read: a shape check. */
  valid: (secret: string) => boolean;
}

const segments = (s: string) => s.split('/').filter((x) => x !== '');
const allDigits = (s: string) => s.length > 0 && [...s].every((c) => is(c.charCodeAt(0), DIGIT));

const HOOKS: readonly Hook[] = [
  {
    // Slack: /services/T…/B…/<24 chars>, /workflows/…, /triggers/…
    host: (h) => h === 'hooks.slack.com',
    paths: ['/services/', '/workflows/', '/triggers/'],
    valid: (s) => segments(s).length >= 3 && s.length >= 30 && distinctChars(s) >= 12,
  },
  {
    // Discord: /api/webhooks/<id>/<token> (also /api/v10/webhooks/)
    host: (h) => h === 'discord.com' || h === 'discordapp.com' || h.endsWith('.discord.com') || h.endsWith('.discordapp.com'),
    paths: ['/api/webhooks/', '/api/v6/webhooks/', '/api/v8/webhooks/', '/api/v9/webhooks/', '/api/v10/webhooks/'],
    valid: (s) => {
      const [id, token] = segments(s);
      return id !== undefined && token !== undefined && allDigits(id) && id.length >= 17 && token.length >= 60 && distinctChars(token) >= 12;
    },
  },
  {
    // Microsoft Teams incoming webhooks: <tenant>.webhook.office.com/webhookb2/<guid>@<guid>/IncomingWebhook/<hex>/<guid>…
    host: (h) => h.endsWith('.webhook.office.com') || h === 'outlook.office.com' || h === 'outlook.office365.com',
    paths: ['/webhookb2/', '/webhook/'],
    valid: (s) => s.includes('@') && s.length >= 60,
  },
  {
    // Zapier catch hooks: /hooks/catch/<account>/<hook>/
    host: (h) => h === 'hooks.zapier.com',
    paths: ['/hooks/catch/'],
    valid: (s) => segments(s).length >= 2 && s.length >= 12,
  },
];

/** Reads the URL whose `://` is at `i`; reports its secret path part; returns where its path ends. */
function readUrl(text: string, i: number, emit: Emit): number {
  const hostStart = i + 3;
  const hostEnd = runEnd(text, hostStart, HOST_CHARS, MAX_HOST);
  const host = text.slice(hostStart, hostEnd).toLowerCase();
  const hook = HOOKS.find((h) => h.host(host));
  if (hook === undefined) return hostEnd;
  let pathStart = hostEnd;
  // An explicit port (`:443`) sits between host and path.
  if (text[pathStart] === ':') pathStart = runEnd(text, pathStart + 1, DIGIT, 6);
  // '@' belongs to Teams paths (`<guid>@<guid>`); it cannot start one.
  let end = pathStart;
  const limit = Math.min(text.length, pathStart + MAX_PATH);
  while (end < limit && (is(text.charCodeAt(end), PATH_CHARS) || text[end] === '@')) end++;
  const path = text.slice(pathStart, end);
  const prefix = hook.paths.find((p) => path.startsWith(p));
  if (prefix === undefined) return end;
  let secretEnd = end;
  while (secretEnd > pathStart + prefix.length && (text[secretEnd - 1] === '/' || text[secretEnd - 1] === '.')) secretEnd--;
  const secretStart = pathStart + prefix.length;
  if (secretEnd > secretStart && hook.valid(text.slice(secretStart, secretEnd))) emit(secretStart, secretEnd);
  return end;
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  let resume = 0;
  for (const i of ctx.schemeSeparators()) if (i >= resume) resume = readUrl(text, i, emit);
}

export const webhookUrl: Detector = {
  id: 'webhook-url',
  category: 'secret',
  kind: 'WEBHOOK',
  anchor: '`://` then the host `hooks.slack.com`, `discord.com`/`discordapp.com`, `*.webhook.office.com`/`outlook.office.com` or `hooks.zapier.com` and its webhook path; only the secret path part',
  patterns: [],
  minLength: 40,
  requires: FEATURE_COLON | FEATURE_SLASH,
  find,
};
