// The wire contract between the push gateway and the set-top boxes, defined once by this serving side.
// stb-bridge imports these with `import type` (through @myna-tv/backend), so no server code reaches the box.
import { z } from 'zod';

/** The socket.io namespace the boxes connect to. */
export type PushNamespace = '/stb';
export const PUSH_NAMESPACE: PushNamespace = '/stb';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const targetId = z.string().min(1).max(64);

/**
 * Who a message is for: every box, the boxes of one area code, the boxes of one household, or the households a
 * renderer gives a payload for ('rendered': each node asks the renderer of `topic` for message `key` and sends
 * every household of its own boxes that household's payload; the boxes see the same seq with their payload).
 */
export const pushTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('area'), areaCode: targetId }),
  z.object({ kind: z.literal('household'), householdId: targetId }),
  z.object({ kind: z.literal('rendered'), topic: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), key: targetId }),
]);
export type PushTarget = z.infer<typeof pushTargetSchema>;

/** One entry of the message log as a box receives it. `seq` is global and increases with every publish. */
export interface PushMessage {
  seq: number;
  target: PushTarget;
  payload: JsonValue;
  createdAt: string;
  expiresAt: string;
}

/**
 * Handshake `auth` of a box. `lastSeq` is the highest seq the box has stored; the gateway replays every message
 * still in force that is newer than that or that the box never acknowledged.
 */
export const pushAuthSchema = z.object({
  deviceId: z.string().min(1).max(200),
  secret: z.string().min(1).max(1000),
  lastSeq: z.number().int().min(0),
});
export type PushAuth = z.infer<typeof pushAuthSchema>;

/** A box acknowledges a message once it is written to its disk. */
export interface PushAck {
  seq: number;
}

/**
 * Whether a box's ack is `{ seq }` with a positive whole seq. A plain check rather than a schema: it runs once
 * per box for every message, i.e. 10,000 times per alert on one node, on the path the acks' latency depends on.
 */
export function isPushAck(value: unknown): value is PushAck {
  if (typeof value !== 'object' || value === null) return false;
  const { seq } = value as { seq?: unknown };
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0;
}

/** Stable codes a box may see: as a `connect_error` message, or in an acknowledgement. */
export type PushErrorCode =
  | 'push.bad-handshake'
  | 'push.unauthorized'
  | 'push.bad-ack'
  | 'push.ack-failed'
  | 'push.bad-publish'
  | 'push.busy'
  | 'internal';

/** Shape of every acknowledgement callback on this namespace. */
export type Acknowledgement<T> = { error: PushErrorCode; message: string } | { data: T };

/** Events the gateway sends to a box. */
export interface ServerToBoxEvents {
  'push:message': (message: PushMessage) => void;
}

/**
 * Events a box sends. The callback of `push:ack` is optional and answers once the ack is in the database;
 * the bridge does not need it (unacknowledged messages are replayed), so it sends plain events.
 */
export interface BoxToServerEvents {
  'push:ack': (ack: PushAck, callback?: (result: Acknowledgement<PushAck>) => void) => void;
}
