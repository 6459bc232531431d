export type {
  AlertPayload,
  AlertPayloadShelter,
  AlertPayloadText,
  HouseholdAlert,
} from './alert-payload.ts';
export { type CancelMessageContext, createCancelComposer } from './cancel-payload.ts';
export {
  type AlertMessageContext,
  createPayloadComposer,
  type HouseholdMessageFacts,
} from './compose-payload.ts';
export { type LevelWording, levelWording } from './level-wording.ts';
export { alertMessageContext, maxLevel } from './message-context.ts';
