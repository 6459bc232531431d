export { parseCapacityText } from './capacity-text.ts';
export { decodeText, type TextEncoding } from './decode-text.ts';
export { type Hazard, hazardLabels, hazards } from './hazards.ts';
export { minamiTownShelters } from './minami-town.ts';
export { ShelterError, type ShelterErrorCode } from './shelter-error.ts';
export {
  importShelterFile,
  type ShelterImport,
  type ShelterImportOptions,
  type ShelterImportProblem,
  type ShelterImportProblemCode,
  shelterImportProblemCodes,
} from './shelter-import.ts';
export {
  createShelterRegistry,
  type NearestShelterOptions,
  parseShelterDataset,
  type ShelterDistance,
  type ShelterRegistry,
  type ShelterStatus,
} from './shelter-registry.ts';
export {
  type Capacity,
  type EmergencySite,
  type EvacuationShelter,
  type Shelter,
  type ShelterDataset,
  type ShelterKind,
  shelterKindLabels,
  shelterKinds,
} from './shelter-schema.ts';
