// The contract of the bridge's localhost API, defined once by this serving side: requests, answers, error codes,
// the Server-Sent Events and the remote keys. The TV app imports the types with `import type`. This file holds no
// server code and imports only types, so its few values (the keyboard table, the default port) are plain data
// that a browser bundle may import too (`@myna-tv/stb-bridge/contracts`).
import type {
  AlertAnswer,
  CardCheckResult,
  ChildRecord,
  GrowthCurves,
  GrowthEdition,
  GrowthMeasure,
  LinkApplication,
  Notice,
  PushMessage,
  ShelterEvent,
  StatusReportDraft,
  StatusReportReceipt,
} from '@myna-tv/backend';
import type { AlertPayload } from '@myna-tv/disaster';
import type { ApduErrorCode } from '../apdu/apdu-error.ts';
import type { CardErrorCode } from '../card/card-error.ts';
import type { RemoteKey } from '../card/remote-keys.ts';
import type { PinKind } from '../jpki/pin-format.ts';
import type { LinkErrorCode } from '../link/link-error.ts';
import type { ReportErrorCode } from '../reports/report-error.ts';
import type { SessionErrorCode } from '../session/session-error.ts';
import type { ShelterErrorCode } from '../shelter/shelter-error.ts';

/**
 * The remote's keys are the card layer's (card/remote-keys.ts: the HID remote's key codes); drafts, receipts and
 * notices are the backend's (backend/src/status-reports, backend/src/mailbox), passed through unchanged.
 */
/** Children's health records are the backend's (backend/src/health), passed through unchanged. */
export type {
  AlertPayload,
  ChildRecord,
  GrowthCurves,
  GrowthEdition,
  GrowthMeasure,
  Notice,
  PinKind,
  PushMessage,
  RemoteKey,
  StatusReportDraft,
  StatusReportReceipt,
};

/** Default port of the local API (127.0.0.1 only). */
export const DEFAULT_LOCAL_API_PORT = 8090;

// ---- Remote keys -------------------------------------------------------------------------------------------

/**
 * The virtual remote: `KeyboardEvent.key` → remote key, for the embedded default where the viewer uses a
 * keyboard (and for STB browsers, whose remotes arrive as the `ColorF…` keys). Letters match either case; while
 * a text field has focus the TV app takes letters and digits as text instead.
 *
 * | keyboard                        | remote            |
 * |---------------------------------|-------------------|
 * | ArrowUp / Down / Left / Right   | up/down/left/right|
 * | Enter                           | ok                |
 * | Backspace, Escape               | back              |
 * | Home                            | home              |
 * | 0–9                             | 0–9               |
 * | F1 or R, ColorF0Red             | red               |
 * | F2 or G, ColorF1Green           | green             |
 * | F3 or Y, ColorF2Yellow          | yellow            |
 * | F4 or B, ColorF3Blue            | blue              |
 */
export const keyboardRemoteKeys: Readonly<Record<string, RemoteKey>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Enter: 'ok',
  Backspace: 'back',
  Escape: 'back',
  Home: 'home',
  ...Object.fromEntries([...'0123456789'].map((digit) => [digit, digit as RemoteKey])),
  F1: 'red',
  r: 'red',
  R: 'red',
  ColorF0Red: 'red',
  F2: 'green',
  g: 'green',
  G: 'green',
  ColorF1Green: 'green',
  F3: 'yellow',
  y: 'yellow',
  Y: 'yellow',
  ColorF2Yellow: 'yellow',
  F4: 'blue',
  b: 'blue',
  B: 'blue',
  ColorF3Blue: 'blue',
};

// ---- Card --------------------------------------------------------------------------------------------------

/** `checking`: a card was inserted and the bridge is looking for the JPKI application on it. */
export type CardStatus = 'absent' | 'checking' | 'jpki' | 'not-jpki';

/** GET /card, and the first event of every /events stream. */
export interface CardState {
  /** The reader in use; null when no reader is attached. */
  reader: string | null;
  card: CardStatus;
}

/** GET /card/tries?kind=auth|sign: tries left without using one (0: blocked). */
export interface TriesResponse {
  kind: PinKind;
  triesLeft: number;
}

// ---- Session -----------------------------------------------------------------------------------------------

/** POST /login: the 4-digit user-authentication PIN. */
export interface LoginRequest {
  pin: string;
}

/**
 * POST /register: the signature password (6–16 letters and digits) signs the registration, and the PIN the
 * one-time challenge, as the backend links the user-authentication certificate in the same step.
 */
export interface RegisterRequest {
  password: string;
  pin: string;
}

/** What the TV app shows of the logged-in resident (the session token stays in the bridge). */
export interface ResidentView {
  /** Name as on the signature certificate (full-width space between family and given name). */
  name: string;
  /** Latest end of the session; the backend may end it earlier after idle time. */
  expiresAt: string;
}

/** GET /session, POST /logout, and the `session:changed` event. */
export type SessionState = { loggedIn: false } | ({ loggedIn: true } & ResidentView);

/** POST /login answer. */
export interface LoginResponse {
  resident: ResidentView;
}

/** POST /register answer; `created` is false when the card re-linked a known resident. */
export interface RegisterResponse {
  resident: ResidentView;
  created: boolean;
}

// ---- Messages ----------------------------------------------------------------------------------------------

/** GET /messages: pushed messages not shown yet and still in force, oldest first. */
export interface MessagesResponse {
  messages: PushMessage[];
}

/** POST /messages/:seq/shown answer. */
export interface MessageShownResponse {
  seq: number;
}

// ---- Disaster alerts ---------------------------------------------------------------------------------------

/** The four answers of the colour buttons: 無事 / 避難中 / 避難所にいる / 助けが必要 (the backend's AlertAnswer). */
export const alertAnswers = [
  'safe',
  'evacuating',
  'at-shelter',
  'need-help',
] as const satisfies readonly AlertAnswer[];
export type { AlertAnswer };

/**
 * An alert to show now (`payload.kind` issue: until answered or expired) or a short notice (lift, cancel: until
 * shown). Only the newest message of a thread is ever listed; Test alerts never are.
 */
export interface ActiveAlert {
  seq: number;
  receivedAt: string;
  /** When it stops being in force (then the TV app takes it off the screen). */
  expiresAt: string;
  /** When the TV app first showed it, or null. */
  shownAt: string | null;
  payload: AlertPayload;
}

/** GET /alerts: alerts to answer first (highest level first), then notices. */
export interface AlertsResponse {
  alerts: ActiveAlert[];
}

/** POST /alerts/:seq/shown answer. */
export interface AlertShownResponse {
  seq: number;
  shownAt: string;
}

/** POST /alerts/:seq/answer. */
export interface AlertAnswerRequest {
  answer: AlertAnswer;
}

/** POST /alerts/:seq/answer answer: recorded on the box and on its way to the backend. */
export interface AlertAnswerResponse {
  seq: number;
  answer: AlertAnswer;
  answeredAt: string;
}

// ---- Status reports (現況届) -------------------------------------------------------------------------------

/** A signed report kept on the box: waiting to be sent, or refused for good (`failure` says why). */
export interface QueuedReport {
  submissionId: string;
  contractId: string;
  /** The due month it answers, YYYY-MM. */
  period: string;
  insurerName: string;
  /** When it was signed and stored on the box. */
  queuedAt: string;
  state: 'waiting' | 'failed';
  /** For `failed`: the code (a LocalApiErrorCode, e.g. `report.contract-not-held`) and the backend's words. */
  failure: { code: string; message: string; at: string } | null;
}

/**
 * GET /reports (login required): reports due (drafts pre-filled by the backend; one already waiting on the box
 * is not listed again), receipts of reports sent, and the signed reports kept on this box.
 */
export interface ReportsResponse {
  due: StatusReportDraft[];
  sent: StatusReportReceipt[];
  waiting: QueuedReport[];
}

/** POST /reports/send: the yes/no answer to every question of the draft, and the signature password. */
export interface SendReportRequest {
  contractId: string;
  period: string;
  answers: { questionId: string; answer: boolean }[];
  password: string;
}

/**
 * POST /reports/send answer: 201 `received` (200 when the backend already had this report: the same receipt),
 * or 202 `waiting`: signed and stored on the box, sent once the backend can be reached (`report:received`).
 */
export type SendReportResponse =
  | { state: 'received'; receipt: StatusReportReceipt }
  | { state: 'waiting'; submissionId: string };

/** POST /reports/:submissionId/dismiss: the viewer has seen a failed report; it leaves the box. */
export interface ReportDismissedResponse {
  submissionId: string;
}

// ---- Notices (お知らせ) -------------------------------------------------------------------------------------

/** GET /notices (login required): the resident's notices, newest first. */
export interface NoticesResponse {
  notices: Notice[];
}

/** POST /notices/:id/read answer. */
export interface NoticeReadResponse {
  id: string;
}

// ---- Health records (母子健康情報) --------------------------------------------------------------------------

/** A child linked to the resident (the backend's, unchanged). */
export type ChildSummary = ChildRecord['child'];

/** GET /children (login required): the children linked to the resident by the municipality, oldest first. */
export interface ChildrenResponse {
  children: ChildSummary[];
}

/**
 * GET /children/:id?edition=2023|2010 (login required): measurements with their place on that edition's curves
 * in words, checkups, immunisations given, and the doses due (next due first); 404 `health.child-not-found`.
 */
export type ChildRecordResponse = ChildRecord;

/** GET /growth-curves?measure=weight|height|head&sex=male|female&edition=2023|2010 (login required). */
export interface GrowthCurvesResponse {
  /** Null where that edition has no curve (the 2010 survey here: boys' weight to 12 months only). */
  curves: GrowthCurves | null;
}

/**
 * A 利用申込み as the backend holds it (backend/src/health/link-applications.ts, unchanged): 受付番号, state
 * (`pending` 審査中, `approved` 承認, `rejected` 却下), the children's birth dates (a name only when given).
 */
export type HealthApplication = LinkApplication;

/** GET /health-applications (login required): the resident's applications, newest first. */
export interface HealthApplicationsResponse {
  applications: HealthApplication[];
}

/**
 * POST /health-applications (login required): apply for the children born on these days (1–10, YYYY-MM-DD,
 * Japan dates, none in the future or 18 years ago or more), signed with the signature password; the box adds
 * its household's municipality. `applicationId` (a UUID the TV app picks once per application) makes a repeat
 * sign nothing again. Answers 201 with the application (200: the backend had it already); a wrong password
 * `card.pin-wrong` with `triesLeft`, never retried; a refusal `health.application-invalid` (e.g. a birth date
 * in the future) or `health.signer-mismatch` (the card is not the logged-in resident's registered one).
 */
export interface HealthApplyRequest {
  applicationId: string;
  children: { birthDate: string }[];
  password: string;
}

export type HealthApplyResponse = HealthApplication;

// ---- Watch-over (見守り) -----------------------------------------------------------------------------------

/** GET /watch-over/schedule: whether the household is watched over and when to ask お変わりありませんか
 * ('HH:MM' Japan time, earliest first); the backend's, as it last told the box. */
export interface WatchOverScheduleResponse {
  enrolled: boolean;
  askTimes: string[];
}

/** POST /watch-over/keys (→ 204): how many keys the TV app's own keyboard input had since its last report
 * (1–1000; a count only). POST /watch-over/answer (→ 204, no body): the viewer answered the ask. */
export interface WatchOverKeysRequest {
  presses: number;
}

// ---- Events (GET /events, Server-Sent Events; the SSE `event:` is `type`, `data:` the JSON object) ---------

export type BridgeEvent =
  /** Sent first on every stream, then whenever reader or card change. */
  | { type: 'card:state'; state: CardState }
  | { type: 'reader:missing' }
  | { type: 'reader:attached'; reader: string }
  /** A card was inserted and checked: `jpki` says whether it has the JPKI application (a My Number Card). */
  | { type: 'card:inserted'; reader: string; jpki: boolean }
  | { type: 'card:removed'; reader: string }
  /** A key pressed (or held: `repeat`) on the HID remote; the keyboard's keys reach the TV app directly. */
  | { type: 'remote:key'; key: RemoteKey; repeat: boolean }
  /** A disaster alert or notice to show now, already on disk (a newer one of the same thread replaces it). */
  | { type: 'alert:received'; alert: ActiveAlert }
  /** A pushed message, already on disk in the inbox. */
  | { type: 'message:received'; message: PushMessage }
  /** Sent second on every stream, then on login, logout and expiry. */
  | { type: 'session:changed'; session: SessionState }
  /** A report that was waiting on the box reached the backend: its receipt (once per report). */
  | { type: 'report:received'; receipt: StatusReportReceipt }
  /** A report that was waiting on the box was refused for good; GET /reports lists it as failed. */
  | { type: 'report:failed'; report: QueuedReport };

export type BridgeEventType = BridgeEvent['type'];

// ---- Errors ------------------------------------------------------------------------------------------------

/** Codes of the local API itself. */
export type LocalApiOwnErrorCode =
  /** The request's Origin is not the TV app's (or a state-changing request has none). */
  | 'request.origin-forbidden'
  /** The Host is not 127.0.0.1 or localhost (DNS rebinding). */
  | 'request.host-forbidden'
  | 'request.invalid'
  | 'request.not-found'
  /** The message is not in the inbox, already shown, or expired. */
  | 'message.not-pending'
  /** The resident has no such notice. */
  | 'notice.not-found'
  /** No such child linked to the resident (a child of someone else is answered the same). */
  | 'health.child-not-found'
  /** The backend refused the 利用申込み (a birth date in the future or of an adult): nothing was applied for. */
  | 'health.application-invalid'
  /** The card that signed the 利用申込み is not the logged-in resident's as registered (four items changed). */
  | 'health.signer-mismatch'
  /** The alert is not one to show now (answered, replaced, expired, unknown). */
  | 'alert.not-active'
  /** The alert's mark or response could not be written to the box's disk. */
  | 'alert.store-failed'
  | 'internal';

/** Every code a client can see: the card's, the resident flows', the reports', the inbox's and the API's own. */
export type LocalApiErrorCode =
  | CardErrorCode
  | ApduErrorCode
  | SessionErrorCode
  | ReportErrorCode
  | Extract<LinkErrorCode, 'link.inbox-write-failed'>
  | ShelterErrorCode
  | LocalApiOwnErrorCode;

/** Every error answer: `{ error: { code, message, triesLeft?, pinKind? } }`. Never contains a PIN. */
export interface ErrorResponse {
  error: {
    code: LocalApiErrorCode;
    message: string;
    /** For `card.pin-wrong` / `card.pin-blocked`. */
    triesLeft?: number;
    /** Which secret a PIN error is about (registration uses both). */
    pinKind?: PinKind;
  };
}

// ---- Shelter mode (stb-bridge/src/shelter) -----------------------------------------------------------------

/** GET /shelter/status: online/offline, events waiting to be sent, the cached CRL's age. */
/** Where the terminal's journal stands with the backend. */
export interface ShelterSyncStatus {
  /** null until the first attempt. */
  online: boolean | null;
  /** Events in the journal the backend has not confirmed. */
  waiting: number;
  storedThrough: number;
  lastSyncAt: string | null;
  /** The backend refused the terminal or a batch: staff must call for help (sync stops retrying quickly). */
  refused: { code: ShelterErrorCode; message: string } | null;
}

export interface ShelterStatusResponse extends ShelterSyncStatus {
  /** Events in the journal (the last sequence number). */
  journalled: number;
  /** The cached CRL: its age at this moment and when the CA promised the next; null when none is usable. */
  crl: { ageSeconds: number; nextUpdate: string | null } | null;
  /** Cached CA certificates (0: every card would be 'untrusted'). */
  authorities: number;
}

/** POST /shelter/tap: check in the holder of the card on the reader; with `pin`, with proof of presence. */
export interface ShelterTapRequest {
  /** Members of one household share a group id (made by the staff page); null for one person. */
  groupId: string | null;
  pin?: string;
}

/** The journalled check-in (on disk when this answers), the offline card check, events waiting. */
export interface ShelterTapResponse {
  event: ShelterEvent;
  check: { result: CardCheckResult; crlAgeSeconds: number | null; notAfter: string };
  waiting: number;
}

/** A person as shelter events name them (a card by its certificate, or a hand entry). */
export type PersonRef = Extract<ShelterEvent, { type: 'check-out' }>['person'];

/**
 * Whom a staff action is about: a person as an earlier event named them (the tap's or hand entry's answer),
 * or `'reader'`: the holder of the card on the reader now (read without PIN, checked offline).
 */
export type ShelterPersonChoice = PersonRef | 'reader';

/** POST /shelter/check-out */
export interface ShelterCheckOutRequest {
  person: ShelterPersonChoice;
}

/** POST /shelter/move: the person leaves for another shelter (its 共通ID, E + 13 digits). */
export interface ShelterMoveRequest {
  person: ShelterPersonChoice;
  toShelterId: string;
}

/** POST /shelter/household: puts a person already checked in into a household group. */
export interface ShelterHouseholdRequest {
  person: ShelterPersonChoice;
  groupId: string;
}

/** POST /shelter/manual-person: someone without a card, entered by hand and checked in (with the group). */
export interface ShelterManualPersonRequest {
  name: string;
  ageGroup: 'infant' | 'child' | 'adult' | 'elderly';
  needsAssistance: boolean;
  groupId: string | null;
}

/** POST /shelter/note: a need, recorded only with the person's consent. */
export interface ShelterNoteRequest {
  person: ShelterPersonChoice;
  topic: 'medicine' | 'allergy' | 'pet' | 'car-stay' | 'care' | 'other';
  text: string;
  consent: true;
}

/** The answer of every staff action: the journalled events (on disk), the person, the card check if read. */
export interface ShelterActionResponse {
  events: ShelterEvent[];
  person: PersonRef;
  check: ShelterTapResponse['check'] | null;
  waiting: number;
}
