// A box that stays connected but never acknowledges a message (its ack was lost, or writing it to disk failed)
// would otherwise get it again only on its next reconnect. The sweeper writes such messages again, while they
// are in force, `resendAfterMs` after the last send and at most `maxResends` times per connection.
import type { ActiveMessages } from './active-messages.ts';
import type { BoxNamespace } from './box-namespace.ts';
import type { PushMessage } from './contracts.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import type { LocalFanout } from './local-fanout.ts';
import { PushError } from './push-error.ts';

export interface ResendSweeperOptions {
  nsp: BoxNamespace;
  active: ActiveMessages;
  fanout: LocalFanout;
  ledger: DeliveryLedger;
  resendAfterMs: number;
  maxResends: number;
  onError: (error: PushError) => void;
}

export interface ResendSweeper {
  /** One pass over this node's boxes (the timer calls it; tests may too). */
  sweep(now?: number): void;
  stop(): void;
}

export function startResendSweeper(options: ResendSweeperOptions): ResendSweeper {
  const { nsp, active, ledger, resendAfterMs, maxResends } = options;

  function sweep(now = Date.now()): void {
    const due = new Map<number, { message: PushMessage; ids: string[] }>();
    // A pass costs a size check per box when nothing is outstanding: ~1 ms for 10,000 boxes.
    for (const socket of nsp.sockets.values()) {
      const { outstanding } = socket.data;
      if (outstanding.size === 0) continue;
      for (const [seq, sentAt] of outstanding) {
        if (now - sentAt < resendAfterMs) continue;
        const message = active.get(seq, now);
        if (!message) {
          ledger.recordExpired(socket, seq);
          continue;
        }
        socket.data.resends ??= new Map();
        const count = socket.data.resends.get(seq) ?? 0;
        if (count >= maxResends) continue;
        socket.data.resends.set(seq, count + 1);
        const batch = due.get(seq);
        if (batch) batch.ids.push(socket.id);
        else due.set(seq, { message, ids: [socket.id] });
      }
    }
    for (const { message, ids } of due.values()) {
      ledger.recordResent(ids.length);
      options.fanout.resend(message, ids).catch((err: unknown) => {
        options.onError(
          new PushError('internal', `re-send of message ${message.seq} failed`, { cause: err }),
        );
      });
    }
  }

  // Checking a few times per period keeps a re-send within a quarter period of its due time.
  const timer = setInterval(sweep, Math.max(10, Math.min(1000, resendAfterMs / 4))).unref();
  return {
    sweep,
    stop: () => clearInterval(timer),
  };
}
