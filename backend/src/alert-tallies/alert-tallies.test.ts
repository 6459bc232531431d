// The alert tallies over the real app on PGlite: boxes report an alert shown and answered (idempotent, the
// latest answer wins, only for their own household's alerts), the dashboard reads counts per alert, area and
// shelter, the map and the unanswered households needing help, each within the reader's municipality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAreaNames } from '../areas/index.ts';
import {
  call,
  createTestApp,
  type EnrolledBox,
  loginAsAdmin,
  loginAsOperator,
  sampleHousehold,
  type TestApp,
} from '../http/testing/test-app.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import type {
  AlertCounts,
  AlertDetail,
  AlertList,
  AlertMap,
  AlertResponse,
  NeedsAssistanceList,
} from './index.ts';
import { acknowledge, storeTestAlert, type TestAlert } from './tally-test-support.ts';

const minami = '363871';
const chiyoda = '131016';
const shelterId = 'E3638710000001';
const chiyodaArea = [
  { desc: '千代田区', polygons: [], circles: [], geocodes: [{ name: 'jisX0402', value: chiyoda }] },
];

describe.each(testDatabases)('alert tallies on %s', (_name, openDatabase) => {
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let t: TestApp;
  let admin: Record<string, string>;
  let town: Record<string, string>;
  /** 0: needs help (member), 1: needs help (care data), 2: no needs, 3: in another municipality. */
  const boxes: EnrolledBox[] = [];
  let alert: TestAlert;
  let seq: number;

  async function enrol(household: Record<string, unknown>): Promise<EnrolledBox> {
    const response = await call(t, 'POST', '/api/v1/devices', {
      headers: admin,
      body: { label: 'STB', household: { ...sampleHousehold, ...household } },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    return {
      deviceId: body.deviceId ?? '',
      householdId: body.householdId ?? '',
      headers: { authorization: `Device ${body.deviceId}.${body.deviceSecret}` },
    };
  }

  const logIn = (loginName: string, role: string, localGovernmentCode: string | null) =>
    loginAsOperator(t, admin, { loginName, role, localGovernmentCode });

  const respond = (box: EnrolledBox, body: Record<string, unknown>) =>
    call(t, 'POST', '/api/v1/alert-responses', { headers: box.headers, body });

  async function json<T>(response: Response, status = 200): Promise<T> {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  }

  const box = (index: number) => boxes[index] as EnrolledBox;

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp(external ? { db: external.db } : {});
    admin = await loginAsAdmin(t);
    town = await logIn('town-staff', 'municipality-staff', minami);
    boxes.push(
      await enrol({ machiazaId: '0001001' }),
      await enrol({
        machiazaId: '0001001',
        members: [{ name: 'さとう', needsAssistance: false }],
        needs: { elderly: false, mobility: true, hearing: false, visual: false, welfareShelter: false },
      }),
      await enrol({ machiazaId: '0002000', members: [{ name: 'すずき', needsAssistance: false }] }),
      await enrol({ localGovernmentCode: chiyoda, machiazaId: null, latitude: 35.69, longitude: 139.75 }),
    );
    await t.db.query(
      `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source, imported_at)
       VALUES ($1, $2, 'evacuation-shelter', '日和佐小学校', '美波町奥河内', 33.735, 134.536, 'test', now())`,
      [shelterId, minami],
    );
    // Names for the town and one 町字; the other 町字 has none (shown by code).
    await storeAreaNames(
      t.db,
      [
        { localGovernmentCode: minami, machiazaId: null, name: '美波町' },
        { localGovernmentCode: minami, machiazaId: '0001001', name: '奥河内' },
      ],
      new Date(),
    );
    alert = await storeTestAlert(t.db, {
      recipients: [
        {
          householdId: box(0).householdId,
          localGovernmentCode: minami,
          machiazaId: '0001001',
          shelterId,
          priority: true,
        },
        {
          householdId: box(1).householdId,
          localGovernmentCode: minami,
          machiazaId: '0001001',
          shelterId,
          priority: true,
        },
        // A supporter: reached first, but needs no help itself.
        {
          householdId: box(2).householdId,
          localGovernmentCode: minami,
          machiazaId: '0002000',
          priority: true,
        },
        { householdId: box(3).householdId, localGovernmentCode: chiyoda },
      ],
    });
    seq = alert.seq ?? 0;
    await acknowledge(t.db, seq, [box(0).deviceId, box(1).deviceId, box(3).deviceId]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await external?.dispose();
  });

  describe('POST /alert-responses', () => {
    it('records the alert shown; the same report again gives the same answer', async () => {
      const shownAt = new Date(Date.now() - 60_000).toISOString();
      const first = await json<AlertResponse>(await respond(box(0), { seq, shownAt }));
      expect(first).toEqual({ seq, thread: alert.thread, shownAt, answer: null, answeredAt: null });
      expect(await json<AlertResponse>(await respond(box(0), { seq, shownAt }))).toEqual(first);
      // A later "shown" (the box restarted) keeps the first time.
      const later = await json<AlertResponse>(
        await respond(box(0), { seq, shownAt: new Date().toISOString() }),
      );
      expect(later.shownAt).toBe(shownAt);
    });

    it('keeps the answer with the latest answer time, whatever the arrival order', async () => {
      const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
      const answeredAt = at(10);
      const safe = await json<AlertResponse>(await respond(box(2), { seq, answer: 'safe', answeredAt }));
      // Answering shows it too.
      expect(safe).toMatchObject({ answer: 'safe', answeredAt, shownAt: answeredAt });
      const stale = await json<AlertResponse>(
        await respond(box(2), { seq, answer: 'need-help', answeredAt: at(30) }),
      );
      expect(stale.answer).toBe('safe');
      const newer = await json<AlertResponse>(
        await respond(box(2), { seq, answer: 'evacuating', answeredAt: at(5) }),
      );
      expect(newer.answer).toBe('evacuating');
      // A box clock ahead of ours cannot pin its answer: the time is taken as now at most.
      const ahead = await json<AlertResponse>(
        await respond(box(3), {
          seq,
          answer: 'at-shelter',
          answeredAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
      expect(Date.parse(ahead.answeredAt ?? '')).toBeLessThanOrEqual(Date.now());
    });

    it('refuses a seq that is no alert for this household, and bad bodies', async () => {
      const other = await storeTestAlert(t.db, {
        areas: chiyodaArea,
        recipients: [{ householdId: box(3).householdId, localGovernmentCode: chiyoda }],
      });
      const notMine = await json<{ error: { code: string } }>(
        await respond(box(0), { seq: other.seq, answer: 'safe' }),
        404,
      );
      expect(notMine.error.code).toBe('alert.not-found');
      expect((await respond(box(0), { seq: 999_999, shownAt: new Date().toISOString() })).status).toBe(404);
      for (const body of [{ seq }, { seq, answeredAt: new Date().toISOString() }, { seq, answer: 'maybe' }]) {
        const bad = await json<{ error: { code: string } }>(await respond(box(0), body), 400);
        expect(bad.error.code).toBe('request.invalid');
      }
      const staff = await call(t, 'POST', '/api/v1/alert-responses', {
        headers: admin,
        body: { seq, answer: 'safe' },
      });
      expect(staff.status).toBe(403);
    });
  });

  describe('ops alert reads', () => {
    const counts = (partial: Partial<AlertCounts>): AlertCounts => ({
      targeted: 0,
      acknowledged: 0,
      shown: 0,
      answered: 0,
      safe: 0,
      evacuating: 0,
      atShelter: 0,
      needHelp: 0,
      ...partial,
    });

    it('lists alerts newest first with their counts; municipality staff count their own households', async () => {
      const all = await json<AlertList>(await call(t, 'GET', '/api/v1/ops/alerts', { headers: admin }));
      const listed = all.alerts.find((a) => a.id === alert.id);
      expect(listed).toMatchObject({ status: 'Exercise', level: 4, event: '避難指示', pushSeq: seq });
      expect(listed?.counts).toEqual(
        counts({ targeted: 4, acknowledged: 3, shown: 3, answered: 2, evacuating: 1, atShelter: 1 }),
      );
      const own = await json<AlertList>(await call(t, 'GET', '/api/v1/ops/alerts', { headers: town }));
      // The alert that reached only Chiyoda is not theirs.
      expect(own.alerts.map((a) => a.id)).toEqual([alert.id]);
      expect(own.alerts[0]?.counts).toEqual(
        counts({ targeted: 3, acknowledged: 2, shown: 2, answered: 1, evacuating: 1 }),
      );
    });

    it('counts one alert per municipality, 町字 (named where a name is known) and shelter', async () => {
      const detail = await json<AlertDetail>(
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}`, { headers: town }),
      );
      expect(detail.areaNames).toEqual(['美波町']);
      expect(detail.areas).toEqual([
        { localGovernmentCode: minami, machiazaId: null, name: '美波町', counts: detail.alert.counts },
        {
          localGovernmentCode: minami,
          machiazaId: '0001001',
          name: '奥河内',
          counts: counts({ targeted: 2, acknowledged: 2, shown: 1 }),
        },
        {
          localGovernmentCode: minami,
          machiazaId: '0002000',
          name: null,
          counts: counts({ targeted: 1, shown: 1, answered: 1, evacuating: 1 }),
        },
      ]);
      expect(detail.shelters).toEqual([
        { shelterId, name: '日和佐小学校', counts: counts({ targeted: 2, acknowledged: 2, shown: 1 }) },
        {
          shelterId: null,
          name: null,
          counts: counts({ targeted: 1, shown: 1, answered: 1, evacuating: 1 }),
        },
      ]);
    });

    it('maps the households by state with nothing personal, and the shelters with their assignments', async () => {
      const map = await json<AlertMap>(
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}/map`, { headers: admin }),
      );
      const households = map.features.filter((f) => f.properties.layer === 'household');
      expect(households.map((f) => (f.properties as { state: string }).state).sort()).toEqual([
        'acknowledged',
        'at-shelter',
        'evacuating',
        'shown',
      ]);
      for (const feature of households) expect(Object.keys(feature.properties)).toEqual(['layer', 'state']);
      expect(map.features.filter((f) => f.properties.layer === 'shelter')).toEqual([
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [134.536, 33.735] },
          properties: { layer: 'shelter', id: shelterId, name: '日和佐小学校', assigned: 2 },
        },
      ]);
      expect(map.geocodes).toEqual([{ name: 'jisX0402', value: minami }]);
      const own = await json<AlertMap>(
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}/map`, { headers: town }),
      );
      expect(own.features.filter((f) => f.properties.layer === 'household')).toHaveLength(3);
    });

    it('lists the unanswered households needing help with names and address, and audits the read', async () => {
      const list = await json<NeedsAssistanceList>(
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}/needs-assistance`, { headers: town }),
      );
      expect(list.households.map((h) => h.householdId).sort()).toEqual(
        [box(0).householdId, box(1).householdId].sort(),
      );
      expect(list.households.find((h) => h.householdId === box(0).householdId)).toMatchObject({
        address: sampleHousehold.address,
        members: [{ name: 'たなか はなこ', needsAssistance: true }],
        shelterName: '日和佐小学校',
        acknowledged: true,
      });
      const audit = await t.db.query<{ action: string; target_id: string }>(
        `SELECT action, target_id FROM audit_log WHERE action = 'alert.needs-assistance-read'`,
      );
      expect(audit).toEqual([{ action: 'alert.needs-assistance-read', target_id: alert.id }]);
      // An answer takes the household off the list.
      await json(await respond(box(1), { seq, answer: 'safe' }));
      const after = await json<NeedsAssistanceList>(
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}/needs-assistance`, { headers: admin }),
      );
      expect(after.households.map((h) => h.householdId)).toEqual([box(0).householdId]);
    });

    it('keeps other municipalities and other roles out', async () => {
      const chiyodaOnly = await storeTestAlert(t.db, {
        areas: chiyodaArea,
        recipients: [{ householdId: box(3).householdId, localGovernmentCode: chiyoda }],
      });
      for (const path of ['', '/map', '/needs-assistance']) {
        const response = await call(t, 'GET', `/api/v1/ops/alerts/${chiyodaOnly.id}${path}`, {
          headers: town,
        });
        expect((await json<{ error: { code: string } }>(response, 404)).error.code).toBe('alert.not-found');
      }
      // A test alert the staff composed reaches nobody, and is still theirs to see.
      const [account] = await t.db.query<{ id: string }>(
        `SELECT id FROM operator_accounts WHERE login_name = 'town-staff'`,
      );
      const composed = await storeTestAlert(t.db, { status: 'Test', publisher: account?.id, recipients: [] });
      const own = await json<AlertList>(await call(t, 'GET', '/api/v1/ops/alerts', { headers: town }));
      expect(own.alerts.map((a) => a.id)).toEqual([composed.id, alert.id]);
      expect(own.alerts[0]?.counts.targeted).toBe(0);
      const shelter = await logIn('shelter-staff', 'shelter-staff', null);
      expect((await call(t, 'GET', '/api/v1/ops/alerts', { headers: shelter })).status).toBe(403);
      expect(
        (await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}`, { headers: box(0).headers })).status,
      ).toBe(403);
    });
  });
});
