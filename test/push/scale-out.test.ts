// Two backend processes share the push through Redis and one PostgreSQL database. Boxes (the bridge's real
// link) connect to both; a publish on either node reaches every targeted box; when one node is killed, its boxes
// move to the other and get what was published while they were away.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  migrate,
  type PushMessage,
  type PushStats,
  type TempPostgresDatabase,
} from '@myna-tv/backend';
import { BackendLink, PushInbox } from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { addTestDevice, createTestDeviceTable, type TestDevice } from './support/test-devices.ts';

const boxCount = 20;
const tokyo = '131016';
const osaka = '271004';

interface Box {
  device: TestDevice;
  area: string;
  inbox: PushInbox;
  link: BackendLink;
  /** URL of every node it connected to, in order. */
  connections: string[];
}

let temp: TempPostgresDatabase;
let db: Database;
let nodes: NodeProcess[] = [];
const boxes: Box[] = [];
let dataRoot: string;

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  db = createPostgresDatabase({ url: temp.url });
  await migrate(db);
  await createTestDeviceTable(db);
  const env = {
    DATABASE_URL: temp.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    PUSH_REDIS_PREFIX: `myna-test-${randomUUID()}`,
    // No catch-up from the log during the test: cross-node delivery must come through Redis.
    PUSH_CATCH_UP_MS: '600000',
  };
  nodes = await Promise.all([startNodeProcess(env), startNodeProcess(env)]);
  dataRoot = await mkdtemp(join(tmpdir(), 'myna-scale-out-'));
}, 120_000);

afterAll(async () => {
  for (const box of boxes) box.link.close();
  await Promise.all(nodes.map((node) => node.stop()));
  await db?.close();
  await temp?.drop();
  await rm(dataRoot, { recursive: true, force: true });
});

const [first, second] = [() => nodes[0] as NodeProcess, () => nodes[1] as NodeProcess];
const publish = (node: NodeProcess, target: PushMessage['target'], payload: string) =>
  node.call<PushMessage>('publish', { target, payload, ttlMs: 600_000 });
const seqsOf = (box: Box) => box.inbox.pending().map((m) => m.seq);
const targets = (message: PushMessage, box: Box) =>
  message.target.kind === 'all' ||
  (message.target.kind === 'area' && message.target.areaCode === box.area) ||
  (message.target.kind === 'household' && message.target.householdId === box.device.householdId);

async function expectEveryBoxHas(published: PushMessage[]): Promise<void> {
  for (const box of boxes) {
    const expected = published.filter((m) => targets(m, box)).map((m) => m.seq);
    await vi.waitFor(() => expect(seqsOf(box)).toEqual(expected), { timeout: 15_000 });
  }
  for (const message of published) {
    const expected = boxes.filter((box) => targets(message, box)).length;
    await vi.waitFor(
      async () => {
        const [row] = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM push_delivery WHERE seq = $1',
          [message.seq],
        );
        expect(row?.n).toBe(expected);
      },
      { timeout: 15_000 },
    );
  }
}

describe('push across two backend processes with Redis', () => {
  it('reaches the boxes of both nodes, and the boxes of a killed node miss nothing', async () => {
    const urls = [first().url, second().url];
    for (let i = 0; i < boxCount; i++) {
      const area = i % 3 === 0 ? osaka : tokyo;
      const device = await addTestDevice(db, { areaCodes: [area] });
      const dataDir = await mkdtemp(join(dataRoot, 'box-'));
      const inbox = await PushInbox.open(dataDir);
      // Half the boxes try the first node first, half the second: a load balancer's spread.
      const link = new BackendLink({
        urls: i % 2 === 0 ? urls : [...urls].reverse(),
        credential: device,
        inbox,
        backoff: { initialMs: 300, maxMs: 1000 },
      });
      const box: Box = { device, area, inbox, link, connections: [] };
      link.on('connected', (url) => box.connections.push(url));
      link.start();
      boxes.push(box);
    }
    await vi.waitFor(() => expect(boxes.every((box) => box.link.connected)).toBe(true), { timeout: 15_000 });
    const stats = await Promise.all(nodes.map((node) => node.call<PushStats>('stats')));
    expect(stats.map((s) => s.connected)).toEqual([boxCount / 2, boxCount / 2]);

    const published = [
      await publish(first(), { kind: 'all' }, 'to all, from the first node'),
      await publish(second(), { kind: 'area', areaCode: tokyo }, 'to Tokyo, from the second node'),
    ];
    await expectEveryBoxHas(published);

    const moved = boxes.filter((box) => box.connections[0] === first().url);
    await first().kill();
    // Published while the first node's boxes are away: they must get these by replay.
    published.push(
      await publish(second(), { kind: 'all' }, 'to all, while some boxes are away'),
      await publish(
        second(),
        { kind: 'household', householdId: (moved[0] as Box).device.householdId },
        'one home',
      ),
      await publish(second(), { kind: 'area', areaCode: osaka }, 'to Osaka'),
    );
    await vi.waitFor(async () => expect((await second().call<PushStats>('stats')).connected).toBe(boxCount), {
      timeout: 15_000,
    });
    expect(moved.every((box) => box.connections.at(-1) === second().url)).toBe(true);
    await expectEveryBoxHas(published);
  });
});
