// Errors of the shelter registry. HTTP-free; the backend maps codes at its edge.

export type ShelterErrorCode =
  /** A data set that does not follow shelter-schema.ts, or names one 共通ID twice. */
  'shelter.dataset-invalid';

export class ShelterError extends Error {
  readonly code: ShelterErrorCode;

  constructor(code: ShelterErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ShelterError';
    this.code = code;
  }
}
