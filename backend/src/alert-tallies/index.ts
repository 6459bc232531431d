// Public API of the alert tallies: the wire contracts (the bridge imports AlertResponseInput/AlertResponse
// type-only; the dashboard the ops shapes) and the error. The HTTP routes (alert-tally-routes.ts) are wired by
// app.ts, not re-exported here: http/ imports this file.
export { AlertTallyError, type AlertTallyErrorCode } from './alert-tally-error.ts';
export {
  type AlertAnswer,
  type AlertCounts,
  type AlertDetail,
  type AlertList,
  type AlertMap,
  type AlertResponse,
  type AlertResponseInput,
  type AlertSummary,
  type AreaCounts,
  alertAnswers,
  alertResponseInputSchema,
  alertResponseSchema,
  type HouseholdState,
  householdStates,
  type NeedsAssistance,
  type NeedsAssistanceList,
  type ShelterCounts,
} from './contracts.ts';
