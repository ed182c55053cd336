import type { FieldContext, GuardFinding } from '../../policy/finding.js';

/** Response-guard detector ids, and the fixed, value-free wording a refusal or an audit line uses. */
export const RESPONSE_DETECTORS = {
  destructive: 'guard.destructive-command',
  rce: 'guard.remote-code-exec',
  reverseShell: 'guard.reverse-shell',
  credentialRead: 'guard.credential-read',
  exfiltration: 'guard.secret-exfiltration',
  bidi: 'guard.bidi-control',
} as const;

export type ResponseDetector = (typeof RESPONSE_DETECTORS)[keyof typeof RESPONSE_DETECTORS];

/** Completes "the tool call …"; fixed text, so a refusal never echoes a command or a value. */
export const REASONS: Readonly<Record<ResponseDetector, string>> = {
  'guard.destructive-command': 'would run a destructive command (wiping the system, a home directory or a disk)',
  'guard.remote-code-exec': 'would run code downloaded from the network',
  'guard.reverse-shell': 'would open a shell over the network (reverse shell)',
  'guard.credential-read': 'would read a credential file (private keys, cloud or registry credentials)',
  'guard.secret-exfiltration': 'would send a secret the gateway restored to a network destination',
  'guard.bidi-control': 'contains invisible bidirectional control characters',
};

/** Where a danger sits in the text that was analysed (a command string, a path, model text). */
export interface Hit {
  readonly detector: ResponseDetector;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

export type ResponseFinding = GuardFinding & {
  readonly category: 'response';
  readonly detector: ResponseDetector;
  readonly field: FieldContext;
};

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Drops exact repeats (the same danger reached through two routes, e.g. a pipe and a substitution). */
export function dedupeHits(hits: readonly Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.detector}|${h.kind}|${h.start}|${h.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
