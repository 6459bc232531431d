// The wire contract between the push gateway and the set-top boxes, defined once by this serving side.
// stb-bridge imports these with `import type` (through @myna-tv/backend), so no server code reaches the box.
import { z } from 'zod';

/** The socket.io namespace the boxes connect to. */
export type PushNamespace = '/stb';
export const PUSH_NAMESPACE: PushNamespace = '/stb';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const targetId = z.string().min(1).max(64);

/** Who a message is for: every box, the boxes of one area code, or the boxes of one household. */
export const pushTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('area'), areaCode: targetId }),
  z.object({ kind: z.literal('household'), householdId: targetId }),
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
export const pushAckSchema = z.object({ seq: z.number().int().positive() });
export type PushAck = z.infer<typeof pushAckSchema>;

/** Stable codes a box may see: as a `connect_error` message, or in an acknowledgement. */
export type PushErrorCode =
  | 'push.bad-handshake'
  | 'push.unauthorized'
  | 'push.bad-ack'
  | 'push.ack-failed'
  | 'push.bad-publish'
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
