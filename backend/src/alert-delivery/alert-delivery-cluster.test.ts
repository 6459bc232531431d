import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  migrate,
  type TempPostgresDatabase,
} from '../db/index.ts';
import { authenticateDevice, getDeviceDetails } from '../devices/index.ts';
import { type PushNode, startPushNode, TestBox } from '../push/push-test-support.ts';
import { type AlertDelivery, startAlertDelivery } from './alert-delivery.ts';
import { createAlertDispatcher } from './alert-dispatch.ts';
import {
  capXml,
  enrol,
  hiwasaPolygon,
  inside,
  outside,
  seedShelters,
  storeAlert,
  testCipher,
  testHousehold,
} from './delivery-test-support.ts';

// Two backend nodes in this process sharing PostgreSQL and Redis, each with its push gateway and alert
// delivery: an alert targeted on one reaches the boxes of the other, rendered there from the database.
let temp: TempPostgresDatabase;
let db: Database;
const nodes: PushNode[] = [];
const deliveries: AlertDelivery[] = [];
const clock = () => new Date();

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  db = createPostgresDatabase({ url: temp.url });
  await migrate(db);
  await seedShelters(db);
  const prefix = `myna-test-${randomUUID()}`;
  for (let i = 0; i < 2; i++) {
    const node = await startPushNode({
      db,
      authenticate: (credential) => authenticateDevice(db, credential),
      redis: { url: 'redis://127.0.0.1:6379', keyPrefix: prefix },
    });
    nodes.push(node);
    deliveries.push(
      await startAlertDelivery({
        db,
        cipher: testCipher,
        push: node.gateway,
        clock,
        defaultTtlMs: 3_600_000,
      }),
    );
  }
});

afterAll(async () => {
  for (const delivery of deliveries) await delivery.stop();
  for (const node of nodes) await node.close();
  await db.close();
  await temp.drop();
});

describe('households for targeting (PostgreSQL)', () => {
  it('stores care data sealed, maps it for targeting, and refuses a supported household that does not exist', async () => {
    const helped = await enrol(
      db,
      testHousehold({
        members: [
          { name: '岡田\u3000茂', birthYear: 1938, needsAssistance: true },
          { name: '岡田\u3000和子', birthYear: 1941, needsAssistance: false },
        ],
        language: 'en',
        namesConsent: true,
      }),
    );
    const helper = await enrol(db, testHousehold({ ...outside, supporterOf: [helped.householdId] }));
    const [row] = await db.query<{ care_sealed: string }>(
      'SELECT care_sealed FROM households WHERE id = $1',
      [helper.householdId],
    );
    expect(row?.care_sealed).not.toContain(helped.householdId);
    const details = await getDeviceDetails(db, {
      deviceId: helper.deviceId,
      cipher: testCipher,
      actor: { id: 'test', role: 'system', requestId: null },
      now: new Date(),
    });
    expect(details.household.supporterOf).toEqual([helped.householdId]);
    await expect(enrol(db, testHousehold({ supporterOf: [randomUUID()] }))).rejects.toMatchObject({
      code: 'device.supported-household-unknown',
    });

    // The other node sees both at its next use, as targeting wants them.
    const index = await deliveries[1]?.households.current();
    const position = index?.positionById.get(helped.householdId) as number;
    expect(index?.households[position]).toMatchObject({
      people: 2,
      names: ['岡田'],
      language: 'en',
      namesConsent: true,
      // A member needing help, no need named: needs help to move. Someone supports the household.
      needs: { mobility: true, elderly: false, hasSupporter: true },
    });
    const helperPosition = index?.positionById.get(helper.householdId) as number;
    expect(index?.households[helperPosition]).toMatchObject({
      supports: [helped.householdId],
      language: 'ja',
      namesConsent: false,
      needs: { mobility: false, hasSupporter: false },
    });
  });
});

describe('an alert across two nodes', () => {
  it('reaches boxes on both nodes, each with its household’s payload as the targeting node composed it', async () => {
    const [first, second] = deliveries as [AlertDelivery, AlertDelivery];
    const onFirst = await enrol(db, testHousehold({ latitude: inside.latitude + 0.001 }));
    // Enrolled after both nodes built their index: the second node must see it when it renders.
    const onSecond = await enrol(
      db,
      testHousehold({
        latitude: inside.latitude - 0.001,
        members: [{ name: '森\u3000清', birthYear: 1945, needsAssistance: false }],
        namesConsent: true,
      }),
    );
    const boxA = await new TestBox(nodes[0]?.url ?? '', onFirst).connected();
    const boxB = await new TestBox(nodes[1]?.url ?? '', onSecond).connected();
    try {
      const stored = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
      const summary = await first.dispatcher.issue(stored, []);
      expect(summary.outcome).toBe('composed');
      await vi.waitFor(() => {
        expect(boxA.seqs()).toContain(summary.pushSeq);
        expect(boxB.seqs()).toContain(summary.pushSeq);
      });
      const composed = await first.renderer.render(stored.id);
      const atB = boxB.received.find((m) => m.seq === summary.pushSeq);
      expect(atB?.payload).toEqual(composed.get(onSecond.householdId)?.value());
      expect(JSON.stringify(atB?.payload)).toContain('森さん');
      expect(boxA.received.find((m) => m.seq === summary.pushSeq)?.payload).toEqual(
        composed.get(onFirst.householdId)?.value(),
      );
      // The second node composed its own copy from the stored recipients: the same bytes.
      expect(second.renderer.cached()).toContain(stored.id);
      expect([...(await second.renderer.render(stored.id)).entries()]).toEqual([...composed.entries()]);
      // Issued again through the second node (a duplicate): nothing new.
      expect(await second.dispatcher.issue(stored, [])).toEqual(summary);
    } finally {
      boxA.close();
      boxB.close();
    }
  });

  it('reaches the boxes of the targeting node while the recipients are written, the others after the commit; a failed write stops it, the recovery sends it again', async () => {
    const [first] = deliveries as [AlertDelivery, AlertDelivery];
    const [nodeA, nodeB] = nodes as [PushNode, PushNode];
    const boxA = await new TestBox(nodeA.url, await enrol(db, testHousehold({}))).connected();
    const boxB = await new TestBox(nodeB.url, await enrol(db, testHousehold({}))).connected();
    let failWrite = false;
    // The recipients' INSERT goes on only once the targeting node's box has the message and the node its ack
    // (a fan-out that waited for the commit would never get there), while the other node's box has nothing.
    const gated: Database = {
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            async query(sql, params) {
              if (sql.includes('INSERT INTO alert_recipients')) {
                const [last] = await tx.query<{ seq: number }>(
                  'SELECT max(seq)::int AS seq FROM push_message',
                );
                await vi.waitFor(
                  () => {
                    expect(boxA.seqs()).toContain(last?.seq);
                    expect(nodeA.gateway.stats().pending).toBe(0);
                  },
                  { timeout: 5000 },
                );
                expect(boxB.seqs()).not.toContain(last?.seq);
                // As long as 19,000 rows take: the node's ack writes (every 50 ms) run before the commit.
                await sleep(300);
                if (failWrite) throw new Error('the disk is full');
              }
              return tx.query(sql, params);
            },
            exec: (sql) => tx.exec(sql),
          }),
        ),
    };
    const dispatcher = createAlertDispatcher({
      db: gated,
      households: first.households,
      renderer: first.renderer,
      push: nodeA.gateway,
      clock,
      defaultTtlMs: 3_600_000,
    });
    const delivered = (seq: number | null) =>
      db.query('SELECT device_id FROM push_delivery WHERE seq = $1', [seq]);
    try {
      const sent = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
      const summary = await dispatcher.issue(sent, []);
      // Both boxes have it and both acks are recorded, the one that came before the commit too.
      await vi.waitFor(async () => {
        expect(boxB.seqs()).toContain(summary.pushSeq);
        expect(await delivered(summary.pushSeq)).toHaveLength(2);
      });

      failWrite = true;
      const failing = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
      const before = boxA.received.length;
      await expect(dispatcher.issue(failing, [])).rejects.toThrow();
      const early = boxA.received.at(before);
      expect(early?.target).toEqual({ kind: 'rendered', topic: 'alert', key: failing.id });
      const messages = await db.query('SELECT seq FROM push_message WHERE target_id = $1', [failing.id]);
      expect(messages).toEqual([]);
      // Nothing half done: the recovery dispatches it as an alert stored and never dispatched.
      expect((await first.recover()).dispatched).toContain(failing.id);
      const [again] = await db.query<{ seq: number }>('SELECT seq FROM push_message WHERE target_id = $1', [
        failing.id,
      ]);
      expect(again?.seq).toBeGreaterThan(early?.seq ?? 0);
      await vi.waitFor(() => {
        expect(boxA.seqs()).toContain(again?.seq);
        expect(boxB.seqs()).toContain(again?.seq);
      });
      expect(boxB.seqs()).not.toContain(early?.seq);
    } finally {
      boxA.close();
      boxB.close();
    }
  });
});
