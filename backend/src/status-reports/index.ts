// Public API of status reports (現況届): the wire contracts (types for stb-bridge and the TV app), receiving a
// signed report, the outbox worker and the daily certificate check the server runs. The HTTP routes
// (status-report-routes.ts) are wired by app.ts, not re-exported here: http/ imports this file.
export { type CertificateCheckRound, checkSignCertificates } from './certificate-check.ts';
export {
  type CertificateSignal,
  type ContractInput,
  type DeliveryState,
  type InsurerProfile,
  type InsurerProfileInput,
  type InsurerReport,
  maxSignedReportBytes,
  type ReportVerification,
  type ResidentStatusReports,
  type StatusReportContract,
  type StatusReportDocument,
  type StatusReportDraft,
  type StatusReportHolder,
  type StatusReportQuestion,
  type StatusReportReceipt,
  type StatusReportSubmission,
  statusReportDocumentSchema,
  statusReportDocumentType,
} from './contracts.ts';
export {
  createDeliveryWorker,
  type DeliveryPolicy,
  type DeliveryRound,
  type DeliveryWorker,
  defaultDeliveryPolicy,
} from './delivery-outbox.ts';
export { defaultForm, saveInsurerProfile } from './insurer-profiles.ts';
export { putContract } from './report-contracts.ts';
export { StatusReportError, type StatusReportErrorCode } from './status-report-error.ts';
