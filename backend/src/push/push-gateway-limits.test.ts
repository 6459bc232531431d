// The gateway's guards against boxes that misbehave or come all at once: re-sends to boxes that leave a message
// unacknowledged, and the handshake admission rate. One node, PGlite.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPgliteDatabase, type Database, DbError, migrate } from '../db/index.ts';
import { EncodedPayload } from './push-renderer.ts';
import { deliveryCount, type PushNode, startPushNode, TestBox, TestDevices } from './push-test-support.ts';

let db: Database;
const devices = new TestDevices();
beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
});
afterAll(() => db?.close());

describe('push gateway re-sends', () => {
  let node: PushNode;
  beforeAll(async () => {
    // Long enough that a box which acks is never re-sent to, however busy the machine.
    node = await startPushNode({
      db,
      authenticate: devices.authenticate,
      resendAfterMs: 1000,
      maxResends: 2,
    });
  });
  afterAll(() => node?.close());

  it('writes an unacknowledged message again to a connected box, at most maxResends times', async () => {
    const credential = devices.add({ areaCodes: [] });
    const silent = await new TestBox(node.url, credential, { autoAck: false }).connected();
    const acking = await new TestBox(node.url, devices.add({ areaCodes: [] })).connected();
    try {
      const message = await node.gateway.publish({
        target: { kind: 'household', householdId: devices.householdOf(credential.deviceId) },
        payload: 'again',
        ttlMs: 60_000,
      });
      const all = await node.gateway.publish({ target: { kind: 'all' }, payload: 'all', ttlMs: 60_000 });
      await vi.waitFor(() => expect(silent.seqs().filter((s) => s === message.seq)).toHaveLength(3), {
        timeout: 10_000,
      });
      // Past the cap: nothing more (more than one re-send period later).
      await sleep(1500);
      expect(silent.seqs().filter((s) => s === message.seq)).toHaveLength(3);
      // A box that acknowledged gets nothing again.
      expect(acking.seqs().filter((s) => s === all.seq)).toHaveLength(1);
      expect(node.gateway.stats().resent).toBeGreaterThanOrEqual(4);
      // The ack of a re-sent message still counts, once.
      expect(await silent.ack(message.seq)).toEqual({ data: { seq: message.seq } });
      expect(await deliveryCount(db, message.seq)).toBe(1);
    } finally {
      silent.close();
      acking.close();
    }
  });

  it("re-sends a rendered message rendered for the box's household, and not once it is withdrawn", async () => {
    const credential = devices.add({ areaCodes: [] });
    const household = devices.householdOf(credential.deviceId);
    const renders: string[] = [];
    node.gateway.setRenderer('alert', {
      async render(key) {
        renders.push(key);
        return new Map([[household, new EncodedPayload({ key, for: 'this household' })]]);
      },
    });
    const silent = await new TestBox(node.url, credential, { autoAck: false }).connected();
    try {
      const message = await node.gateway.publish({
        target: { kind: 'rendered', topic: 'alert', key: 'k1' },
        payload: 'summary',
        ttlMs: 60_000,
      });
      const copies = () => silent.received.filter((m) => m.seq === message.seq);
      await vi.waitFor(() => expect(copies()).toHaveLength(2), { timeout: 10_000 });
      expect(copies()[1]).toEqual({ ...message, payload: { key: 'k1', for: 'this household' } });
      expect(renders.length).toBeGreaterThanOrEqual(2);
      await node.gateway.withdraw(message.seq);
      const count = copies().length;
      await sleep(1500);
      expect(copies()).toHaveLength(count);
    } finally {
      silent.close();
    }
  });

  it('stops re-sending a message once it expired, and no longer counts it as pending', async () => {
    const credential = devices.add({ areaCodes: [] });
    const silent = await new TestBox(node.url, credential, { autoAck: false }).connected();
    try {
      const pendingBefore = node.gateway.stats().pending;
      const message = await node.gateway.publish({
        target: { kind: 'household', householdId: devices.householdOf(credential.deviceId) },
        payload: 'brief',
        ttlMs: 150,
      });
      await vi.waitFor(() => expect(silent.seqs()).toContain(message.seq));
      await vi.waitFor(() => expect(node.gateway.stats().pending).toBe(pendingBefore), { timeout: 10_000 });
      // (The box also gets, and leaves unacknowledged, what the test before published to all.)
      const copies = () => silent.seqs().filter((s) => s === message.seq).length;
      const before = copies();
      await sleep(1500);
      expect(copies()).toBe(before);
    } finally {
      silent.close();
    }
  });
});

describe('push gateway admission', () => {
  it('refuses handshakes beyond its rate with push.busy, and admits again later', async () => {
    const node = await startPushNode({ db, authenticate: devices.authenticate, handshakesPerSecond: 1 });
    const boxes = Array.from({ length: 5 }, () => new TestBox(node.url, devices.add({ areaCodes: [] })));
    try {
      const outcomes = await Promise.allSettled(boxes.map((box) => box.connected()));
      const refusals = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [(o.reason as Error).message] : [],
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      expect(refusals.length).toBeGreaterThanOrEqual(1);
      expect(new Set(refusals)).toEqual(new Set(['push.busy']));
      // One token per second: a box that backs off gets in.
      const later = devices.add({ areaCodes: [] });
      await vi.waitFor(
        async () => {
          const box = new TestBox(node.url, later);
          boxes.push(box);
          await box.connected();
        },
        { timeout: 5000, interval: 300 },
      );
    } finally {
      for (const box of boxes) box.close();
      await node.close();
    }
  });

  it('refuses with push.busy, not as a bad credential, while the database cannot check it', async () => {
    const node = await startPushNode({
      db,
      authenticate: async () => {
        throw new DbError('db.unavailable', 'connection refused');
      },
    });
    const box = new TestBox(node.url, devices.add({ areaCodes: [] }));
    try {
      await expect(box.connected()).rejects.toThrow('push.busy');
    } finally {
      box.close();
      await node.close();
    }
  });
});
