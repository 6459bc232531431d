// HTTP routes of card login and registration (called by the box with its device credential) and of the
// logged-in resident. Thin: validate, call one domain function, map.
import { z } from '@hono/zod-openapi';
import { endSession, type SessionPolicy } from '../accounts/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import type { BlindIndex } from './blind-index.ts';
import { loginProofSchema, registrationRequestSchema, residentSessionSchema } from './contracts.ts';
import { loginResident } from './resident-login.ts';
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

const challengeRoute = guardedRoute(devices, {
  method: 'post',
  path: '/login/challenge',
  tags: ['residents'],
  summary: 'A one-time challenge for the card to sign (login or registration)',
  responses: {
    200: jsonResponse(
      z.object({ challenge: z.string(), expiresAt: z.iso.datetime() }).openapi('LoginChallenge'),
      'Issued',
    ),
  },
});

const loginRoute = guardedRoute(devices, {
  method: 'post',
  path: '/login',
  tags: ['residents'],
  summary: 'Log a resident in with the card (user-authentication certificate)',
  request: { body: jsonBody(loginProofSchema) },
  responses: { 200: jsonResponse(residentSessionSchema, 'Logged in on this box') },
  errors: [503],
});

const registerRoute = guardedRoute(devices, {
  method: 'post',
  path: '/residents/registrations',
  tags: ['residents'],
  summary: 'Register (or re-link) a resident with the signature and user-authentication certificates',
  request: { body: jsonBody(registrationRequestSchema) },
  responses: {
    201: jsonResponse(residentSessionSchema.extend({ created: z.boolean() }), 'Registered and logged in'),
  },
  errors: [503],
});

const logoutRoute = guardedRoute(residents, {
  method: 'post',
  path: '/logout',
  tags: ['residents'],
  responses: { 204: { description: 'Logged out' } },
});

const meRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me',
  tags: ['residents'],
  summary: 'The four basic items of the logged-in resident (personal data: audited)',
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
  },
  errors: [404],
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
      await endSession(db, {
        kind: 'resident',
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
