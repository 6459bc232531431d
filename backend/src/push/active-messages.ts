// The messages in force, held in memory by every node: they are few (the alerts of the moment), and a mass
// reconnect after a power cut must not cost a log query per box.
import type { DeviceIdentity } from '../devices/index.ts';
import { isTargeted } from './box-rooms.ts';
import type { PushMessage } from './contracts.ts';

export class ActiveMessages {
  readonly #bySeq = new Map<number, PushMessage>();

  /**
   * Remembers a message; false when it is expired or this node already knew it, i.e. when it must not be
   * fanned out (again) on this node.
   */
  add(message: PushMessage, now = Date.now()): boolean {
    if (this.#bySeq.has(message.seq) || Date.parse(message.expiresAt) <= now) return false;
    this.#bySeq.set(message.seq, message);
    return true;
  }

  /** The message `seq` if it is still in force. */
  get(seq: number, now = Date.now()): PushMessage | undefined {
    const message = this.#bySeq.get(seq);
    return message && Date.parse(message.expiresAt) > now ? message : undefined;
  }

  /** The seqs of the messages in force here. */
  seqsInForce(now = Date.now()): number[] {
    return [...this.#bySeq.values()].filter((m) => Date.parse(m.expiresAt) > now).map((m) => m.seq);
  }

  /**
   * The messages in force that may be for a box, in seq order: those whose target matches it, and the rendered
   * ones (their renderer says whether its household gets one).
   */
  inForceFor(identity: DeviceIdentity, now = Date.now()): PushMessage[] {
    return [...this.#bySeq.values()]
      .filter((m) => Date.parse(m.expiresAt) > now && isTargeted(m.target, identity) !== false)
      .sort((a, b) => a.seq - b.seq);
  }

  /**
   * The message stops being in force at `expiresAt` if that is earlier (a withdrawal): it is no longer
   * replayed or re-sent. It stays known, so that a late trigger or catch-up does not bring it back.
   */
  expireAt(seq: number, expiresAt: string): void {
    const message = this.#bySeq.get(seq);
    if (message && Date.parse(expiresAt) < Date.parse(message.expiresAt)) {
      this.#bySeq.set(seq, { ...message, expiresAt });
    }
  }

  /** Forgets expired messages. */
  prune(now = Date.now()): void {
    for (const [seq, message] of this.#bySeq) {
      if (Date.parse(message.expiresAt) <= now) this.#bySeq.delete(seq);
    }
  }
}
