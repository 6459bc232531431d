// Disaster alerts through the real bridge against a real backend node (alert ingest and delivery, push gateway,
// POST /api/v1/alert-responses), with a relay in between that can cut the backend off. Every alert is a CAP
// message posted to POST /api/v1/alerts by the town's alert publisher: an alert arrives on
// /events and GET /alerts, is reported shown and answered to the backend; a Test alert never reaches the TV
// app; an update replaces, a cancel ends with a notice; an answer given while the backend is unreachable is
// kept on disk, survives a restart, and reaches the backend once it is back.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BridgeEvent,
  createJsonLogger,
  loadBridgeConfig,
  type RunningBridge,
  startBridge,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BackendNode, startBackendNode } from './support/backend-node.ts';
import { type BridgeClient, bridgeClient, tvOrigin } from './support/bridge-client.ts';
import { type AlertPublisher, alertPublisher } from './support/published-alerts.ts';
import { type SwitchableProxy, startSwitchableProxy } from './support/switchable-proxy.ts';

let backend: BackendNode;
let proxy: SwitchableProxy;
let publisher: AlertPublisher;
let householdId: string;
let dataDir: string;
let bridge: RunningBridge | undefined;
const reader = new VirtualReader();
const logs: string[] = [];

async function start(): Promise<BridgeClient> {
  const config = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: proxy.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: tvOrigin,
  });
  const logger = createJsonLogger({ write: (line) => logs.push(line), level: 'debug' });
  bridge = await startBridge({
    ...config,
    cardReader: reader,
    logger,
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
  return bridgeClient(bridge.url);
}

const response = (thread: string) => publisher.response(thread, householdId);
const listed = async (tv: BridgeClient) =>
  ((await tv.call('GET', '/alerts')).json as { alerts: { seq: number }[] }).alerts.map((a) => a.seq);
const alertEvents = (events: BridgeEvent[]) =>
  events.flatMap((e) => (e.type === 'alert:received' ? [e.alert.seq] : []));

beforeAll(async () => {
  backend = await startBackendNode();
  proxy = await startSwitchableProxy(backend.url);
  const box = await backend.enrolBox();
  householdId = box.householdId;
  publisher = await alertPublisher(backend);
  dataDir = await mkdtemp(join(tmpdir(), 'myna-bridge-alerts-'));
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
}, 120_000);
afterAll(async () => {
  await bridge?.close();
  await reader.close();
  await proxy?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('bridge ↔ backend: disaster alerts', { timeout: 60_000 }, () => {
  it('announces an alert, reports it shown and answered; Test alerts never reach the TV app', async () => {
    const tv = await start();
    const stream = await tv.openEvents();
    // A Test message is stored and never pushed: nothing reaches the box.
    const test = await publisher.issue({ status: 'Test', level: 5 });
    expect(test).toMatchObject({ state: 'not-for-viewers', pushSeq: null });
    // Level 3 reaches this household (a member needs assistance) first.
    const first = await publisher.issue({ level: 3 });
    expect(first).toMatchObject({ outcome: 'new', state: 'in-force', targeted: 1 });
    const message = { seq: first.pushSeq as number };

    await vi.waitFor(() => expect(alertEvents(stream.events)).toEqual([message.seq]));
    expect(await listed(tv)).toEqual([message.seq]);
    // Neither alert is a plain message for the TV app.
    expect(stream.events.filter((e) => e.type === 'message:received')).toEqual([]);
    expect((await tv.call('GET', '/messages')).json).toEqual({ messages: [] });

    expect(await tv.call('POST', `/alerts/${message.seq}/shown`)).toMatchObject({ status: 200 });
    await vi.waitFor(async () => expect(await response(first.thread)).toEqual({ answer: null, shown: true }));
    expect(await tv.call('POST', `/alerts/${message.seq}/answer`, { answer: 'need-help' })).toMatchObject({
      status: 200,
      json: { seq: message.seq, answer: 'need-help' },
    });
    await vi.waitFor(async () =>
      expect(await response(first.thread)).toEqual({ answer: 'need-help', shown: true }),
    );
    expect(await listed(tv)).toEqual([]);
    await vi.waitFor(async () => expect(await readdir(join(dataDir, 'alert-response-outbox'))).toEqual([]));
    await stream.close();
  });

  it('replaces an alert by its update, and ends it with a cancel notice', async () => {
    const tv = bridge ? bridgeClient(bridge.url) : await start();
    const issued = await publisher.issue({ level: 3 });
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([issued.pushSeq]));
    const updated = await publisher.update(issued, { level: 4 });
    expect(updated).toMatchObject({ thread: issued.thread, outcome: 'updated' });
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([updated.pushSeq]));
    expect(await tv.call('POST', `/alerts/${issued.pushSeq}/answer`, { answer: 'safe' })).toMatchObject({
      status: 404,
      json: { error: { code: 'alert.not-active' } },
    });
    const cancel = await publisher.cancel(updated, { level: 4 });
    expect(cancel).toMatchObject({ thread: issued.thread, outcome: 'cancelled' });
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([cancel.pushSeq]));
    const notice = (await tv.call('GET', '/alerts')).json as { alerts: { payload: { kind: string } }[] };
    expect(notice.alerts.map((a) => a.payload.kind)).toEqual(['cancel']);
    expect(await tv.call('POST', `/alerts/${cancel.pushSeq}/shown`)).toMatchObject({ status: 200 });
    expect(await listed(tv)).toEqual([]);
  });

  it('keeps an answer given while the backend is unreachable, across a restart, until it is accepted', async () => {
    let tv = bridge ? bridgeClient(bridge.url) : await start();
    const alert = await publisher.issue({ level: 5 });
    const message = { seq: alert.pushSeq as number };
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([message.seq]));

    await proxy.down();
    expect(await tv.call('POST', `/alerts/${message.seq}/answer`, { answer: 'at-shelter' })).toMatchObject({
      status: 200,
    });
    await vi.waitFor(() => expect(logs.join('')).toContain('"msg":"bridge.alert-response-deferred"'));
    await bridge?.close();
    expect(await readdir(join(dataDir, 'alert-response-outbox'))).toEqual([`${message.seq}.json`]);

    tv = await start();
    expect(await listed(tv)).toEqual([]);
    expect(await response(alert.thread)).toBeUndefined();
    await proxy.up();
    await vi.waitFor(
      async () => expect(await response(alert.thread)).toEqual({ answer: 'at-shelter', shown: true }),
      { timeout: 15_000 },
    );
  });
});
