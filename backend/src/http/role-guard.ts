// Authorisation per route: the roles a route admits, declared once. `middleware` refuses other principals
// with 403 before the body is read; `principal(c)` gives the handler the principal narrowed to those roles;
// `security` documents the credential forms in the OpenAPI document.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AuthError, clientRoles, operatorRoles, type Role } from '../accounts/index.ts';
import type { AppEnv } from './app-env.ts';
import type { Principal } from './principal.ts';

/** OpenAPI security scheme names, registered by createApp. */
export const securitySchemes = {
  operatorSession: {
    type: 'http',
    scheme: 'bearer',
    description: 'Operator session token from POST /operator/login',
  },
  apiClient: { type: 'http', scheme: 'basic', description: 'API client id and secret' },
  device: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '`Device <deviceId>.<deviceSecret>`, from the enrolment of the set-top box',
  },
  residentSession: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Resident-Session',
    description: 'Resident session token from POST /login, sent together with the device credential',
  },
  shelterTerminal: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '`Terminal <terminalId>.<terminalSecret>`, from the enrolment of the check-in terminal',
  },
} as const;

type SchemeName = keyof typeof securitySchemes;

function securityOf(roles: readonly Role[]): Record<string, string[]>[] {
  const options: Partial<Record<SchemeName, string[]>>[] = [];
  if (roles.some((r) => (operatorRoles as readonly Role[]).includes(r)))
    options.push({ operatorSession: [] });
  if (roles.some((r) => (clientRoles as readonly Role[]).includes(r))) options.push({ apiClient: [] });
  if (roles.includes('device')) options.push({ device: [] });
  if (roles.includes('resident')) options.push({ device: [], residentSession: [] });
  if (roles.includes('shelter-terminal')) options.push({ shelterTerminal: [] });
  return options as Record<string, string[]>[];
}

export function roleGuard<const R extends Role>(...roles: R[]) {
  const check = (principal: Principal | undefined): Principal & { role: R } => {
    if (principal === undefined) throw new AuthError('auth.required', 'this route needs credentials');
    if (!(roles as readonly Role[]).includes(principal.role)) {
      throw new AuthError('auth.forbidden', `role ${principal.role} may not use this route`);
    }
    return principal as Principal & { role: R };
  };
  return {
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      check(c.get('principal'));
      await next();
    }),
    principal: (c: Context<AppEnv>) => check(c.get('principal')),
    security: securityOf(roles),
  };
}
