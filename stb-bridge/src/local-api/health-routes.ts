// GET /children, /children/:id and /growth-curves: the resident's children's health records (母子健康情報),
// passed through from the backend. The growth curves are survey tables that never change, so the bridge keeps
// each one it has fetched (also the answer that an edition has none) and the chart opens without the backend.
import { Hono } from 'hono';
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
} from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';
import { asResident } from './resident-call.ts';

const childIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const editions: readonly GrowthEdition[] = ['2023', '2010'];
const measures: readonly GrowthMeasure[] = ['weight', 'height', 'head'];
const sexes = ['male', 'female'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, name: string): T {
  if (allowed.includes(value as T)) return value as T;
  throw new LocalApiError('request.invalid', `${name} must be one of ${allowed.join(', ')}`);
}

/** The backend's answer for a child that is not linked (or does not exist), and for a curve it has not. */
const notFound = (error: unknown) => isSessionError(error) && error.backendCode === 'health.child-not-found';

export function healthRoutes(deps: { session: ResidentSession; health: HealthBackend }) {
  const { session, health } = deps;
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
    });
}
