// The HTTP edge shared by every capability's routes: environment, principal, authentication, role guards,
// body limits, request ids and the error shape.
export type { AppEnv } from './app-env.ts';
export { type AuthenticateOptions, authenticate } from './authenticate.ts';
export { allowBodyUpTo, defaultMaxBodyBytes, limitBody } from './body-limit.ts';
export {
  type Credentials,
  parseCredentials,
  type ResidentSessionHeader,
  residentSessionHeader,
} from './credentials.ts';
export {
  type ErrorBody,
  type ErrorCode,
  type ErrorContext,
  errorBodySchema,
  errorHandler,
  notFoundHandler,
  validationHook,
} from './error-response.ts';
export { type GuardedRouteConfig, guardedRoute } from './guarded-route.ts';
export { type HealthProbes, type HealthReport, healthRoutes, type JpkiHealth } from './health-routes.ts';
export { actingMunicipality, localGovernmentCodeQuery } from './municipality-scope.ts';
export { errorResponses, jsonBody, jsonResponse } from './openapi-parts.ts';
export { auditActorOf, type Principal, principalId } from './principal.ts';
export {
  isPublicRoute,
  type PublicPrefix,
  publicPrefixes,
  publicRoutes,
  selfAuthenticatedRoutes,
} from './public-routes.ts';
export { RequestError, type RequestErrorCode } from './request-error.ts';
export { requestId, requestIdHeader } from './request-id.ts';
export { roleGuard, securitySchemes } from './role-guard.ts';
export { createRouter } from './router.ts';
