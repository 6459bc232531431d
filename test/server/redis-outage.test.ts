// Redis away (not there at start, then lost while running): the node keeps serving, push reaches the boxes
// connected to it, and health and metrics say the fan-out is down. Redis is reached through a TCP relay this
// test opens and cuts, so the shared Redis server itself is never stopped.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, createLogger, loadConfig, type PushMessage, startBackend } from '@myna-tv/backend';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { adminHeaders, type Box, call, enrolBox } from './support/backend-api.ts';

const metricsToken = randomUUID() + randomUUID();

/** A TCP relay to the test Redis that can be cut (connections dropped, port closed) and restored. */
class RedisRelay {
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  port = 0;

  async reserve(): Promise<void> {
    await this.open();
    await this.cut();
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = netConnect(6379, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          this.#sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

const relay = new RedisRelay();
let backend: Backend;
let box: Box;
let dataDir: string;

beforeAll(async () => {
  await relay.reserve();
  dataDir = await mkdtemp(join(tmpdir(), 'myna-redis-outage-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    REDIS_URL: `redis://127.0.0.1:${relay.port}`,
    PUSH_REDIS_PREFIX: `myna-test-${randomUUID()}`,
    METRICS_TOKEN: metricsToken,
  });
  backend = await startBackend({ config, logger: createLogger({ level: 'silent' }) });
  box = await enrolBox(backend.url, await adminHeaders(backend.url, backend.db));
});

afterAll(async () => {
  await backend?.close();
  await relay.cut();
  await rm(dataDir, { recursive: true, force: true });
});

const health = async () => (await call(backend.url, '/api/v1/health')).json;
const redisUp = async () =>
  (
    await fetch(`${backend.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then(
      (r) => r.text(),
    )
  ).match(/^myna_push_redis_up (\d)$/m)?.[1];

it('starts without Redis and says so; the fan-out joins when Redis comes', async () => {
  expect(await health()).toMatchObject({ status: 'degraded', push: { adapter: 'redis', redis: 'down' } });
  expect(await redisUp()).toBe('0');
  await relay.open();
  await vi.waitFor(async () => expect((await health()).push).toEqual({ adapter: 'redis', redis: 'up' }), {
    timeout: 20_000,
    interval: 200,
  });
  expect((await health()).status).toBe('ok');
  expect(await redisUp()).toBe('1');
});

it('loses Redis while running: health degrades, push still reaches the boxes of this node', async () => {
  const received: PushMessage[] = [];
  const socket = io(`${backend.url}/stb`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { deviceId: box.deviceId, secret: box.secret, lastSeq: 0 },
  });
  socket.on('push:message', (message: PushMessage) => void received.push(message));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  try {
    await relay.cut();
    await vi.waitFor(
      async () => expect(await health()).toMatchObject({ status: 'degraded', push: { redis: 'down' } }),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    const message = await backend.push.publish({
      target: { kind: 'household', householdId: box.householdId },
      payload: { text: 'evacuate' },
      ttlMs: 60_000,
    });
    await vi.waitFor(() => expect(received.map((m) => m.seq)).toContain(message.seq), { timeout: 10_000 });
    const { status } = await call(backend.url, '/api/v1/health');
    expect(status).toBe(200);
  } finally {
    socket.disconnect();
  }
});
