import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { JsonValue, PushMessage } from './contracts.ts';
import { isPushError } from './push-error.ts';
import type { PushCluster } from './push-gateway.case.test.ts';
import { EncodedPayload, type PushRenderer } from './push-renderer.ts';
import { deliveryCount, TestBox } from './push-test-support.ts';

/**
 * Rendered messages (one log entry, a payload per household from the topic's renderer) whatever the fan-out,
 * run by push-gateway.test.ts and push-gateway-redis.test.ts. Boxes sit on both nodes; messages are published
 * and withdrawn from the first.
 */
export function runRenderedPushCases(start: () => Promise<PushCluster>): void {
  let cluster: PushCluster;
  let boxes: TestBox[] = [];
  /** What the renderer of topic 'alert' answers, per key. */
  const rendered = new Map<string, Map<string, EncodedPayload>>();
  const renders: string[] = [];
  const renderer: PushRenderer = {
    async render(key) {
      renders.push(key);
      return rendered.get(key) ?? new Map();
    },
  };
  beforeAll(async () => {
    cluster = await start();
    for (const node of cluster.nodes) node.gateway.setRenderer('alert', renderer);
  });
  afterAll(() => cluster?.close());
  afterEach(() => {
    for (const box of boxes) box.close();
    boxes = [];
  });

  const connect = (node: 0 | 1, household: string, options: { lastSeq?: number; autoAck?: boolean } = {}) => {
    const credential = cluster.devices.add({ householdId: household, areaCodes: [] });
    const box = new TestBox(cluster.nodes[node].url, credential, options);
    boxes.push(box);
    return box.connected();
  };
  const publisher = () => cluster.nodes[0].gateway;
  const publishAlert = (payloads: [string, JsonValue][], topic = 'alert') => {
    const key = randomUUID();
    rendered.set(
      key,
      new Map(payloads.map(([household, payload]) => [household, new EncodedPayload(payload)])),
    );
    return publisher().publish({
      target: { kind: 'rendered', topic, key },
      payload: { summary: `${payloads.length} households` },
      ttlMs: 60_000,
    });
  };
  /** Every box has had every message published before this one (one queue per node, in order). */
  const barrier = async (...waiting: TestBox[]) => {
    const message = await publisher().publish({ target: { kind: 'all' }, payload: 'barrier', ttlMs: 60_000 });
    for (const box of waiting) await vi.waitFor(() => expect(box.seqs()).toContain(message.seq));
  };
  const copies = (box: TestBox, seq: number) => box.received.filter((m) => m.seq === seq);

  it("gives every box its household's payload once, on either node, and nothing to other households", async () => {
    const [home, neighbour, other] = [randomUUID(), randomUUID(), randomUUID()];
    const a1 = await connect(0, home);
    const a2 = await connect(1, home);
    const b = await connect(1, neighbour);
    const c = await connect(0, other);
    const message = await publishAlert([
      [neighbour, { text: '避難所へ', household: 'B' }],
      [home, { text: '避難してください', household: 'A' }],
    ]);
    expect(message).toMatchObject({
      target: { kind: 'rendered', topic: 'alert' },
      payload: { summary: '2 households' },
    });
    await barrier(a1, a2, b, c);
    const expected = (payload: JsonValue): PushMessage => ({ ...message, payload });
    expect(copies(a1, message.seq)).toEqual([expected({ text: '避難してください', household: 'A' })]);
    expect(copies(a2, message.seq)).toEqual([expected({ text: '避難してください', household: 'A' })]);
    expect(copies(b, message.seq)).toEqual([expected({ text: '避難所へ', household: 'B' })]);
    expect(copies(c, message.seq)).toEqual([]);
    // The summary in the log is never sent.
    expect(JSON.stringify([a1, a2, b].map((box) => box.received))).not.toContain('2 households');
    await vi.waitFor(async () => expect(await deliveryCount(cluster.db, message.seq)).toBe(3));
  });

  it('replays a rendered message to a box that was away, rendered for it, but not once acknowledged', async () => {
    const home = randomUUID();
    const acking = cluster.devices.add({ householdId: home, areaCodes: [] });
    const away = cluster.devices.add({ householdId: home, areaCodes: [] });
    const first = new TestBox(cluster.nodes[0].url, acking);
    boxes.push(first);
    await first.connected();
    const seen = await publishAlert([[home, 'seen']]);
    const missed = await publishAlert([[home, { missed: true }]]);
    await vi.waitFor(async () => expect(await deliveryCount(cluster.db, missed.seq)).toBe(1));
    first.close();

    const back = new TestBox(cluster.nodes[1].url, away, { lastSeq: 0 });
    boxes.push(back);
    await back.connected();
    await vi.waitFor(() =>
      expect(copies(back, missed.seq)).toEqual([{ ...missed, payload: { missed: true } }]),
    );
    expect(copies(back, seen.seq)).toEqual([{ ...seen, payload: 'seen' }]);
    // The box that acknowledged both gets neither again.
    const again = new TestBox(cluster.nodes[1].url, acking, { lastSeq: missed.seq });
    boxes.push(again);
    await again.connected();
    await barrier(again);
    expect([...copies(again, seen.seq), ...copies(again, missed.seq)]).toEqual([]);
  });

  it('withdraws a message on every node: no longer replayed, later messages still flow', async () => {
    const home = randomUUID();
    const box = await connect(1, home);
    const message = await publishAlert([[home, 'before']]);
    await vi.waitFor(() => expect(copies(box, message.seq)).toHaveLength(1));
    await publisher().withdraw(message.seq);
    await publisher().withdraw(message.seq);
    // The withdrawal reached the second node before this later message did.
    await barrier(box);
    const late = await connect(1, home, { lastSeq: 0 });
    const early = await connect(0, home, { lastSeq: 0 });
    await barrier(late, early);
    expect(copies(late, message.seq)).toEqual([]);
    expect(copies(early, message.seq)).toEqual([]);
    const error = await publisher()
      .withdraw(2 ** 40)
      .catch((err: unknown) => err);
    expect(isPushError(error, 'push.bad-publish')).toBe(true);
  });

  it('holds a message of a topic without renderer until one is registered, then delivers it', async () => {
    const home = randomUUID();
    const box = await connect(1, home);
    const message = await publishAlert([[home, 'late']], 'late-topic');
    await barrier(box);
    expect(copies(box, message.seq)).toEqual([]);
    for (const node of cluster.nodes) node.gateway.setRenderer('late-topic', renderer);
    await vi.waitFor(() => expect(copies(box, message.seq)).toEqual([{ ...message, payload: 'late' }]));
  });

  it('asks the renderer for the message key on each node that delivers it', async () => {
    const home = randomUUID();
    const box = await connect(1, home);
    const message = await publishAlert([[home, 1]]);
    await vi.waitFor(() => expect(copies(box, message.seq)).toHaveLength(1));
    if (message.target.kind !== 'rendered') throw new Error('not rendered');
    const { key } = message.target;
    const distinctNodes = cluster.nodes[0] === cluster.nodes[1] ? 1 : 2;
    await vi.waitFor(() => expect(renders.filter((k) => k === key)).toHaveLength(distinctNodes));
  });
}
