import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { type Socket as ClientSocket, io as connectBox } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BoxNamespace } from './box-namespace.ts';
import type { PushMessage } from './contracts.ts';
import { DeliveryLedger } from './delivery-ledger.ts';
import { createLocalFanout } from './local-fanout.ts';
import { PushRenderers } from './push-renderer.ts';

describe('reading the acks of a delivery', () => {
  const boxes = 5;
  const server = createServer();
  const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false });
  const nsp = io.of('/stb') as unknown as BoxNamespace;
  let next = 0;
  nsp.use((socket, go) => {
    next++;
    socket.data = {
      identity: { deviceId: `box-${next}`, householdId: `household-${next}`, areaCodes: [] },
      lastSeq: 0,
      held: null,
      outstanding: new Map(),
    };
    go();
  });
  /** Acks read by the server, by seq. */
  const acksRead: number[] = [];
  nsp.on('connection', (socket) => socket.on('push:ack', (ack) => acksRead.push(ack.seq)));
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stb`;
    for (let i = 0; i < boxes; i++) {
      const client = connectBox(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      // Every box acks what it receives at once, as the bridge does once the message is on its disk.
      client.on('push:message', (message: PushMessage) => client.emit('push:ack', { seq: message.seq }));
      await new Promise<void>((resolve) => client.once('connect', resolve));
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await io.close();
  });

  /** Bytes the server has read from each box's TCP connection so far. */
  const bytesReadByServer = () =>
    [...nsp.sockets.values()].map(
      (socket) =>
        (socket.conn.transport as unknown as { socket: { _socket: { bytesRead: number } } }).socket._socket
          .bytesRead,
    );

  const message = (seq: number): PushMessage => ({
    seq,
    target: { kind: 'all' },
    payload: { text: '避難指示' },
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });

  it('waits until every node has written the message, without holding up the next message', async () => {
    const holds: (() => void)[] = [];
    const afterWrites = vi.fn(
      (_seq: number) =>
        new Promise<void>((resolve) => {
          holds.push(resolve);
        }),
    );
    const fanout = createLocalFanout({
      nsp,
      chunkSize: 2,
      ledger: new DeliveryLedger(),
      renderers: new PushRenderers(),
      inForce: () => true,
      afterWrites,
    });
    const readBefore = bytesReadByServer();
    await fanout.deliver(message(1));
    // The next message goes out while the first one's acks wait.
    await fanout.deliver(message(2));
    expect(afterWrites.mock.calls).toEqual([[1], [2]]);
    // The boxes have both and have answered; nothing of theirs is read while another node may still write.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(acksRead).toEqual([]);
    // Not even read into Node's buffers: the acks wait in the kernel.
    expect(bytesReadByServer()).toEqual(readBefore);
    for (const release of holds) release();
    await vi.waitFor(() => expect(acksRead.length).toBe(2 * boxes));
    expect(new Set(acksRead)).toEqual(new Set([1, 2]));

    // A re-send does not wait for the other nodes.
    afterWrites.mockClear();
    await fanout.resend(message(1), [...nsp.sockets.keys()]);
    expect(afterWrites).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(acksRead.length).toBe(3 * boxes));
  });
});
