// Errors of device enrolment and authentication. HTTP-free; the edge maps codes to statuses.

export type DeviceErrorCode =
  /** Unknown device id or wrong secret (indistinguishable on purpose). */
  | 'device.invalid-credentials'
  /** The credentials are right but the device was revoked by an operator. */
  | 'device.revoked'
  | 'device.not-found'
  | 'device.household-not-found'
  /** A household's supporterOf names a household that is not enrolled. */
  | 'device.supported-household-unknown';

export class DeviceError extends Error {
  readonly code: DeviceErrorCode;

  constructor(code: DeviceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DeviceError';
    this.code = code;
  }
}
