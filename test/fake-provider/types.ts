// Public contract of the fake provider, shared by the server, the CLI and every test that uses it.
import type { Tamper } from './plan.js';

export type { Tamper };

export interface RecordedRequest {
  method: string;
  /** the raw request target, query string included */
  path: string;
  /** the request target percent-decoded (`+` as a space), to look for values however they were encoded */
  decodedPath: string;
  headers: Record<string, string | string[] | undefined>;
  /** the body as the provider would read it: decoded when it came with a Content-Encoding */
  body: Buffer;
  /** the parsed body when it was JSON */
  json?: unknown;
  /** performance.now() when the whole body had arrived, comparable with waitForAbort's result */
  receivedAt: number;
  /** byte size of each write of the reply body so far, in order (tcp-split pieces; not what the client reads) */
  replyWrites: number[];
}

export type ScenarioName =
  | 'ok'
  | 'no-headers'
  | 'stall-mid-stream'
  | 'reset-mid-stream'
  | 'gzip'
  | 'redirect'
  | 'endless-stream'
  | 'tool-call'
  | 'huge-event'
  | 'agent'
  | `status:${number}`;

/** One scenario, or several joined by commas (e.g. `tool-call,gzip`). */
export type Scenario = ScenarioName | `${ScenarioName},${string}`;

export interface FakeProvider {
  /** http://127.0.0.1:PORT */
  url: string;
  /** every request received (unless record:false) */
  requests: RecordedRequest[];
  /** applies to every later request until changed; the `x-fake-scenario` header wins over it */
  setScenario(s: Scenario | undefined): void;
  /** misbehave on every later request until changed (undefined: behave); reset() clears it too */
  tamper(t: Tamper | undefined): void;
  /** clears requests, the scenario, the tampering and the abort history */
  reset(): void;
  /**
   * Resolves with the time (performance.now()) the server saw request #n's connection close early,
   * i.e. before it finished responding. n counts requests since start or the last reset(), from 0;
   * without n, the first early close of any request. Rejects when request #n finished normally or
   * when timeoutMs (default 5000) passes.
   */
  waitForAbort(n?: number, timeoutMs?: number): Promise<number>;
  openConnections(): number;
  close(): Promise<void>;
}

export interface FakeProviderOptions {
  port?: number;
  host?: string;
  /** default delay before response headers; `x-fake-delay-ms` overrides it per request */
  delayMs?: number;
  /** keep requests in `requests` (default true); benchmarks turn it off */
  record?: boolean;
}
