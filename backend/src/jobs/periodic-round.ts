// A round of background work on a timer, as every backend node runs several (reminders, watch-over, outbox
// deliveries, purges): one round at a time per node (a call while one runs joins it), the timer never keeps
// the process alive, and stop waits for the round under way. Rounds must be safe on several nodes at once.

export interface PeriodicRound<T> {
  /** One round now (also what the timer runs); a round under way is joined, not doubled. */
  run(): Promise<T>;
  /** Stops the timer and waits for a round under way (its failure was the timer's to report). */
  stop(): Promise<void>;
}

export function startPeriodicRound<T>(options: {
  /** Time between rounds; 0: never on a timer (only `run`). */
  everyMs: number;
  /** Also one round at start (when there is a timer). */
  atStart?: boolean;
  round: () => Promise<T>;
  /** A timer round that failed (a failed `run` rejects for its caller instead). */
  onError: (error: unknown) => void;
}): PeriodicRound<T> {
  let running: Promise<T> | undefined;
  const run = () => {
    running ??= options.round().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => void run().catch(options.onError);
  const timer = options.everyMs > 0 ? setInterval(tick, options.everyMs).unref() : undefined;
  if (timer !== undefined && options.atStart) tick();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
