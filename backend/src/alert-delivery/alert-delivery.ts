// Alert delivery on one backend node, as the composition root wires it: the household index, the renderer
// of topic 'alert' (registered on the push gateway), the dispatcher ingest calls, and a timer that finishes
// dispatches a crash interrupted and drops payloads of messages no longer in force.
import type { RejectedHousehold } from '@myna-tv/disaster';
import type { AlertDispatcher } from '../alerts/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { PushGateway } from '../push/index.ts';
import { alertTopic, createAlertDispatcher } from './alert-dispatch.ts';
import { type AlertRenderer, createAlertRenderer } from './alert-renderer.ts';
import { type RecoveryReport, recoverDispatches } from './dispatch-recovery.ts';
import { createNodeHouseholds, type NodeHouseholds } from './node-households.ts';

export interface AlertDeliveryOptions {
  db: Database;
  cipher: FieldCipher;
  push: Pick<PushGateway, 'publishWithin' | 'withdraw' | 'setRenderer'>;
  clock: () => Date;
  /** How long an alert without an expiry stays in force on the boxes. */
  defaultTtlMs: number;
  /** How often interrupted dispatches are looked for and expired payloads dropped (default 30 s). */
  sweepMs?: number;
  /**
   * How often the household index is brought up to date in the background (default 5 s), so an alert rarely
   * waits for a rebuild after enrolments (it still checks, and waits when something changed).
   */
  refreshMs?: number;
  onRejected?: (rejected: readonly RejectedHousehold[]) => void;
  onError?: (error: unknown) => void;
}

export interface AlertDelivery {
  dispatcher: AlertDispatcher;
  renderer: AlertRenderer;
  households: NodeHouseholds;
  /** Runs the recovery now (also run at start and by the timer). */
  recover(): Promise<RecoveryReport>;
  stop(): Promise<void>;
}

export async function startAlertDelivery(options: AlertDeliveryOptions): Promise<AlertDelivery> {
  const { db, cipher, push, clock, defaultTtlMs } = options;
  const onError = options.onError ?? (() => {});
  const households = createNodeHouseholds({
    db,
    cipher,
    ...(options.onRejected ? { onRejected: options.onRejected } : {}),
  });
  const renderer = createAlertRenderer({ db, households, clock, defaultTtlMs });
  push.setRenderer(alertTopic, renderer);
  const dispatcher = createAlertDispatcher({ db, households, renderer, push, clock, defaultTtlMs });
  const recover = () => recoverDispatches(db, { dispatcher, clock });

  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = Promise.all([recover(), renderer.sweep()]).catch(onError);
  };
  // Warm the index so the first alert does not wait for it, then finish what a crash left.
  await households.current();
  await recover();
  const timer = setInterval(tick, options.sweepMs ?? 30_000);
  timer.unref();
  let refreshing: Promise<unknown> = Promise.resolve();
  const refresher = setInterval(() => {
    refreshing = households.current().catch(onError);
  }, options.refreshMs ?? 5000);
  refresher.unref();
  return {
    dispatcher,
    renderer,
    households,
    recover,
    async stop() {
      clearInterval(timer);
      clearInterval(refresher);
      await Promise.all([running, refreshing]);
    },
  };
}
