import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthBackend } from '../session/backend-client.ts';
import { SessionError } from '../session/session-error.ts';
import type {
  ChildRecordResponse,
  ChildrenResponse,
  GrowthCurves,
  GrowthCurvesResponse,
} from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

const child = {
  id: '5b0f2c1e-8d3a-4e7b-9c6d-2a1b0c9d8e7f',
  nameKanji: '美波 はな',
  nameKana: 'ミナミ ハナ',
  birthDate: '2026-07-01',
  sex: 'female' as const,
};
const record: ChildRecordResponse = {
  child,
  measurements: [
    {
      kind: 'weight',
      measuredOn: '2026-11-01',
      ageMonths: 4.01,
      value: 6.5,
      unit: 'kg',
      position: '50〜75パーセンタイルの間',
    },
  ],
  checkups: [],
  immunizations: [],
  due: [],
};
const curves: GrowthCurves = {
  edition: '2023',
  measure: 'weight',
  sex: 'female',
  unit: 'kg',
  percentiles: [3, 50, 97],
  points: [{ ageMonths: 0, label: '出生時', values: [2.3, 3, 3.8] }],
};

/** The backend's health calls in memory, counting them; a child or curve it has not is its 404. */
function scriptedHealth() {
  const calls: string[] = [];
  const notFound = () =>
    new SessionError('session.refused', 'answered 404', { backendCode: 'health.child-not-found' });
  const backend: HealthBackend = {
    async children() {
      calls.push('children');
      return { children: [child] };
    },
    async childRecord(_token, id, edition) {
      calls.push(`record ${edition}`);
      if (id !== child.id) throw notFound();
      return record;
    },
    async growthCurves(_token, query) {
      calls.push(`curves ${query.edition} ${query.measure} ${query.sex}`);
      if (query.edition === '2010') throw notFound();
      return curves;
    },
    async healthApplications() {
      return { applications: [] };
    },
    async submitHealthApplication() {
      throw new Error('not in these tests (health-application-routes.test.ts)');
    },
    async householdMunicipality() {
      return '363871';
    },
  };
  return { backend, calls };
}

let f: LocalApiFixture;
let health: ReturnType<typeof scriptedHealth>;
beforeEach(async () => {
  health = scriptedHealth();
  f = await createLocalApiFixture({ health: health.backend });
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

const get = (path: string) => f.call('GET', path);

describe('health routes', () => {
  it('need a logged-in resident', async () => {
    for (const path of ['/children', `/children/${child.id}`, '/growth-curves?measure=weight&sex=male']) {
      const response = await get(path);
      expect([response.status, (await errorOf(response)).code]).toEqual([401, 'session.login-required']);
    }
    expect(health.calls).toEqual([]);
  });

  it("pass the children and a child's record through, and say when a child is not the resident's", async () => {
    await f.logIn();
    expect((await (await get('/children')).json()) as ChildrenResponse).toEqual({ children: [child] });
    expect(await (await get(`/children/${child.id}`)).json()).toEqual(record);
    await get(`/children/${child.id}?edition=2010`);
    expect(health.calls).toEqual(['children', 'record 2023', 'record 2010']);
    const stranger = await get('/children/00000000-0000-4000-8000-000000000009');
    expect([stranger.status, (await errorOf(stranger)).code]).toEqual([404, 'health.child-not-found']);
  });

  it('refuse bad ids and queries before asking the backend', async () => {
    await f.logIn();
    for (const path of [
      '/children/..%2F..%2Fadmin',
      `/children/${child.id}?edition=2000`,
      '/growth-curves?measure=chest&sex=male',
      '/growth-curves?measure=weight&sex=other',
      '/growth-curves?measure=weight&sex=male&edition=1990',
    ]) {
      const response = await get(path);
      expect([path, response.status, (await errorOf(response)).code]).toEqual([path, 400, 'request.invalid']);
    }
    expect(health.calls).toEqual([]);
  });

  it('keep each growth curve once fetched, and an edition that has none as null', async () => {
    await f.logIn();
    const ask = async (query: string) =>
      ((await (await get(`/growth-curves?${query}`)).json()) as GrowthCurvesResponse).curves;
    expect(await ask('measure=weight&sex=female')).toEqual(curves);
    expect(await ask('measure=weight&sex=female&edition=2023')).toEqual(curves);
    expect(await ask('measure=weight&sex=female&edition=2010')).toBeNull();
    expect(await ask('measure=weight&sex=female&edition=2010')).toBeNull();
    expect(health.calls).toEqual(['curves 2023 weight female', 'curves 2010 weight female']);
  });
});
