// Types of the `/stb` namespace as this server sees it: the wire events of contracts.ts, the events nodes send
// each other, and what each box's socket carries.
import type { Namespace, Socket } from 'socket.io';
import type { DeviceIdentity } from '../devices/index.ts';
import type { BoxToServerEvents, PushMessage, ServerToBoxEvents } from './contracts.ts';

/** Between backend nodes (through the Redis adapter): one trigger per publish, each node delivers locally. */
export interface NodeEvents {
  'push:published': (message: PushMessage) => void;
  /** The sending node has written message `seq` to its boxes (peer-writes.ts). */
  'push:written': (seq: number) => void;
  /** A message withdrawn on the sending node: it is no longer in force from `expiresAt` (ISO) on. */
  'push:withdrawn': (seq: number, expiresAt: string) => void;
  /**
   * A box connected to the sending node at `issued` (its handshake, ms since the epoch): the others end that
   * device's connections made before it. This may arrive after a newer connection of the device was made.
   */
  'push:box-connected': (deviceId: string, connection: ConnectionOrder) => void;
}

/** Which of two connections of a device is the newer: the later handshake, then the greater socket id. */
export interface ConnectionOrder {
  id: string;
  issued: number;
}

export interface BoxSocketData {
  identity: DeviceIdentity;
  /** Highest seq the box said it has stored (handshake `lastSeq`). */
  lastSeq: number;
  /** While the box's replay runs, live messages for it wait here (so it gets them after, in order); null after. */
  held: PushMessage[] | null;
  /** Seqs sent on this connection and not yet acknowledged, with when each was last sent (ms since the epoch). */
  outstanding: Map<number, number>;
  /** How often each seq was re-sent on this connection; created on the first re-send (rare). */
  resends?: Map<number, number>;
}

export type BoxNamespace = Namespace<BoxToServerEvents, ServerToBoxEvents, NodeEvents, BoxSocketData>;
export type BoxSocket = Socket<BoxToServerEvents, ServerToBoxEvents, NodeEvents, BoxSocketData>;
