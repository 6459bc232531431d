import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIRTUAL_READER_NAME } from '../card/virtual-reader.ts';
import type { BridgeEvent } from './contracts.ts';
import { createLocalApiFixture, type LocalApiFixture } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

/** Reads SSE frames from a response body as they come. */
function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: { event: string; data: BridgeEvent }[] = [];
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) as BridgeEvent });
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  const cancel = async () => {
    await reader.cancel();
    await pump;
  };
  return { frames, cancel };
}

describe('GET /events', () => {
  it('starts with the card and session states, then relays every bridge event', async () => {
    const response = await f.call('GET', '/events');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('connection')).toBe('close');
    const stream = sseReader(response);
    await vi.waitFor(() => expect(stream.frames.length).toBe(2));
    expect(stream.frames).toEqual([
      {
        event: 'card:state',
        data: { type: 'card:state', state: { reader: VIRTUAL_READER_NAME, card: 'jpki' } },
      },
      { event: 'session:changed', data: { type: 'session:changed', session: { loggedIn: false } } },
    ]);
    f.events.emit('event', { type: 'remote:key', key: 'red', repeat: false });
    f.events.emit('event', { type: 'card:removed', reader: VIRTUAL_READER_NAME });
    await vi.waitFor(() =>
      expect(stream.frames.map((x) => x.event)).toEqual([
        'card:state',
        'session:changed',
        'remote:key',
        'card:removed',
      ]),
    );
    expect(stream.frames[2]?.data).toEqual({ type: 'remote:key', key: 'red', repeat: false });
    expect(f.events.listenerCount('event')).toBe(1);
    await stream.cancel();
    await vi.waitFor(() => expect(f.events.listenerCount('event')).toBe(0));
  });
});
