// Structured logs: one JSON object per line (time, level, msg, then the event's fields), written to a sink
// (stdout in a server). Callers pass named fields, never whole requests or configs; as a last guard, a field
// whose name suggests a secret is written as "[redacted]" whatever its value.
import { createStdoutSink } from './stdout-sink.ts';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  fatal(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  trace(msg: string, fields?: LogFields): void;
  /** A logger adding `fields` to every line (e.g. the component). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Least severe level written; 'silent' writes nothing. */
  level: LogLevel | 'silent';
  /** Receives each line without its newline; default: stdout, batched per event-loop turn. */
  sink?: (line: string) => void;
  clock?: () => Date;
}

// Names of things that must never reach a log, whatever a caller passes.
const sensitiveName = /pin|passw|secret|token|authori[sz]ation|cookie|credential|signature|private|key/i;

export function createLogger(options: LoggerOptions): Logger {
  const sink = options.sink ?? createStdoutSink();
  const clock = options.clock ?? (() => new Date());
  const threshold = options.level === 'silent' ? -1 : logLevels.indexOf(options.level);
  const make = (bound: LogFields): Logger => {
    const write = (level: LogLevel) => (msg: string, fields?: LogFields) => {
      if (logLevels.indexOf(level) > threshold) return;
      const line = { time: clock().toISOString(), level, msg, ...bound, ...fields };
      sink(JSON.stringify(line, redact));
    };
    return {
      fatal: write('fatal'),
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      trace: write('trace'),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make({});
}

function redact(this: unknown, name: string, value: unknown): unknown {
  if (name !== '' && sensitiveName.test(name) && value !== undefined && value !== null) return '[redacted]';
  if (typeof value === 'bigint') return value.toString();
  return value;
}
