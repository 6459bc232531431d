import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretMatches, verifyPassword } from '../accounts/index.ts';
import { createFieldCipher } from '../crypto/index.ts';
import { createPgliteDatabase, type Database, migrate } from '../db/index.ts';
import { type EnrolledDevice, getDeviceDetails } from '../devices/index.ts';
import { createBlindIndex } from '../residents/index.ts';
import { japanDate } from '../status-reports/due-period.ts';
import { demoOperatorPassword } from './demo-accounts.ts';
import { demoInsurer } from './demo-insurer.ts';
import { type DemoBoxKeeper, seedDemo } from './seed-demo.ts';

const householdCount = 40;
const cipher = createFieldCipher([{ id: 'demo-test', key: new Uint8Array(32).fill(3) }]);

function memoryKeeper() {
  const kept = new Map<string, EnrolledDevice>();
  const keeper: DemoBoxKeeper = {
    has: async (holderId) => kept.has(holderId),
    keep: async (holderId, box) => void kept.set(holderId, box),
  };
  return { kept, keeper };
}

async function count(db: Database, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`);
  return row?.n ?? -1;
}

describe('seedDemo', () => {
  let dir: string;
  let db: Database;
  const boxes = memoryKeeper();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-demo-seed-'));
    db = await createPgliteDatabase({ dir });
    await migrate(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates 美波町’s shelters, the three demo accounts and the households with their boxes', async () => {
    const report = await seedDemo(db, { cipher, now: new Date(), boxes: boxes.keeper, householdCount });
    expect(report).toEqual({
      shelters: 76,
      households: { total: householdCount, created: householdCount },
      accounts: { total: 3, created: ['demo-admin', 'demo-town', 'demo-shelter'] },
      boxesEnrolled: ['tanaka-hanako', 'sato-yui', 'suzuki-ichiro'],
      statusReportContracts: [],
    });
    expect(await count(db, "shelters WHERE kind = 'evacuation-shelter'")).toBe(41);
    expect(await count(db, "shelters WHERE kind = 'emergency-site'")).toBe(35);
    expect(await count(db, "shelters WHERE 'tsunami' = ANY(hazards)")).toBeGreaterThan(0);
    expect(await count(db, "shelters WHERE accepted_people = '要配慮者'")).toBe(5);
    expect(await count(db, "households WHERE local_government_code = '363871'")).toBe(householdCount);
    expect(await count(db, 'devices')).toBe(householdCount);
    expect(await count(db, "audit_log WHERE action = 'device.enrol' AND actor_id = 'demo-seed'")).toBe(
      householdCount,
    );
    const roles = await db.query<{ login_name: string; role: string; local_government_code: string | null }>(
      'SELECT login_name, role, local_government_code FROM operator_accounts ORDER BY login_name',
    );
    expect(roles).toEqual([
      { login_name: 'demo-admin', role: 'operator-admin', local_government_code: null },
      { login_name: 'demo-shelter', role: 'shelter-staff', local_government_code: null },
      { login_name: 'demo-town', role: 'municipality-staff', local_government_code: '363871' },
    ]);
  });

  it('lets the demo admin in with the documented password', async () => {
    const [row] = await db.query<{ password_hash: string }>(
      "SELECT password_hash FROM operator_accounts WHERE login_name = 'demo-admin'",
    );
    expect(await verifyPassword(demoOperatorPassword, row?.password_hash ?? '')).toBe(true);
  });

  it('hands over each card holder’s box: its household holds the holder at the certificate’s address', async () => {
    const box = boxes.kept.get('suzuki-ichiro');
    expect(box?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const details = await getDeviceDetails(db, {
      deviceId: box?.deviceId ?? '',
      cipher,
      actor: { id: 'test', role: 'system', requestId: null },
      now: new Date(),
    });
    expect(details.household.address).toBe('徳島県海部郡美波町西河内字轟７８番地');
    expect(details.household.members[0]).toMatchObject({ name: '鈴木\u3000一郎', needsAssistance: true });
  });

  it('adds nothing on a second run, after the database was closed and opened again', async () => {
    await db.close();
    db = await createPgliteDatabase({ dir });
    await migrate(db);
    const report = await seedDemo(db, { cipher, now: new Date(), boxes: boxes.keeper, householdCount });
    expect(report.households.created).toBe(0);
    expect(report.accounts.created).toEqual([]);
    expect(report.boxesEnrolled).toEqual([]);
    expect(await count(db, 'shelters')).toBe(76);
    expect(await count(db, 'households')).toBe(householdCount);
    expect(await count(db, 'devices')).toBe(householdCount);
    expect(await count(db, 'operator_accounts')).toBe(3);
  });

  it('with the blind index, adds the demo insurer once, its contract due this month (Japan time)', async () => {
    const blindIndex = createBlindIndex(
      [{ id: 'demo-test', key: new Uint8Array(32).fill(3) }],
      'resident-basic-info',
    );
    const seed = () =>
      seedDemo(db, { cipher, now: new Date(), boxes: boxes.keeper, householdCount, blindIndex });
    expect((await seed()).statusReportContracts).toEqual([demoInsurer.contract.referenceNumber]);
    expect((await seed()).statusReportContracts).toEqual([]);
    const [contract] = await db.query<{ due_month: number; insurer_id: string }>(
      'SELECT due_month, insurer_id FROM status_report_contracts',
    );
    expect(contract).toEqual({ due_month: japanDate(new Date()).month, insurer_id: demoInsurer.clientId });
    const [client] = await db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM api_clients WHERE id = $1',
      [demoInsurer.clientId],
    );
    expect(secretMatches(demoInsurer.secret, client?.secret_hash ?? '')).toBe(true);
  });

  it('enrols a replacement box for a holder whose credential is gone, in the same household', async () => {
    const before = boxes.kept.get('sato-yui');
    boxes.kept.delete('sato-yui');
    const report = await seedDemo(db, { cipher, now: new Date(), boxes: boxes.keeper, householdCount });
    expect(report.boxesEnrolled).toEqual(['sato-yui']);
    const after = boxes.kept.get('sato-yui');
    expect(after?.householdId).toBe(before?.householdId);
    expect(after?.deviceId).not.toBe(before?.deviceId);
    expect(await count(db, 'households')).toBe(householdCount);
    expect(await count(db, 'devices')).toBe(householdCount + 1);
  });
});
