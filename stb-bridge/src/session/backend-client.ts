// The box's HTTP calls for the resident flows, with its device credential (`Authorization: Device <id>.<secret>`,
// and `X-Resident-Session` for a logged-in resident: backend/src/http/credentials.ts). Backend answers are
// reduced to SessionErrors here, so the flows and the local API never see HTTP.
import type {
  ErrorBody,
  ErrorCode,
  LoginChallenge,
  LoginProof,
  RegistrationRequest,
  ResidentSessionHeader,
  ResidentSessionResponse,
} from '@myna-tv/backend';
import type { DeviceCredential } from '../link/device-credential.ts';
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

/** The header name is the backend's (checked against its type). */
const residentSessionHeader: ResidentSessionHeader = 'X-Resident-Session';

export class BackendClient implements ResidentBackend {
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

  async #call<T>(
    method: string,
    path: string,
    options: { body?: unknown; sessionToken?: string } = {},
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
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      throw await refusal(response, `${method} ${path}`);
    }
    throw new SessionError('session.backend-unavailable', 'the backend cannot be reached', {
      cause: unreachable,
    });
  }
}

async function refusal(response: Response, what: string): Promise<SessionError> {
  let backendCode: ErrorCode | undefined;
  let backendMessage = '';
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (typeof body.error?.code === 'string') backendCode = body.error.code;
    if (typeof body.error?.message === 'string') backendMessage = `: ${body.error.message}`;
  } catch {
    // not our error shape (a proxy's page): the status says enough
  }
  const code = sessionCodeOf(response.status, backendCode);
  return new SessionError(
    code,
    `${what} answered ${response.status} ${backendCode ?? ''}${backendMessage}`.trim(),
    {
      ...(backendCode !== undefined ? { backendCode } : {}),
    },
  );
}

/** The backend's code (backend/src/http/error-response.ts) reduced to what the viewer is told. */
function sessionCodeOf(status: number, backendCode: ErrorCode | undefined): SessionErrorCode {
  if (backendCode === 'resident.not-registered') return 'session.not-registered';
  if (backendCode === 'jpki.cert-revoked') return 'session.card-revoked';
  if (backendCode === 'jpki.cert-expired' || backendCode === 'jpki.cert-not-yet-valid')
    return 'session.card-expired';
  if (status >= 500 || status === 429) return 'session.backend-unavailable';
  if (backendCode?.startsWith('jpki.')) return 'session.card-refused';
  if (backendCode?.startsWith('device.') || status === 401) return 'session.device-refused';
  return 'session.refused';
}
