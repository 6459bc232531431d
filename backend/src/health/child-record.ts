// What a linked parent sees of one child: measurements with where they lie on the growth curves (in words),
// checkup results, immunisations given, and the routine doses due, next due first.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { ageInMonths, type GrowthEdition, growthPosition } from './growth-curves.ts';
import { HealthError } from './health-error.ts';
import { childEntries, linkedChild, type StoredEntry } from './health-records.ts';
import { type DueDose, dueDoses, vaccineName } from './immunisation-schedule.ts';

export interface ChildRecord {
  child: {
    id: string;
    nameKanji: string | null;
    nameKana: string | null;
    birthDate: string;
    sex: 'male' | 'female';
  };
  measurements: {
    kind: 'weight' | 'height' | 'head';
    measuredOn: string;
    ageMonths: number;
    value: number;
    unit: 'kg' | 'cm';
    /** Where the value lies on the chosen edition's curves; null where that edition has no curve. */
    position: string | null;
  }[];
  checkups: { name: string; on: string; result: string; note: string | null }[];
  immunizations: {
    vaccine: string | null;
    name: string;
    doseNumber: number | null;
    on: string;
    nextDoseOn: string | null;
  }[];
  due: DueDose[];
}

/** Japan date (UTC+9) of an instant, YYYY-MM-DD. */
export function japanDay(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function givenDoses(entries: readonly StoredEntry[]) {
  return entries.flatMap((e) =>
    e.record.kind === 'immunization' && e.record.vaccine !== null && e.record.doseNumber !== null
      ? [
          {
            vaccine: e.record.vaccine,
            dose: e.record.doseNumber,
            date: e.effectiveOn,
            nextDoseOn: e.record.nextDoseOn,
          },
        ]
      : [],
  );
}

export async function childRecord(
  db: Queryable,
  cipher: FieldCipher,
  options: { residentId: string; childId: string; edition: GrowthEdition; now: Date },
): Promise<ChildRecord> {
  const child = await linkedChild(db, cipher, options);
  if (child === undefined) throw new HealthError('health.child-not-found', 'no such child linked to you');
  const entries = await childEntries(db, cipher, child.id);
  const record: ChildRecord = {
    child: {
      id: child.id,
      nameKanji: child.nameKanji,
      nameKana: child.nameKana,
      birthDate: child.birthDate,
      sex: child.sex,
    },
    measurements: [],
    checkups: [],
    immunizations: [],
    due: dueDoses({
      birthDate: child.birthDate,
      sex: child.sex,
      given: givenDoses(entries),
      today: japanDay(options.now),
    }),
  };
  for (const { record: r, effectiveOn } of entries) {
    if (r.kind === 'checkup') {
      record.checkups.push({ name: r.name, on: effectiveOn, result: r.result, note: r.note });
    } else if (r.kind === 'immunization') {
      record.immunizations.push({
        vaccine: r.vaccine,
        name: (r.vaccine && vaccineName(r.vaccine)) ?? r.vaccineText,
        doseNumber: r.doseNumber,
        on: effectiveOn,
        nextDoseOn: r.nextDoseOn,
      });
    } else {
      const ageMonths = Math.round(ageInMonths(child.birthDate, effectiveOn) * 100) / 100;
      const position = growthPosition({
        edition: options.edition,
        measure: r.kind,
        sex: child.sex,
        ageMonths,
        value: r.value,
      });
      record.measurements.push({
        kind: r.kind,
        measuredOn: effectiveOn,
        ageMonths,
        value: r.value,
        unit: r.unit,
        position: position?.words ?? null,
      });
    }
  }
  return record;
}
