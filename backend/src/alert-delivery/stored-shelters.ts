// The shelter registry targeting assigns places from, read from the shelters table (migration 0004, state
// and capacity from 0008): every municipality's sites in one registry (a household may be sent across a
// boundary), each with its state now (open or closed, people there). Read for each alert: the state changes
// during a disaster.
import { createShelterRegistry, type Shelter, type ShelterRegistry } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';

interface ShelterRow {
  id: string;
  local_government_code: string;
  kind: Shelter['kind'];
  name: string;
  note: string | null;
  address: string;
  latitude: number;
  longitude: number;
  hazards: string[];
  accepted_people: string | null;
  source: string;
  capacity: number | null;
  capacity_text: string | null;
  status: 'open' | 'closed';
  occupancy: number;
}

function toShelter(row: ShelterRow): Shelter {
  const common = {
    id: row.id,
    name: row.name,
    ...(row.note ? { note: row.note } : {}),
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    ...(row.capacity_text === null ? {} : { capacity: { people: row.capacity, text: row.capacity_text } }),
    ...(row.accepted_people === '要配慮者' ? { acceptedPeople: '要配慮者' as const } : {}),
  };
  return row.kind === 'emergency-site'
    ? { ...common, kind: 'emergency-site', hazards: row.hazards as never, sameAddressAsShelter: false }
    : { ...common, kind: 'evacuation-shelter', sameAddressAsEmergencySite: false };
}

/** Null when no shelter is stored (payloads then name no place). */
export async function loadShelterRegistry(db: Queryable): Promise<ShelterRegistry | null> {
  const rows = await db.query<ShelterRow>(
    `SELECT id, local_government_code, kind, name, note, address, latitude, longitude, hazards, accepted_people,
            source, capacity, capacity_text, status, occupancy
       FROM shelters ORDER BY id`,
  );
  const first = rows[0];
  if (first === undefined) return null;
  const publishers = [...new Set(rows.map((row) => row.source))].join('、');
  const registry = createShelterRegistry({
    title: 'shelters table',
    // The registry's own municipality is informational; targeting uses every site.
    localGovernmentCode: first.local_government_code,
    prefecture: '-',
    municipality: '-',
    source: {
      publisher: publishers,
      title: 'shelters table',
      url: 'urn:myna-tv:shelters',
      credit: publishers,
    },
    sites: rows.map(toShelter),
  });
  for (const row of rows) {
    if (row.status !== 'open' || row.occupancy !== 0) {
      registry.setStatus(row.id, { open: row.status === 'open', occupancy: row.occupancy });
    }
  }
  return registry;
}
