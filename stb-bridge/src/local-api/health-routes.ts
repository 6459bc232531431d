// GET /children, /children/:id and /growth-curves: the resident's children's health records (母子健康情報),
// passed through from the backend. The growth curves are survey tables that never change, so the bridge keeps
// each one it has fetched (also the answer that an edition has none) and the chart opens without the backend.
// GET and POST /health-applications: the parent's 利用申込み (health/health-applications.ts); the POST body holds
// the signature password: read here, passed on, never logged or kept.
import { Hono } from 'hono';
import { z } from 'zod';
import type { HealthApplications } from '../health/health-applications.ts';
import type { HealthBackend } from '../session/backend-client.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { isSessionError } from '../session/session-error.ts';
import type {
  ChildRecordResponse,
  ChildrenResponse,
  GrowthCurves,
  GrowthCurvesResponse,
  GrowthEdition,
  GrowthMeasure,
  HealthApplicationsResponse,
  HealthApplyRequest,
  HealthApplyResponse,
  LocalApiOwnErrorCode,
} from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';
import { readJsonBody } from './request-body.ts';
import { asResident } from './resident-call.ts';

const childIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const editions: readonly GrowthEdition[] = ['2023', '2010'];
const measures: readonly GrowthMeasure[] = ['weight', 'height', 'head'];
const sexes = ['male', 'female'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, name: string): T {
  if (allowed.includes(value as T)) return value as T;
  throw new LocalApiError('request.invalid', `${name} must be one of ${allowed.join(', ')}`);
}

const applySchema: z.ZodType<HealthApplyRequest> = z.strictObject({
  applicationId: z.uuid(),
  children: z
    .array(z.strictObject({ birthDate: z.iso.date() }))
    .min(1)
    .max(10),
  // Loose bound only: the format rules live in jpki/pin-format.ts and answer `card.pin-format`.
  password: z.string().max(64),
});

/** The backend's answer for a child that is not linked (or does not exist), and for a curve it has not. */
const notFound = (error: unknown) => isSessionError(error) && error.backendCode === 'health.child-not-found';

/** The backend's refusals of an application that the viewer is told apart. */
const applicationRefusals: readonly string[] = [
  'health.application-invalid',
  'health.signer-mismatch',
] satisfies LocalApiOwnErrorCode[];

export function healthRoutes(deps: {
  session: ResidentSession;
  health: HealthBackend;
  applications: HealthApplications;
}) {
  const { session, health, applications } = deps;
  const curvesCache = new Map<string, GrowthCurves | null>();
  return new Hono()
    .get('/children', async (c) =>
      c.json<ChildrenResponse>({
        children: (await asResident(session, (token) => health.children(token))).children,
      }),
    )
    .get('/children/:id', async (c) => {
      const id = c.req.param('id');
      if (!childIdPattern.test(id)) throw new LocalApiError('request.invalid', 'not a child id');
      const edition = oneOf(editions, c.req.query('edition') ?? '2023', 'edition');
      const record = await asResident(session, (token) => health.childRecord(token, id, edition)).catch(
        (error: unknown) => {
          if (notFound(error))
            throw new LocalApiError('health.child-not-found', `no child ${id} for this resident`, {
              cause: error,
            });
          throw error;
        },
      );
      return c.json<ChildRecordResponse>(record);
    })
    .get('/growth-curves', async (c) => {
      const query = {
        measure: oneOf(measures, c.req.query('measure'), 'measure'),
        sex: oneOf(sexes, c.req.query('sex'), 'sex'),
        edition: oneOf(editions, c.req.query('edition') ?? '2023', 'edition'),
      };
      const key = `${query.edition} ${query.measure} ${query.sex}`;
      let curves = curvesCache.get(key);
      if (curves === undefined) {
        curves = await asResident(session, (token) => health.growthCurves(token, query)).catch(
          (error: unknown) => {
            if (notFound(error)) return null;
            throw error;
          },
        );
        curvesCache.set(key, curves);
      }
      return c.json<GrowthCurvesResponse>({ curves });
    })
    .get('/health-applications', async (c) =>
      c.json<HealthApplicationsResponse>({
        applications: await asResident(session, (token) => applications.list(token)),
      }),
    )
    .post('/health-applications', async (c) => {
      const { application, created } = await asResident(session, async (token) =>
        applications.apply(token, await readJsonBody(c, applySchema)),
      ).catch((error: unknown) => {
        if (isSessionError(error) && applicationRefusals.includes(error.backendCode ?? '')) {
          throw new LocalApiError(error.backendCode as LocalApiOwnErrorCode, error.message, { cause: error });
        }
        throw error;
      });
      return c.json<HealthApplyResponse>(application, created ? 201 : 200);
    });
}
