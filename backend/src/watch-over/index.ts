// Public API of watch-over (見守り): the box's activity contract (stb-bridge imports the types), the consent and
// notice shapes, the round and its timer, and the activity read the alert tallies use. The HTTP routes
// (watch-over-routes.ts) are wired by app.ts, not re-exported here.
export { householdsActiveSince, recordActivity } from './activity.ts';
export { putConsent, readSchedule, withdrawConsent } from './consent.ts';
export type {
  ActivityHour,
  ActivityReceipt,
  ActivityReport,
  Consent,
  ConsentInput,
  QuietNotice,
  QuietNoticeList,
  WatchOverContact,
  WatchOverSchedule,
} from './contracts.ts';
export { maxPressesPerHour } from './contracts.ts';
export { activityKeepDays, type QuietRound, runQuietRound } from './quiet-check.ts';
export { WatchOverError, type WatchOverErrorCode } from './watch-over-error.ts';
export { startWatchOverJob, type WatchOverJob } from './watch-over-job.ts';
