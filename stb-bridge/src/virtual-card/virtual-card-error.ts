// Errors of the virtual card (loading its contents, its persisted state, its vpcd link). APDU-level failures are
// status words, never errors: transmit() always answers.

export type VirtualCardErrorCode =
  | 'virtual-card.holder-not-found'
  | 'virtual-card.profile-invalid'
  | 'virtual-card.state-invalid'
  | 'virtual-card.state-write-failed'
  /** VpcdLink.insert with another card while one is inserted. */
  | 'virtual-card.already-inserted';

export class VirtualCardError extends Error {
  readonly code: VirtualCardErrorCode;

  constructor(code: VirtualCardErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'VirtualCardError';
    this.code = code;
  }
}
