// HTTP routes of operator login and account management. Thin: validate, call one domain function, map.
import { createRoute, z } from '@hono/zod-openapi';
import type { GetConnInfo } from 'hono/conninfo';
import type { Database } from '../db/index.ts';
import {
  auditActorOf,
  createRouter,
  errorResponses,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import {
  createOperatorAccount,
  disableOperatorAccount,
  getOperatorAccount,
  listOperatorAccounts,
  type OperatorAccount,
} from './operator-accounts.ts';
import { loginOperator, type OperatorLoginPolicy } from './operator-login.ts';
import { maxPasswordLength } from './password-hash.ts';
import { operatorRoles } from './roles.ts';
import { endSession } from './session-store.ts';

export interface AccountRouteDeps {
  db: Database;
  clock: () => Date;
  getConnInfo: GetConnInfo;
  operatorLogin: OperatorLoginPolicy;
}

const loginName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '3-64 letters, digits, . _ -');
const localGovernmentCode = z.string().regex(/^\d{6}$/);

const accountSchema = z
  .object({
    accountId: z.uuid(),
    loginName: z.string(),
    displayName: z.string(),
    role: z.enum(operatorRoles),
    localGovernmentCode: z.string().nullable(),
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .openapi('OperatorAccount');

const toJson = (a: OperatorAccount) => ({
  ...a,
  createdAt: a.createdAt.toISOString(),
  disabledAt: a.disabledAt?.toISOString() ?? null,
});

const operators = roleGuard(...operatorRoles);
const admins = roleGuard('operator-admin');

const loginRoute = createRoute({
  method: 'post',
  path: '/operator/login',
  tags: ['operators'],
  summary: 'Operator login (public; rate-limited per login name and per network)',
  request: {
    body: jsonBody(z.strictObject({ loginName, password: z.string().min(1).max(maxPasswordLength) })),
  },
  responses: {
    200: jsonResponse(
      z.object({ sessionToken: z.string(), expiresAt: z.iso.datetime(), account: accountSchema }),
      'Logged in',
    ),
    ...errorResponses(400, 401, 413, 415, 429),
  },
});

const logoutRoute = guardedRoute(operators, {
  method: 'post',
  path: '/operator/logout',
  tags: ['operators'],
  responses: { 204: { description: 'Logged out' } },
});

const meRoute = guardedRoute(operators, {
  method: 'get',
  path: '/operator/me',
  tags: ['operators'],
  responses: { 200: jsonResponse(accountSchema, 'The logged-in operator') },
});

const listRoute = guardedRoute(admins, {
  method: 'get',
  path: '/operator/accounts',
  tags: ['operators'],
  responses: { 200: jsonResponse(z.object({ accounts: z.array(accountSchema) }), 'All operator accounts') },
});

const createAccountRoute = guardedRoute(admins, {
  method: 'post',
  path: '/operator/accounts',
  tags: ['operators'],
  request: {
    body: jsonBody(
      z.strictObject({
        loginName,
        displayName: z.string().trim().min(1).max(100),
        role: z.enum(operatorRoles),
        password: z.string().min(1).max(maxPasswordLength),
        localGovernmentCode: localGovernmentCode.nullish(),
      }),
    ),
  },
  responses: { 201: jsonResponse(accountSchema, 'Created') },
  errors: [409],
});

const disableRoute = guardedRoute(admins, {
  method: 'post',
  path: '/operator/accounts/{accountId}/disable',
  tags: ['operators'],
  request: { params: z.object({ accountId: z.uuid() }) },
  responses: { 200: jsonResponse(accountSchema, 'Disabled; its sessions ended') },
  errors: [404],
});

export function accountRoutes(deps: AccountRouteDeps) {
  const { db, clock } = deps;
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const body = c.req.valid('json');
      const login = await loginOperator(db, {
        ...body,
        address: deps.getConnInfo(c).remote.address ?? 'unknown',
        requestId: c.get('requestId'),
        now: clock(),
        policy: deps.operatorLogin,
      });
      return c.json(
        {
          sessionToken: login.session.token,
          expiresAt: login.session.expiresAt.toISOString(),
          account: toJson(login.account),
        },
        200,
      );
    })
    .openapi(logoutRoute, async (c) => {
      const principal = operators.principal(c);
      await endSession(db, {
        kind: 'operator',
        sessionId: principal.sessionId,
        actor: auditActorOf(principal, c.get('requestId')),
        now: clock(),
      });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) =>
      c.json(toJson(await getOperatorAccount(db, operators.principal(c).accountId)), 200),
    )
    .openapi(listRoute, async (c) => {
      const accounts = await listOperatorAccounts(db, {
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ accounts: accounts.map(toJson) }, 200);
    })
    .openapi(createAccountRoute, async (c) => {
      const account = await createOperatorAccount(db, {
        account: c.req.valid('json'),
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(toJson(account), 201);
    })
    .openapi(disableRoute, async (c) => {
      const account = await disableOperatorAccount(db, {
        accountId: c.req.valid('param').accountId,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(toJson(account), 200);
    });
}
