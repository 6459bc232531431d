// The benchmarks' boxes in several child processes (bench-boxes-main.ts each), driven as one. One process of
// 10,000 boxes is a single-threaded client that the node's own work starves of CPU on two cores, so its
// backlog, not the server, would set the last-box time; real boxes are separate machines.
import { fileURLToPath } from 'node:url';
import { type NodeProcess, startNodeProcess } from './node-process.ts';

const entry = fileURLToPath(new URL('./bench-boxes-main.ts', import.meta.url));

export interface Arrivals {
  count: number;
  /** process.hrtime.bigint() of the last arrival, as a string. */
  last: string;
}

type Credentials = { deviceId: string; secret: string }[];

export interface BenchBoxes {
  children: NodeProcess[];
  /** Opens the boxes (raw protocol or socket.io-client), spread over the processes; the slowest ramp. */
  connect(kind: 'raw' | 'sio', urls: string[], credentials: Credentials): Promise<{ ms: number }>;
  /** Plain `ws` clients for the floor. */
  connectWs(url: string, count: number): Promise<{ ms: number }>;
  /** Forgets what arrived. */
  reset(): Promise<void>;
  /** Once every connected box has one message since the reset: the last arrival (process.hrtime, ns). */
  expectAll(): Promise<Arrivals>;
  /** Bytes per message since the reset. */
  sizes(): Promise<{ min: number; mean: number; max: number }>;
  /** CPU time of all the processes. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchBoxes(processes = 2): Promise<BenchBoxes> {
  const children = await Promise.all(
    Array.from({ length: processes }, () =>
      startNodeProcess({}, { entry, nodeOptions: ['--max-old-space-size=4096'] }),
    ),
  );
  let counts: number[] = children.map(() => 0);
  const each = <T>(op: string, request: (i: number) => unknown = () => undefined) =>
    Promise.all(children.map((child, i) => child.call<T>(op, request(i))));
  /** `count` items split into one contiguous share per process. */
  const share = (count: number, i: number) => {
    const size = Math.ceil(count / processes);
    return { start: i * size, end: Math.min(count, (i + 1) * size) };
  };
  const ramp = (ramps: { ms: number }[]) => ({ ms: Math.max(...ramps.map((r) => r.ms)) });

  return {
    children,
    async connect(kind, urls, credentials) {
      counts = children.map((_, i) => {
        const { start, end } = share(credentials.length, i);
        return end - start;
      });
      return ramp(
        await each<{ ms: number }>(`connect-${kind}`, (i) => {
          const { start, end } = share(credentials.length, i);
          return { urls, credentials: credentials.slice(start, end) };
        }),
      );
    },
    async connectWs(url, count) {
      counts = children.map((_, i) => {
        const { start, end } = share(count, i);
        return end - start;
      });
      return ramp(await each<{ ms: number }>('connect-ws', (i) => ({ url, count: counts[i] })));
    },
    async reset() {
      await each('reset');
    },
    async expectAll() {
      const all = await each<Arrivals>('expect', (i) => counts[i]);
      return {
        count: all.reduce((total, a) => total + a.count, 0),
        last: String(all.reduce((last, a) => (BigInt(a.last) > last ? BigInt(a.last) : last), 0n)),
      };
    },
    async sizes() {
      const all = await each<{ min: number; mean: number; max: number }>('sizes');
      const total = counts.reduce((sum, c) => sum + c, 0);
      return {
        min: Math.min(...all.map((s) => s.min)),
        max: Math.max(...all.map((s) => s.max)),
        mean: all.reduce((sum, s, i) => sum + s.mean * (counts[i] as number), 0) / total,
      };
    },
    async cpuMs() {
      return (await each<{ cpuMs: number }>('cpu')).reduce((sum, c) => sum + c.cpuMs, 0);
    },
    async close() {
      await each('close');
      counts = children.map(() => 0);
    },
  };
}
