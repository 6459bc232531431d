export { alertHazards } from './alert-hazards.ts';
export { createShelterAssigner, type ShelterAssigner, type ShelterAssignment } from './assign-shelters.ts';
export { bearingDegrees, type CompassPoint, compassLabels, compassPoint, compassPoints } from './compass.ts';
export {
  type HouseholdNeeds,
  needsAssistance,
  noNeeds,
  type TargetHousehold,
  targetHouseholdSchema,
} from './household.ts';
export { createHouseholdIndex, type HouseholdIndex, type RejectedHousehold } from './household-index.ts';
export { createPolygonTest, type PolygonTest } from './polygon-test.ts';
export { type Selection, selectHouseholds, type TargetingNote } from './select-households.ts';
export {
  type TargetAlertOptions,
  type TargetingOutcome,
  type TargetingResult,
  targetAlert,
  targetAlertInSteps,
  targetingStep,
} from './target-alert.ts';
