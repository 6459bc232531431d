// The one internal alert model: CAP 1.2 in shape (OASIS CAP 1.2 §3), plus what Japanese sources add: the
// 警戒レベル (2021 reform), issue/lift (発令/解除) per info, and the Japanese area-code systems as geocodes.
// Every adapter (cap-adapter.ts, l-alert-adapter.ts, jma-adapter.ts) produces this and nothing else.

export const alertStatuses = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const msgTypes = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export type MsgType = (typeof msgTypes)[number];

export const scopes = ['Public', 'Restricted', 'Private'] as const;
export type Scope = (typeof scopes)[number];

export const categories = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export type Category = (typeof categories)[number];

export const responseTypes = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
export type ResponseType = (typeof responseTypes)[number];

export const urgencies = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export type Urgency = (typeof urgencies)[number];

export const severities = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type Severity = (typeof severities)[number];

export const certainties = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type Certainty = (typeof certainties)[number];

/** 警戒レベル 1–5 (since 2021-05-20): 5 緊急安全確保, 4 避難指示, 3 高齢者等避難, 2 注意報, 1 早期注意情報. */
export type AlertLevel = 1 | 2 | 3 | 4 | 5;

/** 発令 (issued, still in force) or 解除 (lifted: the order is over, which is not the same as a Cancel). */
export type IssueOrLift = 'issue' | 'lift';

export type AlertSource = 'cap' | 'l-alert' | 'jma';

/** Geocode systems this project reads (the names are its own; CAP leaves valueName free). */
export const geocodeSystems = {
  /** 全国地方公共団体コード, 6 digits with check digit (JIS X 0402 + 1). */
  localGovernment: 'jisX0402',
  /** 12 digits: 5-digit local-government code without check digit + 7-digit 町字ID. */
  machiaza: 'MACHIAZA_ID',
  /** JMA 市町村等 area code, 7 digits (5-digit JIS + 2). */
  jmaArea: 'JMA_AREA',
} as const;

/** A WGS 84 point as CAP writes it: latitude first. */
export interface LatLon {
  lat: number;
  lon: number;
}

export interface Circle {
  center: LatLon;
  /** Kilometres; 0 is a point. */
  radiusKm: number;
}

export interface Geocode {
  name: string;
  value: string;
}

export interface AlertArea {
  desc: string;
  /** Closed rings, first point equal to the last, at least 4 points, not self-intersecting. */
  polygons: LatLon[][];
  circles: Circle[];
  geocodes: Geocode[];
}

export interface AlertResource {
  desc: string;
  mimeType: string;
  size: number | null;
  uri: string | null;
  /** Inline content (base64), dropped when over the resource size cap. */
  derefUri: string | null;
  digest: string | null;
}

export interface NamedValue {
  name: string;
  value: string;
}

export interface AlertInfo {
  language: string;
  category: Category[];
  event: string;
  responseType: ResponseType[];
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  level: AlertLevel | null;
  issueOrLift: IssueOrLift;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  effective: string | null;
  onset: string | null;
  expires: string | null;
  eventCodes: NamedValue[];
  parameters: NamedValue[];
  resources: AlertResource[];
  areas: AlertArea[];
}

/** A CAP `references` triplet. `sent` is null when the source names the earlier message without its time. */
export interface AlertReference {
  sender: string;
  identifier: string;
  sent: string | null;
}

export interface SignatureOutcome {
  present: boolean;
  valid: boolean;
  /** Subject of the certificate that signed, when the signature verified. */
  signer: string | null;
  /** Why it is not valid (absent when valid or not present). */
  reason?: string;
}

/**
 * Something wrong with part of a message that did not stop it: the part named by `where` was dropped
 * (`severity: 'error'`) or kept as it was (`'warning'`).
 */
export interface AlertProblem {
  severity: 'error' | 'warning';
  code:
    | 'coordinates.invalid'
    | 'coordinates.swapped'
    | 'coordinates.outside-japan'
    | 'polygon.open'
    | 'polygon.too-short'
    | 'polygon.self-intersecting'
    | 'circle.invalid'
    | 'geocode.unknown-system'
    | 'geocode.invalid'
    | 'area.none'
    | 'resource.too-large'
    | 'reference.invalid';
  message: string;
  /** Path into the model, e.g. `infos[0].areas[1].polygons[0]`. */
  where: string;
}

export interface Alert {
  source: AlertSource;
  identifier: string;
  sender: string;
  /** ISO 8601 with offset, as the source wrote it (CAP form: no fraction, explicit offset). */
  sent: string;
  status: AlertStatus;
  msgType: MsgType;
  scope: Scope;
  references: AlertReference[];
  /**
   * Sources that replace by series rather than by references (L-Alert documentID, a JMA office's report
   * series): a later message of the same sender and series replaces the earlier one.
   */
  series: string | null;
  note: string | null;
  signature: SignatureOutcome;
  infos: AlertInfo[];
  problems: AlertProblem[];
}
