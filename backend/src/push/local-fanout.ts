// Delivery of one message to the boxes connected to this node. Every node runs it for every publish (after one
// trigger crossed the nodes), so cross-node traffic does not grow with the number of boxes. The loop yields to
// the event loop between chunks so pings, handshakes and requests keep flowing during a large push.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
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
  /** Queues a message for every box here it targets; messages go out one after another, in queue order. */
  deliver(message: PushMessage): Promise<void>;
  /** Queues a message again for the given sockets (those still connected get it). */
  resend(message: PushMessage, socketIds: readonly string[]): Promise<void>;
}

export function createLocalFanout(options: LocalFanoutOptions): LocalFanout {
  const { nsp, chunkSize, ledger } = options;
  let queue = Promise.resolve();

  async function fanOut(message: PushMessage, ids: readonly string[]): Promise<void> {
    // Boxes ack at once. Reading those acks between chunks would put most of the ack work (as much as the
    // sending) before the last chunk goes out, so the boxes already written to are not read from until the
    // push is out; their acks wait in the kernel meanwhile.
    const paused: ReadPausable[] = [];
    try {
      for (let start = 0; start < ids.length; start += chunkSize) {
        if (start > 0) await nextTurn();
        const last = start + chunkSize >= ids.length;
        const now = Date.now();
        const ready: string[] = [];
        for (let i = start; i < Math.min(start + chunkSize, ids.length); i++) {
          const id = ids[i] as string;
          const socket = nsp.sockets.get(id);
          if (!socket) continue;
          if (socket.data.held) {
            socket.data.held.push(message);
            continue;
          }
          ledger.recordSent(socket, message.seq, now);
          ready.push(id);
          if (!last) {
            const ws = websocketOf(socket);
            if (ws) {
              ws.pause();
              paused.push(ws);
            }
          }
        }
        // One local broadcast per chunk (to each socket's own room): the packet is encoded and framed once.
        if (ready.length > 0) nsp.local.to(ready).emit('push:message', message);
      }
    } finally {
      for (const ws of paused) ws.resume();
    }
  }

  const enqueue = (run: () => Promise<void>): Promise<void> => {
    const running = queue.then(run);
    // A failed delivery is the caller's to report; it must not stop the messages queued after it.
    queue = running.catch(() => {});
    return running;
  };

  return {
    deliver(message) {
      return enqueue(() => {
        const room = roomOf(message.target);
        const ids = room === undefined ? nsp.sockets.keys() : (nsp.adapter.rooms.get(room) ?? []);
        return fanOut(message, [...ids]);
      });
    },
    resend(message, socketIds) {
      return enqueue(() => fanOut(message, socketIds));
    },
  };
}

interface ReadPausable {
  pause(): void;
  resume(): void;
}

/**
 * The `ws` WebSocket under a box's socket.io connection (engine.io's websocket transport keeps it as `socket`;
 * boxes connect with the websocket transport only), whose reads can be paused.
 */
function websocketOf(socket: BoxSocket): ReadPausable | undefined {
  const ws = (socket.conn.transport as unknown as { socket?: Partial<ReadPausable> }).socket;
  return typeof ws?.pause === 'function' && typeof ws.resume === 'function'
    ? (ws as ReadPausable)
    : undefined;
}
