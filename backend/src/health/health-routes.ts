// HTTP routes of the health records. Municipality (staff of one municipality): send FHIR bundles, review and
// decide parents' applications. Resident (logged in on the TV): apply, list linked children, read a child's
// record, read the growth curves. Thin: the work is in fhir-bundle, health-records, link-applications.
import { z } from '@hono/zod-openapi';
import { recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  allowBodyUpTo,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  type Principal,
  roleGuard,
} from '../http/index.ts';
import type { CertificateVerifier } from '../jpki/index.ts';
import type { BlindIndex } from '../residents/index.ts';
import { childRecord, japanDay } from './child-record.ts';
import {
  bundleAcceptedSchema,
  bundleRefusedSchema,
  childListSchema,
  childRecordSchema,
  decisionSchema,
  growthCurvesSchema,
  linkApplicationListSchema,
  linkApplicationSchema,
  submitApplicationSchema,
} from './contracts.ts';
import { readBundle } from './fhir-bundle.ts';
import { growthCurves, growthEditions, growthMeasures } from './growth-curves.ts';
import { HealthError } from './health-error.ts';
import { bundleSha256, linkedChildren, storeBundle } from './health-records.ts';
import {
  decideLinkApplication,
  maxSignedApplicationBytes,
  municipalityApplications,
  residentApplications,
  submitLinkApplication,
} from './link-applications.ts';

export interface HealthRouteDeps {
  db: Database;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  certificates: CertificateVerifier;
  clock: () => Date;
}

/** Largest FHIR bundle accepted in one request (a municipality's batch). */
export const maxBundleBytes = 32 * 1024 * 1024;

const municipalities = roleGuard('municipality-staff', 'municipality');
const residents = roleGuard('resident');

/** The municipality the caller acts for (staff: their account's; a client: its binding), and its source name. */
async function municipalityOf(db: Database, principal: Principal): Promise<{ code: string; source: string }> {
  if (principal.role === 'municipality-staff' && principal.localGovernmentCode !== null)
    return { code: principal.localGovernmentCode, source: `municipality-staff:${principal.accountId}` };
  if (principal.role === 'municipality') {
    const [row] = await db.query<{ local_government_code: string }>(
      'SELECT local_government_code FROM municipality_clients WHERE client_id = $1',
      [principal.clientId],
    );
    if (row !== undefined)
      return { code: row.local_government_code, source: `municipality:${principal.clientId}` };
  }
  throw new HealthError('health.no-municipality', 'this account acts for no municipality');
}

const bundleRoute = guardedRoute(municipalities, {
  method: 'post',
  path: '/health/bundles',
  tags: ['health'],
  summary: "Send children's records as a FHIR R4 Bundle (JP-Core Patient, Observation, Immunization)",
  description:
    'Every entry is checked; any refused entry refuses the whole bundle (422, one issue per entry). A child or ' +
    'entry sent again with the same identifier / resource id replaces the earlier one; the same bundle again: 200.',
  middleware: [allowBodyUpTo(maxBundleBytes)],
  request: { body: jsonBody(z.looseObject({ resourceType: z.string() }).openapi('FhirBundle')) },
  responses: {
    201: jsonResponse(bundleAcceptedSchema, 'Stored'),
    200: jsonResponse(bundleAcceptedSchema, 'Stored before'),
    422: jsonResponse(bundleRefusedSchema, 'Refused, per entry'),
  },
});

const listApplicationsRoute = guardedRoute(municipalities, {
  method: 'get',
  path: '/health/link-applications',
  tags: ['health'],
  summary: "The municipality's 利用申込み (pending first) with the signer's verified four items (audited)",
  responses: { 200: jsonResponse(linkApplicationListSchema, 'Applications') },
});

const decideRoute = guardedRoute(municipalities, {
  method: 'post',
  path: '/health/link-applications/{id}/decision',
  tags: ['health'],
  summary: 'Approve (linking the named children to the parent) or reject an application',
  request: { params: z.object({ id: z.uuid() }), body: jsonBody(decisionSchema) },
  responses: {
    200: jsonResponse(linkApplicationSchema, 'Decided'),
  },
  errors: [404, 409],
});

const applyRoute = guardedRoute(residents, {
  method: 'post',
  path: '/residents/me/health-applications',
  tags: ['health'],
  summary: 'Apply (利用申込み) with a CMS signed by the signature certificate; the same CMS again: 200',
  middleware: [allowBodyUpTo(Math.ceil(maxSignedApplicationBytes / 3) * 4 + 1024)],
  request: { body: jsonBody(submitApplicationSchema) },
  responses: {
    201: jsonResponse(linkApplicationSchema, 'Received'),
    200: jsonResponse(linkApplicationSchema, 'Received before'),
  },
  errors: [503],
});

const myApplicationsRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/health-applications',
  tags: ['health'],
  summary: "The logged-in resident's applications and their state",
  responses: { 200: jsonResponse(linkApplicationListSchema, 'Applications') },
});

const childrenRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/children',
  tags: ['health'],
  summary: 'The children linked to the logged-in resident, oldest first',
  responses: { 200: jsonResponse(childListSchema, 'Children') },
});

const childRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/children/{id}',
  tags: ['health'],
  summary: "A linked child's measurements (with growth position), checkups, immunisations and doses due",
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({ edition: z.enum(growthEditions).default('2023') }),
  },
  responses: { 200: jsonResponse(childRecordSchema, 'The record') },
  errors: [404],
});

const curvesRoute = guardedRoute(residents, {
  method: 'get',
  path: '/health/growth-curves',
  tags: ['health'],
  summary: 'Percentile curves (3-97) of the 2023 survey (or 2010 where it exists) by measure and sex',
  request: {
    query: z.object({
      measure: z.enum(growthMeasures),
      sex: z.enum(['male', 'female']),
      edition: z.enum(growthEditions).default('2023'),
    }),
  },
  responses: { 200: jsonResponse(growthCurvesSchema, 'Curves') },
  errors: [404],
});

export function healthRecordRoutes(deps: HealthRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(bundleRoute, async (c) => {
      const principal = municipalities.principal(c);
      const { code, source } = await municipalityOf(db, principal);
      const body = c.req.valid('json');
      if (body.resourceType !== 'Bundle')
        throw new HealthError('health.bundle-invalid', `expected a FHIR Bundle, not ${body.resourceType}`);
      const now = clock();
      const read = readBundle(body, { municipality: code, today: japanDay(now) });
      if (read.problems.length > 0) {
        return c.json(
          {
            error: {
              code: 'health.bundle-invalid' as const,
              message: `${read.problems.length} entr${read.problems.length === 1 ? 'y' : 'ies'} refused; nothing stored`,
            },
            issues: read.problems,
          },
          422,
        );
      }
      const stored = await storeBundle(db, cipher, {
        municipality: code,
        source,
        sha256: bundleSha256(JSON.stringify(body)),
        bundle: read,
        now,
      });
      if (stored.created)
        await recordAudit(db, {
          actor: auditActorOf(principal, c.get('requestId')),
          action: 'health.bundle-receive',
          target: { type: 'health-bundle', id: code },
          at: now,
        });
      return c.json({ ...stored.summary, created: stored.created }, stored.created ? 201 : 200);
    })
    .openapi(listApplicationsRoute, async (c) => {
      const principal = municipalities.principal(c);
      const { code } = await municipalityOf(db, principal);
      const applications = await municipalityApplications(db, cipher, code);
      // The parents' four items and the children they named: a read of personal data.
      await recordAudit(db, {
        actor: auditActorOf(principal, c.get('requestId')),
        action: 'health.applications-read',
        target: { type: 'health-link-applications', id: code },
        at: clock(),
      });
      return c.json({ applications }, 200);
    })
    .openapi(decideRoute, async (c) => {
      const principal = municipalities.principal(c);
      const { code, source } = await municipalityOf(db, principal);
      const body = c.req.valid('json');
      const now = clock();
      const application = await decideLinkApplication(db, cipher, {
        municipality: code,
        applicationId: c.req.valid('param').id,
        decision: body.decision,
        children: body.children,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        decidedBy: source,
        now,
      });
      await recordAudit(db, {
        actor: auditActorOf(principal, c.get('requestId')),
        action: 'health.link-decide',
        target: { type: 'health-link-application', id: application.applicationId },
        at: now,
      });
      return c.json(application, 200);
    })
    .openapi(applyRoute, async (c) => {
      const { residentId } = residents.principal(c);
      const { application, created } = await submitLinkApplication(db, {
        certificates: deps.certificates,
        cipher,
        blindIndex: deps.blindIndex,
        residentId,
        signedApplication: c.req.valid('json').signedApplication,
        now: clock(),
      });
      return c.json(application, created ? 201 : 200);
    })
    .openapi(myApplicationsRoute, async (c) => {
      const { residentId } = residents.principal(c);
      return c.json({ applications: await residentApplications(db, cipher, residentId) }, 200);
    })
    .openapi(childrenRoute, async (c) => {
      const { residentId } = residents.principal(c);
      const children = await linkedChildren(db, cipher, residentId);
      return c.json(
        {
          children: children.map(({ id, nameKanji, nameKana, birthDate, sex }) => ({
            id,
            nameKanji,
            nameKana,
            birthDate,
            sex,
          })),
        },
        200,
      );
    })
    .openapi(childRoute, async (c) => {
      const principal = residents.principal(c);
      const now = clock();
      const record = await childRecord(db, cipher, {
        residentId: principal.residentId,
        childId: c.req.valid('param').id,
        edition: c.req.valid('query').edition,
        now,
      });
      await recordAudit(db, {
        actor: auditActorOf(principal, c.get('requestId')),
        action: 'health.read',
        target: { type: 'health-child', id: record.child.id },
        at: now,
      });
      return c.json(record, 200);
    })
    .openapi(curvesRoute, async (c) => {
      const { measure, sex, edition } = c.req.valid('query');
      const curves = growthCurves(edition, measure, sex);
      if (curves === undefined)
        throw new HealthError(
          'health.child-not-found',
          `the ${edition} survey has no ${measure} curve for ${sex}`,
        );
      return c.json(
        {
          ...curves,
          percentiles: [...curves.percentiles],
          points: curves.points.map((p) => ({ ...p, values: [...p.values] })),
        },
        200,
      );
    });
}
