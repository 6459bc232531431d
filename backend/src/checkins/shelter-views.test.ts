// The shelter views over the real app, on PGlite and PostgreSQL: a terminal's check-ins become occupancy
// against capacity, arrivals, households at home per 町字 for an alert (residents linked to their household by
// their box login), the needs-assistance list (not at a shelter, not safe), unresolved people and staff
// matching (found by a search by name and age group), flags, the supplies estimate with figures a municipality
// changes, the L-Alert / CSV export, and shelter staff bound to the one shelter an admin assigned them to.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTestAlert } from '../alert-tallies/tally-test-support.ts';
import { storeAreaNames } from '../areas/index.ts';
import { createFieldCipher } from '../crypto/index.ts';
import {
  call,
  createTestApp,
  loginAsAdmin,
  loginAsOperator,
  sampleHousehold,
  type TestApp,
} from '../http/testing/test-app.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import { basicInfoField } from '../residents/resident-records.ts';
import {
  card,
  enrolTestTerminal,
  insertShelters,
  shelterA,
  shelterB,
  type TestTerminal,
} from './checkin-test-support.ts';
import type { ShelterEvent } from './contracts.ts';

const minami = '363871';
const naka = '368024';
/** The test app's field cipher (createTestApp's key). */
const cipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(7) }]);
const fingerprint = (n: number) => n.toString(16).padStart(64, '0');

describe.each(testDatabases)('shelter views on %s', (_name, openDatabase) => {
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let t: TestApp;
  let admin: Record<string, string>;
  let town: Record<string, string>;
  let otherTown: Record<string, string>;
  let shelterStaff: Record<string, string>;
  let terminal: TestTerminal;
  /** Households: 0 member needs help, 1 care data needs help, 2 no needs, 3 needs help (answers safe), 4 needs help. */
  const households: { householdId: string; deviceId: string; headers: Record<string, string> }[] = [];
  const residents: string[] = [];
  const manualPerson = randomUUID();
  let alertId: string;

  async function json<T>(response: Response, status = 200): Promise<T> {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  }
  const get = <T>(path: string, headers = admin) =>
    call(t, 'GET', `/api/v1${path}`, { headers }).then(json<T>);
  const send = (events: ShelterEvent[]) =>
    call(t, 'POST', '/api/v1/shelter-terminals/me/events', {
      headers: terminal.headers,
      body: { events },
    }).then((r) => json(r));

  const logIn = (loginName: string, role: string, localGovernmentCode: string | null) =>
    loginAsOperator(t, admin, { loginName, role, localGovernmentCode });

  /** A registered resident with a linked auth certificate, optionally logged in on a household's box. */
  async function insertResident(n: number, birthDate: string, deviceId: string | null): Promise<string> {
    const id = randomUUID();
    const info = {
      name: `住民${n}`,
      dateOfBirth: { era: 'x', date: birthDate },
      gender: '1',
      address: '美波町',
    };
    await t.db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, $3, 'test', $4, now(), now())`,
      [id, `index-${id}`, cipher.encrypt(JSON.stringify(info), basicInfoField(id)), String(n)],
    );
    await t.db.query(
      `INSERT INTO resident_auth_certificates (fingerprint, resident_id, not_after, linked_at)
       VALUES ($1, $2, '2030-01-01', now())`,
      [fingerprint(n), id],
    );
    if (deviceId !== null) {
      // A login on the box: the session links the resident to the box's household (migration 0012).
      await t.db.query(
        `INSERT INTO sessions (id, token_hash, resident_id, device_id, created_at, idle_expires_at, expires_at)
         VALUES ($1, $2, $3, $4, now(), now() + interval '1 hour', now() + interval '1 hour')`,
        [randomUUID(), `hash-${id}`, id, deviceId],
      );
    }
    return id;
  }

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp(external ? { db: external.db } : {});
    admin = await loginAsAdmin(t);
    town = await logIn('town-staff', 'municipality-staff', minami);
    otherTown = await logIn('naka-staff', 'municipality-staff', naka);
    shelterStaff = await logIn('shelter-staff', 'shelter-staff', null);
    await insertShelters(t.db);
    await t.db.query(`UPDATE shelters SET capacity = 100, capacity_text = '100人' WHERE id = $1`, [shelterA]);
    const member = (needsAssistance: boolean) => [{ name: 'みなみ たろう', needsAssistance }];
    for (const household of [
      { machiazaId: '0001001', members: member(true) },
      {
        machiazaId: '0001001',
        members: member(false),
        needs: { elderly: false, mobility: true, hearing: false, visual: false, welfareShelter: false },
      },
      { machiazaId: '0002000', members: member(false) },
      { machiazaId: '0002000', members: member(true) },
      { machiazaId: '0002000', members: member(true) },
    ]) {
      const body = await json<Record<string, string>>(
        await call(t, 'POST', '/api/v1/devices', {
          headers: admin,
          body: { label: 'STB', household: { ...sampleHousehold, ...household } },
        }),
        201,
      );
      households.push({
        householdId: body.householdId ?? '',
        deviceId: body.deviceId ?? '',
        headers: { authorization: `Device ${body.deviceId}.${body.deviceSecret}` },
      });
    }
    const h = (i: number) => households[i] as (typeof households)[number];
    residents.push(
      await insertResident(1, '1950-04-01', h(0).deviceId), // elderly, household 0
      await insertResident(2, `${new Date().getUTCFullYear() - 1}-01-01`, h(1).deviceId), // infant, household 1
      await insertResident(9, '1990-01-01', null), // never logged in on a box
    );
    await storeAreaNames(
      t.db,
      [{ localGovernmentCode: minami, machiazaId: '0001001', name: '奥河内' }],
      new Date(),
    );
    const alert = await storeTestAlert(t.db, {
      recipients: [0, 1, 2, 3, 4].map((i) => ({
        householdId: h(i).householdId,
        localGovernmentCode: minami,
        machiazaId: i < 2 ? '0001001' : '0002000',
        priority: i !== 2,
      })),
    });
    alertId = alert.id;
    await json(
      await call(t, 'POST', '/api/v1/alert-responses', {
        headers: h(3).headers,
        body: { seq: alert.seq, answer: 'safe' },
      }),
    );
    terminal = await enrolTestTerminal(t, admin, shelterA);
    const group = randomUUID();
    await send([
      terminal.next({ type: 'check-in', person: card(1), groupId: group }),
      terminal.next({ type: 'check-in', person: card(2), groupId: null }),
      terminal.next({ type: 'check-in', person: card(3), groupId: null }), // not registered
      terminal.next({ type: 'check-in', person: card(4, { check: 'revoked' }), groupId: null }),
      // The terminal's clock an hour ahead.
      terminal.next({
        type: 'check-in',
        person: card(5),
        groupId: null,
        at: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      terminal.next({
        type: 'manual-person',
        personId: manualPerson,
        name: 'てがき はなこ',
        ageGroup: 'infant',
        needsAssistance: false,
      }),
      terminal.next({ type: 'check-in', person: { kind: 'manual', personId: manualPerson }, groupId: group }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await external?.dispose();
  });

  it('shows occupancy against capacity, within the reader’s municipality', async () => {
    const { shelters } = await get<{ shelters: Record<string, unknown>[] }>('/shelters/status');
    const a = shelters.find((s) => s.shelterId === shelterA);
    expect(a).toMatchObject({
      capacity: 100,
      people: 6,
      households: 5,
      flagged: 1,
      unresolved: 4,
      status: 'open',
    });
    expect(shelters.some((s) => s.shelterId === shelterB)).toBe(false); // no terminal, nobody there
    expect((await get<{ shelters: unknown[] }>('/shelters/status', town)).shelters).toHaveLength(1);
    expect((await get<{ shelters: unknown[] }>('/shelters/status', otherTown)).shelters).toHaveLength(0);
    // Shelter staff see nothing until an admin assigns them to a shelter (the last case), and never the
    // households lists.
    expect((await call(t, 'GET', '/api/v1/shelters/status', { headers: shelterStaff })).status).toBe(403);
    const refused = await call(t, 'GET', '/api/v1/shelters/needs-assistance', { headers: shelterStaff });
    expect(refused.status).toBe(403);
  });

  it('counts first arrivals in buckets', async () => {
    const { buckets } = await get<{ buckets: { arrivals: number }[] }>('/shelters/arrivals?bucketMinutes=60');
    expect(buckets.reduce((n, b) => n + b.arrivals, 0)).toBe(6);
  });

  it('links residents to households by box login: households at home per 町字, by name where known', async () => {
    const { areas } = await get<{ alertId: string; areas: Record<string, unknown>[] }>(
      '/shelters/households-at-home',
    );
    expect(areas).toEqual([
      {
        localGovernmentCode: minami,
        machiazaId: '0001001',
        name: '奥河内',
        targeted: 2,
        atShelter: 2,
        onTheWay: 0,
        atHome: 0,
        safe: 0,
      },
      {
        localGovernmentCode: minami,
        machiazaId: '0002000',
        name: null,
        targeted: 3,
        atShelter: 0,
        onTheWay: 0,
        atHome: 3,
        safe: 1,
      },
    ]);
  });

  it('lists households needing help not at a shelter and not safe (audited); a check-out puts one back', async () => {
    const ids = async () =>
      (
        await get<{ households: { householdId: string }[] }>(
          `/shelters/needs-assistance?alertId=${alertId}`,
          town,
        )
      ).households.map((h) => h.householdId);
    expect(await ids()).toEqual([households[4]?.householdId]);
    await send([terminal.next({ type: 'check-out', person: card(1) })]);
    expect((await ids()).sort()).toEqual([households[0]?.householdId, households[4]?.householdId].sort());
    const audits = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'shelter.needs-assistance-read'`,
    );
    expect(audits[0]?.n).toBe(2);
    // Shelter staff and unknown alerts.
    expect(
      (await call(t, 'GET', `/api/v1/shelters/needs-assistance?alertId=${randomUUID()}`, { headers: admin }))
        .status,
    ).toBe(404);
    await send([terminal.next({ type: 'check-in', person: card(1), groupId: null })]);
  });

  it('lists unresolved people and lets staff match them', async () => {
    const { people } = await get<{ people: { personKey: string; manual: { name: string } | null }[] }>(
      '/shelters/unresolved',
      town,
    );
    expect(people.map((p) => p.personKey).sort()).toEqual(
      [
        `card:${fingerprint(3)}`,
        `card:${fingerprint(4)}`,
        `card:${fingerprint(5)}`,
        `manual:${manualPerson}`,
      ].sort(),
    );
    expect(people.find((p) => p.personKey.startsWith('manual:'))?.manual?.name).toBe('てがき はなこ');
    const match = (personKey: string, residentId: string) =>
      call(t, 'POST', '/api/v1/shelters/person-matches', { headers: town, body: { personKey, residentId } });
    expect((await match(`card:${fingerprint(3)}`, residents[2] ?? '')).status).toBe(200);
    expect((await match(`card:${fingerprint(77)}`, residents[2] ?? '')).status).toBe(404);
    expect((await match(`card:${fingerprint(3)}`, randomUUID())).status).toBe(404);
    const after = await get<{ people: unknown[] }>('/shelters/unresolved');
    expect(after.people).toHaveLength(3);
    const { shelters } = await get<{ shelters: { unresolved: number }[] }>('/shelters/status');
    expect(shelters[0]?.unresolved).toBe(3);
  });

  it('flags revoked cards and a terminal clock ahead', async () => {
    const { events } = await get<{ events: { personKey: string; reasons: string[] }[] }>(
      '/shelters/flags',
      town,
    );
    const reasons = Object.fromEntries(events.map((e) => [e.personKey, e.reasons]));
    expect(reasons[`card:${fingerprint(4)}`]).toEqual(['revoked']);
    expect(reasons[`card:${fingerprint(5)}`]).toEqual(['clock-ahead']);
    expect(events).toHaveLength(2);
  });

  it('estimates supplies from head count and age; a municipality changes a figure (audited)', async () => {
    type Supplies = {
      shelters: {
        people: number;
        infants: number;
        elderly: number;
        items: { item: string; quantity: number }[];
      }[];
    };
    const quantity = (s: Supplies, item: string) =>
      s.shelters[0]?.items.find((i) => i.item === item)?.quantity;
    const before = await get<Supplies>('/shelters/supplies?days=2', town);
    expect(before.shelters[0]).toMatchObject({ people: 6, infants: 2, elderly: 1 });
    expect(quantity(before, 'water')).toBe(36);
    expect(quantity(before, 'infant-formula')).toBe(560);
    const put = (headers: Record<string, string>, body: Record<string, unknown>) =>
      call(t, 'PUT', '/api/v1/shelters/supply-rates/water', { headers, body });
    expect((await put(otherTown, { localGovernmentCode: minami, perPersonPerDay: 9 })).status).toBe(403);
    const set = await json<{ rates: { item: string; perPersonPerDay: number; source: string }[] }>(
      await put(town, { perPersonPerDay: 4 }),
    );
    expect(set.rates.find((r) => r.item === 'water')).toMatchObject({ perPersonPerDay: 4, source: minami });
    expect(quantity(await get<Supplies>('/shelters/supplies?days=2', town), 'water')).toBe(48);
    // The default stays for others.
    const naka = await get<{ rates: { item: string; perPersonPerDay: number }[] }>(
      '/shelters/supply-rates',
      otherTown,
    );
    expect(naka.rates.find((r) => r.item === 'water')?.perPersonPerDay).toBe(3);
    const incomplete = await call(t, 'PUT', '/api/v1/shelters/supply-rates/hand-warmers', {
      headers: town,
      body: { perPersonPerDay: 2 },
    });
    expect(incomplete.status).toBe(400);
    const audits = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'shelter.supply-rate-set'`,
    );
    expect(audits[0]?.n).toBe(1);
  });

  it('exports the status as L-Alert Shelter XML and as CSV with a BOM', async () => {
    const xml = await call(t, 'GET', '/api/v1/shelters/report.xml', { headers: town });
    expect(xml.headers.get('content-type')).toContain('application/xml');
    const text = await xml.text();
    expect(text).toContain('<Sort>開設</Sort>');
    expect(text).toContain('<HeadCount>6</HeadCount>');
    expect(text).toContain('<HouseholdCount>');
    const csv = await call(t, 'GET', '/api/v1/shelters/report.csv', { headers: town });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]?.startsWith('避難所ID,')).toBe(true);
    expect(lines[1]).toContain(`${shelterA},${minami},美波町立日和佐小学校,避難所,開設,`);
    expect(lines[1]?.endsWith(',100,6,5,1,3')).toBe(true);
  });

  it('finds residents to match by part of the name and by age group, within the municipality (audited)', async () => {
    type Found = { residents: { residentId: string; name: string; ageGroup: string }[] };
    const search = (query: string, headers = town) =>
      get<Found>(`/shelters/resident-search?${query}`, headers);
    const names = (found: Found) => found.residents.map((r) => r.name).sort();
    // 住民9 never logged in on a box of the town: not the town's (an admin finds them).
    expect(names(await search(`name=${encodeURIComponent('住民')}`))).toEqual(['住民1', '住民2']);
    expect(names(await search(`name=${encodeURIComponent('住 民１')}`))).toEqual(['住民1']);
    const infants = await search('ageGroup=infant');
    expect(infants.residents).toEqual([expect.objectContaining({ name: '住民2', ageGroup: 'infant' })]);
    expect(names(await search(`name=${encodeURIComponent('住民')}&ageGroup=elderly`))).toEqual(['住民1']);
    expect(names(await search(`name=${encodeURIComponent('住民9')}`, admin))).toEqual(['住民9']);
    expect((await search(`name=${encodeURIComponent('住民')}`, otherTown)).residents).toEqual([]);
    expect((await call(t, 'GET', '/api/v1/shelters/resident-search', { headers: town })).status).toBe(400);
    // The hand entry is matched to the resident found.
    const [infant] = infants.residents;
    const matched = await call(t, 'POST', '/api/v1/shelters/person-matches', {
      headers: town,
      body: { personKey: `manual:${manualPerson}`, residentId: infant?.residentId },
    });
    expect(matched.status).toBe(200);
    const audits = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'shelter.resident-search'`,
    );
    expect(audits[0]?.n).toBe(6);
  });

  it('binds shelter staff to the shelter an admin assigns: they see and act for that one only', async () => {
    const me = await get<{ accountId: string }>('/operator/me', shelterStaff);
    const assign = (shelterId: string, headers = admin) =>
      call(t, 'PUT', `/api/v1/shelters/${shelterId}/staff/${me.accountId}`, { headers });
    expect((await assign(shelterB, town)).status).toBe(403);
    expect((await assign('E3638700000000')).status).toBe(404);
    const [townAccount] = await t.db.query<{ id: string }>(
      `SELECT id FROM operator_accounts WHERE login_name = 'town-staff'`,
    );
    const notStaff = await call(t, 'PUT', `/api/v1/shelters/${shelterB}/staff/${townAccount?.id}`, {
      headers: admin,
    });
    expect(notStaff.status).toBe(404);

    // At shelter B (a terminal there, nobody yet): shelter A and its people are out of sight and reach.
    await enrolTestTerminal(t, admin, shelterB);
    expect((await json<{ shelterId: string }>(await assign(shelterB))).shelterId).toBe(shelterB);
    const seen = async (path: string) =>
      (await get<{ shelters: { shelterId: string }[] }>(path, shelterStaff)).shelters.map((s) => s.shelterId);
    expect(await seen('/shelters/status')).toEqual([shelterB]);
    expect(await seen('/shelters/occupancy')).toEqual([]);
    expect((await get<{ people: unknown[] }>('/shelters/unresolved', shelterStaff)).people).toEqual([]);
    const matchAtA = () =>
      call(t, 'POST', '/api/v1/shelters/person-matches', {
        headers: shelterStaff,
        body: { personKey: `card:${fingerprint(5)}`, residentId: residents[2] },
      });
    expect((await matchAtA()).status).toBe(404);
    const refusedRates = await call(t, 'GET', `/api/v1/shelters/supply-rates?localGovernmentCode=${naka}`, {
      headers: shelterStaff,
    });
    expect(refusedRates.status).toBe(403);

    // Reassigned to shelter A: its people, and matching there.
    await json(await assign(shelterA));
    expect(await seen('/shelters/status')).toEqual([shelterA]);
    expect(await seen('/shelters/occupancy')).toEqual([shelterA]);
    expect((await get<{ people: unknown[] }>('/shelters/unresolved', shelterStaff)).people).toHaveLength(2);
    expect((await matchAtA()).status).toBe(200);
    const audits = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'shelter.staff-assign'`,
    );
    expect(audits[0]?.n).toBe(2);
  });
});
