// The one error shape of the API, `{ "error": { "code", "message" } }`, and the one place where error codes
// become HTTP statuses. Domain errors keep their code (and our messages); anything unknown reaches the
// client only as 500 'internal'. Every 5xx goes to `reportError` with its original error.
import { z } from '@hono/zod-openapi';
import { AlertError, type AlertErrorCode, ShelterError, type ShelterErrorCode } from '@myna-tv/disaster';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AccountError, type AccountErrorCode, AuthError, type AuthErrorCode } from '../accounts/index.ts';
import { AlertTallyError, type AlertTallyErrorCode } from '../alert-tallies/index.ts';
import { AlertIngestError, type AlertIngestErrorCode } from '../alerts/index.ts';
import { CheckinError, type CheckinErrorCode } from '../checkins/index.ts';
import { DbError } from '../db/index.ts';
import { DeviceError, type DeviceErrorCode } from '../devices/index.ts';
import { HealthError, type HealthErrorCode } from '../health/index.ts';
import { JpkiError, type JpkiErrorCode } from '../jpki/index.ts';
import { MailboxError, type MailboxErrorCode } from '../mailbox/index.ts';
import { ResidentError, type ResidentErrorCode } from '../residents/index.ts';
import { StatusReportError, type StatusReportErrorCode } from '../status-reports/index.ts';
import { WatchOverError, type WatchOverErrorCode } from '../watch-over/index.ts';
import type { AppEnv } from './app-env.ts';
import { RequestError, type RequestErrorCode } from './request-error.ts';

export const errorBodySchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

type EdgeCode = 'internal' | 'unavailable';
export type ErrorCode =
  | RequestErrorCode
  | AuthErrorCode
  | AccountErrorCode
  | DeviceErrorCode
  | ResidentErrorCode
  | JpkiErrorCode
  | StatusReportErrorCode
  | MailboxErrorCode
  | HealthErrorCode
  | CheckinErrorCode
  | AlertErrorCode
  | ShelterErrorCode
  | AlertIngestErrorCode
  | AlertTallyErrorCode
  | WatchOverErrorCode
  | EdgeCode;

/** The body of every error response (wire contract for the box and the dashboard). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  'request.body-too-large': 413,
  'request.malformed-json': 400,
  'request.unknown-field': 400,
  'request.invalid': 400,
  'request.unsupported-media-type': 415,
  'request.not-found': 404,
  'auth.required': 401,
  'auth.invalid-credentials': 401,
  'auth.session-expired': 401,
  'auth.forbidden': 403,
  'auth.rate-limited': 429,
  'account.weak-password': 400,
  'account.login-name-taken': 409,
  'account.not-found': 404,
  'device.invalid-credentials': 401,
  'device.revoked': 401,
  'device.not-found': 404,
  'device.household-not-found': 404,
  'device.supported-household-unknown': 400,
  'checkin.terminal-invalid-credentials': 401,
  'checkin.terminal-revoked': 401,
  'checkin.terminal-not-found': 404,
  'checkin.shelter-not-found': 404,
  'checkin.sequence-conflict': 409,
  'checkin.alert-not-found': 404,
  'checkin.person-not-found': 404,
  'checkin.resident-not-found': 404,
  'checkin.supply-item-incomplete': 400,
  // Alerts: unreadable or unsafe XML is a bad request; readable XML we cannot use is unprocessable; a
  // message that does not prove its sender, or speaks for another sender, is refused.
  'alert.xml-unsafe': 400,
  'alert.xml-invalid': 400,
  'alert.format-unknown': 422,
  'alert.content-invalid': 422,
  'alert.signature-required': 403,
  'alert.signature-invalid': 403,
  'alert.foreign-sender': 403,
  'alert.sender-not-allowed': 403,
  'alert.identifier-reused': 409,
  'alert.not-found': 404,
  // A shelter file or data set we cannot read: unprocessable; a state change for a site we do not hold.
  'shelter.file-invalid': 422,
  'shelter.dataset-invalid': 422,
  'shelter.unknown': 404,
  'shelter.status-invalid': 400,
  'resident.not-registered': 403,
  'resident.registration-malformed': 400,
  'resident.registration-mismatch': 400,
  'resident.not-found': 404,
  'report.malformed': 400,
  'report.contract-not-held': 403,
  'report.holder-mismatch': 400,
  'report.not-due': 409,
  'report.answers-mismatch': 400,
  'report.not-found': 404,
  'insurer.contract-not-found': 404,
  'insurer.contract-unmatched': 409,
  'notice.not-found': 404,
  'notice.invalid': 400,
  'notice.too-large': 413,
  'notice.not-plain-text': 400,
  'notice.attachment-invalid': 400,
  'notice.id-reused': 409,
  'notice.recipient-not-found': 404,
  'health.bundle-invalid': 422,
  'health.no-municipality': 403,
  'health.child-not-found': 404,
  'health.application-invalid': 400,
  'health.signer-mismatch': 403,
  'health.application-not-found': 404,
  'health.application-decided': 409,
  'health.unknown-child': 400,
  'watch-over.hour-invalid': 400,
  'watch-over.device-mismatch': 403,
  'watch-over.contact-unknown': 400,
  'watch-over.household-not-found': 404,
  'watch-over.not-enrolled': 404,
  // The card's answer is unreadable: a bad request. It is readable but does not prove who it claims: 401.
  'jpki.cert-malformed': 400,
  'jpki.cms-malformed': 400,
  'jpki.cert-untrusted': 401,
  'jpki.cert-expired': 401,
  'jpki.cert-not-yet-valid': 401,
  'jpki.cert-wrong-purpose': 401,
  'jpki.signature-invalid': 401,
  'jpki.challenge-unknown': 401,
  'jpki.challenge-expired': 401,
  'jpki.challenge-replayed': 401,
  'jpki.challenge-wrong-device': 401,
  // A genuine certificate that was revoked: known, and refused.
  'jpki.cert-revoked': 403,
  // Revocation could not be checked (responder down): try again later, nothing is wrong with the card.
  'jpki.status-unknown': 503,
  unavailable: 503,
  internal: 500,
};

// Errors whose messages we write for the caller (no internals in them).
const domainErrors = [
  RequestError,
  AuthError,
  AccountError,
  DeviceError,
  ResidentError,
  StatusReportError,
  MailboxError,
  HealthError,
  CheckinError,
  AlertError,
  ShelterError,
  AlertIngestError,
  AlertTallyError,
  WatchOverError,
] as const;

interface Rendered {
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

/** Card-check failures get fixed texts: the verifier's own messages may name internal responders, files or
 * revocation reasons, none of which a box or a caller needs. */
const jpkiMessages: Record<JpkiErrorCode, string> = {
  'jpki.cert-malformed': 'the certificate is not readable',
  'jpki.cms-malformed': 'the signed data is not readable',
  'jpki.cert-untrusted': 'the certificate is not issued by a trusted JPKI CA',
  'jpki.cert-expired': 'the certificate has expired',
  'jpki.cert-not-yet-valid': 'the certificate is not valid yet',
  'jpki.cert-wrong-purpose': 'the certificate is not for this purpose',
  'jpki.signature-invalid': 'the signature does not verify',
  'jpki.challenge-unknown': 'unknown challenge; fetch a new one',
  'jpki.challenge-expired': 'the challenge expired; fetch a new one',
  'jpki.challenge-replayed': 'the challenge was already used; fetch a new one',
  'jpki.challenge-wrong-device': 'the challenge was issued to another device',
  'jpki.cert-revoked': 'the certificate has been revoked',
  'jpki.status-unknown': 'the revocation status cannot be checked now; try again later',
};

function render(error: unknown): Rendered | undefined {
  if (error instanceof JpkiError) {
    const retry = error.code === 'jpki.status-unknown' ? { retryAfterSeconds: 30 } : {};
    return { code: error.code, message: jpkiMessages[error.code], ...retry };
  }
  if (domainErrors.some((kind) => error instanceof kind)) {
    const { code, message } = error as { code: ErrorCode; message: string };
    const retryAfterSeconds = error instanceof AuthError ? error.retryAfterSeconds : undefined;
    return { code, message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  if (error instanceof DbError && error.code === 'db.unavailable') {
    return {
      code: 'unavailable',
      message: 'the service is unavailable; try again later',
      retryAfterSeconds: 5,
    };
  }
  // Raised by Hono's validators before our hook sees the body.
  if (error instanceof HTTPException) {
    if (error.status === 415)
      return { code: 'request.unsupported-media-type', message: 'send application/json' };
    if (error.status === 400 && /json/i.test(error.message))
      return { code: 'request.malformed-json', message: 'the body is not valid JSON' };
    if (error.status === 400) return { code: 'request.invalid', message: 'bad request' };
  }
  return undefined;
}

export interface ErrorContext {
  requestId: string;
  method: string;
  path: string;
}

export function errorHandler(
  reportError: (error: unknown, context: ErrorContext) => void,
): ErrorHandler<AppEnv> {
  return (error, c) => {
    const rendered = render(error) ?? { code: 'internal', message: 'internal error' };
    const status = statusOf[rendered.code];
    // 5xx is ours to fix (a bug, the database or a revocation responder down): the operator hears of it.
    if (status >= 500)
      reportError(error, { requestId: c.get('requestId'), method: c.req.method, path: c.req.path });
    if (rendered.retryAfterSeconds !== undefined) c.header('Retry-After', String(rendered.retryAfterSeconds));
    return c.json({ error: { code: rendered.code, message: rendered.message } }, status);
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json({ error: { code: 'request.not-found', message: 'no such route' } }, 404);

/** The OpenAPIHono `defaultHook`: a schema failure becomes a RequestError, rendered like any other. */
export function validationHook(result: { success: boolean; error?: z.ZodError }): void {
  if (result.success || result.error === undefined) return;
  const issues = result.error.issues;
  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown !== undefined && unknown.code === 'unrecognized_keys') {
    const prefix = unknown.path.length > 0 ? `${unknown.path.join('.')}.` : '';
    throw new RequestError(
      'request.unknown-field',
      `unknown field(s): ${unknown.keys.map((k) => prefix + k).join(', ')}`,
    );
  }
  const described = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new RequestError('request.invalid', described.join('; '));
}
