// Public API of set-top box enrolment, authentication and revocation. The HTTP routes (device-routes.ts) are
// wired by app.ts, not re-exported here: http/ imports this file.
export { type EnrolledDevice, enrolDevice, householdField, unsealMembers } from './device-enrolment.ts';
export { DeviceError, type DeviceErrorCode } from './device-error.ts';
export { authenticateDevice, type DeviceIdentity } from './device-identity.ts';
export { type DeviceDetails, type DeviceSummary, getDeviceDetails, listDevices } from './device-records.ts';
export { type DeviceDisconnector, revokeDevice } from './device-revocation.ts';
export {
  careOf,
  type Household,
  type HouseholdCare,
  type HouseholdInput,
  type HouseholdMember,
  type HouseholdNeeds,
  householdMemberSchema,
  householdNeedsSchema,
  householdSchema,
  noHouseholdNeeds,
} from './household-schema.ts';
export { isLocalGovernmentCode, machiazaAreaCode } from './local-government-code.ts';
