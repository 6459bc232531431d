// The local API's own errors, and the one place where any error becomes an HTTP status and the error body.
// Card, APDU, session, report and inbox errors keep their codes; anything else reaches the TV app only as `internal`.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApduError } from '../apdu/apdu-error.ts';
import { CardError } from '../card/card-error.ts';
import { LinkError } from '../link/link-error.ts';
import { ReportError } from '../reports/report-error.ts';
import { PinRejection } from '../session/pin-rejection.ts';
import { SessionError } from '../session/session-error.ts';
import { ShelterError } from '../shelter/shelter-error.ts';
import type { ErrorResponse, LocalApiErrorCode, LocalApiOwnErrorCode } from './contracts.ts';

export class LocalApiError extends Error {
  readonly code: LocalApiOwnErrorCode;

  constructor(code: LocalApiOwnErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LocalApiError';
    this.code = code;
  }
}

const statusOf: Record<LocalApiErrorCode, ContentfulStatusCode> = {
  'card.no-pcsc': 503,
  'card.no-reader': 503,
  'card.absent': 409,
  'card.removed': 409,
  'card.timeout': 504,
  'card.transport': 502,
  'card.closed': 503,
  // The guard stopped a command this bridge should never send: a bug, not the viewer's doing.
  'card.forbidden-aid': 500,
  'card.not-jpki': 422,
  'card.pin-format': 400,
  'card.pin-wrong': 403,
  'card.pin-blocked': 423,
  'card.pin-required': 409,
  'card.bad-input': 400,
  'card.bad-response': 502,
  'apdu.malformed': 502,
  'apdu.status': 502,
  'session.backend-unavailable': 503,
  'session.device-refused': 503,
  'session.not-registered': 403,
  'session.card-revoked': 403,
  'session.card-expired': 403,
  'session.card-refused': 403,
  'session.refused': 502,
  'session.busy': 409,
  'session.login-required': 401,
  'report.not-due': 409,
  'report.answers-mismatch': 400,
  'report.contract-not-held': 403,
  'report.holder-mismatch': 403,
  'report.refused': 502,
  'report.outbox-write-failed': 503,
  'report.not-found': 404,
  'link.inbox-write-failed': 503,
  'request.origin-forbidden': 403,
  'request.host-forbidden': 403,
  'request.invalid': 400,
  'request.not-found': 404,
  'message.not-pending': 404,
  'notice.not-found': 404,
  'health.child-not-found': 404,
  'health.application-invalid': 422,
  'health.signer-mismatch': 403,
  'alert.not-active': 404,
  'alert.store-failed': 503,
  'shelter.journal-corrupt': 503,
  'shelter.journal-write-failed': 503,
  'shelter.journal-closed': 503,
  'shelter.not-enrolled': 503,
  'shelter.sync-refused': 502,
  'shelter.card-unreadable': 422,
  internal: 500,
};

export interface RenderedError {
  status: ContentfulStatusCode;
  body: ErrorResponse;
  /** False for `internal`: the caller logs the original. */
  known: boolean;
}

export function renderError(error: unknown): RenderedError {
  const known = knownCode(error);
  if (known === undefined) {
    return { status: 500, body: { error: { code: 'internal', message: 'internal error' } }, known: false };
  }
  const body: ErrorResponse = { error: { code: known, message: (error as Error).message } };
  if (error instanceof PinRejection || error instanceof CardError) {
    if (error.triesLeft !== undefined) body.error.triesLeft = error.triesLeft;
  }
  if (error instanceof PinRejection) body.error.pinKind = error.pinKind;
  return { status: statusOf[known], body, known: true };
}

function knownCode(error: unknown): LocalApiErrorCode | undefined {
  if (error instanceof LinkError) return error.code === 'link.inbox-write-failed' ? error.code : undefined;
  const typed = [
    PinRejection,
    CardError,
    ApduError,
    SessionError,
    ReportError,
    ShelterError,
    LocalApiError,
  ].some((kind) => error instanceof kind);
  return typed ? (error as { code: LocalApiErrorCode }).code : undefined;
}
