// A box's life on the `/stb` namespace: authentication in the handshake, its rooms, the replay of what it
// missed, and its acknowledgements.
import { DbError, type Queryable } from '../db/index.ts';
import type { DeviceIdentity } from '../devices/index.ts';
import type { AckBatcher } from './ack-batcher.ts';
import type { ActiveMessages } from './active-messages.ts';
import type { BoxNamespace, BoxSocket, ConnectionOrder } from './box-namespace.ts';
import { deviceRoom, roomsOf } from './box-rooms.ts';
import { isPushAck, type PushErrorCode, type PushMessage, pushAuthSchema } from './contracts.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import { listAckedSeqs } from './message-log.ts';
import { PushError } from './push-error.ts';
import type { PushRenderers } from './push-renderer.ts';

/**
 * Resolves a box's credential to its identity, throwing on unknown or revoked credentials: the devices
 * capability's `authenticateDevice` bound to the database (tests inject a simple one).
 */
export type AuthenticateBox = (credential: { deviceId: string; secret: string }) => Promise<DeviceIdentity>;

export interface BoxConnectionOptions {
  nsp: BoxNamespace;
  authenticate: AuthenticateBox;
  db: Queryable;
  active: ActiveMessages;
  renderers: PushRenderers;
  acks: AckBatcher;
  ledger: DeliveryLedger;
  /** False: refuse this handshake with `push.busy` (too many at once). */
  admit: () => boolean;
  /** A box connected while an older connection of the same device was open here; the older one was ended. */
  onReplaced: (deviceId: string) => void;
  onError: (error: PushError) => void;
}

export function serveBoxes(options: BoxConnectionOptions): void {
  const { nsp } = options;

  nsp.use(async (socket, next) => {
    if (!options.admit()) return next(refusal('push.busy', 'too many boxes connecting; try again later'));
    const auth = pushAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      return next(refusal('push.bad-handshake', 'auth must be { deviceId, secret, lastSeq }'));
    }
    const { deviceId, secret, lastSeq } = auth.data;
    // The handshake stays in memory as long as the socket: keep no copy of the secret there.
    delete socket.handshake.auth.secret;
    let identity: DeviceIdentity;
    try {
      identity = await options.authenticate({ deviceId, secret });
    } catch (err) {
      // A database that cannot answer now says nothing about the credential: the box is to come back later.
      if (err instanceof DbError) {
        return next(refusal('push.busy', 'the credential cannot be checked now; try again later'));
      }
      return next(refusal('push.unauthorized', 'unknown or revoked device credential'));
    }
    if (identity.deviceId !== deviceId) {
      return next(refusal('push.unauthorized', 'credential of another device'));
    }
    socket.data = { identity, lastSeq, held: [], outstanding: new Map() };
    next();
  });

  nsp.on('connection', (socket) => {
    const { deviceId } = socket.data.identity;
    // A box that reconnects before its old socket timed out, or a second box with a copied credential: one
    // connection per device, the newest.
    if (endOlderConnections(nsp, deviceId, { id: socket.id, issued: socket.handshake.issued })) {
      options.onReplaced(deviceId);
    }
    socket.join(roomsOf(socket.data.identity));
    socket.on('push:ack', (ack, done) => {
      const answer = typeof done === 'function' ? done : undefined;
      if (!isPushAck(ack)) {
        answer?.({ error: 'push.bad-ack', message: 'ack must be { seq } with a positive integer seq' });
        return;
      }
      options.ledger.recordAck(socket, ack.seq);
      options.acks.add(deviceId, ack.seq, answer);
    });
    socket.on('disconnect', () => options.ledger.recordDisconnect(socket));
    replay(socket, options).catch((err: unknown) => {
      options.onError(
        new PushError('internal', 'replay on connect failed; the box will retry', { cause: err }),
      );
      socket.disconnect(true);
    });
  });
}

/**
 * Ends the connections of a device on this node older than `newest` (all but `newest` itself when it is on
 * this node: it connected last); true if there was one.
 */
export function endOlderConnections(nsp: BoxNamespace, deviceId: string, newest: ConnectionOrder): boolean {
  const newestHere = nsp.sockets.has(newest.id);
  const older = [...(nsp.adapter.rooms.get(deviceRoom(deviceId)) ?? [])].flatMap((id) => {
    const socket = nsp.sockets.get(id);
    if (!socket || id === newest.id) return [];
    if (newestHere) return [socket];
    const { issued } = socket.handshake;
    return issued < newest.issued || (issued === newest.issued && id < newest.id) ? [socket] : [];
  });
  for (const socket of older) socket.disconnect(true);
  return older.length > 0;
}

/**
 * Sends a box, in seq order, every message in force for it (rendered for its household) that is newer than its
 * `lastSeq` or that it never acknowledged; then the live messages that arrived meanwhile. The box ignores seqs
 * it already has.
 */
async function replay(socket: BoxSocket, options: BoxConnectionOptions): Promise<void> {
  const { identity, lastSeq } = socket.data;
  const inForce = options.active.inForceFor(identity);
  const claimed = inForce.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
  // Only the messages the box claims to have need a look at the delivery rows: usually none, or a few.
  const acked =
    claimed.length === 0 ? new Set<number>() : await listAckedSeqs(options.db, identity.deviceId, claimed);
  const sent = new Set<number>();
  const send = (message: PushMessage) => {
    if (sent.has(message.seq) || acked.has(message.seq)) return;
    sent.add(message.seq);
    options.ledger.recordSent(socket, message.seq, Date.now());
    socket.emit('push:message', message);
  };
  for (const message of inForce) {
    if (acked.has(message.seq)) continue;
    // Delivered to every box here, this one included, once its renderer is registered.
    if (message.target.kind === 'rendered' && !options.renderers.has(message.target.topic)) continue;
    const mine = await options.renderers.forBox(message, identity);
    // Withdrawn while it was being rendered: no longer replayed.
    if (mine && options.active.get(mine.seq)) send(mine);
  }
  const held = socket.data.held ?? [];
  socket.data.held = null;
  for (const message of held.sort((a, b) => a.seq - b.seq)) send(message);
}

/** A handshake refusal: the box sees `code` as the `connect_error` message. */
function refusal(code: PushErrorCode, message: string): Error {
  return Object.assign(new Error(code), { data: { message } });
}
