export type DbErrorCode =
  /** The server rejected the statement; `sqlState` says why (e.g. 23505 unique violation). */
  | 'db.query-failed'
  /** No connection could be made, or it was lost mid-statement; retrying later may succeed. */
  | 'db.unavailable'
  /** The connection was lost while COMMIT was in flight: the transaction may or may not have been applied. */
  | 'db.commit-uncertain'
  /** A statement inside the transaction failed and the callback went on; nothing was committed. */
  | 'db.transaction-aborted'
  /** The database handle was used inside its own transaction callback instead of `tx`. */
  | 'db.used-inside-transaction'
  /** An int8 value does not fit a JS number without loss. */
  | 'db.value-out-of-range'
  /** A migration file name is malformed or its version is used twice. */
  | 'db.migration-invalid'
  /** An applied migration file was edited afterwards (checksum differs). */
  | 'db.migration-changed'
  /** The database has a migration applied that this code does not have. */
  | 'db.migration-unknown'
  /** A migration's SQL failed; it was rolled back as a whole. */
  | 'db.migration-failed';

export class DbError extends Error {
  override readonly name = 'DbError';
  readonly code: DbErrorCode;
  /** PostgreSQL SQLSTATE when the server reported the error. */
  readonly sqlState: string | undefined;
  /** Violated constraint name, when the server reported one. */
  readonly constraint: string | undefined;

  constructor(
    code: DbErrorCode,
    message: string,
    options: { cause?: unknown; sqlState?: string; constraint?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.sqlState = options.sqlState;
    this.constraint = options.constraint;
  }
}

const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/** SQLSTATE class 08 (connection exception) and 57P01-03 (server shutting down or starting). */
function isConnectionSqlState(state: string): boolean {
  return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03';
}

/** Maps whatever a driver threw into a DbError, keeping it as `cause`. */
export function toDbError(err: unknown): DbError {
  if (err instanceof DbError) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; constraint?: unknown; severity?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && typeof e.severity === 'string') {
    const kind = isConnectionSqlState(code) ? 'db.unavailable' : 'db.query-failed';
    return new DbError(kind, message, { cause: err, sqlState: code, constraint });
  }
  if ((code !== undefined && connectionErrnos.has(code)) || /connection|terminated|timeout/i.test(message)) {
    return new DbError('db.unavailable', message, { cause: err });
  }
  return new DbError('db.query-failed', message, { cause: err });
}
