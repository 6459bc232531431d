// Public API of operator accounts, API clients, roles, sessions and login throttling. The HTTP routes are
// wired by app.ts from account-routes.ts and api-client-routes.ts (not re-exported: http/ imports this file).
export { AccountError, type AccountErrorCode } from './account-error.ts';
export {
  type ApiClient,
  alertSendersOf,
  authenticateApiClient,
  createApiClient,
  listApiClients,
  type NewApiClient,
  revokeApiClient,
} from './api-clients.ts';
export { AuthError, type AuthErrorCode } from './auth-error.ts';
export { countLoginAttempt, forgiveLoginAttempt, networkOf, type ThrottlePolicy } from './login-throttle.ts';
export {
  createOperatorAccount,
  disableOperatorAccount,
  ensureFirstAdmin,
  getOperatorAccount,
  listOperatorAccounts,
  type NewOperatorAccount,
  normaliseLoginName,
  type OperatorAccount,
} from './operator-accounts.ts';
export {
  authenticateOperator,
  loginOperator,
  type OperatorLogin,
  type OperatorLoginPolicy,
  type OperatorSession,
} from './operator-login.ts';
export {
  checkPasswordPolicy,
  defaultScryptParams,
  hashPassword,
  maxPasswordLength,
  minPasswordLength,
  type ScryptParams,
  verifyPassword,
} from './password-hash.ts';
export { type ClientRole, clientRoles, type OperatorRole, operatorRoles, type Role } from './roles.ts';
export { hashSecret, newSecret, secretMatches } from './secret-token.ts';
export {
  closeSessionsOf,
  endSession,
  type NewSession,
  newSession,
  type OpenedSession,
  openSession,
  purgeEndedSessions,
  resolveSession,
  type Session,
  type SessionPolicy,
  type SessionSubject,
} from './session-store.ts';
