// The dashboard's calls to the backend's operator routes (backend/src/accounts/account-routes.ts, the outbox
// list of backend/src/status-reports). Wire errors
// become OperatorApiError with the backend's error code, so views never see HTTP. The role union is imported
// from the backend; the two response shapes mirror account-routes.ts, because importing the backend's App
// type would type-check the whole server under the DOM library, where its webcrypto calls do not compile.
import type { OperatorRole } from '../../src/accounts/roles.ts';
import type { DeliveryState } from '../../src/status-reports/contracts.ts';

export type { DeliveryState };

/** accountSchema of account-routes.ts, as JSON. */
export interface OperatorAccountView {
  accountId: string;
  loginName: string;
  displayName: string;
  role: OperatorRole;
  localGovernmentCode: string | null;
  createdAt: string;
  disabledAt: string | null;
}

/** The 200 answer of POST /api/v1/operator/login. */
export interface OperatorLoginResult {
  sessionToken: string;
  expiresAt: string;
  account: OperatorAccountView;
}

/** `network`: the backend could not be reached; otherwise the backend's error code (ErrorCode). */
export class OperatorApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The backend's own message (English), shown to staff beside the code; null when it sent none. */
  readonly detail: string | null;

  constructor(code: string, status: number, detail: string | null = null) {
    super(`operator API: ${code} (${status})`);
    this.name = 'OperatorApiError';
    this.code = code;
    this.status = status;
    this.detail = detail;
  }
}

const base = '/api/v1';

/** One call to the backend's API under /api/v1; the alert pages (alert-api.ts) use it too. */
export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  /** `body` goes as JSON; `file` as its bytes. */
  init: { token?: string; body?: unknown; file?: Blob },
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.file !== undefined) headers['content-type'] = 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.file !== undefined ? { body: init.file } : {}),
    });
  } catch {
    throw new OperatorApiError('network', 0);
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  throw new OperatorApiError(body.error?.code ?? 'unknown', response.status, body.error?.message ?? null);
}

export function login(loginName: string, password: string): Promise<OperatorLoginResult> {
  return call('POST', '/operator/login', { body: { loginName, password } });
}

export function currentAccount(token: string): Promise<OperatorAccountView> {
  return call('GET', '/operator/me', { token });
}

export function logout(token: string): Promise<void> {
  return call('POST', '/operator/logout', { token });
}

/** The outbox to insurers, newest first (operator-admin). */
export async function reportDeliveries(token: string): Promise<DeliveryState[]> {
  return (await call<{ deliveries: DeliveryState[] }>('GET', '/ops/report-deliveries', { token })).deliveries;
}
