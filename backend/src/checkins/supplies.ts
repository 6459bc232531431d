// Supplies each shelter needs, from who is there: per-person-per-day figures (shelter_supply_rates: defaults
// under '000000', a municipality's own figure replaces one) times the people they are for, times the days.
// Age comes from the resident's date of birth (card) or the age group staff entered (hand entry); a person of
// unknown age counts as an adult.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { basicInfoField } from '../residents/resident-records.ts';
import { ageGroupAt } from './age-group.ts';
import { CheckinError } from './checkin-error.ts';
import { eventDetailField } from './event-ingestion.ts';
import { presenceCte, type ShelterReader } from './shelter-views.ts';
import type { ShelterSupplies } from './view-contracts.ts';

export const defaultRatesCode = '000000';
export const supplyGroups = ['everyone', 'infant', 'elderly'] as const;
export type SupplyGroup = (typeof supplyGroups)[number];

export interface SupplyRate {
  item: string;
  label: string;
  unit: string;
  appliesTo: SupplyGroup;
  perPersonPerDay: number;
  /** '000000': the default; otherwise the municipality's own figure. */
  source: string;
  updatedAt: string;
  updatedBy: string;
}

interface RateRow {
  local_government_code: string;
  item: string;
  label: string;
  unit: string;
  applies_to: SupplyGroup;
  per_person_per_day: string | number;
  updated_at: Date;
  updated_by: string;
}

/** The figures in force for a municipality (its own where set, else the defaults). */
export async function supplyRates(db: Queryable, municipality: string): Promise<SupplyRate[]> {
  const rows = await db.query<RateRow>(
    `SELECT DISTINCT ON (item) * FROM shelter_supply_rates
      WHERE local_government_code IN ($1, '${defaultRatesCode}')
      ORDER BY item, local_government_code = '${defaultRatesCode}'`,
    [municipality],
  );
  const order = (row: RateRow) => supplyGroups.indexOf(row.applies_to);
  // Everyone's items first, then the infants' and the elderly's, as the dashboard's columns read.
  rows.sort((a, b) => order(a) - order(b) || a.item.localeCompare(b.item));
  return rows.map((row) => ({
    item: row.item,
    label: row.label,
    unit: row.unit,
    appliesTo: row.applies_to,
    perPersonPerDay: Number(row.per_person_per_day),
    source: row.local_government_code,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }));
}

/** Sets a municipality's figure for an item (new items too); '000000' changes the defaults. Audited. */
export async function setSupplyRate(
  db: Queryable,
  options: {
    municipality: string;
    item: string;
    label?: string;
    unit?: string;
    appliesTo?: SupplyGroup;
    perPersonPerDay: number;
    actor: AuditActor;
    now: Date;
  },
): Promise<void> {
  const known = await db.query<RateRow>(
    `SELECT * FROM shelter_supply_rates WHERE item = $1 AND local_government_code IN ($2, '${defaultRatesCode}')
      ORDER BY local_government_code = '${defaultRatesCode}' LIMIT 1`,
    [options.item, options.municipality],
  );
  const base = known[0];
  const label = options.label ?? base?.label;
  const unit = options.unit ?? base?.unit;
  const appliesTo = options.appliesTo ?? base?.applies_to;
  if (label === undefined || unit === undefined || appliesTo === undefined) {
    throw new CheckinError('checkin.supply-item-incomplete', 'a new item needs label, unit and appliesTo');
  }
  await db.query(
    `INSERT INTO shelter_supply_rates AS r
       (local_government_code, item, label, unit, applies_to, per_person_per_day, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (local_government_code, item) DO UPDATE SET label = $3, unit = $4, applies_to = $5,
       per_person_per_day = $6, updated_at = $7, updated_by = $8`,
    [
      options.municipality,
      options.item,
      label,
      unit,
      appliesTo,
      options.perPersonPerDay,
      options.now,
      options.actor.id,
    ],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'shelter.supply-rate-set',
    target: { type: 'shelter-supply-rate', id: `${options.municipality}/${options.item}` },
    at: options.now,
  });
}

/** The estimate for every occupied shelter the reader sees, for `days` days. */
export async function estimateSupplies(
  db: Queryable,
  options: ShelterReader & { cipher: FieldCipher; days: number; now: Date },
): Promise<ShelterSupplies[]> {
  const rows = await db.query<{
    shelter_id: string;
    local_government_code: string;
    resident_id: string | null;
    basic_info_sealed: string | null;
    detail_id: string | null;
    detail_sealed: string | null;
  }>(
    `WITH ${presenceCte}
     SELECT p.shelter_id, s.local_government_code, p.resident_id, r.basic_info_sealed,
            d.id AS detail_id, d.detail_sealed
       FROM present p JOIN shelters s ON s.id = p.shelter_id
       LEFT JOIN residents r ON r.id = p.resident_id
       LEFT JOIN manual d ON d.person_key = p.person_key AND p.resident_id IS NULL
      WHERE ($1::text IS NULL OR s.local_government_code = $1) AND ($2::text IS NULL OR s.id = $2)
      ORDER BY p.shelter_id`,
    [options.municipality, options.shelterId ?? null],
  );
  const shelters = new Map<string, { code: string; people: number; infants: number; elderly: number }>();
  for (const row of rows) {
    const counts = shelters.get(row.shelter_id) ?? {
      code: row.local_government_code,
      people: 0,
      infants: 0,
      elderly: 0,
    };
    shelters.set(row.shelter_id, counts);
    counts.people += 1;
    let group: SupplyGroup = 'everyone';
    if (row.resident_id !== null && row.basic_info_sealed !== null) {
      const info = JSON.parse(
        options.cipher.decrypt(row.basic_info_sealed, basicInfoField(row.resident_id)),
      ) as {
        dateOfBirth: { date: string };
      };
      const age = ageGroupAt(info.dateOfBirth.date, options.now);
      if (age === 'infant' || age === 'elderly') group = age;
    } else if (row.detail_id !== null && row.detail_sealed !== null) {
      const { ageGroup } = JSON.parse(
        options.cipher.decrypt(row.detail_sealed, eventDetailField(row.detail_id)),
      ) as {
        ageGroup: string;
      };
      if (ageGroup === 'infant' || ageGroup === 'elderly') group = ageGroup;
    }
    if (group === 'infant') counts.infants += 1;
    if (group === 'elderly') counts.elderly += 1;
  }
  const ratesOf = new Map<string, SupplyRate[]>();
  const result: ShelterSupplies[] = [];
  for (const [shelterId, counts] of shelters) {
    let rates = ratesOf.get(counts.code);
    if (rates === undefined) {
      rates = await supplyRates(db, counts.code);
      ratesOf.set(counts.code, rates);
    }
    const headsFor = { everyone: counts.people, infant: counts.infants, elderly: counts.elderly };
    result.push({
      shelterId,
      localGovernmentCode: counts.code,
      people: counts.people,
      infants: counts.infants,
      elderly: counts.elderly,
      days: options.days,
      items: rates.map((rate) => ({
        item: rate.item,
        label: rate.label,
        unit: rate.unit,
        // Whole units: half a blanket is no help.
        quantity: Math.ceil(rate.perPersonPerDay * headsFor[rate.appliesTo] * options.days),
      })),
    });
  }
  return result;
}
