// Authentication of every request outside the public list: parse the credentials, resolve them to a
// principal, put it on the context. No credentials, or unusable ones, end the request with 401 here.

import { createMiddleware } from 'hono/factory';
import {
  AuthError,
  authenticateApiClient,
  authenticateOperator,
  type SessionPolicy,
} from '../accounts/index.ts';
import { authenticateTerminal } from '../checkins/index.ts';
import type { Queryable } from '../db/index.ts';
import { authenticateDevice } from '../devices/index.ts';
import { authenticateResident } from '../residents/index.ts';
import type { AppEnv } from './app-env.ts';
import { type Credentials, parseCredentials, residentSessionHeader } from './credentials.ts';
import type { Principal } from './principal.ts';
import { isPublicRoute } from './public-routes.ts';

export interface AuthenticateOptions {
  db: Queryable;
  clock: () => Date;
  operatorSession: SessionPolicy;
  residentSession: SessionPolicy;
}

async function principalOf(options: AuthenticateOptions, credentials: Credentials): Promise<Principal> {
  const { db } = options;
  const now = options.clock();
  switch (credentials.scheme) {
    case 'bearer': {
      const { account, sessionId } = await authenticateOperator(db, {
        token: credentials.token,
        now,
        policy: options.operatorSession,
      });
      return {
        role: account.role,
        accountId: account.accountId,
        sessionId,
        localGovernmentCode: account.localGovernmentCode,
      };
    }
    case 'basic': {
      const client = await authenticateApiClient(db, credentials);
      return { role: client.role, clientId: client.clientId };
    }
    case 'device': {
      const device = await authenticateDevice(db, credentials);
      if (credentials.residentSession === null) return { role: 'device', device };
      const resident = await authenticateResident(db, {
        token: credentials.residentSession,
        deviceId: device.deviceId,
        policy: options.residentSession,
        now,
      });
      return { role: 'resident', device, ...resident };
    }
    case 'terminal':
      return { role: 'shelter-terminal', terminal: await authenticateTerminal(db, credentials) };
  }
}

export function authenticate(options: AuthenticateOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const credentials = parseCredentials({
      authorization: c.req.header('authorization'),
      residentSession: c.req.header(residentSessionHeader),
    });
    if (credentials === null) throw new AuthError('auth.required', 'this route needs credentials');
    c.set('principal', await principalOf(options, credentials));
    await next();
  });
}
