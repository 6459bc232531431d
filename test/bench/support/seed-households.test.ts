// The benchmark's bulk seeding must store what enrolment stores: the backend's own readers open the sealed
// household (care data included, supporters resolved to ids), the box's credential authenticates, and alert
// delivery's household index reads every household.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  authenticateDevice,
  createFieldCipher,
  createNodeHouseholds,
  createPgliteDatabase,
  type Database,
  demoHouseholds,
  migrate,
} from '@myna-tv/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDeviceDetails } from '../../../backend/src/devices/index.ts';
import { type SeededBox, seedHouseholds } from './seed-households.ts';

const cipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(5) }]);
const demo = demoHouseholds(60);
let dir: string;
let db: Database;
let boxes: SeededBox[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-seed-households-'));
  db = await createPgliteDatabase({ dir });
  await migrate(db);
  boxes = await seedHouseholds(db, cipher, demo);
});

afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('seedHouseholds', () => {
  it('stores each household sealed as enrolment does, with supporters as household ids', async () => {
    const idOf = new Map(demo.map((h, i) => [h.key, boxes[i]?.householdId]));
    const supporter = demo.findIndex((h) => h.supports.length > 0);
    expect(supporter).toBeGreaterThanOrEqual(0);
    for (const i of [0, supporter]) {
      const box = boxes[i] as SeededBox;
      const { household, supports, key } = demo[i] as (typeof demo)[number];
      const details = await getDeviceDetails(db, {
        deviceId: box.deviceId,
        cipher,
        actor: { id: 'test', role: 'system', requestId: null },
        now: new Date(),
      });
      expect(details.householdId).toBe(box.householdId);
      expect(details.label).toBe(key);
      expect(details.household).toEqual({
        ...household,
        ...(supports.length > 0 ? { supporterOf: supports.map((k) => idOf.get(k)) } : {}),
      });
    }
  });

  it('gives every box a credential the backend accepts', async () => {
    const box = boxes[7] as SeededBox;
    const identity = await authenticateDevice(db, { deviceId: box.deviceId, secret: box.secret });
    expect(identity.householdId).toBe(box.householdId);
    await expect(authenticateDevice(db, { deviceId: box.deviceId, secret: 'wrong' })).rejects.toThrow();
  });

  it('is read whole by alert delivery’s household index', async () => {
    const index = await createNodeHouseholds({ db, cipher }).current();
    expect(index.households.map((h) => h.id).sort()).toEqual(boxes.map((b) => b.householdId).sort());
  });
});
