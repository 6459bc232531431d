import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionError } from '../session/session-error.ts';
import { mayTakeLater, OutboxSender } from './outbox-sender.ts';

const senders: OutboxSender<string>[] = [];
afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.close();
});

/** An outbox of strings; `down` makes every delivery stop the pass. */
function rig(items: string[]) {
  const state = { down: false, delivered: [] as string[], deferred: [] as number[] };
  const sender = new OutboxSender<string>({
    waiting: () => [...items],
    deliver: async (item) => {
      if (state.down) return new SessionError('session.backend-unavailable', 'unreachable');
      state.delivered.push(item);
      items.splice(items.indexOf(item), 1);
      return undefined;
    },
    backoff: { initialMs: 20, maxMs: 40 },
    random: () => 1,
    onDeferred: (_error, delayMs) => state.deferred.push(delayMs),
  });
  senders.push(sender);
  return { sender, state };
}

describe('OutboxSender', () => {
  it('delivers the waiting items in order on trigger', async () => {
    const { sender, state } = rig(['a', 'b']);
    sender.trigger();
    await vi.waitFor(() => expect(state.delivered).toEqual(['a', 'b']));
    expect(state.deferred).toEqual([]);
  });

  it('backs off (doubling) while delivery is blocked, and delivers once it is not', async () => {
    const { sender, state } = rig(['a']);
    state.down = true;
    sender.trigger();
    await vi.waitFor(() => expect(state.deferred).toEqual([20, 40]));
    state.down = false;
    await vi.waitFor(() => expect(state.delivered).toEqual(['a']));
  });

  it('retryLater outside a pass waits for the back-off; close stops it', async () => {
    const { sender, state } = rig(['a']);
    sender.retryLater(new Error('send failed'));
    expect(state.deferred).toEqual([20]);
    await vi.waitFor(() => expect(state.delivered).toEqual(['a']));
    await sender.close();
    sender.trigger();
    sender.retryLater(new Error('after close'));
    expect(state.deferred).toEqual([20]);
  });

  it('takes only unreachable backends and refused boxes as worth sending later', () => {
    expect(mayTakeLater(new SessionError('session.backend-unavailable', 'x'))).toBe(true);
    expect(mayTakeLater(new SessionError('session.device-refused', 'x'))).toBe(true);
    expect(mayTakeLater(new SessionError('session.refused', 'x'))).toBe(false);
    expect(mayTakeLater(new Error('unexpected'))).toBe(true);
  });
});
