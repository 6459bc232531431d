// A backend started as its operators start it: `backend/src/server/main.ts` in a child process, configured by
// environment, logging JSON lines on stdout (collected here), stopped by signals.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const mainEntry = fileURLToPath(new URL('../../../backend/src/server/main.ts', import.meta.url));

export interface BackendProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line whose msg is `msg`. */
  logged(msg: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM: the graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export async function startBackendProcess(
  env: Record<string, string>,
  options: { nodeOptions?: string[] } = {},
): Promise<BackendProcess> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), '--import', 'tsx', mainEntry], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const logs: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    logs.push(line);
    for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve(line);
  });
  const logged = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = logs.find((line) => line.msg === msg);
      if (seen) return resolve(seen);
      waiters.push({ msg, resolve });
      exited.then((code) => reject(new Error(`backend exited (${code}) before logging ${msg}`)));
    });
  const listening = await logged('listening');
  return {
    url: String(listening.url),
    child,
    logs,
    logged,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
