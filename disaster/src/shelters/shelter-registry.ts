// The shelter registry of one municipality: every 指定緊急避難場所 and 指定避難所 of a validated data set, looked up
// by 共通ID or by distance, with each site's state now (open or closed, people there). A linear scan: a town
// has tens of sites, a city a few hundred.
import { distanceMetres, type GeoPoint } from '../geo/geo-distance.ts';
import type { Hazard } from './hazards.ts';
import { ShelterError } from './shelter-error.ts';
import {
  type Shelter,
  type ShelterDataset,
  type ShelterKind,
  shelterDatasetSchema,
} from './shelter-schema.ts';

export interface NearestShelterOptions {
  /** Only sites designated for this hazard (so only 指定緊急避難場所: 指定避難所 carry no hazard designation). */
  hazard?: Hazard;
  kind?: ShelterKind;
  /** Only 指定避難所 whose 受入対象者 is 要配慮者. */
  forPeopleNeedingCare?: boolean;
  /** Default 3. */
  limit?: number;
}

export interface ShelterDistance {
  shelter: Shelter;
  distanceMetres: number;
}

/**
 * A site's state during a disaster. Every site starts open with nobody there: the published data are
 * designated places (a 指定緊急避難場所 needs no opening), and the municipality closes what cannot be used
 * (L-Alert Shelter 閉鎖, the dashboard).
 */
export interface ShelterStatus {
  open: boolean;
  /** People there now (checked in or counted). */
  occupancy: number;
}

export interface ShelterRegistry {
  readonly localGovernmentCode: string;
  readonly source: ShelterDataset['source'];
  all(): readonly Shelter[];
  get(id: string): Shelter | undefined;
  /** The nearest matching sites, nearest first. */
  nearest(point: GeoPoint, options?: NearestShelterOptions): ShelterDistance[];
  /** Undefined for an unknown id. */
  status(id: string): ShelterStatus | undefined;
  /** Changes a site's state; ShelterError 'shelter.unknown' for an id not in the data set. */
  setStatus(id: string, change: Partial<ShelterStatus>): ShelterStatus;
}

/** Validates a data set (shelter-schema.ts) and throws ShelterError 'shelter.dataset-invalid' naming the flaw. */
export function parseShelterDataset(input: unknown): ShelterDataset {
  const parsed = shelterDatasetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ShelterError(
      'shelter.dataset-invalid',
      `shelter data set: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`.trim(),
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function matches(shelter: Shelter, options: NearestShelterOptions): boolean {
  if (options.kind !== undefined && shelter.kind !== options.kind) return false;
  if (options.hazard !== undefined) {
    if (shelter.kind !== 'emergency-site' || !shelter.hazards.includes(options.hazard)) return false;
  }
  if (options.forPeopleNeedingCare && shelter.acceptedPeople !== '要配慮者') return false;
  return true;
}

export function createShelterRegistry(input: unknown): ShelterRegistry {
  const dataset = parseShelterDataset(input);
  const byId = new Map<string, Shelter>();
  for (const shelter of dataset.sites) {
    if (byId.has(shelter.id)) {
      throw new ShelterError(
        'shelter.dataset-invalid',
        `shelter data set: 共通ID ${shelter.id} appears twice`,
      );
    }
    byId.set(shelter.id, shelter);
  }
  const sites: readonly Shelter[] = Object.freeze([...dataset.sites]);
  const statuses = new Map<string, ShelterStatus>();
  return {
    localGovernmentCode: dataset.localGovernmentCode,
    source: dataset.source,
    all: () => sites,
    get: (id) => byId.get(id),
    nearest(point, options = {}) {
      return sites
        .filter((shelter) => matches(shelter, options))
        .map((shelter) => ({ shelter, distanceMetres: distanceMetres(point, shelter) }))
        .sort((a, b) => a.distanceMetres - b.distanceMetres)
        .slice(0, options.limit ?? 3);
    },
    status(id) {
      if (!byId.has(id)) return undefined;
      return { ...(statuses.get(id) ?? { open: true, occupancy: 0 }) };
    },
    setStatus(id, change) {
      if (!byId.has(id)) throw new ShelterError('shelter.unknown', `no site with ID ${id}`);
      const { occupancy } = change;
      if (occupancy !== undefined && !(Number.isSafeInteger(occupancy) && occupancy >= 0)) {
        throw new ShelterError('shelter.status-invalid', `occupancy ${occupancy} is not a count of people`);
      }
      const next = { ...(statuses.get(id) ?? { open: true, occupancy: 0 }), ...change };
      statuses.set(id, next);
      return { ...next };
    },
  };
}
