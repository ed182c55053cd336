import { Type, type Static } from '@sinclair/typebox';

const Ms = Type.Number({ minimum: 0, description: 'milliseconds' });
const EpochMs = Type.Integer({ minimum: 0, description: 'epoch ms' });

/**
 * One provider's health as the gateway saw it in real traffic (no probe: a probe would send requests
 * nobody asked for, with the user's key). `failing` means the latest attempt failed to reach it or it
 * answered 5xx; `degraded` that the latest worked but a recent one failed; `unknown` that nothing
 * went to it since the gateway started.
 */
export const UpstreamHealthSchema = Type.Object(
  {
    provider: Type.String(),
    state: Type.Union([Type.Literal('unknown'), Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('failing')]),
    recent: Type.Integer({ minimum: 0, description: 'attempts considered, the last 50 at most' }),
    recentFailures: Type.Integer({ minimum: 0 }),
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    lastAt: Type.Optional(EpochMs),
    lastOkAt: Type.Optional(EpochMs),
    lastError: Type.Optional(Type.Object({ at: EpochMs, status: Type.Integer(), code: Type.Optional(Type.String()) }, { additionalProperties: false })),
    latencyP50Ms: Type.Optional(Ms),
    latencyP95Ms: Type.Optional(Ms),
  },
  { additionalProperties: false },
);
export type UpstreamHealth = Static<typeof UpstreamHealthSchema>;
