// Seeds the demo of the embedded default: 美波町's shelters, one operator account per role, the demo
// households, each enrolled with its set-top box, and the demo insurer with a status report due. Idempotent: a later start finds what an earlier one created
// (accounts by login name, households by their box's label) and adds only what is missing.
import { minamiTownShelters } from '@myna-tv/disaster';
import { createOperatorAccount } from '../accounts/index.ts';
import { storeAreaNames } from '../areas/index.ts';
import type { AuditActor } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type EnrolledDevice, enrolDevice } from '../devices/index.ts';
import type { BlindIndex } from '../residents/index.ts';
import { storeShelterRegistry } from '../shelters/index.ts';
import { demoOperatorAccounts, demoOperatorPassword } from './demo-accounts.ts';
import { type DemoHousehold, defaultDemoHouseholdCount, demoHouseholds } from './demo-households.ts';
import { seedDemoInsurer } from './demo-insurer.ts';
import { demoAreaNames } from './demo-town.ts';

/**
 * Where the simulated boxes of the card holders' homes keep their device credential (the bridge's data
 * folders, written by the caller). A secret is shown once, at enrolment: a box whose credential is gone gets
 * a replacement box enrolled for its household.
 */
export interface DemoBoxKeeper {
  has(holderId: string): Promise<boolean>;
  keep(holderId: string, box: EnrolledDevice): Promise<void>;
}

export interface DemoSeedReport {
  shelters: number;
  households: { total: number; created: number };
  accounts: { total: number; created: string[] };
  /** The card holders' boxes enrolled by this run. */
  boxesEnrolled: string[];
  /** Reference numbers of the demo insurer's contracts created by this run. */
  statusReportContracts: string[];
}

const actor: AuditActor = { id: 'demo-seed', role: 'system', requestId: null };

async function seedAccounts(db: Database, now: Date): Promise<string[]> {
  const names = demoOperatorAccounts.map((a) => a.loginName);
  const existing = await db.query<{ login_name: string }>(
    'SELECT login_name FROM operator_accounts WHERE login_name = ANY($1::text[])',
    [names],
  );
  const have = new Set(existing.map((row) => row.login_name));
  const created: string[] = [];
  for (const account of demoOperatorAccounts) {
    if (have.has(account.loginName)) continue;
    await createOperatorAccount(db, { account: { ...account, password: demoOperatorPassword }, actor, now });
    created.push(account.loginName);
  }
  return created;
}

/** Household id by demo key, from the label of the household's first box. */
async function enrolledHouseholds(db: Database, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ label: string; household_id: string }>(
    'SELECT label, household_id FROM devices WHERE label = ANY($1::text[]) ORDER BY enrolled_at',
    [keys],
  );
  const byKey = new Map<string, string>();
  for (const row of rows) if (!byKey.has(row.label)) byKey.set(row.label, row.household_id);
  return byKey;
}

export async function seedDemo(
  db: Database,
  options: {
    cipher: FieldCipher;
    now: Date;
    boxes: DemoBoxKeeper;
    householdCount?: number;
    /** The residents' blind index; without it the demo insurer (it matches its contract by it) is left out. */
    blindIndex?: BlindIndex;
  },
): Promise<DemoSeedReport> {
  const { cipher, now, boxes } = options;
  const shelters = await storeShelterRegistry(db, minamiTownShelters(), now);
  await storeAreaNames(db, demoAreaNames(), now);
  const createdAccounts = await seedAccounts(db, now);

  const households = demoHouseholds(options.householdCount ?? defaultDemoHouseholdCount);
  const known = await enrolledHouseholds(
    db,
    households.map((h) => h.key),
  );
  let created = 0;
  const boxesEnrolled: string[] = [];
  const enrol = (household: DemoHousehold['household'] | { householdId: string }, label: string) =>
    enrolDevice(db, { cipher, household, label, actor, now });
  for (const demo of households) {
    const householdId = known.get(demo.key);
    if (householdId === undefined) {
      // Those it supports come earlier in the list: enrolled already, by this run or an earlier one.
      const supporterOf = demo.supports.flatMap((key) => known.get(key) ?? []);
      const household = supporterOf.length > 0 ? { ...demo.household, supporterOf } : demo.household;
      const box = await enrol(household, demo.key);
      known.set(demo.key, box.householdId);
      created += 1;
      if (demo.holderId !== undefined) {
        await boxes.keep(demo.holderId, box);
        boxesEnrolled.push(demo.holderId);
      }
    } else if (demo.holderId !== undefined && !(await boxes.has(demo.holderId))) {
      await boxes.keep(demo.holderId, await enrol({ householdId }, `${demo.key} 交換機`));
      boxesEnrolled.push(demo.holderId);
    }
  }
  const statusReportContracts = options.blindIndex
    ? await seedDemoInsurer(db, { cipher, blindIndex: options.blindIndex, actor, now })
    : [];
  return {
    shelters,
    households: { total: households.length, created },
    accounts: { total: demoOperatorAccounts.length, created: createdAccounts },
    boxesEnrolled,
    statusReportContracts,
  };
}
