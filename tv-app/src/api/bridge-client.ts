// Every call the TV app makes to the bridge's localhost API (contract: @myna-tv/stb-bridge/contracts), and the
// mapping of its wire data to what the screens show. Pages never see a wire field or an error code.

import {
  type ActiveAlert,
  type AlertAnswer,
  type AlertAnswerRequest,
  type AlertsResponse,
  type BridgeEvent,
  type BridgeEventType,
  type CardState,
  type ChildRecordResponse,
  type ChildrenResponse,
  type ChildSummary,
  DEFAULT_LOCAL_API_PORT,
  type ErrorResponse,
  type GrowthCurves,
  type GrowthCurvesResponse,
  type GrowthEdition,
  type GrowthMeasure,
  type HealthApplication,
  type HealthApplicationsResponse,
  type HealthApplyRequest,
  type HealthApplyResponse,
  type LocalApiErrorCode,
  type NoticesResponse,
  type PinKind,
  type QueuedReport,
  type RegisterResponse,
  type RemoteKey,
  type ReportsResponse,
  type SendReportRequest,
  type SendReportResponse,
  type SessionState,
  type StatusReportDraft,
  type StatusReportReceipt,
  type TriesResponse,
  type WatchOverKeysRequest,
  type WatchOverScheduleResponse,
} from '@myna-tv/stb-bridge/contracts';
import { compassLabels } from '../../../disaster/src/targeting/compass.ts';

export type { AlertAnswer, GrowthCurves, GrowthEdition, GrowthMeasure, PinKind, RemoteKey };

/** A disaster alert (kind issue: to answer) or notice (lift, cancel) as the overlay shows it, in Japanese. */
export interface AlertView {
  seq: number;
  thread: string;
  kind: 'issue' | 'lift' | 'cancel';
  exercise: boolean;
  level: number | null;
  /** The household supports someone in the area (the text says whom). */
  supporter: boolean;
  title: string;
  action: string;
  place: string | null;
  /** The same texts in English, when the household asked for English (shown under the Japanese). */
  english: { title: string; action: string; place: string | null } | null;
  shelter: { name: string; distanceMetres: number; direction: string; directionLabel: string } | null;
  /** Epoch milliseconds: off the screen then. */
  expiresAt: number;
  shown: boolean;
}

/** What the screens need to know about the reader and the card. */
export type CardView = 'offline' | 'no-reader' | 'absent' | 'checking' | 'my-number-card' | 'other-card';

/** Why something could not be done, as the viewer is told. */
export type Problem =
  | 'not-registered'
  | 'card-removed'
  | 'no-card'
  | 'not-my-number-card'
  | 'no-reader'
  | 'format'
  | 'unavailable'
  | 'card-invalid'
  | 'failed';

/** What an error code means to the viewer. */
type Meaning = Problem | 'wrong' | 'blocked' | 'signed-out' | 'certificate' | 'not-held';

/** The outcome of sending a PIN or password. */
export type SecretResult =
  | { ok: true; newlyRegistered: boolean }
  | { ok: false; problem: 'wrong'; kind: PinKind; triesLeft: number }
  | { ok: false; problem: 'blocked'; kind: PinKind }
  | { ok: false; problem: Problem };

export type TriesResult = { ok: true; triesLeft: number } | { ok: false; problem: Problem };

/** A report the viewer has to send: the form, pre-filled. */
export type DueReport = StatusReportDraft;
/** A report the backend received. */
export type ReportReceipt = Pick<
  StatusReportReceipt,
  'receiptNumber' | 'receivedAt' | 'contractId' | 'period' | 'insurerName'
>;
/** A signed report kept on the box: waiting for the backend, or refused for good (`problem` says why). */
export interface QueuedReportView {
  submissionId: string;
  contractId: string;
  period: string;
  insurerName: string;
  problem: ReportProblem | null;
}
export interface ReportsView {
  due: DueReport[];
  waiting: QueuedReportView[];
  sent: ReportReceipt[];
}

/** Why a report could not be listed or sent, beyond the card's own problems. */
export type ReportProblem =
  | Problem
  /** No resident session (idle logout, expired): the card flow first. */
  | 'signed-out'
  /** The signature certificate is revoked or expired, or the holder's four items changed: register anew. */
  | 'certificate'
  /** The report's contract is not the signer's. */
  | 'not-held';

export type ReportAnswer = SendReportRequest['answers'][number];

export type SendReportResult =
  | { ok: true; state: 'received'; receipt: ReportReceipt }
  | { ok: true; state: 'waiting' }
  | { ok: false; problem: 'wrong'; triesLeft: number }
  | { ok: false; problem: 'blocked' }
  | { ok: false; problem: ReportProblem };

export interface NoticeView {
  id: string;
  senderName: string;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
}

/** A child linked to the resident, as the list shows it. */
export interface ChildView {
  id: string;
  name: string;
  birthDate: string;
  sex: ChildSummary['sex'];
}

/** A child's record: growth with its place on the curves in words, checkups, doses given and due. */
export interface ChildRecordView {
  child: ChildView;
  measurements: {
    kind: GrowthMeasure;
    on: string;
    ageMonths: number;
    value: number;
    unit: 'kg' | 'cm';
    /** 「50〜75パーセンタイルの間」; null where the edition has no curve. */
    position: string | null;
  }[];
  checkups: { name: string; on: string; result: string; note: string | null }[];
  given: { name: string; dose: number | null; on: string }[];
  /** Next due first. */
  due: { name: string; label: string; dueOn: string; closesOn: string }[];
}

export type HealthResult<T> = { ok: true; value: T } | { ok: false; problem: ReportProblem };

/** A 利用申込み as the screens show it: 受付番号, where the municipality's review stands, the birth dates. */
export interface ApplicationView {
  receiptNumber: string;
  state: HealthApplication['state'];
  submittedAt: string;
  birthDates: string[];
  /** Why the municipality rejected it, as its staff wrote it; null otherwise. */
  reason: string | null;
}

export type ApplyResult =
  | { ok: true; application: ApplicationView }
  | { ok: false; problem: 'wrong'; triesLeft: number }
  | { ok: false; problem: 'blocked' }
  | { ok: false; problem: ReportProblem };

export interface BridgeListener {
  card(view: CardView): void;
  session(signedIn: boolean): void;
  remoteKey(key: RemoteKey): void;
  /** A report that waited on the box got its receipt. */
  reportReceived(receipt: ReportReceipt): void;
  /** A disaster alert or notice to show now. */
  alert?(alert: AlertView): void;
  /** The event stream (re)opened: what was missed while it was down is to be asked for again. */
  streamOpened?(): void;
}

// Exhaustive over the contract's codes: a new code fails the typecheck until it is given a meaning here.
const problemOfCode: Record<LocalApiErrorCode, Meaning> = {
  'card.pin-wrong': 'wrong',
  'card.pin-blocked': 'blocked',
  'card.pin-format': 'format',
  'session.not-registered': 'not-registered',
  'card.removed': 'card-removed',
  'card.absent': 'no-card',
  'card.not-jpki': 'not-my-number-card',
  'card.forbidden-aid': 'not-my-number-card',
  'card.no-reader': 'no-reader',
  'card.no-pcsc': 'no-reader',
  'card.timeout': 'unavailable',
  'card.transport': 'unavailable',
  'session.backend-unavailable': 'unavailable',
  'session.busy': 'unavailable',
  'session.card-revoked': 'card-invalid',
  'session.card-expired': 'card-invalid',
  'session.card-refused': 'card-invalid',
  'session.login-required': 'signed-out',
  'report.contract-not-held': 'not-held',
  'report.holder-mismatch': 'certificate',
  'report.not-due': 'failed',
  'report.answers-mismatch': 'failed',
  'report.refused': 'failed',
  'report.outbox-write-failed': 'failed',
  'report.not-found': 'failed',
  'notice.not-found': 'failed',
  'health.child-not-found': 'failed',
  'health.application-invalid': 'failed',
  // The card's four items differ from the registered resident's: register the card anew.
  'health.signer-mismatch': 'certificate',
  'alert.not-active': 'failed',
  'alert.store-failed': 'failed',
  // Shelter-terminal codes: that mode has its own staff page, not the TV app.
  'shelter.card-unreadable': 'failed',
  'shelter.journal-closed': 'failed',
  'shelter.journal-corrupt': 'failed',
  'shelter.journal-write-failed': 'failed',
  'shelter.not-enrolled': 'failed',
  'shelter.sync-refused': 'failed',
  'card.closed': 'failed',
  'card.pin-required': 'failed',
  'card.bad-input': 'failed',
  'card.bad-response': 'failed',
  'apdu.malformed': 'failed',
  'apdu.status': 'failed',
  'session.device-refused': 'failed',
  'session.refused': 'failed',
  'link.inbox-write-failed': 'failed',
  'request.origin-forbidden': 'failed',
  'request.host-forbidden': 'failed',
  'request.invalid': 'failed',
  'request.not-found': 'failed',
  'message.not-pending': 'failed',
  internal: 'failed',
};

export function cardViewOf(state: CardState): CardView {
  if (state.reader === null) return 'no-reader';
  switch (state.card) {
    case 'absent':
      return 'absent';
    case 'checking':
      return 'checking';
    case 'jpki':
      return 'my-number-card';
    case 'not-jpki':
      return 'other-card';
  }
}

const meaningOf = (error: ErrorResponse['error'] | undefined): Meaning =>
  (error && problemOfCode[error.code]) ?? 'failed';

/** The card flows' reading of a meaning: report-only meanings are a plain failure there. */
function loginProblemOf(meaning: Exclude<Meaning, 'wrong' | 'blocked'>): Problem {
  return meaning === 'signed-out' || meaning === 'certificate' || meaning === 'not-held' ? 'failed' : meaning;
}

/** The failure a bridge error answer stands for; `kind` is the secret that was sent. */
export function secretResultOf(error: ErrorResponse['error'] | undefined, kind: PinKind): SecretResult {
  const problem = meaningOf(error);
  if (problem === 'wrong') {
    return { ok: false, problem, kind: error?.pinKind ?? kind, triesLeft: error?.triesLeft ?? 1 };
  }
  if (problem === 'blocked') return { ok: false, problem, kind: error?.pinKind ?? kind };
  return { ok: false, problem: loginProblemOf(problem) };
}

/**
 * The bridge's base URL: `?bridge=` on the app's URL when it names this machine (tests and development run
 * the bridge on another port), else the default port on 127.0.0.1. A secret is never sent off the box.
 */
export function resolveBridgeUrl(search: string): string {
  const given = new URLSearchParams(search).get('bridge');
  if (given && URL.canParse(given)) {
    const url = new URL(given);
    if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) {
      return url.origin;
    }
  }
  return `http://127.0.0.1:${DEFAULT_LOCAL_API_PORT}`;
}

interface Answer {
  status: number;
  body: unknown;
}

export class BridgeClient {
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(options: { baseUrl: string; fetch?: typeof fetch }) {
    this.baseUrl = options.baseUrl;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Follows GET /events (the browser reconnects by itself); returns a function that stops. */
  watch(listener: BridgeListener): () => void {
    const source = new EventSource(`${this.baseUrl}/events`);
    const handlers: { [T in BridgeEventType]: (event: Extract<BridgeEvent, { type: T }>) => void } = {
      'card:state': (event) => listener.card(cardViewOf(event.state)),
      'reader:missing': () => listener.card('no-reader'),
      'reader:attached': () => listener.card('absent'),
      'card:inserted': (event) => listener.card(event.jpki ? 'my-number-card' : 'other-card'),
      'card:removed': () => listener.card('absent'),
      'remote:key': (event) => listener.remoteKey(event.key),
      // Pushed messages are shown by the notice screens (later work); the bridge keeps them until then.
      'message:received': () => {},
      'session:changed': (event) => listener.session(event.session.loggedIn),
      'report:received': (event) => listener.reportReceived(receiptOf(event.receipt)),
      // The list shows a refused report next time it opens.
      'report:failed': () => {},
      'alert:received': (event) => listener.alert?.(alertViewOf(event.alert)),
    };
    for (const [type, handle] of Object.entries(handlers)) {
      source.addEventListener(type, (message) => {
        (handle as (event: BridgeEvent) => void)(JSON.parse((message as MessageEvent<string>).data));
      });
    }
    source.onopen = () => listener.streamOpened?.();
    source.onerror = () => {
      if (source.readyState !== EventSource.OPEN) listener.card('offline');
    };
    return () => source.close();
  }

  async triesLeft(kind: PinKind): Promise<TriesResult> {
    const answer = await this.call('GET', `/card/tries?kind=${kind}`);
    if (answer.status === 200) return { ok: true, triesLeft: (answer.body as TriesResponse).triesLeft };
    const problem = meaningOf(errorOf(answer));
    return {
      ok: false,
      problem: problem === 'wrong' || problem === 'blocked' ? 'failed' : loginProblemOf(problem),
    };
  }

  /** Signs in with the 4-digit user-authentication PIN. */
  async login(pin: string): Promise<SecretResult> {
    const answer = await this.call('POST', '/login', { pin });
    if (answer.status === 200) return { ok: true, newlyRegistered: false };
    return secretResultOf(errorOf(answer), 'auth');
  }

  /** Registers the card (signature password) and signs in (PIN) in one step. */
  async register(password: string, pin: string): Promise<SecretResult> {
    const answer = await this.call('POST', '/register', { password, pin });
    if (answer.status === 201)
      return { ok: true, newlyRegistered: (answer.body as RegisterResponse).created };
    return secretResultOf(errorOf(answer), 'sign');
  }

  /** Ends the session; answers whether one is still open (true only when the bridge could not be asked). */
  async logout(): Promise<boolean> {
    const answer = await this.call('POST', '/logout');
    return answer.status === 200 ? (answer.body as SessionState).loggedIn : true;
  }

  /** The reports due, waiting on the box and sent, of the signed-in resident. */
  async reports(): Promise<{ ok: true; reports: ReportsView } | { ok: false; problem: ReportProblem }> {
    const answer = await this.call('GET', '/reports');
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    const body = answer.body as ReportsResponse;
    return {
      ok: true,
      reports: { due: body.due, waiting: body.waiting.map(queuedOf), sent: body.sent.map(receiptOf) },
    };
  }

  /** Signs the report with the signature password on the card, and sends it (or keeps it to send later). */
  async sendReport(request: SendReportRequest): Promise<SendReportResult> {
    const answer = await this.call('POST', '/reports/send', request);
    if (answer.status === 200 || answer.status === 201 || answer.status === 202) {
      const body = answer.body as SendReportResponse;
      return body.state === 'received'
        ? { ok: true, state: 'received', receipt: receiptOf(body.receipt) }
        : { ok: true, state: 'waiting' };
    }
    const error = errorOf(answer);
    const meaning = meaningOf(error);
    if (meaning === 'wrong') return { ok: false, problem: 'wrong', triesLeft: error?.triesLeft ?? 1 };
    if (meaning === 'blocked') return { ok: false, problem: 'blocked' };
    return { ok: false, problem: reportProblemOf(error) };
  }

  /** お知らせ, newest first. */
  async notices(): Promise<{ ok: true; notices: NoticeView[] } | { ok: false; problem: ReportProblem }> {
    const answer = await this.call('GET', '/notices');
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    const { notices } = answer.body as NoticesResponse;
    return {
      ok: true,
      notices: notices.map(({ id, senderName, title, body, createdAt, readAt }) => ({
        id,
        senderName,
        title,
        body,
        createdAt,
        read: readAt !== null,
      })),
    };
  }

  /** The children linked to the signed-in resident, oldest first. */
  async children(): Promise<HealthResult<ChildView[]>> {
    const answer = await this.call('GET', '/children');
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    return { ok: true, value: (answer.body as ChildrenResponse).children.map(childViewOf) };
  }

  /** One child's record, placed on the growth curves of `edition`. */
  async childRecord(id: string, edition: GrowthEdition): Promise<HealthResult<ChildRecordView>> {
    const answer = await this.call('GET', `/children/${encodeURIComponent(id)}?edition=${edition}`);
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    const wire = answer.body as ChildRecordResponse;
    return {
      ok: true,
      value: {
        child: childViewOf(wire.child),
        measurements: wire.measurements.map(({ kind, measuredOn, ageMonths, value, unit, position }) => ({
          kind,
          on: measuredOn,
          ageMonths,
          value,
          unit,
          position,
        })),
        checkups: wire.checkups,
        given: wire.immunizations.map(({ name, doseNumber, on }) => ({ name, dose: doseNumber, on })),
        due: wire.due.map(({ name, label, dueOn, closesOn }) => ({ name, label, dueOn, closesOn })),
      },
    };
  }

  /** The percentile curves of one measure; null where that edition has none. */
  async growthCurves(query: {
    measure: GrowthMeasure;
    sex: ChildView['sex'];
    edition: GrowthEdition;
  }): Promise<HealthResult<GrowthCurves | null>> {
    const answer = await this.call('GET', `/growth-curves?${new URLSearchParams(query)}`);
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    return { ok: true, value: (answer.body as GrowthCurvesResponse).curves };
  }

  /** The signed-in resident's 利用申込み, newest first. */
  async healthApplications(): Promise<HealthResult<ApplicationView[]>> {
    const answer = await this.call('GET', '/health-applications');
    if (answer.status !== 200) return { ok: false, problem: reportProblemOf(errorOf(answer)) };
    return {
      ok: true,
      value: (answer.body as HealthApplicationsResponse).applications.map(applicationViewOf),
    };
  }

  /** Signs the 利用申込み with the signature password on the card, and sends it. */
  async applyForHealth(request: HealthApplyRequest): Promise<ApplyResult> {
    const answer = await this.call('POST', '/health-applications', request);
    if (answer.status === 200 || answer.status === 201)
      return { ok: true, application: applicationViewOf(answer.body as HealthApplyResponse) };
    const error = errorOf(answer);
    const meaning = meaningOf(error);
    if (meaning === 'wrong') return { ok: false, problem: 'wrong', triesLeft: error?.triesLeft ?? 1 };
    if (meaning === 'blocked') return { ok: false, problem: 'blocked' };
    return { ok: false, problem: reportProblemOf(error) };
  }

  /** Takes a report refused for good off the box, once the viewer was told. */
  async dismissReport(submissionId: string): Promise<void> {
    await this.call('POST', `/reports/${encodeURIComponent(submissionId)}/dismiss`);
  }

  /** Marks a notice read; false when the bridge could not do it (the mark comes back next time). */
  async markNoticeRead(id: string): Promise<boolean> {
    const answer = await this.call('POST', `/notices/${encodeURIComponent(id)}/read`);
    return answer.status >= 200 && answer.status < 300;
  }

  /** The alerts and notices to show now (null: the bridge could not be asked). */
  async alerts(): Promise<AlertView[] | null> {
    const answer = await this.call('GET', '/alerts');
    if (answer.status !== 200) return null;
    return (answer.body as AlertsResponse).alerts.map(alertViewOf);
  }

  /** Tells the bridge the alert is on screen (it reports that to the municipality). */
  async alertShown(seq: number): Promise<boolean> {
    const answer = await this.call('POST', `/alerts/${seq}/shown`);
    return answer.status === 200;
  }

  /** The viewer's answer; true once the bridge has it on disk (it sends it on to the municipality). */
  async answerAlert(seq: number, answer: AlertAnswer): Promise<boolean> {
    const request: AlertAnswerRequest = { answer };
    const result = await this.call('POST', `/alerts/${seq}/answer`, request);
    return result.status === 200;
  }

  /** When to ask お変わりありませんか ('HH:MM' Japan time); none when not watched over or unreachable. */
  async watchOverAskTimes(): Promise<string[]> {
    const answer = await this.call('GET', '/watch-over/schedule');
    if (answer.status !== 200) return [];
    const schedule = answer.body as WatchOverScheduleResponse;
    return schedule.enrolled ? schedule.askTimes : [];
  }

  /** Watch-over: how many keys this page's own keyboard had (a count only); false when not taken. */
  async reportKeys(presses: number): Promise<boolean> {
    const request: WatchOverKeysRequest = { presses };
    return (await this.call('POST', '/watch-over/keys', request)).status === 204;
  }

  /** Watch-over: the viewer answered お変わりありませんか. */
  async answerWellbeing(): Promise<boolean> {
    return (await this.call('POST', '/watch-over/answer')).status === 204;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    try {
      const response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    } catch {
      // The bridge is not running or not reachable: the same to the viewer as a busy service.
      return { status: 0, body: { error: { code: 'session.backend-unavailable', message: 'unreachable' } } };
    }
  }
}

export function alertViewOf(wire: ActiveAlert): AlertView {
  const { payload } = wire;
  const shelter = payload.shelter;
  return {
    seq: wire.seq,
    thread: payload.thread,
    kind: payload.kind,
    exercise: payload.status === 'Exercise',
    level: payload.level,
    supporter: payload.role === 'supporter',
    title: payload.ja.title,
    action: payload.ja.action,
    place: payload.ja.place,
    english: payload.en
      ? { title: payload.en.title, action: payload.en.action, place: payload.en.place }
      : null,
    shelter: shelter
      ? {
          name: shelter.name,
          distanceMetres: shelter.distanceMetres,
          direction: shelter.direction,
          directionLabel: compassLabels.ja[shelter.direction],
        }
      : null,
    expiresAt: Date.parse(wire.expiresAt),
    shown: wire.shownAt !== null,
  };
}

function childViewOf(wire: ChildSummary): ChildView {
  return {
    id: wire.id,
    name: wire.nameKanji ?? wire.nameKana ?? '',
    birthDate: wire.birthDate,
    sex: wire.sex,
  };
}

function applicationViewOf(wire: HealthApplication): ApplicationView {
  const { receiptNumber, state, submittedAt, children, reason } = wire;
  return { receiptNumber, state, submittedAt, birthDates: children.map((c) => c.birthDate), reason };
}

function receiptOf(wire: StatusReportReceipt): ReportReceipt {
  const { receiptNumber, receivedAt, contractId, period, insurerName } = wire;
  return { receiptNumber, receivedAt, contractId, period, insurerName };
}

function queuedOf(wire: QueuedReport): QueuedReportView {
  const { submissionId, contractId, period, insurerName } = wire;
  const problem = wire.state === 'failed' ? reportProblemOf({ code: wire.failure?.code, message: '' }) : null;
  return { submissionId, contractId, period, insurerName, problem };
}

/** The report flow's reading of an error: a revoked or expired certificate asks for the renewed one. */
export function reportProblemOf(
  error: { code: string | undefined; message: string } | undefined,
): ReportProblem {
  const problem = meaningOf(error as ErrorResponse['error'] | undefined);
  if (problem === 'card-invalid') return 'certificate';
  return problem === 'wrong' || problem === 'blocked' ? 'failed' : problem;
}

function errorOf(answer: Answer): ErrorResponse['error'] | undefined {
  return (answer.body as Partial<ErrorResponse> | undefined)?.error;
}

let shared: BridgeClient | undefined;

/** The app's one client, on the bridge URL resolveBridgeUrl picks from the page's address. */
export function bridge(): BridgeClient {
  shared ??= new BridgeClient({ baseUrl: resolveBridgeUrl(location.search) });
  return shared;
}
