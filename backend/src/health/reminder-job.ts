// The vaccination reminder round (vaccination-reminders.ts) in each backend node: at start, then every
// VACCINATION_REMINDER_INTERVAL_SECONDS (0: this node never runs it). Rounds on several nodes, or overlapping
// ones, send nothing twice (see there); one node runs one round at a time.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type PeriodicRound, startPeriodicRound } from '../jobs/index.ts';
import { sendVaccinationReminders } from './vaccination-reminders.ts';

type Round = Awaited<ReturnType<typeof sendVaccinationReminders>>;

export type ReminderJob = PeriodicRound<Round>;

export function startReminderJob(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  leadDays: number;
  everyMs: number;
  onRound?: (round: Round) => void;
  onError: (error: unknown) => void;
}): ReminderJob {
  return startPeriodicRound({
    everyMs: options.everyMs,
    atStart: true,
    round: async () => {
      const round = await sendVaccinationReminders(options);
      options.onRound?.(round);
      return round;
    },
    onError: options.onError,
  });
}
