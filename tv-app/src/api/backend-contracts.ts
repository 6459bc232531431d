// The backend's wire types that the bridge contract names (push messages, 現況届 drafts and receipts, お知らせ),
// for the TV app's typecheck: tsconfig maps `@myna-tv/backend` here, so the app sees those contracts and not
// the whole backend (whose Node code does not typecheck against the DOM library). Types only.

export type { AlertAnswer } from '../../../backend/src/alert-tallies/contracts.ts';
export type { CardCheckResult, ShelterEvent } from '../../../backend/src/checkins/contracts.ts';
export type { ChildRecord } from '../../../backend/src/health/child-record.ts';
export type {
  GrowthCurves,
  GrowthEdition,
  GrowthMeasure,
} from '../../../backend/src/health/growth-curves.ts';
export type { LinkApplication } from '../../../backend/src/health/view-contracts.ts';
export type { Notice } from '../../../backend/src/mailbox/contracts.ts';
export type { PushMessage } from '../../../backend/src/push/contracts.ts';
export type {
  StatusReportDraft,
  StatusReportReceipt,
} from '../../../backend/src/status-reports/contracts.ts';
