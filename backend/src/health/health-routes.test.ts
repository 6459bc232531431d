// Health records end to end through the HTTP API, on PGlite and PostgreSQL: a municipality's FHIR bundles
// (each kind of bad input refused per entry, duplicates, corrections), the parent's signed application with
// the real development PKI and its approval, the child's record only for linked parents, and the reminders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../accounts/index.ts';
import { createFieldCipher } from '../crypto/index.ts';
import {
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  loginAsAdmin,
  loginAsOperator,
  registerResident,
  type TestApp,
} from '../http/testing/test-app.ts';
import { type CardKeys, cardOf } from '../http/testing/test-card.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import { signCms } from '../jpki/testing/test-cms.ts';
import { startTestPki, type TestPki } from '../jpki/testing/test-pki.ts';
import type { ChildRecord } from './child-record.ts';
import { bundle, checkup, childIdSystem, immunization, measurement, patient } from './health-test-support.ts';
import { linkApplicationType } from './link-applications.ts';
import { sendVaccinationReminders } from './vaccination-reminders.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await startTestPki();
});
afterAll(() => pki.close());

// The cipher of createTestApp (same key), for the reminder job.
const cipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(7) }]);
const minami = '363871';
const day = 86_400_000;
const dayOf = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);

describe.each(testDatabases)('health records on %s', (_name, openDatabase) => {
  let t: TestApp;
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let box: EnrolledBox;
  let town: Record<string, string>;
  const parents: Record<string, { card: CardKeys; session: Record<string, string> }> = {};
  const birthMs = Date.now() - 130 * day;
  const birthDate = dayOf(birthMs);
  const at = (days: number) => `${dayOf(birthMs + days * day)}T10:00:00+09:00`;
  const hana = patient('child-0001', { municipality: minami, birthDate });
  const good = () =>
    bundle(
      hana,
      measurement('w-4m', 'child-0001', 'weight', 6.3, at(120)),
      measurement('h-4m', 'child-0001', 'height', 61.5, at(120)),
      measurement('hc-4m', 'child-0001', 'head', 40.1, at(120)),
      checkup('c-4m', 'child-0001', '4か月児健康診査', '異常なし（経過観察なし）', at(120)),
      immunization('i-hepb-1', 'child-0001', { vaccine: 'hepb', dose: 1, at: at(61) }),
      immunization('i-pcv-1', 'child-0001', {
        vaccine: 'pcv',
        dose: 1,
        at: at(61),
        nextDoseOn: dayOf(birthMs + 200 * day),
      }),
    );

  const send = (body: unknown, headers = town) =>
    call(t, 'POST', '/api/v1/health/bundles', { headers, body });
  async function json<T>(response: Response, status = 200): Promise<T> {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  }
  const issues = async (response: Response) =>
    (await json<{ issues: { entry: number; code: string; message: string }[] }>(response, 422)).issues;

  const logIn = async (loginName: string, localGovernmentCode: string) =>
    loginAsOperator(t, await loginAsAdmin(t), { loginName, role: 'municipality-staff', localGovernmentCode });

  async function register(holderId: string) {
    const card = cardOf(pki, pki.holder(holderId));
    parents[holderId] = { card, session: await registerResident(t, box, card) };
  }

  const application = async (
    card: CardKeys,
    municipality = minami,
    children: { name?: string; birthDate: string }[] = [{ name: '美波 はな', birthDate }],
  ) => {
    const document = {
      type: linkApplicationType,
      applicationId: crypto.randomUUID(),
      localGovernmentCode: municipality,
      children,
      signedAt: new Date().toISOString(),
    };
    const cms = await signCms({
      content: new TextEncoder().encode(JSON.stringify(document)),
      certificateDer: card.signCertificateDer,
      keyPem: card.signKeyPem,
    });
    return { signedApplication: Buffer.from(cms).toString('base64') };
  };

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp({ pki, ...(external ? { db: external.db } : {}) });
    box = await enrolBox(t, await loginAsAdmin(t));
    town = await logIn('minami-health', minami);
    await register('tanaka-hanako');
    await register('sato-yui');
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await external?.dispose();
  });

  it('refuses each kind of bad FHIR per entry and stores nothing of the bundle', async () => {
    const wrongType = await issues(await send(bundle(hana, { resourceType: 'Condition', id: 'x' })));
    expect(wrongType).toEqual([expect.objectContaining({ entry: 1, code: 'resource-type' })]);
    const noCode = measurement('w', 'child-0001', 'weight', 6, at(100));
    noCode.code.coding = [];
    expect((await issues(await send(bundle(hana, noCode))))[0]?.code).toBe('code-missing');
    const noVaccineCode = immunization('v', 'child-0001', { vaccine: 'hepb', dose: 1, at: at(60) });
    noVaccineCode.vaccineCode = { coding: [] };
    expect((await issues(await send(bundle(hana, noVaccineCode))))[0]?.code).toBe('code-missing');
    const units = await issues(
      await send(
        bundle(
          hana,
          measurement('w', 'child-0001', 'weight', 6300, at(100), 'g'),
          measurement('h', 'child-0001', 'height', 24, at(100), '[in_i]'),
        ),
      ),
    );
    expect(units.map((i) => [i.entry, i.code])).toEqual([
      [1, 'unit'],
      [2, 'unit'],
    ]);
    const tomorrow = `${dayOf(Date.now() + 2 * day)}T10:00:00+09:00`;
    const future = await issues(
      await send(bundle(hana, measurement('w', 'child-0001', 'weight', 6, tomorrow))),
    );
    expect(future[0]).toMatchObject({ code: 'future-date', message: expect.stringContaining('future') });
    const unborn = patient('child-9', { municipality: minami, birthDate: dayOf(Date.now() + 30 * day) });
    expect((await issues(await send(bundle(unborn))))[0]?.code).toBe('future-date');
    const elsewhere = patient('child-0002', { municipality: '131016', birthDate });
    const other = await issues(
      await send(bundle(elsewhere, measurement('w', 'child-0002', 'weight', 6, at(100)))),
    );
    expect(other.map((i) => i.code)).toEqual(['wrong-municipality', 'subject']);
    const notBundle = await send(hana);
    expect([notBundle.status, ((await notBundle.json()) as { error: { code: string } }).error.code]).toEqual([
      422,
      'health.bundle-invalid',
    ]);
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM health_children')) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('stores a bundle sealed, answers a duplicate send unchanged, and takes a correction by the same ids', async () => {
    expect(await json(await send(good()), 201)).toEqual({ children: 1, entries: 6, created: true });
    expect(await json(await send(good()), 200)).toEqual({ children: 1, entries: 6, created: false });
    const rows = await t.db.query<{ patient_sealed: string }>('SELECT patient_sealed FROM health_children');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.patient_sealed).not.toMatch(/はな|child-0001/);
    // The weight was 6.3 kg; the municipality corrects it to 6.5 kg.
    const correction = bundle(hana, measurement('w-4m', 'child-0001', 'weight', 6.5, at(120)));
    expect(await json(await send(correction), 201)).toEqual({ children: 1, entries: 1, created: true });
    const entries = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM health_entries');
    expect(entries[0]?.n).toBe(6);
  });

  it('links a parent by a signed application approved by the municipality; others see nothing', async () => {
    const hanako = parents['tanaka-hanako'] as { card: CardKeys; session: Record<string, string> };
    const yui = parents['sato-yui'] as { card: CardKeys; session: Record<string, string> };
    const signed = await application(hanako.card);
    // Signed by another person's card than the logged-in resident's.
    const foreign = await call(t, 'POST', '/api/v1/residents/me/health-applications', {
      headers: yui.session,
      body: signed,
    });
    expect([foreign.status, ((await foreign.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'health.signer-mismatch',
    ]);
    const applied = await json<{ applicationId: string; receiptNumber: string; state: string }>(
      await call(t, 'POST', '/api/v1/residents/me/health-applications', {
        headers: hanako.session,
        body: signed,
      }),
      201,
    );
    expect(applied.state).toBe('pending');
    expect(applied.receiptNumber).toMatch(/^\d{4}-\d{4}-\d{6}$/);
    const again = await call(t, 'POST', '/api/v1/residents/me/health-applications', {
      headers: hanako.session,
      body: signed,
    });
    expect(again.status).toBe(200);
    expect(
      await json(await call(t, 'GET', '/api/v1/residents/me/children', { headers: hanako.session })),
    ).toEqual({
      children: [],
    });
    const pending = await json<{ applications: { applicationId: string; parent: { name: string } }[] }>(
      await call(t, 'GET', '/api/v1/health/link-applications', { headers: town }),
    );
    expect(pending.applications[0]?.parent.name).toBe(pki.holder('tanaka-hanako').basicInfo.name);
    const decide = (body: unknown, headers = town) =>
      call(t, 'POST', `/api/v1/health/link-applications/${applied.applicationId}/decision`, {
        headers,
        body,
      });
    const unknown = await decide({
      decision: 'approve',
      children: [{ system: childIdSystem, value: 'nobody' }],
    });
    expect(unknown.status).toBe(400);
    const otherTown = await logIn('chiyoda-health', '131016');
    expect((await decide({ decision: 'reject' }, otherTown)).status).toBe(404);
    const approve = { decision: 'approve', children: [{ system: childIdSystem, value: 'child-0001' }] };
    expect((await json<{ state: string }>(await decide(approve))).state).toBe('approved');
    expect((await json<{ state: string }>(await decide(approve))).state).toBe('approved');
    expect((await decide({ decision: 'reject' })).status).toBe(409);

    const { children } = await json<{ children: { id: string; nameKanji: string }[] }>(
      await call(t, 'GET', '/api/v1/residents/me/children', { headers: hanako.session }),
    );
    expect(children.map((c) => c.nameKanji)).toEqual(['美波 はな']);
    const id = children[0]?.id as string;
    const record = await json<ChildRecord>(
      await call(t, 'GET', `/api/v1/residents/me/children/${id}`, { headers: hanako.session }),
    );
    expect(record.measurements.find((m) => m.kind === 'weight')).toMatchObject({ value: 6.5, unit: 'kg' });
    for (const m of record.measurements) expect(m.position).toMatch(/パーセンタイル/);
    expect(JSON.stringify(record)).not.toMatch(/abnormal|異常です/);
    expect(record.checkups).toEqual([
      { name: '4か月児健康診査', on: at(120).slice(0, 10), result: '異常なし（経過観察なし）', note: null },
    ]);
    expect(record.immunizations.map((i) => [i.vaccine, i.doseNumber])).toEqual([
      ['hepb', 1],
      ['pcv', 1],
    ]);
    const dueDates = record.due.map((d) => d.dueOn);
    expect(dueDates).toEqual([...dueDates].sort());
    expect(record.due.find((d) => d.vaccine === 'hepb')).toMatchObject({ dose: 2 });
    expect(record.due.find((d) => d.vaccine === 'pcv')).toMatchObject({
      dose: 2,
      dueOn: dayOf(birthMs + 200 * day),
    });
    // Someone not linked: the same answer as for a child that does not exist.
    const stranger = await call(t, 'GET', `/api/v1/residents/me/children/${id}`, { headers: yui.session });
    expect([stranger.status, ((await stranger.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      'health.child-not-found',
    ]);
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'health.read'");
    expect(audit).toHaveLength(1);
  });

  it('takes an application by birth dates alone, and refuses a birth date in the future or of an adult', async () => {
    const yui = parents['sato-yui'] as { card: CardKeys; session: Record<string, string> };
    const apply = async (children: { name?: string; birthDate: string }[]) =>
      call(t, 'POST', '/api/v1/residents/me/health-applications', {
        headers: yui.session,
        body: await application(yui.card, minami, children),
      });
    const today = dayOf(Date.now());
    for (const bad of [dayOf(Date.now() + 2 * day), '2001-02-03', '2026-02-30']) {
      const refused = await apply([{ birthDate }, { birthDate: bad }]);
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
        400,
        'health.application-invalid',
      ]);
    }
    const first = await json<{ receiptNumber: string; children: unknown[] }>(
      await apply([{ birthDate }, { birthDate: today }]),
      201,
    );
    expect(first.children).toEqual([{ birthDate }, { birthDate: today }]);
    const second = await json<{ receiptNumber: string }>(await apply([{ birthDate }]), 201);
    expect(second.receiptNumber).not.toBe(first.receiptNumber);
    const mine = await json<{ applications: { receiptNumber: string; state: string }[] }>(
      await call(t, 'GET', '/api/v1/residents/me/health-applications', { headers: yui.session }),
    );
    expect(mine.applications.map((a) => [a.receiptNumber, a.state])).toEqual([
      [second.receiptNumber, 'pending'],
      [first.receiptNumber, 'pending'],
    ]);
  });

  it("shows staff only their town's applications, audits each read, and keeps a rejection's reason", async () => {
    const yui = parents['sato-yui'] as { card: CardKeys; session: Record<string, string> };
    const applied = await json<{ applicationId: string }>(
      await call(t, 'POST', '/api/v1/residents/me/health-applications', {
        headers: yui.session,
        body: await application(yui.card),
      }),
      201,
    );
    const chiyoda = await logIn('chiyoda-review', '131016');
    const listed = async (headers: Record<string, string>) =>
      (
        await json<{ applications: { applicationId: string }[] }>(
          await call(t, 'GET', '/api/v1/health/link-applications', { headers }),
        )
      ).applications.map((a) => a.applicationId);
    expect(await listed(town)).toContain(applied.applicationId);
    expect(await listed(chiyoda)).not.toContain(applied.applicationId);
    const reads = await t.db.query<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE action = 'health.applications-read'",
    );
    expect(reads.map((r) => r.target_id)).toEqual(expect.arrayContaining([minami, '131016']));

    const reason = 'お子さまの記録が見つかりません。保健センターにご連絡ください。';
    const rejected = await json<{ state: string; reason: string | null }>(
      await call(t, 'POST', `/api/v1/health/link-applications/${applied.applicationId}/decision`, {
        headers: town,
        body: { decision: 'reject', reason },
      }),
    );
    expect(rejected).toMatchObject({ state: 'rejected', reason });
    const mine = await json<{ applications: { applicationId: string; reason: string | null }[] }>(
      await call(t, 'GET', '/api/v1/residents/me/health-applications', { headers: yui.session }),
    );
    expect(mine.applications.find((a) => a.applicationId === applied.applicationId)?.reason).toBe(reason);
    const [row] = await t.db.query<{ reason_sealed: string }>(
      'SELECT reason_sealed FROM health_link_applications WHERE id = $1',
      [applied.applicationId],
    );
    expect(row?.reason_sealed).not.toContain('保健センター');
  });

  it('takes bundles from an API client of a municipality, only for its own children', async () => {
    const { client, secret } = await createApiClient(t.db, {
      name: '千代田区 母子保健システム',
      role: 'municipality',
      localGovernmentCode: '131016',
      actor: { id: 'test', role: 'system', requestId: null },
      now: t.clock(),
    });
    const headers = {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`,
    };
    const own = patient('chiyoda-1', { municipality: '131016', birthDate });
    expect(await json(await send(bundle(own), headers), 201)).toEqual({
      children: 1,
      entries: 0,
      created: true,
    });
    expect((await issues(await send(bundle(hana), headers)))[0]?.code).toBe('wrong-municipality');
    const insurer = await createApiClient(t.db, {
      name: '生命保険',
      role: 'insurer',
      actor: { id: 'test', role: 'system', requestId: null },
      now: t.clock(),
    });
    const basic = Buffer.from(`${insurer.client.clientId}:${insurer.secret}`).toString('base64');
    expect((await send(bundle(own), { authorization: `Basic ${basic}` })).status).toBe(403);
  });

  it('sends 予防接種のおしらせ once to the linked parent before a dose is due', async () => {
    const run = () => sendVaccinationReminders({ db: t.db, cipher, clock: t.clock, leadDays: 14 });
    const first = await run();
    expect(first.notices).toBeGreaterThan(0);
    expect((await run()).notices).toBe(0);
    const hanako = parents['tanaka-hanako'] as { session: Record<string, string> };
    const { notices } = await json<{
      notices: { kind: string; title: string; body: string; readAt: null }[];
    }>(await call(t, 'GET', '/api/v1/residents/me/notices', { headers: hanako.session }));
    const reminders = notices.filter((n) => n.kind === 'vaccination-reminder');
    expect(reminders).toHaveLength(first.notices);
    expect(reminders[0]).toMatchObject({ title: '予防接種のおしらせ', readAt: null });
    expect(reminders.map((n) => n.body).join()).toMatch(/B型肝炎/);
    const yui = parents['sato-yui'] as { session: Record<string, string> };
    const theirs = await json<{ notices: { kind: string }[] }>(
      await call(t, 'GET', '/api/v1/residents/me/notices', { headers: yui.session }),
    );
    expect(theirs.notices.filter((n) => n.kind === 'vaccination-reminder')).toEqual([]);
  });
});
