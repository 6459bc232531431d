// One place per household for one alert: open, designated for the alert's hazards, suited to the household
// (a 要配慮者 site when it needs a welfare shelter, a general one otherwise), with room left, and nearest in a
// straight line. Room is the published capacity minus the people there now minus those this alert has
// already sent (a household takes as many places as it has people), so one alert does not send 2,000 people
// to a 200-person school; households are assigned in the order they are given (people needing assistance
// first). A site without a capacity number has no limit we could honour (the 国土地理院 data publish none).
import { distanceMetres, type GeoPoint } from '../geo/geo-distance.ts';
import type { Hazard, Shelter, ShelterRegistry } from '../shelters/index.ts';
import { type CompassPoint, compassPoint } from './compass.ts';
import { createNearestWithRoom } from './nearest-with-room.ts';

export interface ShelterAssignment {
  shelter: Shelter;
  distanceMetres: number;
  direction: CompassPoint;
  /** A welfare shelter was needed, none had room, and this general one was given instead. */
  welfareFallback: boolean;
}

interface Candidate {
  shelter: Shelter;
  latitude: number;
  longitude: number;
  room: number;
}

export interface ShelterAssigner {
  assign(point: GeoPoint, people: number, needsWelfareShelter: boolean): ShelterAssignment | null;
}

const isWelfare = (shelter: Shelter) => shelter.acceptedPeople === '要配慮者';

/** Designated for every hazard of the alert; a 指定避難所 publishes no designation and is not offered. */
function designatedFor(shelter: Shelter, hazards: readonly Hazard[] | null): boolean {
  if (hazards === null) return true;
  if (shelter.kind !== 'emergency-site') return false;
  return hazards.every((hazard) => shelter.hazards.includes(hazard));
}

export function createShelterAssigner(
  registry: ShelterRegistry,
  hazards: readonly Hazard[] | null,
): ShelterAssigner {
  const general: Candidate[] = [];
  const welfare: Candidate[] = [];
  for (const shelter of registry.all()) {
    const status = registry.status(shelter.id);
    if (!status?.open) continue;
    const people = shelter.capacity?.people ?? null;
    const room = people === null ? Number.POSITIVE_INFINITY : people - status.occupancy;
    if (room <= 0) continue;
    const candidate = { shelter, latitude: shelter.latitude, longitude: shelter.longitude, room };
    if (isWelfare(shelter)) {
      // 福祉避難所-type sites (care homes) usually carry no hazard designation in the data: offered unless
      // designated and not for this hazard.
      if (shelter.kind !== 'emergency-site' || designatedFor(shelter, hazards)) welfare.push(candidate);
    } else if (designatedFor(shelter, hazards)) {
      general.push(candidate);
    }
  }

  const nearestGeneral = createNearestWithRoom(general);
  const nearestWelfare = createNearestWithRoom(welfare);

  return {
    assign(point, people, needsWelfareShelter) {
      const care = needsWelfareShelter
        ? nearestWelfare.nearest(point.latitude, point.longitude, people)
        : null;
      const chosen = care ?? nearestGeneral.nearest(point.latitude, point.longitude, people);
      if (!chosen) return null;
      chosen.room -= people;
      return {
        shelter: chosen.shelter,
        distanceMetres: Math.round(distanceMetres(point, chosen)),
        direction: compassPoint(point, chosen),
        welfareFallback: needsWelfareShelter && care === null,
      };
    },
  };
}
