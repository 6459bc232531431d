// Errors of setting a terminal up (enrolment, the pinned trust download): for the installer's command line
// and the terminal's log, never answered by the local API (so not among its codes).

export type TerminalSetupErrorCode =
  /** Enrolment found a credential file already there (a terminal enrolled before). */
  | 'shelter.already-enrolled'
  /** The backend refused the enrolment (wrong login, not an admin, no such shelter) or could not be asked. */
  | 'shelter.enrol-refused'
  /** A downloaded CA certificate does not chain to a root pinned at enrolment: not cached. */
  | 'shelter.trust-unpinned';

export class TerminalSetupError extends Error {
  readonly code: TerminalSetupErrorCode;

  constructor(code: TerminalSetupErrorCode, message: string) {
    super(message);
    this.name = 'TerminalSetupError';
    this.code = code;
  }
}
