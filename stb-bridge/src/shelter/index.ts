// Shelter mode of the bridge: the check-in journal, its sync to the backend, the terminal's backend client.

export { readCardPerson, type TapResult, tapCheckIn } from './card-tap.ts';
export {
  type CachedCrl,
  type CardCheck,
  type CardTrust,
  checkAuthCertificate,
  crlFileName,
  loadCardTrust,
  parseCrl,
} from './card-trust.ts';
export {
  CheckinJournal,
  journalFileName,
  type NewShelterEvent,
  type OpenedJournal,
} from './checkin-journal.ts';
export { JournalSync, type JournalSyncOptions, syncStateFileName } from './journal-sync.ts';
export { ShelterDesk } from './shelter-desk.ts';
export { isShelterError, ShelterError, type ShelterErrorCode } from './shelter-error.ts';
export { shelterRoutes } from './shelter-routes.ts';
export { deskPagePath, startShelterTerminal } from './start-shelter-terminal.ts';
export {
  BackendUnreachable,
  type TerminalBackend,
  TerminalBackendClient,
  type TerminalCredential,
} from './terminal-backend.ts';
export { readTerminalCredential, type TerminalCredentialFile } from './terminal-credential.ts';
export { type EnrolShelterTerminalOptions, enrolShelterTerminal } from './terminal-enrolment.ts';
export { TerminalSetupError, type TerminalSetupErrorCode } from './terminal-setup-error.ts';
export { certificatesOfPem, fingerprintOf, normaliseFingerprint, pinnedCa } from './trust-pins.ts';
export { downloadedCaFileName, TrustRefresh, type TrustRefreshOptions } from './trust-refresh.ts';
