import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStream, type StreamStatus } from '../../../renderer/lib/event-stream.js';

/** A scripted server: each connection gets the next response; each writes its chunks, then ends (or hangs). */
function server(responses: { status?: number; chunks?: string[]; hang?: boolean }[]) {
  const seen: (string | undefined)[] = [];
  const open = async (lastEventId: string | undefined, signal: AbortSignal): Promise<Response> => {
    seen.push(lastEventId);
    const next = responses.shift() ?? { hang: true };
    if (next.status && next.status !== 200) return new Response('{}', { status: next.status });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of next.chunks ?? []) controller.enqueue(new TextEncoder().encode(c));
        if (next.hang) signal.addEventListener('abort', () => controller.error(new Error('aborted')));
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return { open, seen };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const audit = (id: number, app: string) => `id: ${id}\nevent: audit\ndata: ${JSON.stringify({ id: `a${id}`, client: { app } })}\n\n`;

describe('EventStream', () => {
  it('parses events split across chunks, and resumes after a drop from the last id seen', async () => {
    const { open, seen } = server([
      { chunks: ['retry: 2000\n\n', audit(1, 'x').slice(0, 9), audit(1, 'x').slice(9), ': heartbeat\n\n', audit(2, 'y')] },
      { chunks: [audit(3, 'z')], hang: true },
    ]);
    const stream = new EventStream(open, () => assert.fail('not unauthorized'));
    const apps: string[] = [];
    const ids: number[] = [];
    let opened = 0;
    stream.on('audit', (e, id) => {
      apps.push(e.client.app);
      ids.push(id);
    });
    stream.onOpen(() => opened++);
    stream.start();
    await until(() => apps.length === 3);
    stream.stop();
    assert.deepEqual(apps, ['x', 'y', 'z']);
    assert.deepEqual(ids, [1, 2, 3]);
    assert.deepEqual(seen, [undefined, '2'], 'the second connection asks for what followed id 2');
    assert.equal(opened, 2, 'listeners refetch after each (re)connect');
  });

  it('stops on 401 and says so, instead of retrying', async () => {
    const { open, seen } = server([{ status: 401 }]);
    let unauthorized = 0;
    const statuses: StreamStatus[] = [];
    const stream = new EventStream(open, () => unauthorized++);
    stream.onStatus((s) => statuses.push(s));
    stream.start();
    await until(() => unauthorized === 1);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(seen.length, 1);
    assert.equal(stream.status, 'unauthorized');
    assert.deepEqual(statuses, ['connecting', 'unauthorized']);
  });

  it('retries a refused or failed connection with backoff', async () => {
    const { open, seen } = server([{ status: 503 }, { chunks: [audit(7, 'back')], hang: true }]);
    const stream = new EventStream(open, () => undefined);
    const apps: string[] = [];
    stream.on('audit', (e) => apps.push(e.client.app));
    const statuses: StreamStatus[] = [];
    stream.onStatus((s) => statuses.push(s));
    stream.start();
    await until(() => apps.length === 1);
    stream.stop();
    assert.equal(seen.length, 2);
    assert.deepEqual(statuses, ['connecting', 'reconnecting', 'live', 'stopped']);
  });

  it('keeps delivering when one listener throws or an event is not JSON', async () => {
    const { open } = server([{ chunks: ['id: 1\nevent: audit\ndata: {not json\n\n', audit(2, 'ok'), audit(3, 'ok')], hang: true }]);
    const stream = new EventStream(open, () => undefined);
    const original = console.error;
    console.error = () => undefined;
    let calls = 0;
    const off = stream.on('audit', () => {
      throw new Error('page bug');
    });
    stream.on('audit', () => calls++);
    stream.start();
    try {
      await until(() => calls === 2);
    } finally {
      console.error = original;
      off();
      stream.stop();
    }
  });
});
