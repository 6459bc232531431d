// Errors of shelter mode (the check-in journal, its sync, the tap): what staff must be told.

export type ShelterErrorCode =
  /** A record inside the journal (not its torn tail) fails its checksum: the file is left as it is. */
  | 'shelter.journal-corrupt'
  /** The journal could not be written or flushed: the check-in was NOT recorded. */
  | 'shelter.journal-write-failed'
  /** The journal was closed (the bridge is stopping). */
  | 'shelter.journal-closed'
  /** The terminal is not enrolled to a shelter (no terminal credential). */
  | 'shelter.not-enrolled'
  /** The backend refused a batch for a reason resending will not fix (a bug on one side). */
  | 'shelter.sync-refused'
  /** The card is not a JPKI card, or it was pulled while being read. */
  | 'shelter.card-unreadable';

export class ShelterError extends Error {
  readonly code: ShelterErrorCode;

  constructor(code: ShelterErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ShelterError';
    this.code = code;
  }
}

export const isShelterError = (err: unknown): err is ShelterError => err instanceof ShelterError;
