// Watch-over over the real app on PGlite: a box's activity is stored idempotently and bad reports are refused
// with clear codes; a quiet household raises exactly one notice per quiet period (to its resident contacts'
// mailboxes and the municipality's list), also when two rounds run at once; activity resolves it and starts
// a new period.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeedsAssistanceList } from '../alert-tallies/index.ts';
import { storeTestAlert } from '../alert-tallies/tally-test-support.ts';
import { createFieldCipher } from '../crypto/index.ts';
import { createPostgresDatabase, createTempPostgresDatabase, migrate } from '../db/index.ts';
import { enrolDevice } from '../devices/index.ts';
import {
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  loginAsAdmin,
  sampleHousehold,
  type TestApp,
} from '../http/testing/test-app.ts';
import type { ActivityReceipt, Consent, QuietNoticeList } from './index.ts';
import { putConsent, runQuietRound } from './index.ts';

const hourMs = 3_600_000;
/** The test app's field key (http/testing/test-app.ts): the round opens what the routes sealed. */
const cipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(7) }]);

describe('watch-over', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let box: EnrolledBox;
  let other: EnrolledBox;
  const contactId = randomUUID();

  const hourOf = (offsetHours = 0) =>
    new Date(Math.floor(t.clock().getTime() / hourMs) * hourMs + offsetHours * hourMs).toISOString();
  const report = (from: EnrolledBox, body: unknown) =>
    call(t, 'POST', '/api/v1/watch-over/activity', { headers: from.headers, body });
  const noticesOf = async (residentId: string) =>
    (await t.db.query('SELECT id FROM resident_notices WHERE resident_id = $1', [residentId])).length;
  const round = () => runQuietRound(t.db, cipher, { now: t.clock() });
  /** The clock moves past the operator session's idle time: log in again. */
  const advance = async (hours: number) => {
    t.clock.advance(hours * hourMs);
    admin = await loginAsAdmin(t);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    box = await enrolBox(t, admin);
    other = await enrolBox(t, admin);
    await t.db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, 'sealed', 'issuer', '01', now(), now())`,
      [contactId, `index-${contactId}`],
    );
  });
  afterAll(() => t.close());

  it('records consent with resident and phone contacts, the default quiet period and the ask times', async () => {
    const response = await call(t, 'PUT', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: admin,
      body: {
        agreedBy: 'たなか はなこ',
        askTimes: ['18:00', '09:00'],
        contacts: [
          { residentId: contactId },
          { name: 'たなか いちろう', phone: '090-1234-5678', relation: '長男' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const consent = (await response.json()) as Consent;
    expect(consent).toMatchObject({ quietHours: 24, askTimes: ['09:00', '18:00'], withdrawnAt: null });
    const unknown = await call(t, 'PUT', `/api/v1/households/${other.householdId}/watch-over`, {
      headers: admin,
      body: { agreedBy: 'x', contacts: [{ residentId: randomUUID() }] },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'watch-over.contact-unknown',
    );
  });

  it('takes activity idempotently and answers with the schedule', async () => {
    const body = { deviceId: box.deviceId, hours: [{ hour: hourOf(-1), presses: 12 }] };
    const first = await report(box, body);
    expect(first.status).toBe(200);
    expect((await first.json()) as ActivityReceipt).toEqual({
      accepted: 1,
      schedule: { enrolled: true, askTimes: ['09:00', '18:00'] },
    });
    await report(box, body);
    await report(box, { deviceId: box.deviceId, hours: [{ hour: hourOf(-1), presses: 5 }] });
    const rows = await t.db.query<{ presses: number }>(
      'SELECT presses FROM watch_over_activity WHERE device_id = $1',
      [box.deviceId],
    );
    expect(rows).toEqual([{ presses: 12 }]);
    const schedule = (await (
      await report(other, { deviceId: other.deviceId, hours: [] })
    ).json()) as ActivityReceipt;
    expect(schedule.schedule).toEqual({ enrolled: false, askTimes: [] });
  });

  it.each([
    [
      'a negative count',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(), presses: -1 }] }),
      400,
      'request.invalid',
    ],
    [
      'a future hour',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(1), presses: 1 }] }),
      400,
      'watch-over.hour-invalid',
    ],
    [
      'an hour not on the hour',
      () => ({
        deviceId: box.deviceId,
        hours: [{ hour: new Date(Date.parse(hourOf()) + 60_000).toISOString(), presses: 1 }],
      }),
      400,
      'watch-over.hour-invalid',
    ],
    [
      'an hour older than the boxes keep',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(-24 * 15), presses: 1 }] }),
      400,
      'watch-over.hour-invalid',
    ],
    [
      "another box's hour",
      () => ({ deviceId: other.deviceId, hours: [{ hour: hourOf(), presses: 1 }] }),
      403,
      'watch-over.device-mismatch',
    ],
    [
      'an impossible count',
      () => ({ deviceId: box.deviceId, hours: [{ hour: hourOf(), presses: 1_000_000 }] }),
      400,
      'request.invalid',
    ],
  ])('refuses %s', async (_what, body, status, code) => {
    const response = await report(box, body());
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('raises one notice per quiet period, to the resident contact and the municipality list', async () => {
    await advance(22);
    expect((await round()).raised).toBe(0);
    await advance(3);
    // Two nodes' rounds at once: one notice.
    const rounds = await Promise.all([round(), round()]);
    expect(rounds.reduce((sum, r) => sum + r.raised, 0)).toBe(1);
    expect((await round()).raised).toBe(0);
    expect(await noticesOf(contactId)).toBe(1);
    const list = (await (
      await call(t, 'GET', '/api/v1/ops/watch-over/notices', { headers: admin })
    ).json()) as QuietNoticeList;
    expect(list.notices).toHaveLength(1);
    expect(list.notices[0]).toMatchObject({
      householdId: box.householdId,
      members: ['たなか はなこ'],
      resolvedAt: null,
      contacts: [{ residentId: contactId }, { name: 'たなか いちろう', phone: '090-1234-5678' }],
    });
  });

  it('activity resolves the notice and starts a new quiet period', async () => {
    await report(box, { deviceId: box.deviceId, hours: [{ hour: hourOf(), presses: 0, answers: 1 }] });
    const open = (await (
      await call(t, 'GET', '/api/v1/ops/watch-over/notices', { headers: admin })
    ).json()) as QuietNoticeList;
    expect(open.notices).toEqual([]);
    await advance(23);
    expect((await round()).raised).toBe(0);
    await advance(2);
    expect((await round()).raised).toBe(1);
    expect(await noticesOf(contactId)).toBe(2);
  });

  it("flags needing-help households without TV activity on an alert's unaccounted list", async () => {
    const alert = await storeTestAlert(t.db, {
      receivedAt: t.clock(),
      recipients: [box, other].map((b) => ({
        householdId: b.householdId,
        localGovernmentCode: '363871',
        priority: true,
      })),
    });
    const needs = async () =>
      (await (
        await call(t, 'GET', `/api/v1/ops/alerts/${alert.id}/needs-assistance`, { headers: admin })
      ).json()) as NeedsAssistanceList;
    const flags = (list: NeedsAssistanceList) =>
      Object.fromEntries(list.households.map((h) => [h.householdId, h.tvActivity]));
    expect(flags(await needs())).toEqual({ [box.householdId]: false, [other.householdId]: false });
    await report(box, { deviceId: box.deviceId, hours: [{ hour: hourOf(), presses: 3 }] });
    expect(flags(await needs())).toEqual({ [box.householdId]: true, [other.householdId]: false });
  });

  it('a withdrawn household raises nothing more', async () => {
    const response = await call(t, 'DELETE', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: admin,
    });
    expect(response.status).toBe(204);
    await advance(48);
    expect((await round()).raised).toBe(0);
  });
});

describe('watch-over round on PostgreSQL with two nodes', () => {
  it('raises one notice when both nodes run the round at once', async () => {
    const temp = await createTempPostgresDatabase();
    const nodeA = createPostgresDatabase({ url: temp.url });
    const nodeB = createPostgresDatabase({ url: temp.url });
    try {
      await migrate(nodeA);
      const agreedAt = new Date('2026-11-24T00:00:00Z');
      const actor = { id: 'test', role: 'system', requestId: null } as const;
      const box = await enrolDevice(nodeA, {
        cipher,
        household: sampleHousehold,
        label: 'STB',
        actor,
        now: agreedAt,
      });
      const residentId = randomUUID();
      await nodeA.query(
        `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
           registered_at, updated_at) VALUES ($1, $2, 'sealed', 'issuer', '01', now(), now())`,
        [residentId, `index-${residentId}`],
      );
      await putConsent(nodeA, cipher, {
        householdId: box.householdId,
        input: { agreedBy: 'たなか はなこ', contacts: [{ residentId }] },
        actor: { id: 'test', municipality: null, audit: actor },
        defaultQuietHours: 24,
        now: agreedAt,
      });
      const due = { now: new Date(agreedAt.getTime() + 24 * hourMs) };
      for (let attempt = 0; attempt < 5; attempt++) {
        const rounds = await Promise.all([
          runQuietRound(nodeA, cipher, due),
          runQuietRound(nodeB, cipher, due),
        ]);
        expect(rounds.reduce((sum, r) => sum + r.raised, 0)).toBe(attempt === 0 ? 1 : 0);
      }
      const notices = await nodeA.query('SELECT id FROM resident_notices WHERE resident_id = $1', [
        residentId,
      ]);
      expect(notices).toHaveLength(1);
    } finally {
      await nodeA.close();
      await nodeB.close();
      await temp.drop();
    }
  });
});
