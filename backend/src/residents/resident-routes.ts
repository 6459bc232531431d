// HTTP routes of card login and registration (called by the box with its device credential) and of the
// logged-in resident. Thin: validate, call one domain function, map.
import { createRoute, z } from '@hono/zod-openapi';
import type { SessionPolicy } from '../accounts/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  auditActorOf,
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import type { BlindIndex } from './blind-index.ts';
import { loginProofSchema, registrationRequestSchema, residentSessionSchema } from './contracts.ts';
import { loginResident, logoutResident } from './resident-login.ts';
import { readResident } from './resident-records.ts';
import { type CardVerifiers, registerResident } from './resident-registration.ts';

export interface ResidentRouteDeps {
  db: Database;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  jpki: CardVerifiers;
  clock: () => Date;
  residentSession: SessionPolicy;
}

const devices = roleGuard('device');
const residents = roleGuard('resident');

const challengeRoute = createRoute({
  method: 'post',
  path: '/login/challenge',
  tags: ['residents'],
  summary: 'A one-time challenge for the card to sign (login or registration)',
  middleware: [devices.middleware],
  security: devices.security,
  responses: {
    200: jsonResponse(
      z.object({ challenge: z.string(), expiresAt: z.iso.datetime() }).openapi('LoginChallenge'),
      'Issued',
    ),
    ...errorResponses(401, 403),
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['residents'],
  summary: 'Log a resident in with the card (user-authentication certificate)',
  middleware: [devices.middleware],
  security: devices.security,
  request: { body: jsonBody(loginProofSchema) },
  responses: {
    200: jsonResponse(residentSessionSchema, 'Logged in on this box'),
    ...errorResponses(400, 401, 403, 413, 415, 503),
  },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/residents/registrations',
  tags: ['residents'],
  summary: 'Register (or re-link) a resident with the signature and user-authentication certificates',
  middleware: [devices.middleware],
  security: devices.security,
  request: { body: jsonBody(registrationRequestSchema) },
  responses: {
    201: jsonResponse(residentSessionSchema.extend({ created: z.boolean() }), 'Registered and logged in'),
    ...errorResponses(400, 401, 403, 413, 415, 503),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['residents'],
  middleware: [residents.middleware],
  security: residents.security,
  responses: { 204: { description: 'Logged out' }, ...errorResponses(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/residents/me',
  tags: ['residents'],
  summary: 'The four basic items of the logged-in resident (personal data: audited)',
  middleware: [residents.middleware],
  security: residents.security,
  responses: {
    200: jsonResponse(
      z
        .object({
          residentId: z.uuid(),
          name: z.string(),
          dateOfBirth: z.object({ era: z.string(), date: z.string() }),
          gender: z.enum(['male', 'female', 'unknown']),
          address: z.string(),
        })
        .openapi('ResidentBasicInfo'),
      'The resident',
    ),
    ...errorResponses(401, 403, 404),
  },
});

export function residentRoutes(deps: ResidentRouteDeps) {
  const { db, clock } = deps;
  return createRouter()
    .openapi(challengeRoute, async (c) =>
      c.json(await deps.jpki.login.issueChallenge({ deviceId: devices.principal(c).device.deviceId }), 200),
    )
    .openapi(loginRoute, async (c) => {
      const login = await loginResident(db, {
        verifier: deps.jpki.login,
        deviceId: devices.principal(c).device.deviceId,
        proof: c.req.valid('json'),
        sessionPolicy: deps.residentSession,
        requestId: c.get('requestId'),
        now: clock(),
      });
      return c.json(
        {
          residentId: login.residentId,
          sessionToken: login.session.token,
          expiresAt: login.session.expiresAt.toISOString(),
        },
        200,
      );
    })
    .openapi(registerRoute, async (c) => {
      const registration = await registerResident(db, {
        verifiers: deps.jpki,
        cipher: deps.cipher,
        blindIndex: deps.blindIndex,
        deviceId: devices.principal(c).device.deviceId,
        request: c.req.valid('json'),
        sessionPolicy: deps.residentSession,
        requestId: c.get('requestId'),
        now: clock(),
      });
      return c.json(
        {
          residentId: registration.residentId,
          sessionToken: registration.session.token,
          expiresAt: registration.session.expiresAt.toISOString(),
          created: registration.created,
        },
        201,
      );
    })
    .openapi(logoutRoute, async (c) => {
      const principal = residents.principal(c);
      await logoutResident(db, {
        sessionId: principal.sessionId,
        actor: auditActorOf(principal, c.get('requestId')),
        now: clock(),
      });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const principal = residents.principal(c);
      const resident = await readResident(db, {
        residentId: principal.residentId,
        cipher: deps.cipher,
        actor: auditActorOf(principal, c.get('requestId')),
        now: clock(),
      });
      const { name, dateOfBirth, gender, address } = resident.basicInfo;
      return c.json({ residentId: resident.residentId, name, dateOfBirth, gender, address }, 200);
    });
}
