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
const URL_END = /[\s'"<>]/;
/** Shorter values (a 4-digit PIN) would match by accident far too often to mean anything. */
const MIN_SECRET_LENGTH = 6;
const MAX_SECRETS = 1000;

export interface LocatedHit {
  readonly path: string;
  readonly source: string;
  readonly hit: Hit;
}

/**
 * Whether `secret` sits inside a URL (`https://user:TOKEN@host`, `?key=TOKEN`). Anchored on the `://`
 * literal and scanned by hand, so a long run of scheme-like characters costs nothing.
 */
function insideUrl(text: string, secret: string): boolean {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    let end = at + 3;
    while (end < text.length && end - at < 4096 && !URL_END.test(text[end]!)) end += 1;
    if (text.slice(at + 3, end).includes(secret)) return true;
  }
  return false;
}

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
      for (const s of carried) if (networked || insideUrl(c.text, s)) add(c.path, c.text, s);
    }
    return out;
  }
  const networked = WEB_TOOL.test(toolName) || parts.strings.some((s) => s.text.includes('://'));
  if (!networked) return out;
  for (const str of parts.strings) for (const s of secrets) if (str.text.includes(s)) add(str.path, str.text, s);
  return out;
}

export const EXFIL_PATTERNS: readonly RegExp[] = [WEB_TOOL, URL_END];
