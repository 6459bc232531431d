// Watch-over through the real bridge against a real backend node: remote key presses (the HID remote's and the
// TV app's own keyboard count) are counted per hour and sent, also after the backend was unreachable and the
// bridge restarted in between; a household that agreed and stays quiet raises exactly one notice per quiet
// period (the resident contact's mailbox and the municipality's list); activity resolves it and starts a new
// period; bad reports (negative counts, future hours, another box's hour) are refused with clear codes.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putConsent, runQuietRound } from '@myna-tv/backend';
import {
  loadBridgeConfig,
  type RemoteKeyEvent,
  type RunningBridge,
  startBridge,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BackendNode, type EnrolledDevice, startBackendNode } from '../bridge/support/backend-node.ts';
import { tvOrigin } from '../bridge/support/bridge-client.ts';
import { type SwitchableProxy, startSwitchableProxy } from '../bridge/support/switchable-proxy.ts';

const hourMs = 3_600_000;
const minuteMs = 60_000;

let backend: BackendNode;
let proxy: SwitchableProxy;
let box: EnrolledDevice;
let other: EnrolledDevice;
let dataDir: string;
let bridge: RunningBridge | undefined;
const reader = new VirtualReader();
const remote = new EventEmitter<{ key: [RemoteKeyEvent] }>();
const contactId = randomUUID();

async function start(): Promise<RunningBridge> {
  const config = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: proxy.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: tvOrigin,
  });
  bridge = await startBridge({
    ...config,
    cardReader: reader,
    remoteKeys: remote,
    linkBackoff: { initialMs: 50, maxMs: 200 },
    watchOverSendEveryMs: 200,
  });
  return bridge;
}

/** The TV app's call: JSON in, status (and JSON when there is one) out. */
async function tv(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${(bridge as RunningBridge).url}${path}`, {
    method,
    headers: { origin: tvOrigin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
}

const press = (key: RemoteKeyEvent['key'], repeats = 0) => {
  remote.emit('key', { key, action: 'press' });
  for (let i = 0; i < repeats; i++) remote.emit('key', { key, action: 'repeat' });
  remote.emit('key', { key, action: 'release' });
};
const storedPresses = async () =>
  (
    await backend.db.query<{ presses: number; answers: number }>(
      'SELECT sum(presses)::int AS presses, sum(answers)::int AS answers FROM watch_over_activity WHERE device_id = $1',
      [box.deviceId],
    )
  )[0];
const mailboxNotices = async () =>
  (await backend.db.query('SELECT id FROM resident_notices WHERE resident_id = $1', [contactId])).length;
/** The municipality's list (its route is the backend's unit test): households with an open notice. */
const openNotices = async () =>
  (
    await backend.db.query<{ household_id: string }>(
      'SELECT household_id FROM watch_over_notices WHERE resolved_at IS NULL',
    )
  ).map((row) => row.household_id);
const round = (at: Date) => runQuietRound(backend.db, backend.cipher, { now: at });
const deviceHeaders = (device: EnrolledDevice) => ({
  authorization: `Device ${device.deviceId}.${device.secret}`,
});

beforeAll(async () => {
  backend = await startBackendNode();
  proxy = await startSwitchableProxy(backend.url);
  box = await backend.enrolBox();
  other = await backend.enrolBox();
  dataDir = await mkdtemp(join(tmpdir(), 'myna-watch-over-'));
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  // The contact: a registered resident (registration itself is the resident flows' test).
  await backend.db.query(
    `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
       registered_at, updated_at) VALUES ($1, $2, 'sealed', 'issuer', '01', now(), now())`,
    [contactId, `index-${contactId}`],
  );
}, 120_000);
afterAll(async () => {
  await bridge?.close();
  await reader.close();
  await proxy?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('bridge ↔ backend: watch-over', { timeout: 90_000 }, () => {
  let agreedAt: Date;

  it('the household agrees; the bridge learns the schedule', async () => {
    const consent = await putConsent(backend.db, backend.cipher, {
      householdId: box.householdId,
      input: {
        agreedBy: 'たなか はなこ',
        askTimes: ['09:00', '19:30'],
        contacts: [{ residentId: contactId }, { name: 'たなか いちろう', phone: '090-1234-5678' }],
      },
      actor: {
        id: 'staff',
        municipality: '363871',
        audit: { id: 'staff', role: 'municipality-staff', requestId: null },
      },
      defaultQuietHours: 24,
      now: new Date(),
    });
    expect(consent.quietHours).toBe(24);
    agreedAt = new Date(consent.agreedAt);
    await start();
    await vi.waitFor(async () =>
      expect((await tv('GET', '/watch-over/schedule')).json).toEqual({
        enrolled: true,
        askTimes: ['09:00', '19:30'],
      }),
    );
  });

  it('a quiet household raises exactly one notice per quiet period', async () => {
    expect((await round(new Date(agreedAt.getTime() + 24 * hourMs - minuteMs))).raised).toBe(0);
    const due = new Date(agreedAt.getTime() + 24 * hourMs);
    const [a, b] = await Promise.all([round(due), round(due)]);
    expect((a?.raised ?? 0) + (b?.raised ?? 0)).toBe(1);
    expect((await round(new Date(due.getTime() + 6 * hourMs))).raised).toBe(0);
    expect(await mailboxNotices()).toBe(1);
    expect(await openNotices()).toEqual([box.householdId]);
  });

  it('counts key presses (no keys) and sends them; activity resolves the notice and resets the period', async () => {
    press('ok');
    press('down', 5); // held: one press
    press('green');
    expect(await tv('POST', '/watch-over/keys', { presses: 2 })).toEqual({ status: 204, json: null });
    await vi.waitFor(async () => expect(await storedPresses()).toEqual({ presses: 5, answers: 0 }));
    expect(await openNotices()).toEqual([]);
    const [latest] = await backend.db.query<{ hour: Date }>(
      'SELECT max(hour) AS hour FROM watch_over_activity WHERE device_id = $1',
      [box.deviceId],
    );
    // The new quiet period runs from the end of the active hour.
    const quietSince = (latest?.hour.getTime() ?? Number.NaN) + hourMs;
    expect((await round(new Date(quietSince + 24 * hourMs - minuteMs))).raised).toBe(0);
    expect((await round(new Date(quietSince + 24 * hourMs))).raised).toBe(1);
    expect(await mailboxNotices()).toBe(2);
  });

  it('keeps counts on disk while the backend is unreachable, over a restart, and sends them later', async () => {
    await proxy.down();
    press('up');
    expect(await tv('POST', '/watch-over/answer')).toEqual({ status: 204, json: null });
    await bridge?.close();
    bridge = undefined;
    await start();
    press('up');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storedPresses()).toEqual({ presses: 5, answers: 0 });
    await proxy.up();
    await vi.waitFor(async () => expect(await storedPresses()).toEqual({ presses: 7, answers: 1 }), {
      timeout: 20_000,
    });
  });

  it.each([
    [
      'a negative count',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(0), presses: -3 }] }),
      400,
      'request.invalid',
    ],
    [
      'a future hour',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(2), presses: 3 }] }),
      400,
      'watch-over.hour-invalid',
    ],
    [
      "another box's hour",
      () => ({ deviceId: other.deviceId, hours: [{ hour: hourOf(0), presses: 3 }] }),
      403,
      'watch-over.device-mismatch',
    ],
  ])('the backend refuses %s from the box', async (_what, body, status, code) => {
    const answer = await fetch(`${backend.url}/api/v1/watch-over/activity`, {
      method: 'POST',
      headers: { ...deviceHeaders(box), 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    expect(answer.status).toBe(status);
    expect(await answer.json()).toMatchObject({ error: { code } });
    expect(await storedPresses()).toEqual({ presses: 7, answers: 1 });
  });

  it('the TV app cannot report a negative or absurd key count', async () => {
    for (const presses of [-1, 0, 1.5, 5000]) {
      expect(await tv('POST', '/watch-over/keys', { presses })).toMatchObject({
        status: 400,
        json: { error: { code: 'request.invalid' } },
      });
    }
  });
});

function hourOf(offsetHours: number): string {
  return new Date(Math.floor(Date.now() / hourMs) * hourMs + offsetHours * hourMs).toISOString();
}
