import { KindGuard, Type, type Static, type TSchema } from '@sinclair/typebox';
import { AuditEventSchema, AUDIT_DECISIONS } from '../shared/audit-event.js';
import { AuditSearchFields } from './audit-search-contract.js';
import { UpstreamHealthSchema } from '../metrics/upstream-health-schema.js';
import { ConfigSchema, type GatewayConfig } from '../config/schema.js';
import { MetricsSecondSchema, MetricsSeriesSchema, WindowSummarySchema } from '../metrics/series-schema.js';
import { PendingRecordSchema } from '../store/pending-record.js';
import { PendingChangeSchema, RulesChangedSchema } from './contract-decisions.js';
import { BUILTIN_CATEGORIES } from '../shared/finding-lists.js';
import { Literals, PRESET_NAMES, ProviderNameSchema, strict, type PresetName } from './contract-shared.js';

/**
 * The admin API's one contract: every request and response of `/admin/*` and every event of
 * `GET /admin/events`, as TypeBox schemas (validated on the server) and their static types (used by
 * the renderer through `import type` only). Everything it imports, types included, depends on
 * nothing but TypeBox, so a browser build can typecheck against it (test/gateway/admin/contract.test.ts).
 */

export { AuditEventSchema, AUDIT_DECISIONS, MetricsSecondSchema, MetricsSeriesSchema, PendingRecordSchema, WindowSummarySchema };
export type { WindowSummary } from '../metrics/series-schema.js';
export type { UpstreamHealth } from '../metrics/upstream-health-schema.js';
export type { AuditEvent, AuditDecision } from '../shared/audit-event.js';
export type { GatewayConfig } from '../config/schema.js';
export type { MetricsSecond, MetricsSeries } from '../metrics/series-schema.js';
export type { PendingRecord } from '../store/pending-record.js';

export { ProviderNameSchema, PRESET_NAMES, type PresetName };
export * from './contract-decisions.js';

const perProvider = <T extends TSchema>(schema: T) => Type.Record(Type.String(), schema);

/** Every admin error: the OpenAI error shape with a GW_ERR_* code. */
export const ErrorResponseSchema = Type.Object({
  error: Type.Object({ message: Type.String(), type: Type.String(), param: Type.Null(), code: Type.String() }),
});

/** A point in time: epoch ms, an ISO 8601 date/time, or a span before now such as `90s`, `15m`, `24h`, `7d`. */
export const TimeSpecSchema = Type.String({ minLength: 1, maxLength: 40, description: 'epoch ms, ISO 8601, or 30s/15m/24h/7d ago' });

// ── audit ────────────────────────────────────────────────────────────────────────────────────
export const AUDIT_PAGE_MAX = 500;

export const AuditListQuerySchema = Type.Object(
  {
    since: Type.Optional(TimeSpecSchema),
    until: Type.Optional(TimeSpecSchema),
    client: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'case-insensitive substring of the client app name or client key id' })),
    decision: Type.Optional(Literals(AUDIT_DECISIONS)),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...AuditSearchFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' })),
  },
  strict,
);
export type AuditListQuery = Static<typeof AuditListQuerySchema>;

/** Newest first. */
export const AuditPageSchema = Type.Object({ events: Type.Array(AuditEventSchema), nextCursor: Type.Optional(Type.String()) }, strict);
export type AuditPage = Static<typeof AuditPageSchema>;

/** `GET /admin/audit/export` answers `application/x-ndjson`: one AuditEvent per line, oldest first. */
export const AuditExportQuerySchema = Type.Object({ since: Type.Optional(TimeSpecSchema), until: Type.Optional(TimeSpecSchema) }, strict);
export type AuditExportQuery = Static<typeof AuditExportQuerySchema>;

// ── stats ────────────────────────────────────────────────────────────────────────────────────
export const STATS_WINDOWS = [60, 900] as const;
export const StatsQuerySchema = Type.Object(
  { window: Type.Optional(Type.Union(STATS_WINDOWS.map((w) => Type.Literal(w)), { default: 60, description: 'seconds' })) },
  strict,
);
export type StatsQuery = Static<typeof StatsQuerySchema>;
export const StatsResponseSchema = Type.Object({ window: Type.Integer(), series: MetricsSeriesSchema, summary: WindowSummarySchema }, strict);
export type StatsResponse = Static<typeof StatsResponseSchema>;

// ── config ───────────────────────────────────────────────────────────────────────────────────
/** The schema with every field optional and no defaults, recursively: what a PUT may carry. */
function deepPartial(schema: TSchema): TSchema {
  // Named providers: a patch may add one or change one field of one.
  if (KindGuard.IsRecord(schema)) {
    const [pattern, value] = Object.entries(schema.patternProperties)[0]!;
    const { default: _default, ...options } = schema;
    return Type.Record(Type.String({ pattern }), deepPartial(value), { ...options, additionalProperties: false });
  }
  if (!KindGuard.IsObject(schema)) {
    const { default: _default, ...rest } = schema;
    return rest as TSchema;
  }
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, Type.Optional(deepPartial(v))]));
  return Type.Object(properties, strict);
}

// Same as config/load.ts's DeepPartial, restated so this module's graph stays free of Node imports.
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ConfigPatch = DeepPartial<GatewayConfig>;
/** Body of `PUT /admin/config`: any subset of the configuration; unknown keys are errors. */
export const ConfigPatchSchema = Type.Unsafe<ConfigPatch>(deepPartial(ConfigSchema));

/** Whether a managed key is stored, per provider. The key itself never leaves the gateway. */
export const ProviderStatesSchema = perProvider(Type.Object({ managedKey: Type.Boolean() }, strict));
export type ProviderStates = Static<typeof ProviderStatesSchema>;

/** The `config` stream event: the configuration after a change. */
export const ConfigChangedSchema = Type.Object(
  {
    /** The effective configuration: defaults, file, admin overlay, flags. */
    config: ConfigSchema,
    /** What was changed through the admin API (persisted; the config file is never rewritten). */
    overlay: ConfigPatchSchema,
  },
  strict,
);

/** Fields a command-line flag sets for this run (dotted path → the flag, and the saved value it hides). */
/** What the last re-read of the `--config` file did (docs: README "Reloading the config file"). */
export const ConfigFileStatusSchema = Type.Object(
  {
    path: Type.String(),
    at: Type.Integer({ minimum: 0 }),
    status: Literals(['applied', 'invalid'] as const),
    applied: Type.Array(Type.String(), { description: 'fields that changed in the file and now apply' }),
    restartRequired: Type.Array(Type.String(), { description: 'changed fields read only at start: not applied until a restart' }),
    shadowed: Type.Array(Type.String(), { description: 'changed fields the admin API (or a flag) also sets, which wins: not applied' }),
    error: Type.Optional(Type.Object({ field: Type.String(), message: Type.String() }, strict)),
  },
  strict,
);
export type ConfigFileStatus = Static<typeof ConfigFileStatusSchema>;
export const ConfigOverridesSchema = Type.Record(Type.String(), Type.Object({ flag: Type.String(), saved: Type.Unknown() }, strict));

export const ConfigViewSchema = Type.Composite([ConfigChangedSchema, Type.Object({ providers: ProviderStatesSchema, overrides: ConfigOverridesSchema })], strict);
export type ConfigView = Static<typeof ConfigViewSchema>;

export const ConfigUpdateResponseSchema = Type.Composite([
  ConfigViewSchema,
  Type.Object({ restartRequired: Type.Array(Type.String(), { description: 'changed fields that apply after a restart' }) }),
], strict);
export type ConfigUpdateResponse = Static<typeof ConfigUpdateResponseSchema>;

// ── detectors ───────────────────────────────────────────────────────────────────────────────
/** A built-in detector, as the dashboard lists it for switching off (`scan.disabled`) or, when opt-in, on (`scan.enabled`). */
export const DetectorInfoSchema = Type.Object(
  {
    id: Type.String({ description: 'stable id, as in scan.disabled and audit findings' }),
    category: Literals(BUILTIN_CATEGORIES),
    optIn: Type.Optional(Type.Boolean({ description: 'off unless scan.enabled names it' })),
    kind: Type.String({ description: 'placeholder kind of its findings' }),
    anchor: Type.String({ description: 'what it looks for and how it validates, in one line' }),
  },
  strict,
);
export type DetectorInfo = Static<typeof DetectorInfoSchema>;
export const DetectorListSchema = Type.Object({ detectors: Type.Array(DetectorInfoSchema) }, strict);
export type DetectorList = Static<typeof DetectorListSchema>;

// ── client keys ──────────────────────────────────────────────────────────────────────────────
const Label = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f\\x7f]+$' });

export const ClientKeySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    app: Type.String({ description: 'the tool the key belongs to' }),
    createdAt: Type.Integer(),
    lastUsedAt: Type.Optional(Type.Integer()),
    revokedAt: Type.Optional(Type.Integer()),
    preset: Type.Optional(Literals(PRESET_NAMES, { description: "the key's own policy preset; absent: the global preset" })),
  },
  strict,
);
export type ClientKey = Static<typeof ClientKeySchema>;
export const ClientKeyListSchema = Type.Object({ keys: Type.Array(ClientKeySchema) }, strict);
export type ClientKeyList = Static<typeof ClientKeyListSchema>;
export const CreateClientKeyBodySchema = Type.Object({ name: Label, app: Label, preset: Type.Optional(Literals(PRESET_NAMES)) }, strict);
export type CreateClientKeyBody = Static<typeof CreateClientKeyBodySchema>;
/** 201 response: the only time the key is ever shown. */
export const CreatedClientKeySchema = Type.Object({ id: Type.String(), key: Type.String(), record: ClientKeySchema }, strict);
export type CreatedClientKey = Static<typeof CreatedClientKeySchema>;
export const ClientKeyParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
/** `PATCH /admin/keys/:id`: the key's own preset, or `null` to follow the global preset again. */
export const UpdateClientKeyBodySchema = Type.Object({ preset: Type.Union([Literals(PRESET_NAMES), Type.Null()]) }, strict);
export type UpdateClientKeyBody = Static<typeof UpdateClientKeyBodySchema>;

// ── managed provider keys (write-only) ───────────────────────────────────────────────────────
export const ProviderParamsSchema = Type.Object({ provider: ProviderNameSchema }, strict);
export type ProviderParams = Static<typeof ProviderParamsSchema>;
/** Printable ASCII without spaces: it is sent upstream in a header. */
export const ProviderKeyBodySchema = Type.Object({ key: Type.String({ minLength: 1, maxLength: 4096, pattern: '^[\\x21-\\x7e]+$' }) }, strict);
export type ProviderKeyBody = Static<typeof ProviderKeyBodySchema>;
export const ProviderKeyStateSchema = Type.Object({ provider: ProviderNameSchema, managedKey: Type.Boolean() }, strict);
export type ProviderKeyState = Static<typeof ProviderKeyStateSchema>;

// ── health ───────────────────────────────────────────────────────────────────────────────────
export const HealthProviderSchema = Type.Object({ kind: Type.String(), baseUrl: Type.String(), managedKey: Type.Boolean() }, strict);
export const HealthSchema = Type.Object(
  {
    status: Literals(['ok', 'draining'] as const),
    version: Type.String(),
    uptimeSec: Type.Number({ minimum: 0 }),
    url: Type.String({ description: 'the listening URL' }),
    dataDir: Type.String(),
    draining: Type.Boolean(),
    store: Type.Object(
      { uncleanShutdown: Type.Boolean(), integrity: Literals(['ok', 'skipped'] as const), abandonedPending: Type.Integer({ minimum: 0 }) },
      strict,
    ),
    audit: Type.Object({ queueDepth: Type.Integer({ minimum: 0 }), queueCapacity: Type.Integer({ minimum: 0 }), enabled: Type.Boolean() }, strict),
    upstream: Type.Object({ inFlight: Type.Integer({ minimum: 0 }) }, strict),
    upstreams: Type.Array(UpstreamHealthSchema, { description: 'per provider, from recent real traffic (no probe)' }),
    providers: perProvider(HealthProviderSchema),
    configFile: Type.Optional(ConfigFileStatusSchema),
  },
  strict,
);
export type Health = Static<typeof HealthSchema>;

// ── "test this setup" (Connect page) ─────────────────────────────────────────────────────
const AppName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$' });

/** Body of `POST /admin/connect/checks`: wait for a request from this app (or this client key). */
export const ConnectCheckBodySchema = Type.Object(
  { app: Type.Optional(AppName), keyId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  strict,
);
export type ConnectCheckBody = Static<typeof ConnectCheckBodySchema>;

/** A request the gateway saw: who sent it, where to, and how it ended. Never a value. */
export const SeenRequestSchema = Type.Object(
  {
    time: Type.Integer({ minimum: 0 }),
    app: Type.String(),
    keyId: Type.Optional(Type.String()),
    provider: Type.String(),
    route: Type.String(),
    status: Type.Integer(),
    decision: Literals(AUDIT_DECISIONS),
    errorCode: Type.Optional(Type.String()),
    userAgent: Type.Optional(Type.String()),
  },
  strict,
);
export type SeenRequest = Static<typeof SeenRequestSchema>;

export const ConnectCheckSchema = Type.Object(
  {
    id: Type.String(),
    app: Type.Optional(Type.String()),
    keyId: Type.Optional(Type.String()),
    since: Type.Integer({ minimum: 0, description: 'epoch ms the check started; only later requests count' }),
    expiresAt: Type.Integer({ minimum: 0 }),
    /** The first matching request since `since`, once there is one. */
    seen: Type.Optional(SeenRequestSchema),
    /** Requests from other apps meanwhile (latest first, a few): a tool that arrives under another name. */
    others: Type.Array(SeenRequestSchema, { maxItems: 5 }),
  },
  strict,
);
export type ConnectCheck = Static<typeof ConnectCheckSchema>;
export const ConnectCheckResponseSchema = Type.Object({ check: ConnectCheckSchema }, strict);
export type ConnectCheckResponse = Static<typeof ConnectCheckResponseSchema>;
export const ConnectCheckParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);

// ── dashboard login ──────────────────────────────────────────────────────────────────────────
/** Body of `POST /admin/session`: a one-time login token (from a login URL's `#token=`) or the admin token. */
export const SessionBodySchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) }, strict);
export type SessionBody = Static<typeof SessionBodySchema>;
/** The session cookie is HttpOnly; this says until when it is valid. */
export const SessionResponseSchema = Type.Object({ expiresAt: Type.Integer({ minimum: 0 }) }, strict);
export type SessionResponse = Static<typeof SessionResponseSchema>;
/** `POST /admin/login-links`: a fresh one-time login URL (`…/ui/#token=…`), valid once, until `expiresAt`. */
export const LoginLinkSchema = Type.Object({ url: Type.String(), expiresAt: Type.Integer({ minimum: 0 }) }, strict);
export type LoginLink = Static<typeof LoginLinkSchema>;
/** `POST /admin/login-links/sealed` (no credential sent): a fresh nonce and HMAC(token, request ‖ nonce), hex. */
export const SealedLoginBodySchema = Type.Object(
  { nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }), mac: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  strict,
);
export type SealedLoginBody = Static<typeof SealedLoginBodySchema>;
/** The answer: the gateway's proof that it holds the token, and the login link sealed under it (see admin/login-proof.ts). */
export const SealedLoginLinkSchema = Type.Object({ proof: Type.String(), iv: Type.String(), data: Type.String(), tag: Type.String() }, strict);
export type SealedLoginLink = Static<typeof SealedLoginLinkSchema>;

// ── the event stream ─────────────────────────────────────────────────────────────────────────
/** `?lastEventId=` is the fallback for EventSource polyfills that cannot send `Last-Event-ID`. */
export const EventsQuerySchema = Type.Object({ lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,16}$' })) }, strict);
export type EventsQuery = Static<typeof EventsQuerySchema>;

/**
 * The payload (`data:`) of each stream event type (`event:`). Every event also has `id:`, a number
 * that only grows, also across restarts. `metrics` snapshots are live-only: a resume does not replay
 * them. `reset` means the events after the client's last id are no longer held: reload the list
 * through `GET /admin/audit` and carry on with the stream.
 */
export const StreamEventSchemas = {
  audit: AuditEventSchema,
  config: ConfigChangedSchema,
  'config.file': ConfigFileStatusSchema,
  metrics: MetricsSecondSchema,
  pending: PendingChangeSchema,
  'clientKey.revoked': Type.Object({ id: Type.String() }, strict),
  'clientKey.changed': Type.Object({ id: Type.String() }, strict),
  'providerKey.changed': ProviderKeyStateSchema,
  'rules.changed': RulesChangedSchema,
  reset: Type.Object({ reason: Literals(['gap', 'unknown-id'] as const), lastEventId: Type.Integer() }, strict),
} as const;
export type StreamEventType = keyof typeof StreamEventSchemas;
export type StreamEventData<K extends StreamEventType> = Static<(typeof StreamEventSchemas)[K]>;
