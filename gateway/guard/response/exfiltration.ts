import type { ToolCallParts } from './extract.js';
import { RESPONSE_DETECTORS as D, type Hit } from './findings.js';
import { programNames } from './shell-analyze.js';

/**
 * A tool call that would carry a secret the gateway itself restored into this response out to the
 * network. The gateway knows those values exactly (it just put them back), so this is a plain substring
 * check, not a guess; the guess is only whether the call talks to the network.
 */
const NETWORK_PROGRAMS = new Set([
  'curl', 'wget', 'fetch', 'http', 'https', 'xh', 'curlie', 'aria2c', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'ssh', 'scp',
  'sftp', 'ftp', 'rsync', 'iwr', 'irm', 'Invoke-WebRequest', 'Invoke-RestMethod', 'openssl',
]);
const WEB_TOOL = /fetch|http|request|browse|browser|web|url|curl|post|upload|send|webhook|mail|slack|notify|api/i;
const URL = /\b[a-z][a-z0-9+.-]{1,16}:\/\/[^\s'"<>]{1,2048}/gi;
const HAS_URL = /\b[a-z][a-z0-9+.-]{1,16}:\/\//i;
/** Shorter values (a 4-digit PIN) would match by accident far too often to mean anything. */
const MIN_SECRET_LENGTH = 6;
const MAX_SECRETS = 1000;

export interface LocatedHit {
  readonly path: string;
  readonly source: string;
  readonly hit: Hit;
}

const urlsContaining = (text: string, secret: string): boolean => [...text.matchAll(URL)].some((m) => m[0].includes(secret));

export function exfiltrationHits(toolName: string, parts: ToolCallParts, restored: readonly string[]): LocatedHit[] {
  if (parts.kind === 'editor' || restored.length === 0) return [];
  const secrets = [...new Set(restored.filter((s) => s.length >= MIN_SECRET_LENGTH))].slice(0, MAX_SECRETS);
  if (secrets.length === 0) return [];
  const out: LocatedHit[] = [];
  const add = (path: string, source: string, secret: string) => {
    const start = source.indexOf(secret);
    out.push({ path, source, hit: { detector: D.exfiltration, kind: 'restored-secret', start, end: start + secret.length } });
  };

  if (parts.kind === 'shell' || parts.commands.length > 0) {
    for (const c of parts.commands) {
      const carried = secrets.filter((s) => c.text.includes(s));
      if (carried.length === 0) continue;
      const networked = [...programNames(c.text)].some((n) => NETWORK_PROGRAMS.has(n));
      for (const s of carried) if (networked || urlsContaining(c.text, s)) add(c.path, c.text, s);
    }
    return out;
  }
  const networked = WEB_TOOL.test(toolName) || parts.strings.some((s) => HAS_URL.test(s.text));
  if (!networked) return out;
  for (const str of parts.strings) for (const s of secrets) if (str.text.includes(s)) add(str.path, str.text, s);
  return out;
}

export const EXFIL_PATTERNS: readonly RegExp[] = [WEB_TOOL, URL, HAS_URL];
