// Errors of the shelter registry. HTTP-free; the backend maps codes at its edge.

export type ShelterErrorCode =
  /** A data set that does not follow shelter-schema.ts, or names one 共通ID twice. */
  | 'shelter.dataset-invalid'
  /** A state change for an ID the registry does not hold. */
  | 'shelter.unknown'
  /** A state that cannot be (a negative or fractional occupancy). */
  | 'shelter.status-invalid'
  /** A shelter file that cannot be read at all (not GeoJSON, no header, unknown layout). */
  | 'shelter.file-invalid';

export class ShelterError extends Error {
  readonly code: ShelterErrorCode;

  constructor(code: ShelterErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ShelterError';
    this.code = code;
  }
}
