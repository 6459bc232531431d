export { type Hazard, hazardLabels, hazards } from './hazards.ts';
export { minamiTownShelters } from './minami-town.ts';
export { ShelterError, type ShelterErrorCode } from './shelter-error.ts';
export {
  createShelterRegistry,
  type NearestShelterOptions,
  parseShelterDataset,
  type ShelterDistance,
  type ShelterRegistry,
} from './shelter-registry.ts';
export {
  type EmergencySite,
  type EvacuationShelter,
  type Shelter,
  type ShelterDataset,
  type ShelterKind,
  shelterKindLabels,
  shelterKinds,
} from './shelter-schema.ts';
