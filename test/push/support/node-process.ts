// The parent's handle on a child process speaking the small IPC protocol of push-node-main.ts (first
// `{ ready: port }`, then `{ id, result | error }` answers): start, ask, stop or kill.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const pushNodeEntry = fileURLToPath(new URL('./push-node-main.ts', import.meta.url));

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  call<T>(op: string, request?: unknown): Promise<T>;
  /** Disconnects IPC: the node closes cleanly and exits. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startNodeProcess(
  env: Record<string, string>,
  options: { entry?: string; nodeOptions?: string[] } = {},
): Promise<NodeProcess> {
  const child = fork(options.entry ?? pushNodeEntry, [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', ...(options.nodeOptions ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const early = (code: number | null) =>
      reject(new Error(`push node exited with ${code} before it was ready`));
    child.once('exit', early);
    child.once('message', (message) => {
      child.off('exit', early);
      resolve((message as { ready: number }).ready);
    });
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const { id, result, error } = raw as { id: number; result?: unknown; error?: string };
    const caller = waiting.get(id);
    waiting.delete(id);
    if (error !== undefined) caller?.reject(new Error(error));
    else caller?.resolve(result);
  });
  child.on('exit', (code, signal) => {
    for (const caller of waiting.values())
      caller.reject(new Error(`child exited (${signal ?? code}) before answering`));
    waiting.clear();
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    call<T>(op: string, request?: unknown) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, request });
      });
    },
    async stop() {
      if (exited()) return;
      const exit = once(child, 'exit');
      child.disconnect();
      await exit;
    },
    async kill() {
      if (exited()) return;
      const exit = once(child, 'exit');
      child.kill('SIGKILL');
      await exit;
    },
  };
}
