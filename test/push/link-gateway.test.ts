// The bridge's link against the real gateway in this process (one node, in-memory adapter, PGlite): the box
// stores, acknowledges, survives a restart without losing what was published meanwhile, and stops at revocation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDatabase, type Database, migrate } from '@myna-tv/backend';
import {
  BackendLink,
  type LinkError,
  PushInbox,
  readDeviceCredential,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PushNode, startPushNode } from './support/push-node.ts';
import {
  addTestDevice,
  authenticateFromTable,
  createTestDeviceTable,
  revokeTestDevice,
} from './support/test-devices.ts';

const tokyo = '131016';
let db: Database;
let node: PushNode;
let dirs: string[] = [];
let links: BackendLink[] = [];

beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
  await createTestDeviceTable(db);
  node = await startPushNode({ db, authenticate: authenticateFromTable(db) });
});
afterAll(async () => {
  await node.close();
  await db.close();
});
afterEach(async () => {
  for (const link of links) link.close();
  links = [];
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A box's data dir with its enrolled credential, as enrolment leaves it. */
async function enrolBox(areaCodes: string[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'myna-box-'));
  dirs.push(dataDir);
  const device = await addTestDevice(db, { areaCodes });
  await writeDeviceCredential(dataDir, device);
  return { dataDir, device };
}

async function startBox(dataDir: string) {
  const inbox = await PushInbox.open(dataDir);
  const link = new BackendLink({
    urls: [node.url],
    credential: await readDeviceCredential(dataDir),
    inbox,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  links.push(link);
  link.start();
  return { inbox, link };
}

const ackedBy = async (deviceId: string) =>
  (
    await db.query<{ seq: number }>('SELECT seq FROM push_delivery WHERE device_id = $1 ORDER BY seq', [
      deviceId,
    ])
  ).map((r) => r.seq);

describe('bridge link ↔ push gateway', () => {
  it('stores each message, acknowledges it, and keeps it until shown', async () => {
    const { dataDir, device } = await enrolBox([tokyo]);
    const { inbox, link } = await startBox(dataDir);
    // The first handshake of the file also warms up the node (PGlite, module loading): slow on a busy machine.
    await vi.waitFor(() => expect(link.connected).toBe(true), { timeout: 10_000 });
    const announced: number[] = [];
    inbox.on('message', (m) => announced.push(m.seq));

    const alert = await node.gateway.publish({
      target: { kind: 'area', areaCode: tokyo },
      payload: { level: 4, text: '避難指示' },
      ttlMs: 60_000,
    });
    await vi.waitFor(async () => expect(await ackedBy(device.deviceId)).toContain(alert.seq));
    expect(announced).toContain(alert.seq);
    expect(inbox.pending()).toContainEqual(alert);
    expect(await inbox.markShown(alert.seq)).toBe(true);
    expect(inbox.pending()).not.toContainEqual(alert);
  });

  it('gets, after a restart, what was published while it was off, and not again what it had', async () => {
    const { dataDir, device } = await enrolBox([tokyo]);
    const first = await startBox(dataDir);
    const before = await node.gateway.publish({
      target: { kind: 'household', householdId: device.householdId },
      payload: 'before',
      ttlMs: 60_000,
    });
    await vi.waitFor(async () => expect(await ackedBy(device.deviceId)).toContain(before.seq));
    first.link.close();

    const whileOff = await node.gateway.publish({
      target: { kind: 'household', householdId: device.householdId },
      payload: 'while off',
      ttlMs: 60_000,
    });
    const second = await startBox(dataDir);
    expect(second.inbox.lastSeq).toBe(before.seq);
    const announced: number[] = [];
    second.inbox.on('message', (m) => announced.push(m.seq));
    await vi.waitFor(async () => expect(await ackedBy(device.deviceId)).toContain(whileOff.seq));
    expect(announced.filter((seq) => seq >= before.seq)).toEqual([whileOff.seq]);
    expect(second.inbox.pending().map((m) => m.payload)).toEqual(
      expect.arrayContaining(['before', 'while off']),
    );
  });

  it('is cut off when its device is revoked, and refused from then on', async () => {
    const { dataDir, device } = await enrolBox([tokyo]);
    const { link } = await startBox(dataDir);
    await vi.waitFor(() => expect(link.connected).toBe(true));
    const refusals: LinkError[] = [];
    link.on('refused', (e) => refusals.push(e));

    await revokeTestDevice(db, device.deviceId);
    await node.gateway.disconnectDevice(device.deviceId);
    await vi.waitFor(() => expect(refusals.map((e) => e.message)).toContain('push.unauthorized'));
    expect(link.connected).toBe(false);
  });
});
