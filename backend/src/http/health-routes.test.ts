// Health answers from what it is given: 503 only when the database does not answer; a degraded part is named
// with 200.
import { expect, it } from 'vitest';
import type { Queryable } from '../db/index.ts';
import { type HealthProbes, healthRoutes } from './health-routes.ts';

const answering: Queryable = { query: async () => [], exec: async () => {} };
const failing: Queryable = {
  query: async () => {
    throw new Error('connection refused');
  },
  exec: async () => {},
};
const probes = (overrides: Partial<ReturnType<HealthProbes['jpki']>['ocsp']> = {}): HealthProbes => ({
  push: () => ({ adapter: 'redis', redis: 'up' }),
  jpki: () => ({
    anchors: { sign: 1, auth: 2 },
    ocsp: { status: 'ok', lastCheck: '2026-04-01T09:00:00.000Z', ...overrides },
  }),
});

async function health(db: Queryable, given?: HealthProbes) {
  const response = await healthRoutes({ db, ...(given ? { probes: given } : {}) }).request('/health');
  return { status: response.status, body: await response.json() };
}

it('is ok with every part ok', async () => {
  expect(await health(answering, probes())).toEqual({
    status: 200,
    body: {
      status: 'ok',
      database: { status: 'ok' },
      push: { adapter: 'redis', redis: 'up' },
      jpki: { anchors: { sign: 1, auth: 2 }, ocsp: { status: 'ok', lastCheck: '2026-04-01T09:00:00.000Z' } },
    },
  });
});

it('is degraded, still 200, when Redis or OCSP fails', async () => {
  const redisDown: HealthProbes = { ...probes(), push: () => ({ adapter: 'redis', redis: 'down' }) };
  expect(await health(answering, redisDown)).toMatchObject({ status: 200, body: { status: 'degraded' } });
  expect(await health(answering, probes({ status: 'failing' }))).toMatchObject({
    status: 200,
    body: { status: 'degraded', jpki: { ocsp: { status: 'failing' } } },
  });
});

it('is down, 503, when the database does not answer', async () => {
  expect(await health(failing, probes())).toMatchObject({
    status: 503,
    body: { status: 'down', database: { status: 'down' } },
  });
  expect(await health(failing)).toEqual({
    status: 503,
    body: { status: 'down', database: { status: 'down' } },
  });
});
