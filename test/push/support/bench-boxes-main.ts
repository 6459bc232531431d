// The benchmark's boxes: one child process holding many connections, as socket.io boxes (which ack every
// message at once) or as plain ws clients. IPC as push-node-main.ts:
//   'connect-sio' { urls, credentials } → opens one socket-io-client socket per credential, spread over the urls;
//   'connect-raw' { urls, credentials } → the same boxes as bare WebSocket connections (lean-websocket.ts)
//     speaking the wire protocol themselves (a leaner load generator: the server side is the same, the real
//     box is another machine);
//   'connect-ws' { url, count } → bare WebSocket connections for the floor;
//   'reset' → forgets arrivals; 'expect' count → resolves once `count` messages arrived since the reset, with
//   the first and last arrival times;
//   'sizes' → bytes per message since the reset (min, mean, max); 'cpu' → CPU time of this process; 'close'.
import { io, type Socket } from 'socket.io-client';
import { openLeanWebSocket } from './lean-websocket.ts';

if (!process.send) throw new Error('run as a child process');
const send = process.send.bind(process);

const inFlight = 200;
let closers: (() => void)[] = [];
let arrivals = { count: 0, first: 0n, last: 0n };
let bytes = { min: Number.POSITIVE_INFINITY, max: 0, total: 0 };
let waiter: { count: number; resolve: (v: unknown) => void } | undefined;

function arrived(size: number): void {
  const now = process.hrtime.bigint();
  bytes.total += size;
  if (size < bytes.min) bytes.min = size;
  if (size > bytes.max) bytes.max = size;
  if (arrivals.count === 0) arrivals.first = now;
  arrivals.last = now;
  arrivals.count++;
  if (waiter && arrivals.count >= waiter.count) {
    waiter.resolve({ count: arrivals.count, first: String(arrivals.first), last: String(arrivals.last) });
    waiter = undefined;
  }
}

const pushPrefix = Buffer.from('42/stb,["push:message",{"seq":');

/** The decimal number at `offset`. */
function seqAt(data: Buffer, offset: number): number {
  let seq = 0;
  for (let i = offset; i < data.length; i++) {
    const digit = (data[i] as number) - 48;
    if (digit < 0 || digit > 9) break;
    seq = seq * 10 + digit;
  }
  return seq;
}

/** Opens `count` connections, `inFlight` handshakes at a time. */
async function openAll(count: number, open: (i: number) => Promise<() => void>): Promise<{ ms: number }> {
  const started = performance.now();
  let next = 0;
  // A box refused with push.busy (the node's admission rate, or its database slow to check credentials on a
  // loaded host) comes back a second later, as the bridge does.
  const opened = async (i: number, attempt = 1): Promise<() => void> => {
    try {
      return await open(i);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('push.busy')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return opened(i, attempt + 1);
    }
  };
  const worker = async () => {
    while (next < count) closers.push(await opened(next++));
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return { ms: performance.now() - started };
}

const ops: Record<string, (request: unknown) => unknown> = {
  'connect-sio'(request) {
    const { urls, credentials } = request as {
      urls: string[];
      credentials: { deviceId: string; secret: string }[];
    };
    return openAll(credentials.length, (i) => {
      const socket: Socket = io(`${urls[i % urls.length]}/stb`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: 60_000,
        auth: { ...credentials[i], lastSeq: 0 },
      });
      socket.on('push:message', (message: { seq: number }) => {
        arrived(0);
        socket.emit('push:ack', { seq: message.seq });
      });
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(() => socket.disconnect()));
        socket.once('connect_error', reject);
      });
    });
  },
  'connect-raw'(request) {
    const { urls, credentials } = request as {
      urls: string[];
      credentials: { deviceId: string; secret: string }[];
    };
    return openAll(credentials.length, (i) => {
      const url = `${(urls[i % urls.length] as string).replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
      const auth = JSON.stringify({ ...credentials[i], lastSeq: 0 });
      return new Promise((resolve, reject) => {
        // engine.io v4 packets: 0 open, 2 ping, 3 pong, 4 message; socket.io v5 inside a message:
        // 0 connect, 2 event, 4 connect_error, each followed by the namespace.
        const opening = openLeanWebSocket(url, (data, ws) => {
          // A push is acked from its first bytes (the server writes `seq` first): decoding and parsing the
          // whole payload, as a real box does on its own CPU, would make this one process of many boxes the
          // bottleneck of the measurement on the node's two cores.
          if (
            data.length > pushPrefix.length &&
            data.compare(pushPrefix, 0, pushPrefix.length, 0, pushPrefix.length) === 0
          ) {
            arrived(data.length);
            ws.sendText(`42/stb,["push:ack",{"seq":${seqAt(data, pushPrefix.length)}}]`);
            return;
          }
          const text = String(data);
          if (text === '2') ws.sendText('3');
          else if (text.startsWith('0')) ws.sendText(`40/stb,${auth}`);
          else if (text.startsWith('40/stb,')) resolve(() => ws.close());
          else if (text.startsWith('44/stb,')) reject(new Error(`refused: ${text.slice(7)}`));
        });
        opening.catch(reject);
      });
    });
  },
  'connect-ws'(request) {
    const { url, count } = request as { url: string; count: number };
    return openAll(count, async () => {
      const ws = await openLeanWebSocket(url, (data) => arrived(data.length));
      return () => ws.close();
    });
  },
  reset() {
    arrivals = { count: 0, first: 0n, last: 0n };
    bytes = { min: Number.POSITIVE_INFINITY, max: 0, total: 0 };
    return { reset: true };
  },
  expect(count) {
    return new Promise((resolve) => {
      waiter = { count: count as number, resolve };
      // Everything may already be here.
      if (arrivals.count >= waiter.count) {
        waiter = undefined;
        resolve({ count: arrivals.count, first: String(arrivals.first), last: String(arrivals.last) });
      }
    });
  },
  sizes() {
    return { min: bytes.min, mean: arrivals.count ? bytes.total / arrivals.count : 0, max: bytes.max };
  },
  cpu() {
    const { user, system } = process.cpuUsage();
    return { cpuMs: (user + system) / 1000 };
  },
  close() {
    for (const close of closers) close();
    closers = [];
    return { closed: true };
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
process.on('disconnect', () => {
  for (const close of closers) close();
  process.exit(0);
});
send({ ready: 0 });
