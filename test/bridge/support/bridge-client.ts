// The TV app's side of the bridge for tests: JSON calls with the TV app's Origin, and an /events reader.
import type { BridgeEvent } from '@myna-tv/stb-bridge';

export const tvOrigin = 'http://127.0.0.1:8080';

export interface BridgeClient {
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Opens GET /events; `events` fills as they arrive. */
  openEvents(): Promise<EventStream>;
}

export interface EventStream {
  events: BridgeEvent[];
  close(): Promise<void>;
}

export function bridgeClient(url: string): BridgeClient {
  return {
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { origin: tvOrigin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: await response.json() };
    },
    async openEvents() {
      const controller = new AbortController();
      const response = await fetch(`${url}/events`, {
        headers: { origin: tvOrigin },
        signal: controller.signal,
      });
      if (response.status !== 200 || !response.body) throw new Error(`/events answered ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const events: BridgeEvent[] = [];
      let buffer = '';
      const pump = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (data) events.push(JSON.parse(data) as BridgeEvent);
          }
        }
      })().catch(() => {});
      return {
        events,
        async close() {
          controller.abort();
          await pump;
        },
      };
    },
  };
}
