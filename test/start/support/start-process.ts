// `npm start` as a child process for the tests: `node --import tsx scripts/start.ts` with the given
// environment, its output collected, waited on until the summary, stopped with SIGINT.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

export interface StartProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the output once `pattern` appears; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGINT, then the exit code (null when killed by a signal). */
  interrupt(timeoutMs: number): Promise<number | null>;
}

export function runStart(env: Record<string, string>, args: string[] = []): StartProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: repoDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  return {
    child,
    output: () => text,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (error?: Error) => {
          listeners.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(text);
        };
        const check = () => {
          if (pattern.test(text)) done();
        };
        const timer = setTimeout(
          () => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`)),
          timeoutMs,
        );
        listeners.add(check);
        void exited.then(([code]) =>
          done(new Error(`npm start exited (${code}) before ${pattern}:\n${text}`)),
        );
        check();
      });
    },
    async interrupt(timeoutMs) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The URL printed on a summary row, e.g. `Backend` → http://127.0.0.1:41234. */
export function summaryUrl(output: string, row: string): string {
  const match = new RegExp(`^ {2}${row} +(http://\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no ${row} URL in:\n${output}`);
  return match[1];
}
