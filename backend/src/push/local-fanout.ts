// Delivery of one message to the boxes connected to this node. Every node runs it for every publish (after one
// trigger crossed the nodes), so cross-node traffic does not grow with the number of boxes. The loop yields to
// the event loop between chunks so pings, acks and handshakes keep flowing during a large push.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BoxNamespace } from './box-namespace.ts';
import { roomOf } from './box-rooms.ts';
import type { PushMessage } from './contracts.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';

export interface LocalFanoutOptions {
  nsp: BoxNamespace;
  /** Sockets written per event-loop turn. */
  chunkSize: number;
  ledger: DeliveryLedger;
}

export interface LocalFanout {
  /** Queues a message; messages go out one after another, in the order they were queued. */
  deliver(message: PushMessage): Promise<void>;
}

export function createLocalFanout(options: LocalFanoutOptions): LocalFanout {
  const { nsp, chunkSize } = options;
  let queue = Promise.resolve();

  async function fanOut(message: PushMessage): Promise<void> {
    const room = roomOf(message.target);
    const ids = [...(room === undefined ? nsp.sockets.keys() : (nsp.adapter.rooms.get(room) ?? []))];
    for (let start = 0; start < ids.length; start += chunkSize) {
      if (start > 0) await nextTurn();
      const ready: string[] = [];
      for (const id of ids.slice(start, start + chunkSize)) {
        const socket = nsp.sockets.get(id);
        if (!socket) continue;
        if (socket.data.held) {
          socket.data.held.push(message);
          continue;
        }
        options.ledger.recordSent(socket, message.seq);
        ready.push(id);
      }
      // One local broadcast per chunk (to each socket's own room): the packet is encoded and framed once.
      if (ready.length > 0) nsp.local.to(ready).emit('push:message', message);
    }
  }

  return {
    deliver(message) {
      const run = queue.then(() => fanOut(message));
      // A failed delivery is the caller's to report; it must not stop the messages queued after it.
      queue = run.catch(() => {});
      return run;
    },
  };
}
