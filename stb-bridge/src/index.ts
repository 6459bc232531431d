export {
  assertAllowedCommand,
  type CardConnection,
  CardError,
  type CardErrorCode,
  type CardErrorOptions,
  type CardPresence,
  type CardReader,
  CardReaderBase,
  type CardReaderEvents,
  type ConnectOptions,
  DEFAULT_TRANSMIT_TIMEOUT_MS,
  guardConnection,
  HID_REMOTE_READER_NAME,
  type HidDevice,
  type HidDeviceEvents,
  HidRemoteReader,
  type InProcessCard,
  isCardError,
  isForbiddenSelect,
  type KeyAction,
  type OpenHidDeviceOptions,
  openHidDevice,
  PcscReader,
  type PcscReaderOptions,
  REMOTE_KEY_CODES,
  type ReaderState,
  type RemoteKey,
  type RemoteKeyEvent,
  type TransmitOptions,
  VIRTUAL_READER_NAME,
  VirtualReader,
  type WaitForCardOptions,
} from './card/index.ts';
// The bridge daemon: configuration, composition root, the localhost API for the TV app (contract types), the
// resident flows behind it.
export {
  type BridgeConfig,
  BridgeConfigError,
  type BridgeConfigIssue,
  bridgeConfigSchema,
  describeBridgeConfig,
  loadBridgeConfig,
  type ReaderKind,
} from './config/bridge-config.ts';
export {
  type CertificateKind,
  type CmsSignatureAlgorithm,
  encodePin,
  FORBIDDEN_AIDS,
  JPKI_AID,
  JpkiClient,
  JpkiEf,
  MAX_TRIES,
  type PinKind,
  type SignCmsOptions,
  sha256DigestInfo,
  sha256DigestInfoOfDigest,
  signCms,
  TOKEN_LABEL,
  type TokenInfo,
} from './jpki/index.ts';
export {
  BackendLink,
  type BackendLinkEvents,
  type BackendLinkOptions,
  type BackoffOptions,
  credentialFileName,
  type DeviceCredential,
  type InboxEntry,
  type InboxEvents,
  inboxFileName,
  isLinkError,
  LinkError,
  type LinkErrorCode,
  PushInbox,
  readDeviceCredential,
  writeDeviceCredential,
} from './link/index.ts';
export type {
  BridgeEvent,
  BridgeEventType,
  CardState,
  CardStatus,
  ErrorResponse,
  LocalApiErrorCode,
  LocalApiOwnErrorCode,
  LoginRequest,
  LoginResponse,
  MessageShownResponse,
  MessagesResponse,
  Notice,
  NoticeReadResponse,
  NoticesResponse,
  QueuedReport,
  RegisterRequest,
  RegisterResponse,
  ReportDismissedResponse,
  ReportsResponse,
  ResidentView,
  SendReportRequest,
  SendReportResponse,
  SessionState,
  StatusReportDraft,
  StatusReportReceipt,
  TriesResponse,
} from './local-api/contracts.ts';
export { DEFAULT_LOCAL_API_PORT, keyboardRemoteKeys } from './local-api/contracts.ts';
export { createLocalApi, type LocalApi, type LocalApiDeps } from './local-api/local-api-app.ts';
export { LocalApiError, renderError } from './local-api/local-api-error.ts';
export { LOCAL_API_HOST, type LocalApiServer, serveLocalApi } from './local-api/local-api-server.ts';
export {
  createJsonLogger,
  errorFields,
  type JsonLoggerOptions,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogThreshold,
  silentLogger,
} from './log/json-logger.ts';
export {
  buildReportDocument,
  canonicalReportBytes,
  type ReportAnswer,
  statusReportDocumentType,
} from './reports/report-document.ts';
export { isReportError, ReportError, type ReportErrorCode } from './reports/report-error.ts';
export { type OutboxEntry, outboxDirName, ReportOutbox } from './reports/report-outbox.ts';
export { type DeliveryOutcome, ReportSender, type ReportSenderEvents } from './reports/report-sender.ts';
export { signReport } from './reports/report-signing.ts';
export { type SendReportInput, StatusReports, type StatusReportsDeps } from './reports/status-reports.ts';
export {
  BackendClient,
  type BackendClientOptions,
  type ReportBackend,
  type ResidentBackend,
  type SubmittedReport,
} from './session/backend-client.ts';
export { CardAccess } from './session/card-access.ts';
export { CardWatcher } from './session/card-watcher.ts';
export { PinRejection } from './session/pin-rejection.ts';
export { ResidentSession } from './session/resident-session.ts';
export { isSessionError, SessionError, type SessionErrorCode } from './session/session-error.ts';
export {
  type RemoteKeySource,
  type RunningBridge,
  type StartBridgeOptions,
  startBridge,
} from './start-bridge.ts';
export {
  contentsOfProfile,
  createFilePinCounterStore,
  createMemoryPinCounterStore,
  createTestCardContents,
  DEFAULT_VPCD_PORT,
  JPKI_CONTACT_ATR,
  type LoadVirtualCardOptions,
  listHolderIds,
  loadVirtualCard,
  type PinCounterStore,
  type PinPurpose,
  type TriesLeft,
  type VirtualCardContents,
  VirtualCardError,
  type VirtualCardErrorCode,
  VirtualJpkiCard,
  type VirtualJpkiCardOptions,
  type VpcdCard,
  VpcdLink,
  type VpcdLinkEvents,
  type VpcdLinkOptions,
} from './virtual-card/index.ts';
