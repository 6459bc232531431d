import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  migrate,
  type TempPostgresDatabase,
} from '../db/index.ts';
import type { PushError } from './push-error.ts';
import { type PushCluster, runPushGatewayCases } from './push-gateway.case.test.ts';
import { runRenderedPushCases } from './push-rendered.case.test.ts';
import { type PushNode, startPushNode, TestBox, TestDevices } from './push-test-support.ts';

// Two nodes in this process sharing PostgreSQL and Redis (127.0.0.1:6379 for the cases, a private
// redis-server for the outage), each test run under its own key prefix.
let temp: TempPostgresDatabase;
let db: Database;
beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  db = createPostgresDatabase({ url: temp.url });
  await migrate(db);
});
afterAll(async () => {
  await db.close();
  await temp.drop();
});

const devices = new TestDevices();
const replaced: string[] = [];
const startNode = (redisUrl: string, keyPrefix: string, extra: { onError?: (e: PushError) => void } = {}) =>
  startPushNode({
    db,
    authenticate: devices.authenticate,
    redis: { url: redisUrl, keyPrefix, connectTimeoutMs: 300 },
    catchUpMs: 100,
    onConnectionReplaced: (deviceId) => replaced.push(deviceId),
    ...extra,
  });

async function startTwoNodes(): Promise<PushCluster> {
  const prefix = `myna-test-${randomUUID()}`;
  const nodes = [
    await startNode('redis://127.0.0.1:6379', prefix),
    await startNode('redis://127.0.0.1:6379', prefix),
  ] as const;
  return {
    nodes,
    db,
    devices,
    health: { adapter: 'redis', redis: 'up' },
    replaced,
    close: async () => {
      await Promise.all(nodes.map((n) => n.close()));
    },
  };
}

describe('push gateway, two nodes, Redis adapter, PostgreSQL', () => {
  runPushGatewayCases(startTwoNodes);
});

describe('rendered push, two nodes, Redis adapter, PostgreSQL', () => {
  runRenderedPushCases(startTwoNodes);
});

describe('push gateway while Redis is down', () => {
  it('starts without Redis, says so, and still delivers on its own node', async () => {
    const errors: PushError[] = [];
    const node = await startNode(`redis://127.0.0.1:${await freePort()}`, `myna-test-${randomUUID()}`, {
      onError: (e) => errors.push(e),
    });
    try {
      expect(node.gateway.health()).toEqual({ adapter: 'redis', redis: 'down' });
      expect(errors.map((e) => e.message)).toContain(
        'Redis not reachable at start: push reaches only this node',
      );
      const box = await new TestBox(node.url, devices.add({ areaCodes: [] })).connected();
      const message = await node.gateway.publish({
        target: { kind: 'all' },
        payload: 'local',
        ttlMs: 60_000,
      });
      await vi.waitFor(() => expect(box.seqs()).toContain(message.seq));
      box.close();
    } finally {
      await node.close();
    }
  });

  it('reaches the other node through the log during an outage, and through Redis again after it', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const prefix = `myna-test-${randomUUID()}`;
    const nodes: PushNode[] = [];
    try {
      nodes.push(
        await startNode(`redis://127.0.0.1:${port}`, prefix),
        await startNode(`redis://127.0.0.1:${port}`, prefix),
      );
      const [first, second] = nodes as [PushNode, PushNode];
      const box = await new TestBox(second.url, devices.add({ areaCodes: [] })).connected();

      await stopRedis(redis);
      await vi.waitFor(() => expect(first.gateway.health()).toEqual({ adapter: 'redis', redis: 'down' }));
      const during = await first.gateway.publish({
        target: { kind: 'all' },
        payload: 'during',
        ttlMs: 60_000,
      });
      await vi.waitFor(() => expect(box.seqs()).toContain(during.seq));

      redis = await startRedis(port);
      await vi.waitFor(
        () =>
          expect(nodes.map((n) => n.gateway.health())).toEqual([
            { adapter: 'redis', redis: 'up' },
            { adapter: 'redis', redis: 'up' },
          ]),
        { timeout: 10_000 },
      );
      const after = await first.gateway.publish({ target: { kind: 'all' }, payload: 'after', ttlMs: 60_000 });
      await vi.waitFor(() => expect(box.seqs()).toContain(after.seq));
      box.close();
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
      await stopRedis(redis);
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await vi.waitFor(
    () =>
      new Promise<void>((resolve, reject) => {
        const probe = connect(port, '127.0.0.1', () => {
          probe.end();
          resolve();
        });
        probe.on('error', reject);
      }),
    { timeout: 10_000, interval: 50 },
  );
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}
