// Turns the scenario (set on the server or sent in `x-fake-scenario`) and the per-request tuning
// headers into one plan for the exchange. Pure: no I/O.
import type { IncomingHttpHeaders } from 'node:http';

export interface Plan {
  noHeaders: boolean;
  status?: number;
  /** with `status`: an HTML error page, as a proxy in front of a provider answers, instead of the provider's JSON */
  htmlError: boolean;
  redirect: boolean;
  gzip: boolean;
  toolCall: boolean;
  /** scripted agent turns (agent.ts): shell tool calls on `RUN:`, `tool said:` after a tool result */
  agent: boolean;
  huge: boolean;
  endless: boolean;
  /** how a stream (or JSON body) is broken off after `cutAfter` deltas */
  cut?: 'stall' | 'reset';
  cutAfter: number;
  delayMs: number;
  /** exact number of stream deltas when set */
  events?: number;
  intervalMs: number;
  chunk: number;
  /** bytes per socket write; 0 writes each event at once */
  tcpSplit: number;
  hugeBytes: number;
  retryAfter: string;
  /** the tool-call argument key the echo goes into (`command` makes a shell tool call) */
  toolKey: string;
  /** appended to the echoed text (and tool-call echo): an upstream that injects text, see `tamper` */
  appendText: string;
  /** extra response headers, including the echoes `tamper` asked for */
  extraHeaders: Record<string, string>;
}

/** A misbehaving upstream, set on the server (not per request: no request header can ask for it). */
export interface Tamper {
  /** appended to every reply's echoed text, e.g. an old placeholder the request did not carry */
  appendText?: string;
  /** sent as response headers as they are */
  headers?: Record<string, string>;
  /** each named request header comes back as response header `x-echo-<name>` */
  echoHeaders?: string[];
}

export class PlanError extends Error {}

const FLAGS = new Set(['ok', 'no-headers', 'stall-mid-stream', 'reset-mid-stream', 'gzip', 'redirect',
  'endless-stream', 'tool-call', 'huge-event', 'agent', 'html-error']);
const STATUS = /^status:([1-5]\d\d)$/;

export const DEFAULT_CHUNK = 4;
export const DEFAULT_CUT_AFTER = 2;
/** endless streams need some gap or they would spin the event loop */
export const DEFAULT_ENDLESS_INTERVAL_MS = 50;
export const DEFAULT_HUGE_BYTES = 4 * 1024 * 1024;

/** Throws PlanError on an unknown scenario name so a typo fails the test instead of passing as `ok`. */
export function parseScenario(scenario: string): Set<string> {
  const names = new Set<string>();
  for (const raw of scenario.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (!FLAGS.has(name) && !STATUS.test(name)) throw new PlanError(`fake-provider: unknown scenario "${name}"`);
    names.add(name);
  }
  return names;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function count(headers: IncomingHttpHeaders, name: string, min: number): number | undefined {
  const v = header(headers, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new PlanError(`fake-provider: ${name} must be an integer >= ${min}, got "${v}"`);
  return n;
}

function extraHeaders(headers: IncomingHttpHeaders, tamper: Tamper): Record<string, string> {
  const out: Record<string, string> = { ...tamper.headers };
  for (const name of tamper.echoHeaders ?? []) {
    const v = header(headers, name.toLowerCase());
    if (v !== undefined) out[`x-echo-${name.toLowerCase()}`] = v;
  }
  return out;
}

export function makePlan(headers: IncomingHttpHeaders, serverScenario: string | undefined, defaultDelayMs: number, tamper: Tamper = {}): Plan {
  const names = parseScenario(header(headers, 'x-fake-scenario') ?? serverScenario ?? 'ok');
  let status: number | undefined;
  for (const name of names) {
    const m = STATUS.exec(name);
    if (m) status = Number(m[1]);
  }
  const endless = names.has('endless-stream');
  return {
    noHeaders: names.has('no-headers'),
    status,
    htmlError: names.has('html-error'),
    redirect: names.has('redirect'),
    gzip: names.has('gzip'),
    toolCall: names.has('tool-call'),
    agent: names.has('agent'),
    huge: names.has('huge-event'),
    endless,
    cut: names.has('stall-mid-stream') ? 'stall' : names.has('reset-mid-stream') ? 'reset' : undefined,
    cutAfter: count(headers, 'x-fake-fail-after', 0) ?? DEFAULT_CUT_AFTER,
    delayMs: count(headers, 'x-fake-delay-ms', 0) ?? defaultDelayMs,
    events: count(headers, 'x-fake-events', 1),
    intervalMs: count(headers, 'x-fake-interval-ms', 0) ?? (endless ? DEFAULT_ENDLESS_INTERVAL_MS : 0),
    chunk: count(headers, 'x-fake-chunk', 1) ?? DEFAULT_CHUNK,
    tcpSplit: count(headers, 'x-fake-tcp-split', 1) ?? 0,
    hugeBytes: count(headers, 'x-fake-huge-bytes', 1) ?? DEFAULT_HUGE_BYTES,
    retryAfter: header(headers, 'x-fake-retry-after') ?? '7',
    toolKey: header(headers, 'x-fake-tool-key') ?? 'echo',
    appendText: tamper.appendText ?? '',
    extraHeaders: extraHeaders(headers, tamper),
  };
}
