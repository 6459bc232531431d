// The vaccination reminder round (vaccination-reminders.ts) in each backend node: at start, then every
// VACCINATION_REMINDER_INTERVAL_SECONDS (0: this node never runs it). Rounds on several nodes, or overlapping
// ones, send nothing twice (see there); one node runs one round at a time.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { sendVaccinationReminders } from './vaccination-reminders.ts';

type Round = Awaited<ReturnType<typeof sendVaccinationReminders>>;

export interface ReminderJob {
  /** One round now (also what start and the timer run); an earlier round under way is joined, not doubled. */
  run(): Promise<Round>;
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

export function startReminderJob(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  leadDays: number;
  everyMs: number;
  onRound?: (round: Round) => void;
  onError: (error: unknown) => void;
}): ReminderJob {
  let running: Promise<Round> | undefined;
  const run = () => {
    running ??= sendVaccinationReminders(options)
      .then((round) => {
        options.onRound?.(round);
        return round;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tick = () => void run().catch(options.onError);
  const timer = options.everyMs > 0 ? setInterval(tick, options.everyMs).unref() : undefined;
  if (timer !== undefined) tick();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
