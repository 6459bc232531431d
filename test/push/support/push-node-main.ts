// Entry of one backend node in a child process, for the scale-out test and the fan-out benchmark.
// Env: DATABASE_URL (PostgreSQL), REDIS_URL and PUSH_REDIS_PREFIX (optional), PUSH_CATCH_UP_MS, PUSH_CHUNK_SIZE.
// IPC in: { id, op, request }; out: { ready: port } first, then { id, result } | { id, error }.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPostgresDatabase, migrate, type PublishRequest } from '@myna-tv/backend';
import { startPushNode } from './push-node.ts';
import { authenticateFromTable } from './test-devices.ts';

const {
  DATABASE_URL,
  REDIS_URL,
  PUSH_REDIS_PREFIX,
  PUSH_CATCH_UP_MS,
  PUSH_CHUNK_SIZE,
  PUSH_HANDSHAKES_PER_SECOND,
} = process.env;
if (!DATABASE_URL || !process.send) throw new Error('run as a child process with DATABASE_URL');
const send = process.send.bind(process);

const db = createPostgresDatabase({ url: DATABASE_URL });
await migrate(db);
const node = await startPushNode({
  db,
  authenticate: authenticateFromTable(db),
  ...(REDIS_URL ? { redis: { url: REDIS_URL, keyPrefix: PUSH_REDIS_PREFIX ?? 'myna-tv' } } : {}),
  catchUpMs: Number(PUSH_CATCH_UP_MS ?? 2000),
  ...(PUSH_CHUNK_SIZE ? { chunkSize: Number(PUSH_CHUNK_SIZE) } : {}),
  ...(PUSH_HANDSHAKES_PER_SECOND ? { handshakesPerSecond: Number(PUSH_HANDSHAKES_PER_SECOND) } : {}),
  onError: (error) => console.error(`push node: ${error.code} ${error.message}`, error.cause ?? ''),
});
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

// CPU profiles of chosen windows only (the benchmark's trials), not of start-up and the connect ramp.
const inspector = new Session();
inspector.connect();

const ops: Record<string, (request: unknown) => unknown> = {
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
  publish: (request) => node.gateway.publish(request as PublishRequest),
  /** Publishes and says when it started (CLOCK_MONOTONIC, shared by the processes of this host). */
  async 'publish-timed'(request) {
    const startedAt = process.hrtime.bigint();
    const message = await node.gateway.publish(request as PublishRequest);
    return { seq: message.seq, startedAt: String(startedAt) };
  },
  stats: () => node.gateway.stats(),
  /** Resolves when this node has recorded at least `atLeast` acks, with the time it saw that. */
  'wait-acked': (atLeast) =>
    new Promise((resolve) => {
      const check = setInterval(() => {
        if (node.gateway.stats().acked < (atLeast as number)) return;
        clearInterval(check);
        resolve({ at: String(process.hrtime.bigint()) });
      }, 2);
    }),
  cpu() {
    const { user, system } = process.cpuUsage();
    return { cpuMs: (user + system) / 1000 };
  },
  /** Memory after a full GC (run with --expose-gc), CPU so far, longest event-loop delay since the last probe. */
  probe() {
    // CPU and loop delay first: the forced GCs below are the probe's own cost, not the push's.
    const cpu = process.cpuUsage();
    const loopMaxMs = loop.max / 1e6;
    globalThis.gc?.();
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    loop.reset();
    return { rss, heapUsed, cpuMs: (cpu.user + cpu.system) / 1000, loopMaxMs };
  },
};

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
// The parent went away (or asked us to stop by disconnecting): shut down cleanly.
process.on('disconnect', async () => {
  await node.close();
  await db.close();
  process.exit(0);
});
send({ ready: node.port });
