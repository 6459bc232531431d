// Public surface of @myna-tv/backend: re-exports by name, types with `export type`.

// The HTTP API and identity: composition root, accounts and roles, the audit log.
export type {
  AccountErrorCode,
  ApiClient,
  AuthErrorCode,
  ClientRole,
  OperatorAccount,
  OperatorRole,
  Role,
  SessionPolicy,
  ThrottlePolicy,
} from './accounts/index.ts';
export {
  AccountError,
  AuthError,
  createApiClient,
  createOperatorAccount,
  ensureFirstAdmin,
} from './accounts/index.ts';
// Alert delivery: targeting from the stored households, one rendered push message per alert.
export type { AlertDelivery, NodeHouseholds } from './alert-delivery/index.ts';
export { alertTopic, createNodeHouseholds, startAlertDelivery } from './alert-delivery/index.ts';
// Alert tallies: what a box reports on an alert (stb-bridge imports the types) and the dashboard's reads.
export type {
  AlertAnswer,
  AlertCounts,
  AlertDetail,
  AlertMap,
  AlertResponse,
  AlertResponseInput,
  AlertSummary,
  AlertTallyErrorCode,
  NeedsAssistance,
} from './alert-tallies/index.ts';
export { AlertTallyError, alertAnswers } from './alert-tallies/index.ts';
export type { App, AppDeps, AppPolicy } from './app.ts';
export { createApp, defaultAppPolicy } from './app.ts';
export type { AuditAction, AuditActor, AuditEntry } from './audit/index.ts';
export { recordAudit } from './audit/index.ts';
// Shelter check-in: the journal-event contract shelter terminals send (stb-bridge imports the types).
export type {
  CardCheckResult,
  CheckinErrorCode,
  PersonRef,
  ShelterEvent,
  ShelterEventBatch,
  ShelterEventReceipt,
  ShelterEventType,
  ShelterOccupancy,
  TerminalIdentity,
} from './checkins/index.ts';
export { CheckinError, enrolTerminal, ingestEvents, shelterOccupancy } from './checkins/index.ts';
// Storage: configuration, the database (PGlite or PostgreSQL) with migrations, field encryption at rest.
export type { Config, ConfigErrorCode, ConfigIssue } from './config/index.ts';
export { ConfigError, configSchema, loadConfig, renderConfigMarkdown } from './config/index.ts';
export type { CryptoErrorCode, FieldAddress, FieldCipher, FieldKey } from './crypto/index.ts';
export {
  CryptoError,
  createFieldCipher,
  fieldKeyFile,
  formatFieldKeys,
  loadFieldKeys,
  parseFieldKeys,
  verifyFieldKeys,
} from './crypto/index.ts';
export type {
  Database,
  DbErrorCode,
  MigrateOptions,
  Migration,
  PgliteDatabaseOptions,
  PostgresDatabaseOptions,
  Queryable,
  Row,
  TempPostgresDatabase,
} from './db/index.ts';
export {
  createPgliteDatabase,
  createPostgresDatabase,
  createTempPostgresDatabase,
  DbError,
  migrate,
  migrationsDir,
  openDatabase,
  readMigrations,
  testPostgresUrl,
} from './db/index.ts';
// Demo data of the embedded default (`npm start`): 美波町's shelters, households, card holders' homes, accounts.
export type { DemoBoxKeeper, DemoHousehold, DemoSeedReport } from './demo/index.ts';
export {
  defaultDemoHouseholdCount,
  demoHouseholds,
  demoInsurer,
  demoOperatorAccounts,
  demoOperatorPassword,
  seedDemo,
} from './demo/index.ts';
// Development JPKI (stand-in for J-LIS).
export type {
  BasicInfo,
  DevCa,
  DevPki,
  DevPkiServer,
  HolderProfile,
  IssuedCertificate,
  IssueEndEntityOptions,
  Locality,
  RevocationReason,
} from './dev-jpki/index.ts';
export {
  createCa,
  createDevPkiApp,
  createOcspHandler,
  DevPkiError,
  initDevPki,
  issueEndEntity,
  loadDevPki,
  recordIssued,
  revokeCertificate,
  startDevPkiServer,
} from './dev-jpki/index.ts';
// Set-top boxes: enrolment, the credential the push gateway and the HTTP edge authenticate, revocation.
export type {
  DeviceDisconnector,
  DeviceErrorCode,
  DeviceIdentity,
  Household,
  HouseholdMember,
} from './devices/index.ts';
export {
  authenticateDevice,
  DeviceError,
  enrolDevice,
  householdField,
  revokeDevice,
} from './devices/index.ts';
// Children's health records (母子健康情報): what stb-bridge passes to the TV app and the 利用申込み it signs
// (types only).
export type {
  ChildRecord,
  GrowthCurves,
  GrowthEdition,
  GrowthMeasure,
  LinkApplication,
  LinkApplicationDocument,
} from './health/index.ts';
// The HTTP edge: the error shape and the resident-session header, as types for clients.
export type {
  ErrorBody,
  ErrorCode,
  ErrorContext,
  HealthReport,
  JpkiHealth,
  Principal,
  ResidentSessionHeader,
} from './http/index.ts';
// JPKI relying party: certificate chain + revocation, basic info, card login, CMS verification; the login
// wire contract (LoginChallenge / LoginProof) for stb-bridge. (RevocationReason is the dev-jpki name above;
// the relying party's own union is reachable as RevocationStatus['reason'].)
export type {
  CachedStatusSource,
  CacheStats,
  CertificateBasicInfo,
  CertificateVerifierOptions,
  CertPurpose,
  ChallengeStore,
  CrlLocation,
  CrlStatusSourceOptions,
  Era,
  Gender,
  JpkiErrorCode,
  JpkiStatusSourceOptions,
  LoginChallenge,
  LoginProof,
  LoginVerifierOptions,
  OcspStatusSourceOptions,
  RevocationStatus,
  StatusQuery,
  StatusSource,
  StoredChallenge,
  TrustAnchors,
  ValidatedCertificate,
  VerifiedLogin,
  VerifiedSignedData,
  VerifySignedDataInput,
} from './jpki/index.ts';
export {
  CertificateVerifier,
  createCachedStatusSource,
  createCrlStatusSource,
  createFallbackStatusSource,
  createJpkiStatusSource,
  createOcspStatusSource,
  extractBasicInfo,
  isJpkiError,
  JpkiError,
  LoginVerifier,
  MemoryChallengeStore,
  readTrustAnchors,
  trustAnchorsFromDer,
  verifySignedData,
} from './jpki/index.ts';
// Resident notices (お知らせ): the wire contract stb-bridge and the TV app read (types only).
export type { MailboxErrorCode, Notice, NoticeKind, NoticeList, NoticeSenderKind } from './mailbox/index.ts';
// Observability of a backend process: JSON-line logs (metrics and the request log are wired by startBackend).
export type { LogFields, Logger, LoggerOptions, LogLevel } from './observability/index.ts';
export { createLogger } from './observability/index.ts';
// Push gateway to the set-top boxes, and its wire contract (stb-bridge imports the types).
export type {
  Acknowledgement,
  AuthenticateBox,
  BoxToServerEvents,
  JsonValue,
  PublishRequest,
  PushAck,
  PushAuth,
  PushErrorCode,
  PushGateway,
  PushGatewayOptions,
  PushHealth,
  PushMessage,
  PushNamespace,
  PushRenderer,
  PushStats,
  PushTarget,
  ServerToBoxEvents,
} from './push/index.ts';
export { createPushGateway, isPushError, PushError } from './push/index.ts';
// Resident registration and login over HTTP: the wire contract stb-bridge sends and reads (types only).
export type {
  BlindIndex,
  CardVerifiers,
  LoginProofBody,
  RegistrationDocument,
  RegistrationRequest,
  ResidentErrorCode,
  ResidentSessionResponse,
} from './residents/index.ts';
export {
  createBlindIndex,
  createPgChallengeStore,
  ResidentError,
  registrationDocumentType,
} from './residents/index.ts';
// The backend process: the composition root (entry: backend/src/server/main.ts).
export type { Backend, StartBackendOptions, StaticMount } from './server/index.ts';
export { appPolicyOf, startBackend } from './server/index.ts';
// Status reports (現況届): the signed document, drafts and receipts stb-bridge and the TV app use (types only),
// and the insurer API's shapes.
export type {
  CertificateSignal,
  DeliveryState,
  InsurerProfile,
  InsurerProfileInput,
  InsurerReport,
  ResidentStatusReports,
  StatusReportContract,
  StatusReportDocument,
  StatusReportDraft,
  StatusReportErrorCode,
  StatusReportHolder,
  StatusReportQuestion,
  StatusReportReceipt,
  StatusReportSubmission,
} from './status-reports/index.ts';
export { statusReportDocumentType } from './status-reports/index.ts';
// Watch-over (見守り): the box's activity report (stb-bridge imports the types), consent, the quiet round.
export type {
  ActivityHour,
  ActivityReceipt,
  ActivityReport,
  Consent,
  ConsentInput,
  QuietNotice,
  QuietNoticeList,
  QuietRound,
  WatchOverContact,
  WatchOverErrorCode,
  WatchOverSchedule,
} from './watch-over/index.ts';
export { maxPressesPerHour, putConsent, runQuietRound, WatchOverError } from './watch-over/index.ts';
