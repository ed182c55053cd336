// The stack a client runs against: the real gateway (in process, port 0, a real SQLite store) in
// front of the recording fake provider in its scripted `agent` mode, both upstreams pointed at it,
// with the admin API as a user would use it and the bus to see audit events and held items.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../../gateway/shared/audit-event.js';
import type { DeepPartial } from '../../gateway/config/load.js';
import type { GatewayConfig } from '../../gateway/config/schema.js';
import type { PendingView } from '../../gateway/confirm/types.js';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { send, type HttpResult, type SendOptions } from '../helpers/http.js';

export interface ClientStack {
  fake: FakeProvider;
  gw: TestGateway;
  url: string;
  port: number;
  audits: AuditEvent[];
  held: PendingView[];
  admin(path: string, opts?: SendOptions): Promise<HttpResult>;
  /** Decides each item as it is held, from now on, until the returned function is called. */
  decideEach(decision: 'approve_redacted' | 'approve_original' | 'deny'): () => void;
  /** Everything the provider received, bodies and headers, as one string for leak checks. */
  wire(): string;
  /** Forgets what the provider received (it stays in its scripted agent mode). */
  resetWire(): void;
  close(): Promise<void>;
}

export async function startClientStack(config: DeepPartial<GatewayConfig> = {}): Promise<ClientStack> {
  const fake = await startFakeProvider();
  fake.setScenario('agent');
  const gw = await startTestGateway(fake.url, config);
  const token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
  const audits: AuditEvent[] = [];
  const held: PendingView[] = [];
  const offs = [gw.app.bus.on('audit', (e) => audits.push(e)), gw.app.bus.on('pending.added', (e) => held.push(e.pending))];
  const admin = (path: string, opts: SendOptions = {}) => send(gw.url, path, { ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });
  return {
    fake,
    gw,
    url: gw.url,
    port: Number(new URL(gw.url).port),
    audits,
    held,
    admin,
    decideEach(decision) {
      return gw.app.bus.on('pending.added', ({ pending }) => {
        // Decided through the admin API, as the dashboard does; a moment later, like a person.
        setTimeout(() => void admin(`/admin/confirmations/${pending.id}/decision`, { method: 'POST', body: { decision } }), 200);
      });
    },
    resetWire() {
      fake.reset();
      fake.setScenario('agent');
    },
    wire: () => fake.requests.map((r) => `${JSON.stringify(r.headers)}\n${r.body.toString('utf8')}`).join('\n'),
    async close() {
      for (const off of offs) off();
      await gw.app.confirmations.cancelAll('test-end');
      await gw.close();
      await fake.close();
    },
  };
}
