// The wire contract as the box sees it: a typed socket.io-client socket accepts exactly these events.
import type { Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Acknowledgement,
  type BoxToServerEvents,
  isPushAck,
  type PushAck,
  type PushMessage,
  pushAuthSchema,
  type ServerToBoxEvents,
} from './contracts.ts';

type BoxSocket = Socket<ServerToBoxEvents, BoxToServerEvents>;

describe('push contract', () => {
  it('types the events both ways', () => {
    expectTypeOf<Parameters<ServerToBoxEvents['push:message']>>().toEqualTypeOf<[PushMessage]>();
    expectTypeOf<BoxSocket['emit']>().toBeCallableWith('push:ack', { seq: 1 });
    expectTypeOf<BoxSocket['emit']>().toBeCallableWith(
      'push:ack',
      { seq: 1 },
      (r: Acknowledgement<PushAck>) => r,
    );
    // @ts-expect-error a box has no other event to send
    expectTypeOf<BoxSocket['emit']>().toBeCallableWith('push:publish', { seq: 1 });
  });

  it('checks the handshake and the ack at run time', () => {
    expect(pushAuthSchema.safeParse({ deviceId: 'd', secret: 's', lastSeq: 0 }).success).toBe(true);
    expect(pushAuthSchema.safeParse({ deviceId: 'd', secret: 's', lastSeq: -1 }).success).toBe(false);
    expect(pushAuthSchema.safeParse({ deviceId: 'd', secret: 's' }).success).toBe(false);
    expect(isPushAck({ seq: 3 })).toBe(true);
    for (const bad of [{ seq: 1.5 }, { seq: 0 }, { seq: '3' }, { seq: 2 ** 53 }, {}, null, 3, [3]]) {
      expect(isPushAck(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
