// This node's delivery counts, kept as things happen so that reading them (metrics, health) costs nothing
// however many boxes are connected.
import type { BoxSocket } from './box-namespace.ts';

export class DeliveryLedger {
  /** Messages written to boxes (one per box and message, replays included). */
  sent = 0;
  /** Delivery rows recorded (first ack of a box for a message). */
  acked = 0;
  /** Messages written to boxes still connected here that they have not acknowledged. */
  pending = 0;

  recordSent(socket: BoxSocket, seq: number): void {
    this.sent++;
    const { outstanding } = socket.data;
    if (outstanding.has(seq)) return;
    outstanding.add(seq);
    this.pending++;
  }

  recordAck(socket: BoxSocket, seq: number): void {
    if (socket.data.outstanding.delete(seq)) this.pending--;
  }

  recordDisconnect(socket: BoxSocket): void {
    this.pending -= socket.data.outstanding.size;
    socket.data.outstanding.clear();
  }

  recordPersisted(count: number): void {
    this.acked += count;
  }
}
