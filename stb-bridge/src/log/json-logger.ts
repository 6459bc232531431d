// Structured log lines for the bridge daemon: one JSON object per line. Callers pass only operational fields
// (event names, codes, durations, paths): never a PIN, password, token, name or message text.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogThreshold = LogLevel | 'silent';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const rank: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface JsonLoggerOptions {
  /** Where a finished line goes (the entry module passes stdout). */
  write: (line: string) => void;
  /** Least severe level written; default info. */
  level?: LogThreshold;
  now?: () => Date;
}

export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const threshold = rank[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const at =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}): void => {
      if (rank[level] < threshold) return;
      options.write(`${JSON.stringify({ time: now().toISOString(), level, msg, ...fields })}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Writes nothing: the default of library callers that pass no logger. */
export const silentLogger: Logger = createJsonLogger({ write: () => {}, level: 'silent' });

/** The fields of an error that are safe to log: its class, code and message (ours never hold a secret). */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === 'string' ? { code } : {}), detail: error.message };
}
