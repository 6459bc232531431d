// GET /events: Server-Sent Events for the TV app. Each stream starts with the card state and the session state,
// then carries every bridge event as `event: <type>` / `data: <json>`, with a comment line now and then so that
// idle proxies and the browser keep the connection.
import type { EventEmitter } from 'node:events';
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { BridgeEvent } from './contracts.ts';

export type BridgeEventSource = EventEmitter<{ event: [BridgeEvent] }>;

export interface EventRouteDeps {
  events: BridgeEventSource;
  /** Events every new stream starts with (the present card and session states). */
  snapshot: () => BridgeEvent[];
  /** Ends every open stream (shutdown). */
  shutdown: AbortSignal;
  /** Default 25 s. */
  keepAliveMs?: number;
}

export function eventRoutes(deps: EventRouteDeps) {
  const openStream = (c: Context) =>
    streamSSE(c, async (stream) => {
      const queue: BridgeEvent[] = deps.snapshot();
      let wake: (() => void) | undefined;
      const onEvent = (event: BridgeEvent) => {
        queue.push(event);
        wake?.();
      };
      const ended = () => stream.aborted || stream.closed || deps.shutdown.aborted;
      const stop = () => wake?.();
      deps.events.on('event', onEvent);
      deps.shutdown.addEventListener('abort', stop);
      stream.onAbort(stop);
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), deps.keepAliveMs ?? 25_000);
      try {
        while (!ended()) {
          const event = queue.shift();
          if (event) await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          else await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        clearInterval(keepAlive);
        deps.events.off('event', onEvent);
        deps.shutdown.removeEventListener('abort', stop);
      }
    });
  return new Hono().get(
    '/events',
    async (c, next) => {
      await next();
      // A stream owns its connection: when it ends (shutdown), the socket closes instead of idling on.
      c.res.headers.set('Connection', 'close');
    },
    openStream,
  );
}
