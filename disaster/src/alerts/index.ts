export { AlertError, type AlertErrorCode } from './alert-error.ts';
export { type AlertJson, toAlertJson } from './alert-json.ts';
export { levelOfEvacuationName, levelOfJmaKind, parseLevel } from './alert-levels.ts';
export type {
  Alert,
  AlertArea,
  AlertInfo,
  AlertLevel,
  AlertProblem,
  AlertReference,
  AlertResource,
  AlertSource,
  AlertStatus,
  Category,
  Certainty,
  Circle,
  Geocode,
  IssueOrLift,
  LatLon,
  MsgType,
  NamedValue,
  ResponseType,
  Scope,
  Severity,
  SignatureOutcome,
  Urgency,
} from './alert-model.ts';
export { geocodeSystems } from './alert-model.ts';
export {
  type AlertKey,
  type AlertState,
  type AlertThreads,
  createAlertThreads,
  isExpired,
  type ThreadOutcome,
} from './alert-threads.ts';
export {
  isLocalGovernmentCode,
  jmaAreaToLocalGovernment,
  localGovernmentCodeOf,
} from './area-codes.ts';
export { defaultMaxResourceBytes, type ParseAlertOptions, parseAlert } from './parse-alert.ts';
export {
  enforceSignaturePolicy,
  noSignatureRequired,
  type SignaturePolicy,
  signersPolicy,
} from './signature-policy.ts';
export { defaultXmlLimits, parseXmlSafely, type SafeXml, type XmlLimits } from './xml-safety.ts';
