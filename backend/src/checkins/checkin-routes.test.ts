// Shelter check-in through the HTTP API: terminal enrolment and credential, idempotent ingestion with the
// resume point, certificate resolution and flags, occupancy from the events.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, loginAsAdmin, type TestApp } from '../http/testing/test-app.ts';
import {
  card,
  enrolTestTerminal,
  insertShelters,
  shelterA,
  shelterB,
  shelterOther,
  type TestTerminal,
} from './checkin-test-support.ts';
import type { ShelterEvent } from './contracts.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAsAdmin(t);
  await insertShelters(t.db);
});
afterAll(() => t.close());

const send = (terminal: TestTerminal, events: ShelterEvent[]) =>
  call(t, 'POST', '/api/v1/shelter-terminals/me/events', { headers: terminal.headers, body: { events } });

async function occupancy(): Promise<
  Record<string, { people: number; households: number; flagged: number; unresolved: number }>
> {
  const response = await call(t, 'GET', '/api/v1/shelters/occupancy', { headers: admin });
  expect(response.status).toBe(200);
  const { shelters } = (await response.json()) as {
    shelters: {
      shelterId: string;
      people: number;
      households: number;
      flagged: number;
      unresolved: number;
    }[];
  };
  return Object.fromEntries(
    shelters.map(({ shelterId, people, households, flagged, unresolved }) => [
      shelterId,
      { people, households, flagged, unresolved },
    ]),
  );
}

async function storedCount(terminal: TestTerminal): Promise<number> {
  const rows = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM shelter_checkin_events WHERE terminal_id = $1',
    [terminal.terminalId],
  );
  return rows[0]?.n ?? 0;
}

describe('shelter terminals', () => {
  it('enrols a terminal to a shelter; it learns its shelter and resume point', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const me = await call(t, 'GET', '/api/v1/shelter-terminals/me', { headers: terminal.headers });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      terminalId: terminal.terminalId,
      shelterId: shelterOther,
      storedThrough: 0,
    });
  });

  it('refuses an unknown shelter, a wrong secret, a revoked terminal, and an operator on the terminal route', async () => {
    const unknown = await call(t, 'POST', '/api/v1/shelters/E9999999999999/terminals', {
      headers: admin,
      body: { label: 'x' },
    });
    expect(unknown.status).toBe(404);
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const wrong = { authorization: `${terminal.headers.authorization}x` };
    const refused = await call(t, 'GET', '/api/v1/shelter-terminals/me', { headers: wrong });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'checkin.terminal-invalid-credentials' } });
    const asAdmin = await call(t, 'GET', '/api/v1/shelter-terminals/me', { headers: admin });
    expect(asAdmin.status).toBe(403);
    const revoke = await call(t, 'POST', `/api/v1/shelter-terminals/${terminal.terminalId}/revoke`, {
      headers: admin,
    });
    expect(revoke.status).toBe(200);
    const after = await send(terminal, [terminal.next({ type: 'check-in', person: card(1), groupId: null })]);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'checkin.terminal-revoked' } });
  });
});

describe('event ingestion', () => {
  it('stores a batch once: sending it again changes nothing and answers the same resume point', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const events = [1, 2, 3].map((n) =>
      terminal.next({ type: 'check-in', person: card(100 + n), groupId: null }),
    );
    const first = await send(terminal, events);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ storedThrough: 3, added: 3 });
    const again = await send(terminal, events);
    expect(await again.json()).toEqual({ storedThrough: 3, added: 0 });
    // A sync cut halfway: the tail of the batch again, with the next events.
    const more = [terminal.next({ type: 'check-out', person: card(101) })];
    const resumed = await send(terminal, [...events.slice(2), ...more]);
    expect(await resumed.json()).toEqual({ storedThrough: 4, added: 1 });
    expect(await storedCount(terminal)).toBe(4);
  });

  it('answers only the gap-free prefix as stored, and moves on when the gap is filled', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const events = [1, 2, 3, 4].map((n) =>
      terminal.next({ type: 'check-in', person: card(200 + n), groupId: null }),
    );
    const [e1, e2, e3, e4] = events as [ShelterEvent, ShelterEvent, ShelterEvent, ShelterEvent];
    expect(await (await send(terminal, [e1, e2, e4])).json()).toEqual({ storedThrough: 2, added: 3 });
    expect(await (await send(terminal, [e3])).json()).toEqual({ storedThrough: 4, added: 1 });
  });

  it('refuses a sequence number reused with another id, storing nothing of that batch', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const e1 = terminal.next({ type: 'check-in', person: card(301), groupId: null });
    await send(terminal, [e1]);
    const e2 = terminal.next({ type: 'check-in', person: card(302), groupId: null });
    const clash = { ...e1, id: randomUUID() };
    const response = await send(terminal, [e2, clash]);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'checkin.sequence-conflict' } });
    expect(await storedCount(terminal)).toBe(1);
    // An id of another terminal's event is refused too.
    const other = await enrolTestTerminal(t, admin, shelterOther);
    const stolen = await send(other, [{ ...e1, seq: 1 }]);
    expect(stolen.status).toBe(409);
  });

  it('refuses malformed events with request.invalid, and a note without consent', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const bad = await send(terminal, [
      { ...terminal.next({ type: 'check-in', person: card(1), groupId: null }), seq: 0 },
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'request.invalid' } });
    const note = {
      ...terminal.next({ type: 'note', person: card(1), topic: 'medicine', text: '降圧剤', consent: true }),
    };
    const noConsent = await send(terminal, [{ ...note, consent: false } as unknown as ShelterEvent]);
    expect(noConsent.status).toBe(400);
  });

  it('resolves a registered card to its resident, keeps an unknown card unresolved, flags revoked and expired cards', async () => {
    const residentId = randomUUID();
    await t.db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, 'sealed', 'CN=test', '01', now(), now())`,
      [residentId, `index-${residentId}`],
    );
    const registered = card(401);
    if (registered.kind !== 'card') throw new Error('unreachable');
    await t.db.query(
      `INSERT INTO resident_auth_certificates (fingerprint, resident_id, not_after, linked_at)
       VALUES ($1, $2, '2030-01-01', now())`,
      [registered.certificateFingerprint, residentId],
    );
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    await send(terminal, [
      terminal.next({ type: 'check-in', person: registered, groupId: null }),
      terminal.next({ type: 'check-in', person: card(402), groupId: null }),
      terminal.next({ type: 'check-in', person: card(403, { check: 'revoked' }), groupId: null }),
      terminal.next({
        type: 'check-in',
        person: card(404, { certificateNotAfter: '2026-01-01T00:00:00Z' }),
        groupId: null,
        at: '2026-11-24T05:00:00Z',
      }),
    ]);
    const rows = await t.db.query<{ seq: number; resident_id: string | null; flag: string | null }>(
      'SELECT seq, resident_id, flag FROM shelter_checkin_events WHERE terminal_id = $1 ORDER BY seq',
      [terminal.terminalId],
    );
    expect(rows).toEqual([
      { seq: 1, resident_id: residentId, flag: null },
      { seq: 2, resident_id: null, flag: null },
      { seq: 3, resident_id: null, flag: 'revoked' },
      { seq: 4, resident_id: null, flag: 'expired' },
    ]);
  });

  it('seals a hand-entered name and the text of a note', async () => {
    const terminal = await enrolTestTerminal(t, admin, shelterOther);
    const personId = randomUUID();
    await send(terminal, [
      terminal.next({
        type: 'manual-person',
        personId,
        name: 'やまだ たろう',
        ageGroup: 'elderly',
        needsAssistance: true,
      }),
      terminal.next({
        type: 'note',
        person: { kind: 'manual', personId },
        topic: 'allergy',
        text: 'そばアレルギー',
        consent: true,
      }),
    ]);
    const rows = await t.db.query<{ detail_sealed: string }>(
      'SELECT detail_sealed FROM shelter_checkin_events WHERE terminal_id = $1',
      [terminal.terminalId],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.detail_sealed).not.toMatch(/やまだ|そば/);
    }
  });
});

describe('occupancy', () => {
  it('counts people and households from the events, each person once, at the shelter of their latest event', async () => {
    const a1 = await enrolTestTerminal(t, admin, shelterA);
    const a2 = await enrolTestTerminal(t, admin, shelterA);
    const b = await enrolTestTerminal(t, admin, shelterB);
    const family = randomUUID();
    const manual = randomUUID();
    // Two members of one household, a single person tapped twice (two terminals at A), a hand entry.
    await send(a1, [
      a1.next({ type: 'check-in', person: card(501), groupId: family, at: '2026-11-24T01:00:00Z' }),
      a1.next({ type: 'check-in', person: card(502), groupId: family, at: '2026-11-24T01:00:05Z' }),
      a1.next({ type: 'check-in', person: card(503), groupId: null, at: '2026-11-24T01:01:00Z' }),
      a1.next({
        type: 'manual-person',
        personId: manual,
        name: 'すずき',
        ageGroup: 'infant',
        needsAssistance: false,
      }),
      a1.next({
        type: 'check-in',
        person: { kind: 'manual', personId: manual },
        groupId: family,
        at: '2026-11-24T01:02:00Z',
      }),
    ]);
    await send(a2, [
      a2.next({ type: 'check-in', person: card(503), groupId: null, at: '2026-11-24T01:05:00Z' }),
    ]);
    expect((await occupancy())[shelterA]).toEqual({ people: 4, households: 2, flagged: 0, unresolved: 4 });

    // Two terminals offline at two shelters tap the same person: the later tap wins, whatever order they sync in.
    const atB = b.next({ type: 'check-in', person: card(502), groupId: null, at: '2026-11-24T03:00:00Z' });
    const earlierAtA = a2.next({
      type: 'check-in',
      person: card(502),
      groupId: family,
      at: '2026-11-24T02:00:00Z',
    });
    await send(b, [atB]);
    await send(a2, [earlierAtA]);
    const after = await occupancy();
    expect(after[shelterA]).toMatchObject({ people: 3 });
    expect(after[shelterB]).toMatchObject({ people: 1, households: 1 });

    // Check-out and move take a person out.
    await send(a1, [
      a1.next({ type: 'check-out', person: card(501), at: '2026-11-24T04:00:00Z' }),
      a1.next({ type: 'move', person: card(503), toShelterId: shelterB, at: '2026-11-24T04:00:00Z' }),
    ]);
    expect((await occupancy())[shelterA]).toEqual({ people: 1, households: 1, flagged: 0, unresolved: 1 });
  });
});
