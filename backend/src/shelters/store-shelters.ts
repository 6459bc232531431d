// Puts shelter sites into the shelters table (migrations 0004, 0008): the demo town's registry at seeding, a
// municipality's published file through the import route. An upsert by 共通ID: importing the same data again
// changes nothing, a corrected data set updates the published facts (a site's state, open or closed and people
// there, is the municipality's and stays).
import type { Shelter, ShelterRegistry } from '@myna-tv/disaster';
import type { Database } from '../db/index.ts';

export async function storeShelters(
  db: Database,
  options: { localGovernmentCode: string; publisher: string; sites: readonly Shelter[]; now: Date },
): Promise<number> {
  const { sites, now } = options;
  await db.transaction(async (tx) => {
    for (const site of sites) {
      await tx.query(
        `INSERT INTO shelters (id, local_government_code, kind, name, note, address, latitude, longitude,
           hazards, accepted_people, source, imported_at, capacity, capacity_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET local_government_code = $2, kind = $3, name = $4, note = $5,
           address = $6, latitude = $7, longitude = $8, hazards = $9::text[], accepted_people = $10,
           source = $11, capacity = $13, capacity_text = $14`,
        [
          site.id,
          options.localGovernmentCode,
          site.kind,
          site.name,
          site.note ?? null,
          site.address,
          site.latitude,
          site.longitude,
          site.kind === 'emergency-site' ? site.hazards : [],
          site.kind === 'evacuation-shelter' ? (site.acceptedPeople ?? null) : null,
          options.publisher,
          now,
          site.capacity?.people ?? null,
          site.capacity?.text ?? null,
        ],
      );
    }
  });
  return sites.length;
}

/** A whole registry (the demo town's). */
export function storeShelterRegistry(db: Database, registry: ShelterRegistry, now: Date): Promise<number> {
  return storeShelters(db, {
    localGovernmentCode: registry.localGovernmentCode,
    publisher: registry.source.publisher,
    sites: registry.all(),
    now,
  });
}
