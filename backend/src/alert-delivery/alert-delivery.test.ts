import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAlertIngest, defaultAlertIngestSettings } from '../alerts/index.ts';
import { createPgliteDatabase, type Database, migrate } from '../db/index.ts';
import { authenticateDevice } from '../devices/index.ts';
import type { JsonValue } from '../push/index.ts';
import { type PushNode, startPushNode, TestBox } from '../push/push-test-support.ts';
import { type AlertDelivery, startAlertDelivery } from './alert-delivery.ts';
import { type AlertRenderer, createAlertRenderer } from './alert-renderer.ts';
import {
  capXml,
  enrol,
  hiwasaPolygon,
  inside,
  outside,
  referenceOf,
  seedShelters,
  setState,
  storeAlert,
  testCipher,
  testHousehold,
} from './delivery-test-support.ts';
import { createNodeHouseholds } from './node-households.ts';

// One node (PGlite, the real push gateway on a port, boxes over socket.io) and the households of 日和佐.
let db: Database;
let node: PushNode;
let delivery: AlertDelivery;
const clock = () => new Date();
const start = () =>
  startAlertDelivery({ db, cipher: testCipher, push: node.gateway, clock, defaultTtlMs: 3_600_000 });

const ids = { elderly: '', neighbour: '', supporter: '', away: '' };
const boxes: Record<keyof typeof ids, { deviceId: string; secret: string }> = {} as never;

beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
  await seedShelters(db);
  const add = async (key: keyof typeof ids, household: Parameters<typeof testHousehold>[0]) => {
    const box = await enrol(db, testHousehold(household));
    ids[key] = box.householdId;
    boxes[key] = box;
  };
  await add('elderly', {
    members: [{ name: '浜口\u3000幸子', birthYear: 1940, needsAssistance: true }],
    needs: { elderly: true, mobility: true, hearing: false, visual: false, welfareShelter: false },
    namesConsent: true,
    language: 'en',
  });
  await add('neighbour', { latitude: inside.latitude + 0.002 });
  await add('supporter', {
    ...outside,
    members: [{ name: '森\u3000誠', birthYear: 1980, needsAssistance: false }],
    supporterOf: [ids.elderly],
  });
  await add('away', { ...outside, longitude: outside.longitude + 0.01 });
  node = await startPushNode({ db, authenticate: (credential) => authenticateDevice(db, credential) });
  delivery = await start();
});

afterAll(async () => {
  await delivery.stop();
  await node.close();
  await db.close();
});

const recipients = (alertId: string) =>
  db.query<{
    household_id: string;
    role: string;
    kind: string;
    priority: boolean;
    shelter_id: string | null;
  }>('SELECT household_id, role, kind, priority, shelter_id FROM alert_recipients WHERE alert_id = $1', [
    alertId,
  ]);
const messagesFor = (alertId: string) =>
  db.query<{ seq: number; expires_at: Date }>(
    `SELECT seq, expires_at FROM push_message WHERE target_kind = 'rendered' AND target_id = $1`,
    [alertId],
  );

/** What the renderer holds for an alert, decoded as the boxes decode it. */
async function renderedFor(renderer: AlertRenderer, alertId: string): Promise<Map<string, JsonValue>> {
  const encoded = await renderer.render(alertId);
  return new Map([...encoded].map(([household, payload]) => [household, payload.value()]));
}

describe('alert dispatch from stored households', () => {
  it('targets by polygon, supporters first from level 3, and records the recipients once', async () => {
    const stored = await storeAlert(db, capXml({ level: 3, polygon: hiwasaPolygon }));
    const summary = await delivery.dispatcher.issue(stored, []);
    expect(summary).toMatchObject({ outcome: 'composed', targeted: 3 });
    expect(summary.pushSeq).toBeGreaterThan(0);
    const rows = await recipients(stored.id);
    expect(rows.map((r) => r.household_id).sort()).toEqual(
      [ids.elderly, ids.neighbour, ids.supporter].sort(),
    );
    expect(rows.find((r) => r.household_id === ids.supporter)).toMatchObject({
      role: 'supporter',
      priority: true,
      shelter_id: null,
    });
    expect(rows.find((r) => r.household_id === ids.elderly)?.shelter_id).toMatch(/^E36387/);

    const payloads = await renderedFor(delivery.renderer, stored.id);
    // Needing assistance and their supporter first, then the others.
    expect([...payloads.keys()]).toEqual([ids.elderly, ids.supporter, ids.neighbour]);
    const elderly = payloads.get(ids.elderly) as Record<string, unknown>;
    expect(elderly).toMatchObject({ thread: stored.thread, kind: 'issue', level: 3, priority: true });
    expect(JSON.stringify(elderly)).toContain('浜口さん');
    expect(elderly.en).toBeDefined();
    const supporter = payloads.get(ids.supporter) as { ja: { action: string } };
    expect(supporter.ja.action).toContain('浜口さん');

    // Again (a retry, another node): the same answer, nothing written or pushed twice.
    expect(await delivery.dispatcher.issue(stored, [])).toEqual(summary);
    expect(await recipients(stored.id)).toHaveLength(3);
    expect(await messagesFor(stored.id)).toHaveLength(1);
  });

  it('targets by geocode every household of the municipality', async () => {
    const stored = await storeAlert(db, capXml({ level: 4, geocode: { name: 'jisX0402', value: '363871' } }));
    expect(await delivery.dispatcher.issue(stored, [])).toMatchObject({ outcome: 'composed', targeted: 4 });
  });

  it('never pushes a Test alert', async () => {
    const stored = await storeAlert(db, capXml({ status: 'Test', polygon: hiwasaPolygon }));
    expect(await delivery.dispatcher.issue(stored, [])).toEqual({
      outcome: 'not-for-viewers',
      targeted: 0,
      pushSeq: null,
    });
    expect(await messagesFor(stored.id)).toHaveLength(0);
    expect(await recipients(stored.id)).toHaveLength(0);
  });

  it('renders on another node exactly what the targeting node composed', async () => {
    const stored = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon, status: 'Exercise' }));
    await delivery.dispatcher.issue(stored, []);
    const here = await renderedFor(delivery.renderer, stored.id);
    const households = createNodeHouseholds({ db, cipher: testCipher });
    const other = createAlertRenderer({ db, households, clock, defaultTtlMs: 60_000 });
    const there = await renderedFor(other, stored.id);
    expect([...there.entries()]).toEqual([...here.entries()]);
    expect((there.get(ids.neighbour) as { ja: { title: string } }).ja.title).toBe(
      '【訓練】【警戒レベル4】避難指示',
    );

    // A household enrolled through another node is seen at the next use.
    const before = (await households.current()).households.length;
    const late = await enrol(db, testHousehold({ latitude: inside.latitude - 0.002 }));
    const index = await households.current();
    expect(index.households).toHaveLength(before + 1);
    expect(index.positionById.has(late.householdId)).toBe(true);
  });

  it('withdraws what an Update replaces, cancels where it no longer applies, and a Cancel withdraws it all', async () => {
    const first = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
    await delivery.dispatcher.issue(first, []);
    const firstRecipients = (await recipients(first.id)).map((r) => r.household_id);
    expect(firstRecipients).toContain(ids.neighbour);
    // The Update covers only the elderly household's corner.
    const corner = `${inside.latitude - 0.0005},${inside.longitude - 0.0005} ${inside.latitude - 0.0005},${inside.longitude + 0.0005} ${inside.latitude + 0.0005},${inside.longitude + 0.0005} ${inside.latitude + 0.0005},${inside.longitude - 0.0005} ${inside.latitude - 0.0005},${inside.longitude - 0.0005}`;
    const update = await storeAlert(
      db,
      capXml({ msgType: 'Update', level: 5, polygon: corner, references: [referenceOf(first.alert)] }),
      { thread: first.thread },
    );
    await setState(db, [first.id], 'superseded');
    const updated = await delivery.dispatcher.issue(update, [first.id]);
    expect(updated.pushSeq).toBeGreaterThan(0);
    const [firstMessage] = await messagesFor(first.id);
    expect(firstMessage?.expires_at.getTime()).toBeLessThanOrEqual(Date.now());
    const payloads = await renderedFor(delivery.renderer, update.id);
    expect(payloads.get(ids.elderly)).toMatchObject({ kind: 'issue', level: 5, thread: first.thread });
    expect(payloads.get(ids.neighbour)).toMatchObject({
      kind: 'cancel',
      shelter: null,
      thread: first.thread,
    });
    expect(updated.targeted).toBe(
      payloads.size - [...payloads.values()].filter((p) => (p as { kind: string }).kind === 'cancel').length,
    );

    const cancel = await storeAlert(
      db,
      capXml({ msgType: 'Cancel', references: [referenceOf(update.alert)], polygon: corner }),
      { thread: first.thread },
    );
    await setState(db, [update.id], 'withdrawn');
    const cancelled = await delivery.dispatcher.withdraw(cancel, [update.id]);
    expect(cancelled.outcome).toBe('withdrawn');
    const [updateMessage] = await messagesFor(update.id);
    expect(updateMessage?.expires_at.getTime()).toBeLessThanOrEqual(Date.now());
    const cancels = await renderedFor(delivery.renderer, cancel.id);
    expect(new Set(cancels.keys())).toEqual(
      new Set((await recipients(update.id)).filter((r) => r.kind !== 'cancel').map((r) => r.household_id)),
    );
    expect(cancels.get(ids.elderly)).toMatchObject({ kind: 'cancel', thread: first.thread });
    expect((cancels.get(ids.elderly) as { ja: { title: string } }).ja.title).toBe('【取り消し】緊急安全確保');
  });

  it('dispatches after a restart what was stored and never dispatched', async () => {
    const stored = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
    await delivery.stop();
    delivery = await start();
    const [dispatch] = await db.query<{ push_seq: number | null; targeted: number }>(
      'SELECT push_seq, targeted FROM alert_dispatches WHERE alert_id = $1',
      [stored.id],
    );
    // Three in 日和佐 (one enrolled late, above) and the elderly household's supporter.
    expect(dispatch?.targeted).toBe(4);
    expect(dispatch?.push_seq).toBeGreaterThan(0);
    // Nothing left for the next round.
    expect(await delivery.recover()).toEqual({ dispatched: [] });
  });

  it('dispatches an alert once when asked again while and after it is dispatched', async () => {
    const stored = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
    // Ingest and the recovery's timer asking at the same time, then the recovery with a list read before the claim.
    const [first, second] = await Promise.all([
      delivery.dispatcher.issue(stored, []),
      delivery.dispatcher.issue(stored, []),
    ]);
    const third = await delivery.dispatcher.issue(stored, []);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await messagesFor(stored.id)).toHaveLength(1);
    // The payloads composed for the fan-out are still there for re-sends and replays (a second dispatch's lost
    // claim evicted them).
    expect(delivery.renderer.cached()).toContain(stored.id);
  });

  it('pushes each box its own household’s payload under one seq, acknowledged', async () => {
    const elderly = await new TestBox(node.url, boxes.elderly).connected();
    const neighbour = await new TestBox(node.url, boxes.neighbour).connected();
    const away = await new TestBox(node.url, boxes.away).connected();
    try {
      await vi.waitFor(() => expect(elderly.received.length).toBeGreaterThan(0));
      elderly.received.length = 0;
      neighbour.received.length = 0;
      away.received.length = 0;
      const stored = await storeAlert(db, capXml({ level: 4, polygon: hiwasaPolygon }));
      const { pushSeq } = await delivery.dispatcher.issue(stored, []);
      await vi.waitFor(() => {
        expect(elderly.seqs()).toContain(pushSeq);
        expect(neighbour.seqs()).toContain(pushSeq);
      });
      const rendered = await renderedFor(delivery.renderer, stored.id);
      const got = (box: TestBox) => box.received.find((m) => m.seq === pushSeq);
      expect(got(elderly)?.payload).toEqual(rendered.get(ids.elderly));
      expect(got(neighbour)?.payload).toEqual(rendered.get(ids.neighbour));
      expect(got(elderly)?.target).toEqual({ kind: 'rendered', topic: 'alert', key: stored.id });
      expect(away.seqs()).not.toContain(pushSeq);
      await vi.waitFor(async () => {
        const [row] = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM push_delivery WHERE seq = $1',
          [pushSeq],
        );
        expect(row?.n).toBe(2);
      });
    } finally {
      for (const box of [elderly, neighbour, away]) box.close();
    }
  });

  it('serves alert ingest: an alert, its Update and its Cancel, as published', async () => {
    const ingest = createAlertIngest({
      db,
      dispatcher: delivery.dispatcher,
      clock,
      settings: defaultAlertIngestSettings,
    });
    const send = (xml: string) => ingest.ingest({ xml, source: 'api', publisher: 'test' });
    const first = capXml({ identifier: 'FLOW-1', level: 3, polygon: hiwasaPolygon });
    const issued = await send(first);
    expect(issued.answer.state).toBe('in-force');
    expect(issued.answer.targeted).toBe((await recipients(issued.answer.id)).length);
    expect(issued.answer.targeted).toBeGreaterThanOrEqual(3);
    const reference = `bousai@town.minami.example.jp,FLOW-1,2026-11-24T10:00:00+09:00`;
    const updated = await send(
      capXml({
        identifier: 'FLOW-2',
        msgType: 'Update',
        sent: '2026-11-24T10:30:00+09:00',
        references: [reference],
        level: 4,
        polygon: hiwasaPolygon,
      }),
    );
    expect(updated.answer.thread).toBe(issued.answer.thread);
    expect(updated.answer.pushSeq).toBeGreaterThan(issued.answer.pushSeq ?? 0);
    const [withdrawn] = await messagesFor(issued.answer.id);
    expect(withdrawn?.expires_at.getTime()).toBeLessThanOrEqual(Date.now());
    const payloads = await renderedFor(delivery.renderer, updated.answer.id);
    expect(payloads.get(ids.neighbour)).toMatchObject({
      kind: 'issue',
      level: 4,
      thread: issued.answer.thread,
    });

    const cancelled = await send(
      capXml({
        identifier: 'FLOW-3',
        msgType: 'Cancel',
        sent: '2026-11-24T11:00:00+09:00',
        references: [`bousai@town.minami.example.jp,FLOW-2,2026-11-24T10:30:00+09:00`],
        polygon: hiwasaPolygon,
      }),
    );
    expect(cancelled.answer.pushSeq).toBeGreaterThan(updated.answer.pushSeq ?? 0);
    const cancels = await renderedFor(delivery.renderer, cancelled.answer.id);
    expect(new Set(cancels.keys())).toEqual(new Set(payloads.keys()));
    expect(cancels.get(ids.neighbour)).toMatchObject({ kind: 'cancel', thread: issued.answer.thread });
    // The duplicate gets the same answer and nothing is pushed again.
    expect((await send(first)).answer).toEqual({ ...issued.answer, state: 'withdrawn' });
    expect(await messagesFor(issued.answer.id)).toHaveLength(1);
  });
});
