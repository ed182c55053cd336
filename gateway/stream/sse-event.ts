/** One server-sent event, as parsed from upstream or as written to the client. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * A stateful rewrite of one stream's events (restore, guard). `push` may hold events back and
 * release them later; `end` flushes whatever is held when the upstream stream finishes.
 */
export interface SseTransform {
  push(event: SseEvent): SseEvent[];
  end(): SseEvent[];
}

export const identityTransform = (): SseTransform => ({
  push: (event) => [event],
  end: () => [],
});
