import { Type, type Static } from '@sinclair/typebox';
import { Literals } from '../shared/literals.js';
import { DEFAULT_PRESET, PRESET_NAMES } from '../shared/presets.js';
import { PROVIDER_KINDS, type DefaultProvider } from '../shared/shape.js';
import { VENDOR_ALLOWLIST } from './vendor-allowlist.js';

/**
 * The one configuration schema. Every field has a default, so an empty file (or none) is a valid
 * configuration; a config file, then CLI flags, override the defaults. Unknown keys are errors, so a
 * typo fails loudly instead of being ignored.
 */
const MiB = 1024 * 1024;
const strict = { additionalProperties: false } as const;

const Int = (min: number, max: number, def: number, description: string) =>
  Type.Integer({ minimum: min, maximum: max, default: def, description });

const HttpUrl = () => Type.String({ pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', description: 'http(s) base URL, no query' });

/** A provider name: it appears in `/p/{name}/…` URLs and as a metric label, so it stays short and plain. */
export const PROVIDER_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,39}$';
const HEADER_NAME = '^[A-Za-z0-9!#$%&\'+.^_`|~-]{1,200}$';

export const ProviderSchema = Type.Object(
  {
    kind: Type.Optional(Literals(PROVIDER_KINDS, {
      description: 'openai (any OpenAI-compatible API), anthropic, or azure-openai; inferred for the providers named openai and anthropic',
    })),
    baseUrl: HttpUrl(),
    headers: Type.Optional(Type.Record(Type.String({ pattern: HEADER_NAME }), Type.String({ pattern: '^[\\x20-\\x7e]*$', maxLength: 8192 }), {
      description: 'Fixed headers sent with every request to this provider (OpenRouter\'s HTTP-Referer, …); they override the client\'s',
      maxProperties: 50,
    })),
    models: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000, description: 'Models this provider serves (documentation for the dashboard; routing uses routing.models)' })),
    apiVersion: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$', description: 'azure-openai: the api-version query parameter' })),
    stripV1: Type.Optional(Type.Boolean({
      description: 'baseUrl already names the API version, as an SDK base URL does (Gemini: …/v1beta/openai): the client path\'s leading /v1 is dropped',
    })),
  },
  strict,
);

/** The two providers every configuration has, with today's base URLs. */
export const DEFAULT_PROVIDER_URLS = { openai: 'https://api.openai.com', anthropic: 'https://api.anthropic.com' } as const satisfies Record<DefaultProvider, string>;

export const ModelRouteSchema = Type.Object(
  {
    match: Type.String({ minLength: 1, maxLength: 200, description: 'model name or glob (`*` any run, `?` one character), e.g. claude-*' }),
    provider: Type.String({ pattern: PROVIDER_NAME_PATTERN, description: 'a configured provider name' }),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the model name sent upstream (azure-openai: the deployment)' })),
  },
  strict,
);

export const ConfigSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1', minLength: 1, description: 'Address to bind' }),
    port: Int(0, 65535, 18080, 'Port to bind; 0 picks a free one'),
    providers: Type.Record(Type.String({ pattern: PROVIDER_NAME_PATTERN }), ProviderSchema, {
      ...strict,
      default: {},
      maxProperties: 100,
      description: 'Named upstreams; openai and anthropic always exist (docs: README "Providers")',
    }),
    routing: Type.Object(
      {
        models: Type.Array(ModelRouteSchema, {
          default: [],
          maxItems: 1000,
          description: 'Model map: the first entry whose glob matches the request\'s model picks the provider (and maybe renames the model)',
        }),
      },
      { ...strict, default: {} },
    ),
    limits: Type.Object(
      {
        bodyBytes: Int(1024, 1024 * MiB, 32 * MiB, 'Largest request body'),
        jsonDepth: Int(4, 1024, 64, 'Deepest JSON nesting in a request'),
        messages: Int(1, 1_000_000, 10_000, 'Most messages/input items in one request'),
        stringBytes: Int(1024, 1024 * MiB, 16 * MiB, 'Longest single JSON string in a request (UTF-16 units)'),
        responseBytes: Int(1024, 1024 * MiB, 64 * MiB, 'Largest non-streamed upstream response'),
        sseEventBytes: Int(1024, 256 * MiB, 8 * MiB, 'Largest single upstream SSE event'),
        streamBytes: Int(1024, 64 * 1024 * MiB, 1024 * MiB, 'Most bytes in one upstream stream'),
        streamDurationMs: Int(1000, 24 * 3_600_000, 3_600_000, 'Longest an upstream stream may run'),
        findings: Int(1, 10_000_000, 50_000, 'Most findings (values to redact or ask about) in one request before 413'),
        decodedBodyBytes: Int(1024, 1024 * MiB, 32 * MiB, 'Most bytes a compressed request body may decode to'),
        decodedBodyRatio: Int(2, 100_000, 100, 'Most a compressed request body may expand (decoded/compressed) once past 1 MiB decoded'),
      },
      { ...strict, default: {} },
    ),
    upstream: Type.Object(
      {
        connections: Int(1, 65536, 16384, 'Connections per upstream origin'),
        pending: Int(0, 1_000_000, 4096, 'Requests that may wait for a connection before 503'),
        connectTimeoutMs: Int(100, 600_000, 10_000, 'TCP+TLS connect timeout'),
        headersTimeoutMs: Int(100, 3_600_000, 600_000, 'Time to the upstream response headers'),
        bodyTimeoutMs: Int(100, 3_600_000, 300_000, 'Longest silence between upstream body chunks'),
        keepAliveTimeoutMs: Int(100, 3_600_000, 60_000, 'Idle upstream keep-alive'),
        forwardHeaders: Type.Array(Type.String({ pattern: '^[A-Za-z0-9!#$%&\'+.^_`|~-]+\\*?$', maxLength: 200 }), {
          default: [],
          maxItems: 200,
          description: 'Request headers forwarded to providers besides their own allowlist (`name`, or `prefix*`); their values are not scanned',
        }),
      },
      { ...strict, default: {} },
    ),
    server: Type.Object(
      {
        requestTimeoutMs: Int(1000, 3_600_000, 300_000, 'Longest a client may take to send a whole request'),
        headersTimeoutMs: Int(1000, 600_000, 30_000, 'Longest a client may take to send request headers'),
        keepAliveTimeoutMs: Int(100, 3_600_000, 72_000, 'Idle client keep-alive'),
        connectionsCheckingIntervalMs: Int(100, 60_000, 5_000, 'How often the two timeouts above are checked'),
        shutdownGraceMs: Int(0, 600_000, 30_000, 'How long in-flight requests may finish on SIGTERM'),
        idleTimeoutMs: Int(100, 3_600_000, 30_000, 'Longest a new connection may stay open without sending a request'),
        listenBacklog: Int(1, 65_535, 4096, 'New connections the kernel queues until the gateway accepts them (capped by net.core.somaxconn; read at start)'),
        maxConnections: Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1, maximum: 1_000_000 })], {
          default: 'auto',
          description: 'Most open client connections; past it new ones are closed at once (auto: half the descriptor limit after a reserve)',
        }),
        maxInFlight: Int(0, 1_000_000, 0, 'Proxied requests in flight past which new ones get 503 GW_ERR_OVERLOADED (0: no limit of its own; server.maxConnections still bounds it)'),
        maxEventLoopDelayMs: Int(0, 60_000, 0, 'Event-loop delay past which new proxied requests get 503 GW_ERR_OVERLOADED (0: off)'),
      },
      { ...strict, default: {} },
    ),
    auth: Type.Object(
      {
        requireClientKey: Type.Boolean({ default: false, description: 'Passthrough mode: also require a gateway client key in x-aegis-key' }),
        signing: Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')], {
          default: 'off',
          description: 'HMAC request signing: off, checked when present, or required',
        }),
        signingWindowSec: Int(10, 3600, 300, 'Accepted clock skew of signed requests'),
        failedPerMinute: Int(1, 1_000_000, 60, 'Failed authentications accepted per minute per source (presented-key prefix, client app)'),
        failedPerMinuteGlobal: Int(1, 100_000_000, 6000, 'Failed authentications accepted per minute, gateway-wide'),
      },
      { ...strict, default: {} },
    ),
    rateLimit: Type.Object(
      {
        requestsPerMinute: Int(1, 100_000_000, 1200, 'Sustained requests per minute per client'),
        burst: Int(1, 1_000_000, 200, 'Requests a client may make at once above the sustained rate'),
        concurrent: Int(1, 1_000_000, 256, 'Requests in flight per client'),
      },
      { ...strict, default: {} },
    ),
    audit: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Persist one audit event per exchange' }),
        retentionDays: Int(1, 3650, 30, 'Days audit events are kept'),
        queueCapacity: Int(100, 10_000_000, 50_000, 'Audit events that may wait for the store, in flight included, before 503'),
      },
      { ...strict, default: {} },
    ),
    scan: Type.Object(
      {
        ip: Type.Boolean({ default: true, description: 'Detect IPv4/IPv6 addresses (never loopback, link-local or unspecified)' }),
        disabled: Type.Array(Type.String({ minLength: 1 }), { default: [], maxItems: 200, description: 'Detector ids turned off' }),
        denyTerms: Type.Array(
          Type.Object(
            {
              pattern: Type.String({ minLength: 1, maxLength: 1000 }),
              regex: Type.Optional(Type.Boolean()),
              caseSensitive: Type.Optional(Type.Boolean()),
              wholeWord: Type.Optional(Type.Boolean()),
              kind: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,31}$' })),
            },
            strict,
          ),
          { default: [], maxItems: 1000, description: 'Your own terms to redact: literal or regex' },
        ),
        allowlist: Type.Array(Type.String({ minLength: 1, maxLength: 10_000 }), { default: [], maxItems: 10_000, description: 'Exact values never redacted' }),
        vendorAllowlist: Type.Array(Type.String({ minLength: 1, maxLength: 10_000 }), {
          default: [...VENDOR_ALLOWLIST],
          maxItems: 10_000,
          description: 'Vendor addresses and documentation examples that agents ship in their prompts and tools; never redacted (built-in list, editable)',
        }),
        workerThresholdChars: Int(0, 1024 * MiB, 128 * 1024, 'Request text above which scanning runs on worker threads'),
        enabled: Type.Array(Type.Union([Type.Literal('person'), Type.Literal('location'), Type.Literal('organization')]), {
          default: [],
          maxItems: 3,
          uniqueItems: true,
          description: 'Opt-in detectors turned on: person, location, organization (names in message and tool-result prose)',
        }),
        namesAllowlist: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
          default: [],
          maxItems: 10_000,
          description: 'Names the name detectors never mask (your company, products, tools); whole names, any case',
        }),
        workers: Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 0, maximum: 64 })], {
          default: 'auto',
          description: 'Scan worker threads (0: always scan on the event loop)',
        }),
      },
      { ...strict, default: {} },
    ),
    policy: Type.Object(
      {
        preset: Literals(PRESET_NAMES, {
          default: DEFAULT_PRESET,
          description: 'permissive: redact only; balanced: also ask about private keys, cloud credentials, injection in tool results and dangerous tool calls; strict: ask about everything not allowed',
        }),
      },
      { ...strict, default: {} },
    ),
    confirm: Type.Object(
      {
        timeoutSec: Int(5, 86_400, 60, 'How long a held exchange waits for a decision'),
        maxPending: Int(1, 10_000, 100, 'Exchanges held at once before 429'),
        onTimeout: Type.Union([Type.Literal('deny'), Type.Literal('redact')], {
          default: 'deny',
          description: 'What a timeout applies, once (it never creates a rule)',
        }),
        retryWindowSec: Int(0, 3600, 60, 'How long after a decision an identical retry (same client, same payload) gets the same one without a new question; 0 asks again'),
      },
      { ...strict, default: {} },
    ),
    vault: Type.Object(
      {
        ttlHours: Int(1, 24 * 365, 24, 'How long placeholder mappings are kept'),
        memoryEntries: Int(1000, 10_000_000, 200_000, 'Mappings kept in memory (least recently used go first)'),
      },
      { ...strict, default: {} },
    ),
    metrics: Type.Object(
      {
        open: Type.Boolean({ default: false, description: 'Serve GET /metrics without the admin token (for a Prometheus that cannot send one)' }),
      },
      { ...strict, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          [
            Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'),
            Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent'),
          ],
          { default: 'info' },
        ),
      },
      { ...strict, default: {} },
    ),
    store: Type.Object(
      {
        url: Type.String({ default: '', pattern: '^(|postgres(ql)?://\\S+)$', description: 'PostgreSQL URL (postgres://…) of a store shared by several instances; empty: embedded SQLite in the data dir' }),
        poolMax: Int(1, 1000, 10, 'Most PostgreSQL connections per instance'),
        leaseSec: Int(1, 3600, 10, 'How long a held confirmation outlives its instance (renewed while it lives) before it becomes abandoned'),
        masterKeyFile: Type.String({ default: '', description: 'File holding the master key shared by all instances (32 bytes, base64 or hex); empty: <data dir>/master.key' }),
      },
      { ...strict, default: {} },
    ),
    redis: Type.Object(
      {
        url: Type.String({ default: '', pattern: '^(|rediss?://\\S+)$', description: 'Redis or Valkey URL (redis://…) for nonces, shared rate limits and event fan-out; empty: in process' }),
      },
      { ...strict, default: {} },
    ),
    relay: Type.Object(
      {
        enabled: Type.Boolean({ default: false, description: 'Serve POST /relay/generate (the Python gateway\'s relay endpoint) for migrating users; needs a client key' }),
      },
      { ...strict, default: {} },
    ),
  },
  strict,
);

export type GatewayConfig = Static<typeof ConfigSchema>;
