import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../db/index.ts';
import { isPushError } from './push-error.ts';
import type { PushHealth } from './push-gateway.ts';
import { deliveryCount, type PushNode, TestBox, type TestDevices } from './push-test-support.ts';

export interface PushCluster {
  /** Two nodes; with the in-memory adapter both are the same node. */
  nodes: readonly [PushNode, PushNode];
  db: Database;
  devices: TestDevices;
  /** What the nodes report as their fan-out. */
  health: PushHealth;
  /** Devices whose older connection a node ended (`onConnectionReplaced`), in order. */
  replaced: string[];
  close(): Promise<void>;
}

const tokyo = '131016';
const osaka = '271004';

/**
 * What the gateway must do whatever its fan-out (in-memory, Redis across nodes), run by push-gateway.test.ts
 * and push-gateway-redis.test.ts. Boxes sit on both nodes; messages are published from the first.
 */
export function runPushGatewayCases(start: () => Promise<PushCluster>): void {
  let cluster: PushCluster;
  let boxes: TestBox[] = [];
  beforeAll(async () => {
    cluster = await start();
  });
  afterAll(() => cluster?.close());
  afterEach(() => {
    for (const box of boxes) box.close();
    boxes = [];
  });

  const connect = (
    node: 0 | 1,
    ...args: ConstructorParameters<typeof TestBox> extends [string, ...infer R] ? R : never
  ) => {
    const box = new TestBox(cluster.nodes[node].url, ...args);
    boxes.push(box);
    return box.connected();
  };
  const publisher = () => cluster.nodes[0].gateway;

  it('refuses a box without a valid credential, with a stable code', async () => {
    const { deviceId } = cluster.devices.add({ areaCodes: [tokyo] });
    await expect(connect(0, { deviceId, secret: 'wrong' })).rejects.toThrow('push.unauthorized');
    const malformed = new TestBox(cluster.nodes[0].url, { deviceId, secret: '' });
    boxes.push(malformed);
    await expect(malformed.connected()).rejects.toThrow('push.bad-handshake');
  });

  it('delivers to every box, to an area and to a household, on either node', async () => {
    const household = randomUUID();
    const a = await connect(0, cluster.devices.add({ householdId: household, areaCodes: [tokyo] }));
    const b = await connect(1, cluster.devices.add({ areaCodes: [tokyo, '131016000101'] }));
    const c = await connect(1, cluster.devices.add({ householdId: household, areaCodes: [tokyo] }));
    const d = await connect(1, cluster.devices.add({ areaCodes: [osaka] }));
    const all = await publisher().publish({ target: { kind: 'all' }, payload: { n: 1 }, ttlMs: 60_000 });
    const area = await publisher().publish({
      target: { kind: 'area', areaCode: osaka },
      payload: 'x',
      ttlMs: 60_000,
    });
    const home = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: ['y'],
      expiresAt: new Date(Date.now() + 60_000),
    });
    const barrier = await publisher().publish({ target: { kind: 'all' }, payload: null, ttlMs: 60_000 });
    expect(area.seq).toBeGreaterThan(all.seq);
    for (const box of [a, b, c, d]) await vi.waitFor(() => expect(box.seqs()).toContain(barrier.seq));
    expect(a.seqs()).toEqual([all.seq, home.seq, barrier.seq]);
    expect(b.seqs()).toEqual([all.seq, barrier.seq]);
    expect(c.seqs()).toEqual([all.seq, home.seq, barrier.seq]);
    expect(d.seqs()).toEqual([all.seq, area.seq, barrier.seq]);
    expect(a.received[0]).toEqual(all);
    expect(all).toMatchObject({ target: { kind: 'all' }, payload: { n: 1 } });
  });

  it('writes the acks to the database in batches and counts them', async () => {
    const household = randomUUID();
    const members = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        connect((i % 2) as 0 | 1, cluster.devices.add({ householdId: household, areaCodes: [] })),
      ),
    );
    const before = sumStats(cluster);
    const message = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: 1,
      ttlMs: 60_000,
    });
    await vi.waitFor(async () => expect(await deliveryCount(cluster.db, message.seq)).toBe(members.length));
    await vi.waitFor(() =>
      expect(sumStats(cluster).acked - before.acked).toBeGreaterThanOrEqual(members.length),
    );
    const after = sumStats(cluster);
    expect(after.sent - before.sent).toBe(members.length);
    expect(after.pending).toBe(0);
  });

  it('answers an ack callback once the ack is written, and refuses a malformed ack', async () => {
    const credential = cluster.devices.add({ areaCodes: [osaka] });
    const box = await connect(1, credential, { autoAck: false });
    const message = await publisher().publish({
      target: { kind: 'area', areaCode: osaka },
      payload: 2,
      ttlMs: 60_000,
    });
    await vi.waitFor(() => expect(box.seqs()).toContain(message.seq));
    expect(sumStats(cluster).pending).toBeGreaterThan(0);
    expect(await box.ack(message.seq)).toEqual({ data: { seq: message.seq } });
    expect(await box.ack(-1)).toMatchObject({ error: 'push.bad-ack' });
  });

  it('replays what a box missed, in order, but not what it acknowledged or what expired', async () => {
    const credential = cluster.devices.add({ areaCodes: [tokyo] });
    const household = cluster.devices.householdOf(credential.deviceId);
    const first = await connect(0, credential);
    const seen = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: 'seen',
      ttlMs: 60_000,
    });
    await vi.waitFor(async () => expect(await deliveryCount(cluster.db, seen.seq)).toBe(1));
    first.close();

    const missed = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: 'a',
      ttlMs: 60_000,
    });
    const expired = await publisher().publish({
      target: { kind: 'area', areaCode: tokyo },
      payload: 'b',
      ttlMs: 150,
    });
    const other = await publisher().publish({
      target: { kind: 'area', areaCode: osaka },
      payload: 'c',
      ttlMs: 60_000,
    });
    const area = await publisher().publish({
      target: { kind: 'area', areaCode: tokyo },
      payload: 'd',
      ttlMs: 60_000,
    });
    await sleep(200);
    const back = await connect(1, credential, { lastSeq: seen.seq });
    await vi.waitFor(() => expect(back.seqs()).toEqual([missed.seq, area.seq]));
    expect([expired.seq, other.seq].some((seq) => back.seqs().includes(seq))).toBe(false);
  });

  it('replays a message the box stored but whose ack never arrived, and everything to a wiped box', async () => {
    const credential = cluster.devices.add({ areaCodes: [osaka] });
    const household = cluster.devices.householdOf(credential.deviceId);
    const acked = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: 1,
      ttlMs: 60_000,
    });
    const box = await connect(0, credential);
    await vi.waitFor(async () => expect(await deliveryCount(cluster.db, acked.seq)).toBe(1));
    box.close();
    const unacked = await publisher().publish({
      target: { kind: 'household', householdId: household },
      payload: 2,
      ttlMs: 60_000,
    });
    const silent = await connect(1, credential, { autoAck: false, lastSeq: acked.seq });
    await vi.waitFor(() => expect(silent.seqs()).toEqual([unacked.seq]));
    silent.close();

    const again = await connect(0, credential, { lastSeq: unacked.seq });
    await vi.waitFor(() => expect(again.seqs()).toEqual([unacked.seq]));
    again.close();
    const wiped = await connect(1, credential, { lastSeq: 0 });
    // Every message in force comes back, those of earlier tests included.
    await vi.waitFor(() =>
      expect(wiped.seqs().filter((seq) => seq >= acked.seq)).toEqual([acked.seq, unacked.seq]),
    );
    expect(wiped.seqs()).toEqual([...wiped.seqs()].sort((x, y) => x - y));
  });

  it('ends the connection of a device on any node', async () => {
    const credential = cluster.devices.add({ areaCodes: [tokyo] });
    const box = await connect(1, credential);
    cluster.devices.revoke(credential.deviceId);
    await publisher().disconnectDevice(credential.deviceId);
    await vi.waitFor(() => expect(box.socket.connected).toBe(false));
    await expect(connect(1, credential)).rejects.toThrow('push.unauthorized');
  });

  it('keeps one connection per device: a second one ends the older, on either node, and says so', async () => {
    const credential = cluster.devices.add({ areaCodes: [osaka] });
    const older = await connect(0, credential);
    const newer = await connect(1, credential);
    await vi.waitFor(() => expect(older.socket.connected).toBe(false));
    await vi.waitFor(() => expect(cluster.replaced).toContain(credential.deviceId));
    expect(newer.socket.connected).toBe(true);
    // The remaining connection is the one that gets the device's messages.
    const message = await publisher().publish({
      target: { kind: 'household', householdId: cluster.devices.householdOf(credential.deviceId) },
      payload: 'one box',
      ttlMs: 60_000,
    });
    await vi.waitFor(() => expect(newer.seqs()).toContain(message.seq));
    expect(older.seqs()).not.toContain(message.seq);
  });

  it('refuses a publish without a valid target or expiry', async () => {
    const bad = [
      { target: { kind: 'area', areaCode: '' }, payload: 1, ttlMs: 1000 },
      { target: { kind: 'all' }, payload: 1 },
      { target: { kind: 'all' }, payload: 1, ttlMs: 1000, expiresAt: new Date(Date.now() + 1000) },
      { target: { kind: 'all' }, payload: 1, expiresAt: new Date(Date.now() - 1000) },
    ] as const;
    for (const request of bad) {
      const error = await publisher()
        .publish(request as never)
        .catch((err: unknown) => err);
      expect(isPushError(error, 'push.bad-publish')).toBe(true);
    }
  });

  it('reports its fan-out in the health answer', async () => {
    for (const node of cluster.nodes) {
      expect(node.gateway.health()).toEqual(cluster.health);
      const response = await fetch(`${node.url}/health`);
      expect(await response.json()).toEqual({ push: cluster.health });
    }
  });

  it('counts the boxes connected to each node', async () => {
    const before = cluster.nodes.map((n) => n.gateway.stats().connected);
    await connect(0, cluster.devices.add({ areaCodes: [] }));
    await connect(1, cluster.devices.add({ areaCodes: [] }));
    const after = cluster.nodes.map((n) => n.gateway.stats().connected);
    expect(sum(after) - sum(before)).toBe(cluster.nodes[0] === cluster.nodes[1] ? 4 : 2);
  });
}

function sumStats(cluster: PushCluster) {
  const nodes = cluster.nodes[0] === cluster.nodes[1] ? [cluster.nodes[0]] : cluster.nodes;
  const stats = nodes.map((n) => n.gateway.stats());
  return {
    sent: sum(stats.map((s) => s.sent)),
    acked: sum(stats.map((s) => s.acked)),
    pending: sum(stats.map((s) => s.pending)),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
