// Public surface of @myna-tv/disaster, the disaster domain as a library (no process, no HTTP): re-exports by
// name, types with `export type`.

// Geography.
export { distanceMetres, type GeoPoint } from './geo/geo-distance.ts';
// Shelters: the registry, its data set format, the 美波町 data.
export type {
  EmergencySite,
  EvacuationShelter,
  Hazard,
  NearestShelterOptions,
  Shelter,
  ShelterDataset,
  ShelterDistance,
  ShelterErrorCode,
  ShelterKind,
  ShelterRegistry,
} from './shelters/index.ts';
export {
  createShelterRegistry,
  hazardLabels,
  hazards,
  minamiTownShelters,
  parseShelterDataset,
  ShelterError,
  shelterKindLabels,
  shelterKinds,
} from './shelters/index.ts';
