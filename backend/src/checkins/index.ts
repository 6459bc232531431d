// Public API of shelter check-in: terminals and their credential, the journal-event contract, ingestion and
// occupancy. The HTTP routes (checkin-routes.ts) are wired by app.ts, not re-exported here: http/ imports
// this file.
export { type CardRevocationCheck, createCardRevocationCheck } from './card-revocation.ts';
export { CheckinError, type CheckinErrorCode } from './checkin-error.ts';
export {
  type CardCheckResult,
  cardCheckResults,
  eventBatchSchema,
  maxEventsPerBatch,
  type PersonRef,
  type ShelterEvent,
  type ShelterEventBatch,
  type ShelterEventReceipt,
  type ShelterEventType,
  shelterEventSchema,
} from './contracts.ts';
export { ingestEvents, personKeyOf } from './event-ingestion.ts';
export { type ShelterOccupancy, shelterOccupancy } from './occupancy.ts';
export { assignShelterStaff, type StaffShelter, shelterOfStaff } from './shelter-staff.ts';
export {
  authenticateTerminal,
  enrolTerminal,
  listTerminals,
  revokeTerminal,
  type TerminalIdentity,
  type TerminalSummary,
} from './shelter-terminals.ts';
