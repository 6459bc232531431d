// Households with one enrolled box each, stored in bulk for the benchmarks: the rows enrolment writes
// (backend/src/devices/device-enrolment.ts), sealed the same way (the field cipher bound to row and column,
// members and the care data `careOf` keeps) and device secrets stored as `hashSecret` does, a few statements
// per 5,000 households instead of one transaction each. The demo town's households give realistic members,
// needs and supporters. No audit entries: nobody enrolled them.
import { randomUUID } from 'node:crypto';
import {
  type Database,
  type DemoHousehold,
  type FieldCipher,
  type Household,
  householdField,
} from '@myna-tv/backend';
import { hashSecret, newSecret } from '../../../backend/src/accounts/index.ts';
import { careOf } from '../../../backend/src/devices/index.ts';

export interface SeededBox {
  householdId: string;
  deviceId: string;
  secret: string;
}

const chunkSize = 5000;

/** Stores every household with one box (label = its demo key); supporters point at the ids given here. */
export async function seedHouseholds(
  db: Database,
  cipher: FieldCipher,
  demo: readonly DemoHousehold[],
  now = new Date(),
): Promise<SeededBox[]> {
  const ids = new Map(demo.map((h) => [h.key, randomUUID()]));
  const boxes: SeededBox[] = [];
  for (let start = 0; start < demo.length; start += chunkSize) {
    const chunk = demo.slice(start, start + chunkSize).map((h) => {
      const id = ids.get(h.key) as string;
      const supporterOf = h.supports.map((key) => ids.get(key) as string);
      const household: Household = supporterOf.length > 0 ? { ...h.household, supporterOf } : h.household;
      const care = careOf(household);
      const box = { householdId: id, deviceId: randomUUID(), secret: newSecret() };
      boxes.push(box);
      return {
        household,
        box,
        label: h.key,
        address: cipher.encrypt(household.address, householdField('address_sealed', id)),
        members: cipher.encrypt(JSON.stringify(household.members), householdField('members_sealed', id)),
        care: care === null ? null : cipher.encrypt(JSON.stringify(care), householdField('care_sealed', id)),
      };
    });
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO households (id, local_government_code, machiaza_id, latitude, longitude, address_sealed,
           members_sealed, care_sealed, created_at)
         SELECT id, code, machiaza, lat, lon, address, members, care, $9
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[],
                       $8::text[]) AS t (id, code, machiaza, lat, lon, address, members, care)`,
        [
          chunk.map((c) => c.box.householdId),
          chunk.map((c) => c.household.localGovernmentCode),
          chunk.map((c) => c.household.machiazaId),
          chunk.map((c) => c.household.latitude),
          chunk.map((c) => c.household.longitude),
          chunk.map((c) => c.address),
          chunk.map((c) => c.members),
          chunk.map((c) => c.care),
          now,
        ],
      );
      await tx.query(
        `INSERT INTO devices (id, household_id, label, secret_hash, enrolled_at)
         SELECT id, household, label, hash, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
           AS t (id, household, label, hash)`,
        [
          chunk.map((c) => c.box.deviceId),
          chunk.map((c) => c.box.householdId),
          chunk.map((c) => c.label),
          chunk.map((c) => hashSecret(c.box.secret)),
          now,
        ],
      );
    });
  }
  return boxes;
}
