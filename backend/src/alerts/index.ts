// Alert ingest: POST /alerts, the feed poller and the compose form into one ingest that stores alerts with
// their thread state and calls the AlertDispatcher (routes in alert-routes.ts, wired by app.ts).
export type { AlertDispatcher, DispatchSummary, StoredAlert } from './alert-dispatcher.ts';
export { type AlertFeedPoller, createAlertFeedPoller, type FeedRound } from './alert-feed-poller.ts';
export { AlertIngestError, type AlertIngestErrorCode } from './alert-ingest-error.ts';
export { type AlertJobs, startAlertJobs } from './alert-jobs.ts';
export {
  type AlertSourceKind,
  alertStates,
  expireAlerts,
  readStoredAlert,
  type StoredAlertState,
} from './alert-records.ts';
export {
  type AlertIngestSettings,
  alertIngestSettingsOf,
  defaultAlertIngestSettings,
} from './alert-settings.ts';
export {
  type AlertIngest,
  createAlertIngest,
  type IngestAnswer,
  type IngestRequest,
  type IngestResult,
} from './ingest-alert.ts';
export {
  createRecordingDispatcher,
  type DispatchCall,
  type RecordingDispatcher,
} from './recording-dispatcher.ts';
