// The benchmark's floor: a plain `ws` server that writes the same payload to every client, or one personalised
// payload to each, in a child process. IPC as push-node-main.ts: ops 'broadcast' (payload text),
// 'prepare-payloads' (one payload per client, e.g. the households' rendered alert payloads), 'send-each' (the
// envelope of the message) and 'probe'.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

if (!process.send) throw new Error('run as a child process');
const send = process.send.bind(process);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await new Promise((resolve) => server.once('listening', resolve));
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

let payloads: unknown[] = [];

const ops: Record<string, (request: unknown) => unknown> = {
  'prepare-payloads'(given) {
    payloads = given as unknown[];
    return { prepared: payloads.length };
  },
  /** Encodes and writes client i's payload in the message envelope, as the push node does per household. */
  'send-each'(envelope) {
    const startedAt = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let i = 0;
    for (const client of server.clients) {
      client.send(JSON.stringify({ ...(envelope as object), payload: payloads[i++ % payloads.length] }));
    }
    const { user, system } = process.cpuUsage(cpu);
    return { startedAt: String(startedAt), cpuMs: (user + system) / 1000 };
  },
  broadcast(payload) {
    const startedAt = process.hrtime.bigint();
    for (const client of server.clients) client.send(payload as string);
    return { startedAt: String(startedAt) };
  },
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

process.on('message', (raw) => {
  const { id, op, request } = raw as { id: number; op: string; request?: unknown };
  const run = ops[op];
  send(run ? { id, result: run(request) } : { id, error: `unknown op ${op}` });
});
process.on('disconnect', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
const address = server.address();
send({ ready: typeof address === 'object' && address ? address.port : 0 });
