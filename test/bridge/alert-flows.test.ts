// Disaster alerts through the real bridge against a real backend node (push gateway, alert tables and
// POST /api/v1/alert-responses), with a relay in between that can cut the backend off: an alert arrives on
// /events and GET /alerts, is reported shown and answered to the backend; a Test alert never reaches the TV
// app; an update replaces, a cancel ends with a notice; an answer given while the backend is unreachable is
// kept on disk, survives a restart, and reaches the backend once it is back.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertPayload } from '@myna-tv/disaster';
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
import { alertPayload } from '../../stb-bridge/src/alerts/testing/alert-fixtures.ts';
import { type BackendNode, startBackendNode } from './support/backend-node.ts';
import { type BridgeClient, bridgeClient, tvOrigin } from './support/bridge-client.ts';
import { type AlertDelivery, alertDelivery } from './support/delivered-alerts.ts';
import { type SwitchableProxy, startSwitchableProxy } from './support/switchable-proxy.ts';

let backend: BackendNode;
let proxy: SwitchableProxy;
let delivery: AlertDelivery;
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

const payload = (patch: Partial<AlertPayload> = {}) =>
  alertPayload({ thread: crypto.randomUUID(), ...patch });
const listed = async (tv: BridgeClient) =>
  ((await tv.call('GET', '/alerts')).json as { alerts: { seq: number }[] }).alerts.map((a) => a.seq);
const alertEvents = (events: BridgeEvent[]) =>
  events.flatMap((e) => (e.type === 'alert:received' ? [e.alert.seq] : []));

beforeAll(async () => {
  backend = await startBackendNode();
  proxy = await startSwitchableProxy(backend.url);
  const box = await backend.enrolBox();
  delivery = alertDelivery(backend, box.householdId);
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
    const test = await delivery.deliver({ ...payload(), status: 'Test' } as unknown as AlertPayload);
    const first = payload({ level: 3 });
    const message = await delivery.deliver(first);

    await vi.waitFor(() => expect(alertEvents(stream.events)).toEqual([message.seq]));
    expect(await listed(tv)).toEqual([message.seq]);
    // Neither alert is a plain message for the TV app.
    expect(stream.events.filter((e) => e.type === 'message:received')).toEqual([]);
    expect((await tv.call('GET', '/messages')).json).toEqual({ messages: [] });
    expect(logs.join('')).toContain(`"msg":"bridge.message-received","seq":${test.seq}`);

    expect(await tv.call('POST', `/alerts/${message.seq}/shown`)).toMatchObject({ status: 200 });
    await vi.waitFor(async () =>
      expect(await delivery.response(first.thread)).toEqual({ answer: null, shown: true }),
    );
    expect(await tv.call('POST', `/alerts/${message.seq}/answer`, { answer: 'need-help' })).toMatchObject({
      status: 200,
      json: { seq: message.seq, answer: 'need-help' },
    });
    await vi.waitFor(async () =>
      expect(await delivery.response(first.thread)).toEqual({ answer: 'need-help', shown: true }),
    );
    expect(await listed(tv)).toEqual([]);
    await vi.waitFor(async () => expect(await readdir(join(dataDir, 'alert-response-outbox'))).toEqual([]));
    await stream.close();
  });

  it('replaces an alert by its update, and ends it with a cancel notice', async () => {
    const tv = bridge ? bridgeClient(bridge.url) : await start();
    const thread = crypto.randomUUID();
    const issued = await delivery.deliver(payload({ thread, level: 3 }));
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([issued.seq]));
    const updated = await delivery.deliver(payload({ thread, level: 4 }));
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([updated.seq]));
    expect(await tv.call('POST', `/alerts/${issued.seq}/answer`, { answer: 'safe' })).toMatchObject({
      status: 404,
      json: { error: { code: 'alert.not-active' } },
    });
    const cancel = await delivery.deliver(payload({ thread, kind: 'cancel', level: null, shelter: null }));
    await vi.waitFor(async () => expect(await listed(tv)).toEqual([cancel.seq]));
    expect(await tv.call('POST', `/alerts/${cancel.seq}/shown`)).toMatchObject({ status: 200 });
    expect(await listed(tv)).toEqual([]);
  });

  it('keeps an answer given while the backend is unreachable, across a restart, until it is accepted', async () => {
    let tv = bridge ? bridgeClient(bridge.url) : await start();
    const alert = payload({ level: 5 });
    const message = await delivery.deliver(alert);
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
    expect(await delivery.response(alert.thread)).toBeUndefined();
    await proxy.up();
    await vi.waitFor(
      async () =>
        expect(await delivery.response(alert.thread)).toEqual({ answer: 'at-shelter', shown: true }),
      { timeout: 15_000 },
    );
  });
});
