import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { StreamEventData, StreamEventType } from '../../gateway/admin/contract.js';
import type { EventStream, StreamStatus } from '../lib/event-stream.js';

export const StreamContext = createContext<EventStream | null>(null);

export function useStream(): EventStream {
  const stream = useContext(StreamContext);
  if (!stream) throw new Error('useStream outside <StreamContext.Provider>');
  return stream;
}

/** Calls `handler` for each event of `type` while mounted; the latest handler is always used. */
export function useEventStream<K extends StreamEventType>(type: K, handler: (data: StreamEventData<K>, id: number) => void): void {
  const stream = useStream();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => stream.on(type, (data, id) => latest.current(data, id)), [stream, type]);
}

/** Calls `fn` after every (re)connect of the stream, to refetch what the stream only patches. */
export function useStreamOpen(fn: () => void): void {
  const stream = useStream();
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => stream.onOpen(() => latest.current()), [stream]);
}

export function useStreamStatus(): StreamStatus {
  const stream = useStream();
  return useSyncExternalStore(
    (notify) => stream.onStatus(notify),
    () => stream.status,
  );
}
