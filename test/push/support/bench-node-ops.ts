// What every benchmark node process answers over IPC (push-node-main.ts: the gateway alone; backend-node-main.ts:
// the whole backend): publish, stats, CPU, the event loop's longest block, memory, a sampler finding when a
// fan-out's last write happened and its CPU, acks recorded, and CPU profiles of chosen windows.
// IPC in: { id, op, request }; out: { ready: port } first, then { id, result } | { id, error }.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PublishRequest, PushGateway } from '@myna-tv/backend';

export type NodeOps = Record<string, (request: unknown) => unknown>;

/** What `sample-stop` answers: CPU (ms) and times (CLOCK_MONOTONIC ns, as text) of a trial's fan-out. */
export interface SendPhase {
  /** CPU when sampling started (after the probe's forced GCs, which are not the push's). */
  startCpuMs: number;
  /** Just before the node's first write. */
  writeStartAt?: string;
  writeStartCpuMs?: number;
  /** When its last box was written. */
  sentAt?: string;
  sentCpuMs?: number;
}

/**
 * A node's fan-out: when it started (CLOCK_MONOTONIC ns), its CPU (ms) from just before its first write to its
 * last box written, how long that took, and the node's CPU count at the end.
 */
export function fanOutOf(send: SendPhase): { startAt: bigint; cpuMs: number; ms: number; sentCpuMs: number } {
  const { writeStartAt, writeStartCpuMs, sentAt, sentCpuMs } = send;
  if (
    writeStartAt === undefined ||
    writeStartCpuMs === undefined ||
    sentAt === undefined ||
    sentCpuMs === undefined
  ) {
    throw new Error('a node did not finish its fan-out');
  }
  const ms = Number(BigInt(sentAt) - BigInt(writeStartAt)) / 1e6;
  return { startAt: BigInt(writeStartAt), cpuMs: sentCpuMs - writeStartCpuMs, ms, sentCpuMs };
}

export function benchNodeOps(gateway: PushGateway): NodeOps {
  /** (time, CPU, messages sent) every 2 ms during a trial: when the fan-out's last write happened, and its CPU. */
  let samples: { at: bigint; cpuMs: number; sent: number }[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const sample = () => {
    const { user, system } = process.cpuUsage();
    samples.push({ at: process.hrtime.bigint(), cpuMs: (user + system) / 1000, sent: gateway.stats().sent });
  };
  const loopResolutionMs = 5;
  const loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
  loop.enable();
  // CPU profiles of chosen windows only (the benchmark's trials), not of start-up and the connect ramp.
  const inspector = new Session();
  inspector.connect();

  return {
    async 'profile-start'() {
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
      await inspector.post('Profiler.start');
      return { profiling: true };
    },
    async 'profile-stop'(file) {
      const { profile } = await inspector.post('Profiler.stop');
      await writeFile(file as string, JSON.stringify(profile));
      return { written: file };
    },
    publish: (request) => gateway.publish(request as PublishRequest),
    /** Publishes and says when it started (CLOCK_MONOTONIC, shared by the processes of this host). */
    async 'publish-timed'(request) {
      const startedAt = process.hrtime.bigint();
      const message = await gateway.publish(request as PublishRequest);
      return { seq: message.seq, startedAt: String(startedAt) };
    },
    withdraw: async (seq) => {
      await gateway.withdraw(seq as number);
      return { withdrawn: seq };
    },
    stats: () => gateway.stats(),
    'sample-start'() {
      samples = [];
      clearInterval(sampler);
      sample();
      sampler = setInterval(sample, 2);
      return { sampling: true };
    },
    /**
     * Stops sampling. `from`: messages sent before the trial; `to`: sent once the fan-out is done. Gives the last
     * sample before the fan-out's first write and the first at which `sent` reached `to` (the end of the
     * fan-out), with their CPU.
     */
    'sample-stop'(request): SendPhase {
      const { from, to } = request as { from: number; to: number };
      clearInterval(sampler);
      sample();
      const [first] = samples;
      const writing = samples.findIndex((s) => s.sent > from);
      const before = writing > 0 ? samples[writing - 1] : undefined;
      const done = samples.find((s) => s.sent >= to);
      return {
        startCpuMs: first?.cpuMs ?? 0,
        ...(before ? { writeStartAt: String(before.at), writeStartCpuMs: before.cpuMs } : {}),
        ...(done ? { sentAt: String(done.at), sentCpuMs: done.cpuMs } : {}),
      };
    },
    /** Resolves when this node has recorded at least `atLeast` acks, with the time it saw that. */
    'wait-acked': (atLeast) =>
      new Promise((resolve) => {
        const check = setInterval(() => {
          if (gateway.stats().acked < (atLeast as number)) return;
          clearInterval(check);
          resolve({ at: String(process.hrtime.bigint()) });
        }, 2);
      }),
    cpu() {
      const { user, system } = process.cpuUsage();
      return { cpuMs: (user + system) / 1000 };
    },
    /** Memory after a full GC (run with --expose-gc), CPU so far, longest event-loop delay since the last probe. */
    async probe() {
      // CPU and loop delay first: the forced GCs below are the probe's own cost, not the push's.
      const cpu = process.cpuUsage();
      const loopMaxMs = loop.max / 1e6;
      globalThis.gc?.();
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      // The delay monitor's next tick records the GCs' pause: let it, then start afresh (a reset alone would
      // count the probe's own GC as the next trial's longest block).
      await sleep(4 * loopResolutionMs);
      loop.reset();
      return { rss, heapUsed, cpuMs: (cpu.user + cpu.system) / 1000, loopMaxMs };
    },
  };
}

/** Answers the parent's calls with `ops`; `close` runs when the parent goes away (or disconnects to stop us). */
export function serveNodeOps(ops: NodeOps, port: number, close: () => Promise<void>): void {
  if (!process.send) throw new Error('run as a child process');
  const send = process.send.bind(process);
  process.on('message', async (raw) => {
    const { id, op, request } = raw as { id: number; op: string; request?: unknown };
    try {
      const run = ops[op];
      if (!run) throw new Error(`unknown op ${op}`);
      send({ id, result: await run(request) });
    } catch (error) {
      send({ id, error: String(error) });
    }
  });
  process.on('disconnect', async () => {
    await close();
    process.exit(0);
  });
  send({ ready: port });
}
