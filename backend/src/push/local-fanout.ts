// Delivery of one message to the boxes connected to this node. Every node runs it for every publish (after one
// trigger crossed the nodes), so cross-node traffic does not grow with the number of boxes. The loop yields to
// the event loop between chunks so pings, handshakes and requests keep flowing during a large push.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
import { type BoxPacket, createBoxPacketEncoder, writeBoxPacket } from './box-packets.ts';
import { householdRoom, roomOf } from './box-rooms.ts';
import type { PushMessage } from './contracts.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import { EncodedPayload, type PushRenderers } from './push-renderer.ts';

export interface LocalFanoutOptions {
  nsp: BoxNamespace;
  /** Sockets written per event-loop turn. */
  chunkSize: number;
  ledger: DeliveryLedger;
  renderers: PushRenderers;
  /** Whether message `seq` is still in force: a message withdrawn during its fan-out stops there. */
  inForce: (seq: number) => boolean;
  /**
   * After this node's writes of a delivery (not a re-send): resolves when the boxes' acks may be read (with
   * several nodes, once every node has written it: peer-writes.ts).
   */
  afterWrites?: (seq: number) => Promise<void>;
}

export interface LocalFanout {
  /** Queues a message for every box here it targets; messages go out one after another, in queue order. */
  deliver(message: PushMessage): Promise<void>;
  /** Queues a message again for the given sockets (those still connected get it). */
  resend(message: PushMessage, socketIds: readonly string[]): Promise<void>;
}

/** The boxes of this node a message goes to, in order, and the packet each of them gets. */
interface Audience {
  ids: readonly string[];
  /** undefined: nothing for this box (a rendered message without a payload for its household). */
  packetFor(socket: BoxSocket): BoxPacket | undefined;
}

export function createLocalFanout(options: LocalFanoutOptions): LocalFanout {
  const { nsp, chunkSize, ledger } = options;
  let queue = Promise.resolve();

  async function audienceOf(message: PushMessage, only?: readonly string[]): Promise<Audience> {
    const { target } = message;
    const encode = createBoxPacketEncoder(nsp, message);
    if (target.kind !== 'rendered') {
      const packet = encode(new EncodedPayload(message.payload));
      const room = roomOf(target);
      const ids = only ?? [
        ...(room === undefined ? nsp.sockets.keys() : (nsp.adapter.rooms.get(room) ?? [])),
      ];
      return { ids, packetFor: () => packet };
    }
    const payloads = await options.renderers.payloads(target);
    // One packet per household, shared by its boxes: they come one after another in `ids`, so only the last
    // household's packet is kept (the others become garbage at once rather than live through the fan-out).
    let last: { householdId: string; packet: BoxPacket | undefined } | undefined;
    const packetFor = (socket: BoxSocket) => {
      const { householdId } = socket.data.identity;
      if (last?.householdId !== householdId) {
        const payload = payloads.get(householdId);
        last = { householdId, packet: payload === undefined ? undefined : encode(payload) };
      }
      return last.packet;
    };
    if (only) return { ids: only, packetFor };
    // The renderer's order (e.g. households needing assistance first), restricted to the boxes here.
    const ids: string[] = [];
    for (const householdId of payloads.keys()) {
      const room = nsp.adapter.rooms.get(householdRoom(householdId));
      if (room) for (const id of room) ids.push(id);
    }
    return { ids, packetFor };
  }

  async function fanOut(
    message: PushMessage,
    { ids, packetFor }: Audience,
    kind: 'delivery' | 'resend',
  ): Promise<void> {
    // Boxes ack at once. Reading those acks between chunks would put most of the ack work (as much as the
    // sending) before the last chunk goes out, so the boxes already written to are not read from until the
    // push is out; their acks wait in the kernel meanwhile (websocketOf).
    const paused: ReadPausable[] = [];
    // The last chunk's acks are read right away, unless they wait for the other nodes too.
    const holdsLastChunk = kind === 'delivery' && options.afterWrites !== undefined;
    try {
      for (let start = 0; start < ids.length; start += chunkSize) {
        // Also before the first chunk of a large push: finding its audience was a turn's work already.
        if (start > 0 || ids.length > chunkSize) {
          await nextTurn();
          if (!options.inForce(message.seq)) return;
        }
        const end = Math.min(start + chunkSize, ids.length);
        const last = end === ids.length;
        const now = Date.now();
        for (let i = start; i < end; i++) {
          const socket = nsp.sockets.get(ids[i] as string);
          if (!socket) continue;
          const packet = packetFor(socket);
          if (!packet) continue;
          if (socket.data.held) {
            socket.data.held.push(packet.message);
            continue;
          }
          ledger.recordSent(socket, message.seq, now);
          writeBoxPacket(socket, packet);
          if (!last || holdsLastChunk) {
            const ws = websocketOf(socket);
            if (ws) {
              ws.pause();
              paused.push(ws);
            }
          }
        }
      }
    } finally {
      const mayRead = kind === 'delivery' ? options.afterWrites?.(message.seq) : undefined;
      // Not awaited: the next message in the queue need not wait for this one's acks.
      void resumeReads(paused, mayRead, chunkSize);
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
      return enqueue(async () => fanOut(message, await audienceOf(message), 'delivery'));
    },
    resend(message, socketIds) {
      return enqueue(async () => fanOut(message, await audienceOf(message, socketIds), 'resend'));
    },
  };
}

/**
 * Resumes reading from the boxes written to, once `mayRead` settles. A resumed socket's buffered acks are
 * handled in the same turn (process.nextTick): resuming them all at once would block the loop for the whole ack
 * round, so they are resumed a few per turn. An ack costs about what a write costs, and more on a loaded host:
 * a quarter chunk per turn.
 */
async function resumeReads(
  paused: readonly ReadPausable[],
  mayRead: Promise<void> | undefined,
  chunkSize: number,
) {
  await mayRead?.catch(() => {});
  const resumeChunk = Math.max(1, chunkSize >> 2);
  for (let start = 0; start < paused.length; start += resumeChunk) {
    if (start > 0) await nextTurn();
    for (let i = start; i < Math.min(start + resumeChunk, paused.length); i++) paused[i]?.resume();
  }
}

interface ReadPausable {
  pause(): void;
  resume(): void;
}

/** The libuv stream under a `net.Socket` (`socket._handle`), as net.js itself drives it. */
interface StreamHandle {
  reading: boolean;
  readStop(): number;
  readStart(): number;
}

interface WebSocketInternals extends Partial<ReadPausable> {
  _socket?: { _handle?: StreamHandle | null };
}

/**
 * The `ws` WebSocket under a box's socket.io connection (engine.io's websocket transport keeps it as `socket`;
 * boxes connect with the websocket transport only), with its reads paused down to the kernel. `ws.pause()`
 * only stops the data being handed on: Node keeps reading the socket into its buffer, so each box's ack would
 * still cost a read and a callback in the middle of the fan-out (alert-push, 19,000 boxes: 37 → 29 µs per box
 * with the reads stopped). Stopped the way net.js stops a socket read into a caller's buffer; the acks wait in
 * the kernel.
 */
function websocketOf(socket: BoxSocket): ReadPausable | undefined {
  const ws = (socket.conn.transport as unknown as { socket?: WebSocketInternals }).socket;
  if (typeof ws?.pause !== 'function' || typeof ws.resume !== 'function') return undefined;
  const pausable = ws as ReadPausable;
  const net = ws._socket;
  const handle = net?._handle;
  if (!net || typeof handle?.readStop !== 'function' || typeof handle.readStart !== 'function')
    return pausable;
  return {
    pause() {
      pausable.pause();
      if (handle.reading) {
        handle.reading = false;
        handle.readStop();
      }
    },
    resume() {
      // A socket destroyed meanwhile has no handle any more: nothing to start.
      if (!handle.reading && net._handle === handle) {
        handle.reading = true;
        handle.readStart();
      }
      pausable.resume();
    },
  };
}
