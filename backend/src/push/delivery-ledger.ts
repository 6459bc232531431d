// This node's delivery counts, kept as things happen so that reading them (metrics, health) costs nothing
// however many boxes are connected; and, per box, what it has not acknowledged yet (for the re-send sweeper).
import type { BoxSocket } from './box-namespace.ts';

export class DeliveryLedger {
  /** Messages written to boxes (one per box and message, replays and re-sends included). */
  sent = 0;
  /** Delivery rows recorded (first ack of a box for a message). */
  acked = 0;
  /** Messages in force written to boxes still connected here that they have not acknowledged. */
  pending = 0;
  /** Messages written again to a box that had not acknowledged them in time. */
  resent = 0;

  /** A message written to a box at `now` (ms since the epoch). */
  recordSent(socket: BoxSocket, seq: number, now: number): void {
    this.sent++;
    const { outstanding } = socket.data;
    if (!outstanding.has(seq)) this.pending++;
    outstanding.set(seq, now);
  }

  recordResent(count: number): void {
    this.resent += count;
  }

  recordAck(socket: BoxSocket, seq: number): void {
    if (socket.data.outstanding.delete(seq)) this.pending--;
  }

  /** The message is no longer in force: the box need not acknowledge it any more. */
  recordExpired(socket: BoxSocket, seq: number): void {
    if (socket.data.outstanding.delete(seq)) this.pending--;
    socket.data.resends?.delete(seq);
  }

  recordDisconnect(socket: BoxSocket): void {
    this.pending -= socket.data.outstanding.size;
    socket.data.outstanding.clear();
  }

  recordPersisted(count: number): void {
    this.acked += count;
  }
}
