// The box's HTTP calls for the resident flows and the status reports, with its device credential
// (`Authorization: Device <id>.<secret>`, and `X-Resident-Session` for a logged-in resident:
// backend/src/http/credentials.ts). Backend answers are reduced to SessionErrors and ReportErrors here, so the
// flows and the local API never see HTTP.
import type {
  ActivityReceipt,
  ActivityReport,
  AlertResponse,
  AlertResponseInput,
  ChildRecord,
  DeviceIdentity,
  ErrorBody,
  ErrorCode,
  GrowthCurves,
  GrowthEdition,
  GrowthMeasure,
  LinkApplication,
  LoginChallenge,
  LoginProof,
  NoticeList,
  RegistrationRequest,
  ResidentSessionHeader,
  ResidentSessionResponse,
  ResidentStatusReports,
  StatusReportReceipt,
  StatusReportSubmission,
} from '@myna-tv/backend';
import type { DeviceCredential } from '../link/device-credential.ts';
import { ReportError, type ReportErrorCode } from '../reports/report-error.ts';
import { SessionError, type SessionErrorCode } from './session-error.ts';

export interface BackendClientOptions {
  /** Backend base URLs; the next is tried when one cannot be reached. */
  urls: readonly string[];
  credential: DeviceCredential;
  /** Longest wait for one answer (default 15 s: the backend may be asking an OCSP responder). */
  timeoutMs?: number;
}

/** What the bridge reads of GET /api/v1/residents/me (the backend declares it inline in resident-routes.ts). */
export interface ResidentBasicInfo {
  residentId: string;
  name: string;
}

export type RegistrationResponse = ResidentSessionResponse & { created: boolean };

/** The backend as the resident flows need it (BackendClient over HTTP; tests hand in their own). */
export interface ResidentBackend {
  requestChallenge(): Promise<LoginChallenge>;
  login(proof: LoginProof): Promise<ResidentSessionResponse>;
  register(request: RegistrationRequest): Promise<RegistrationResponse>;
  logout(sessionToken: string): Promise<void>;
  residentInfo(sessionToken: string): Promise<ResidentBasicInfo>;
}

/** A receipt, and whether this submission made it (false: the backend had the report already). */
export interface SubmittedReport {
  receipt: StatusReportReceipt;
  created: boolean;
}

/** The backend as the status reports and notices need it (BackendClient over HTTP; tests hand in their own). */
export interface ReportBackend {
  statusReports(sessionToken: string): Promise<ResidentStatusReports>;
  /** Device credential only: the CMS names the resident, so a report queued offline outlives the session. */
  submitStatusReport(submission: StatusReportSubmission): Promise<SubmittedReport>;
  notices(sessionToken: string): Promise<NoticeList>;
  markNoticeRead(sessionToken: string, noticeId: string): Promise<void>;
}

/** A 利用申込み as the backend holds it, and whether this submission made it (false: it had it already). */
export interface SubmittedApplication {
  application: LinkApplication;
  created: boolean;
}

/** The backend as the health records need it (BackendClient over HTTP; tests hand in their own). */
export interface HealthBackend {
  children(sessionToken: string): Promise<{ children: ChildRecord['child'][] }>;
  childRecord(sessionToken: string, childId: string, edition: GrowthEdition): Promise<ChildRecord>;
  growthCurves(
    sessionToken: string,
    query: { measure: GrowthMeasure; sex: ChildRecord['child']['sex']; edition: GrowthEdition },
  ): Promise<GrowthCurves>;
  /** The resident's 利用申込み, newest first. */
  healthApplications(sessionToken: string): Promise<{ applications: LinkApplication[] }>;
  /** A signed 利用申込み (base64 CMS); the same CMS again answers the first. */
  submitHealthApplication(sessionToken: string, signedApplication: string): Promise<SubmittedApplication>;
  /** The 全国地方公共団体コード of this box's household (device credential). */
  householdMunicipality(): Promise<string>;
}

/** The header name is the backend's (checked against its type). */
const residentSessionHeader: ResidentSessionHeader = 'X-Resident-Session';

export class BackendClient implements ResidentBackend, ReportBackend, HealthBackend {
  readonly #options: BackendClientOptions;

  constructor(options: BackendClientOptions) {
    if (options.urls.length === 0) throw new RangeError('BackendClient needs at least one backend URL');
    this.#options = options;
  }

  requestChallenge(): Promise<LoginChallenge> {
    return this.#call('POST', '/api/v1/login/challenge');
  }

  login(proof: LoginProof): Promise<ResidentSessionResponse> {
    return this.#call('POST', '/api/v1/login', { body: proof });
  }

  register(request: RegistrationRequest): Promise<RegistrationResponse> {
    return this.#call('POST', '/api/v1/residents/registrations', { body: request });
  }

  async logout(sessionToken: string): Promise<void> {
    await this.#call('POST', '/api/v1/logout', { sessionToken });
  }

  residentInfo(sessionToken: string): Promise<ResidentBasicInfo> {
    return this.#call('GET', '/api/v1/residents/me', { sessionToken });
  }

  statusReports(sessionToken: string): Promise<ResidentStatusReports> {
    return this.#call('GET', '/api/v1/residents/me/status-reports', { sessionToken });
  }

  async submitStatusReport(submission: StatusReportSubmission): Promise<SubmittedReport> {
    let status = 0;
    const receipt = await this.#call<StatusReportReceipt>('POST', '/api/v1/status-reports', {
      body: submission,
      onStatus: (s) => (status = s),
    });
    return { receipt, created: status === 201 };
  }

  /** Device credential: a disaster alert was shown or answered on this box (alerts/alert-response-sender.ts). */
  sendAlertResponse(record: AlertResponseInput): Promise<AlertResponse> {
    return this.#call('POST', '/api/v1/alert-responses', { body: record });
  }

  /** Device credential: key presses per hour for watch-over (watch-over/activity-sender.ts). */
  sendWatchOverActivity(report: ActivityReport): Promise<ActivityReceipt> {
    return this.#call('POST', '/api/v1/watch-over/activity', { body: report });
  }

  notices(sessionToken: string): Promise<NoticeList> {
    return this.#call('GET', '/api/v1/residents/me/notices', { sessionToken });
  }

  async markNoticeRead(sessionToken: string, noticeId: string): Promise<void> {
    await this.#call('POST', `/api/v1/residents/me/notices/${encodeURIComponent(noticeId)}/read`, {
      sessionToken,
    });
  }

  children(sessionToken: string): Promise<{ children: ChildRecord['child'][] }> {
    return this.#call('GET', '/api/v1/residents/me/children', { sessionToken });
  }

  childRecord(sessionToken: string, childId: string, edition: GrowthEdition): Promise<ChildRecord> {
    const path = `/api/v1/residents/me/children/${encodeURIComponent(childId)}?edition=${edition}`;
    return this.#call('GET', path, { sessionToken });
  }

  growthCurves(
    sessionToken: string,
    query: { measure: GrowthMeasure; sex: ChildRecord['child']['sex']; edition: GrowthEdition },
  ): Promise<GrowthCurves> {
    const search = new URLSearchParams(query);
    return this.#call('GET', `/api/v1/health/growth-curves?${search}`, { sessionToken });
  }

  healthApplications(sessionToken: string): Promise<{ applications: LinkApplication[] }> {
    return this.#call('GET', '/api/v1/residents/me/health-applications', { sessionToken });
  }

  async submitHealthApplication(
    sessionToken: string,
    signedApplication: string,
  ): Promise<SubmittedApplication> {
    let status = 0;
    const application = await this.#call<LinkApplication>(
      'POST',
      '/api/v1/residents/me/health-applications',
      {
        sessionToken,
        body: { signedApplication },
        onStatus: (s) => (status = s),
      },
    );
    return { application, created: status === 201 };
  }

  async householdMunicipality(): Promise<string> {
    // The household's code comes first; a 12-digit 町字 area code may follow.
    const { areaCodes } = await this.#call<DeviceIdentity>('GET', '/api/v1/device/identity');
    const code = areaCodes.find((c) => /^\d{6}$/.test(c));
    if (code === undefined) throw new SessionError('session.refused', 'the household has no municipality');
    return code;
  }

  async #call<T>(
    method: string,
    path: string,
    options: { body?: unknown; sessionToken?: string; onStatus?: (status: number) => void } = {},
  ): Promise<T> {
    const { credential, urls, timeoutMs = 15_000 } = this.#options;
    const headers: Record<string, string> = {
      authorization: `Device ${credential.deviceId}.${credential.secret}`,
    };
    if (options.sessionToken !== undefined) headers[residentSessionHeader] = options.sessionToken;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let unreachable: unknown;
    for (const url of urls) {
      let response: Response;
      try {
        response = await fetch(new URL(path, url), {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        unreachable = error;
        continue;
      }
      if (response.ok) {
        options.onStatus?.(response.status);
        return (response.status === 204 ? undefined : await response.json()) as T;
      }
      throw await refusal(response, `${method} ${path}`, options.sessionToken !== undefined);
    }
    throw new SessionError('session.backend-unavailable', 'the backend cannot be reached', {
      cause: unreachable,
    });
  }
}

async function refusal(
  response: Response,
  what: string,
  asResident: boolean,
): Promise<SessionError | ReportError> {
  let backendCode: ErrorCode | undefined;
  let backendMessage = '';
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (typeof body.error?.code === 'string') backendCode = body.error.code;
    if (typeof body.error?.message === 'string') backendMessage = `: ${body.error.message}`;
  } catch {
    // not our error shape (a proxy's page): the status says enough
  }
  const message = `${what} answered ${response.status} ${backendCode ?? ''}${backendMessage}`.trim();
  const options = backendCode !== undefined ? { backendCode } : {};
  const reportCode = reportCodeOf(backendCode);
  if (reportCode !== undefined) return new ReportError(reportCode, message, options);
  return new SessionError(sessionCodeOf(response.status, backendCode, asResident), message, options);
}

/** The backend's report.* codes (backend/src/status-reports) as the viewer is told them. */
function reportCodeOf(backendCode: string | undefined): ReportErrorCode | undefined {
  switch (backendCode) {
    case 'report.contract-not-held':
    case 'report.holder-mismatch':
    case 'report.not-due':
    case 'report.answers-mismatch':
      return backendCode;
    default:
      // report.malformed and any code added later: the box built something the backend does not take.
      return backendCode?.startsWith('report.') ? 'report.refused' : undefined;
  }
}

/** The backend's code (backend/src/http/error-response.ts) reduced to what the viewer is told. */
function sessionCodeOf(
  status: number,
  backendCode: ErrorCode | undefined,
  asResident: boolean,
): SessionErrorCode {
  if (backendCode === 'resident.not-registered') return 'session.not-registered';
  // The resident's session ended on the backend (idle timeout, logout elsewhere): log in again.
  if (asResident && backendCode?.startsWith('auth.') && status === 401) return 'session.login-required';
  if (backendCode === 'jpki.cert-revoked') return 'session.card-revoked';
  if (backendCode === 'jpki.cert-expired' || backendCode === 'jpki.cert-not-yet-valid')
    return 'session.card-expired';
  if (status >= 500 || status === 429) return 'session.backend-unavailable';
  if (backendCode?.startsWith('jpki.')) return 'session.card-refused';
  if (backendCode?.startsWith('device.') || status === 401) return 'session.device-refused';
  return 'session.refused';
}
