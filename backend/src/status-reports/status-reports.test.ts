// Status reports end to end through the HTTP API with the real development PKI (certificates, OCSP, CMS
// signed by the holders' keys), the outbox against a real HTTP endpoint, and the daily certificate check; on
// PGlite and on PostgreSQL.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/index.ts';
import { devPkiFiles, issueEndEntity, recordIssued, revokeCertificate } from '../dev-jpki/index.ts';
import { openssl } from '../dev-jpki/openssl.test-support.ts';
import {
  asResident,
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  fetchChallenge,
  loginAsAdmin,
  type TestApp,
} from '../http/testing/test-app.ts';
import { type CardKeys, cardOf, loginProof, registrationRequest } from '../http/testing/test-card.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import { parseCertificate, serialHex } from '../jpki/index.ts';
import { type Listening, listen, startTestPki, type TestPki } from '../jpki/testing/test-pki.ts';
import { checkSignCertificates } from './certificate-check.ts';
import type {
  DeliveryState,
  ResidentStatusReports,
  StatusReportDraft,
  StatusReportReceipt,
} from './contracts.ts';
import { createDeliveryWorker, enqueueDelivery } from './delivery-outbox.ts';
import { japanDate } from './due-period.ts';
import { createInsurer, reportDocument, signedReport } from './report-test-support.ts';
import { recordSignal } from './signals.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await startTestPki();
});
afterAll(() => pki.close());

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;
// The cipher of createTestApp (same key), for the jobs the server would run.
const cipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(7) }]);
const day = 86_400_000;

/** The insurer's endpoint: records every request; answers 503 while `up` is false. */
function insurerEndpoint() {
  const received: {
    key: string | null;
    auth: string | null;
    body: { kind: string; [k: string]: unknown };
  }[] = [];
  /** The Idempotency-Key of every request, answered or refused. */
  const keys: (string | null)[] = [];
  const state = { up: false, received, keys, server: undefined as Listening | undefined };
  return {
    state,
    async start() {
      state.server = await listen(async (request) => {
        keys.push(request.headers.get('idempotency-key'));
        if (!state.up) return new Response('down', { status: 503 });
        received.push({
          key: request.headers.get('idempotency-key'),
          auth: request.headers.get('authorization'),
          body: (await request.json()) as { kind: string },
        });
        return new Response(null, { status: 204 });
      });
      return state.server.url;
    },
  };
}

describe.each(testDatabases)('status reports on %s', (_name, openDatabase) => {
  let t: TestApp;
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let box: EnrolledBox;
  let hanako: CardKeys;
  let session: Record<string, string>;
  let insurer: Awaited<ReturnType<typeof createInsurer>>;
  let other: Awaited<ReturnType<typeof createInsurer>>;
  const endpoint = insurerEndpoint();
  let receipt: StatusReportReceipt;
  const hanakoHolder = {
    name: '田中　花子',
    dateOfBirth: '1948-04-12',
    gender: 'female' as const,
    address: '徳島県海部郡美波町奥河内字寺前１２３番地',
  };

  const login = async () => {
    const response = await call(t, 'POST', '/api/v1/login', {
      headers: box.headers,
      body: loginProof(hanako, await fetchChallenge(t, box)),
    });
    session = asResident(box, ((await response.json()) as { sessionToken: string }).sessionToken);
  };
  const reports = async () => {
    const response = await call(t, 'GET', '/api/v1/residents/me/status-reports', { headers: session });
    expect(response.status).toBe(200);
    return (await response.json()) as ResidentStatusReports;
  };
  const send = (body: unknown) => call(t, 'POST', '/api/v1/status-reports', { headers: box.headers, body });
  const worker = (clock: () => Date = t.clock) =>
    createDeliveryWorker({
      db: t.db,
      cipher,
      clock,
      policy: { retryBaseMs: 60_000, timeoutMs: 2000 },
    });
  const deliveries = async () => {
    const admin = await loginAsAdmin(t);
    const response = await call(t, 'GET', '/api/v1/ops/report-deliveries', { headers: admin });
    return ((await response.json()) as { deliveries: DeliveryState[] }).deliveries;
  };
  const dueMonth = () => japanDate(t.clock()).month;

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp({ pki, ...(external ? { db: external.db } : {}) });
    box = await enrolBox(t, await loginAsAdmin(t));
    // A signature certificate of this suite's own (the daily check revokes it), same four items.
    const sign = await issueEndEntity({
      ca: pki.pki.ca.sign,
      purpose: 'sign',
      basicInfo: pki.holder('tanaka-hanako').basicInfo,
    });
    await recordIssued(pki.pki, sign);
    hanako = {
      ...cardOf(pki, pki.holder('tanaka-hanako')),
      signCertificateDer: sign.der,
      signKeyPem: sign.keyPem,
    };
    insurer = await createInsurer(t.db, 'マイナ生命', t.clock());
    other = await createInsurer(t.db, '他社生命', t.clock());
    // The contract exists before the resident registers.
    const put = await call(t, 'PUT', '/api/v1/insurer/contracts/POL-0001', {
      headers: insurer.headers,
      body: { dueMonth: dueMonth(), holder: hanakoHolder },
    });
    expect([put.status, ((await put.json()) as { matched: boolean }).matched]).toEqual([201, false]);
    const registered = await call(t, 'POST', '/api/v1/residents/registrations', {
      headers: box.headers,
      body: await registrationRequest(hanako, await fetchChallenge(t, box)),
    });
    expect(registered.status).toBe(201);
    await login();
    const url = await endpoint.start();
    const profile = await call(t, 'PUT', '/api/v1/insurer/profile', {
      headers: insurer.headers,
      body: { displayName: 'マイナ生命保険', endpoint: { url, token: 'insurer-endpoint-token-1234' } },
    });
    expect(profile.status).toBe(200);
    // Key generation, PGlite and password hashing on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await endpoint.state.server?.close();
    await t.close();
    await external?.dispose();
  });

  it('watches the signature certificate from registration on, before any report', async () => {
    const rows = await t.db.query<{ serial: string; status: string }>(
      'SELECT serial, status FROM sign_certificates',
    );
    expect(rows).toEqual([
      { serial: serialHex(parseCertificate(hanako.signCertificateDer)), status: 'good' },
    ]);
  });

  it('lists the due report pre-filled from the verified four items, the contract and the default form', async () => {
    const { due, sent } = await reports();
    expect(sent).toEqual([]);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      period: `${japanDate(t.clock()).year}-${String(dueMonth()).padStart(2, '0')}`,
      overdue: false,
      insurer: { id: insurer.insurerId, name: 'マイナ生命保険' },
      referenceNumber: 'POL-0001',
      holder: hanakoHolder,
      questions: [
        { id: 'alive', text: '生存している' },
        { id: 'address', text: '登録住所に住んでいる' },
        { id: 'bank-account', text: '振込口座に変更がない' },
      ],
    });
  });

  it('refuses content that is not canonical, a changed form, a wrong holder, a closed period', async () => {
    const [draft] = (await reports()).due as [StatusReportDraft];
    const document = reportDocument(draft, box.deviceId);
    const loose = await send(await signedReport(document, hanako, JSON.stringify(document, null, 1)));
    expect([loose.status, await errorCode(loose)]).toEqual([400, 'report.malformed']);
    const reordered = {
      ...document,
      answers: document.answers.map((a) => ({ ...a, question: `${a.question}か` })),
    };
    const changed = await send(await signedReport(reordered, hanako));
    expect([changed.status, await errorCode(changed)]).toEqual([400, 'report.answers-mismatch']);
    const moved = {
      ...document,
      holder: { ...document.holder, address: '徳島県海部郡美波町北河内字本村１番地' },
    };
    const holder = await send(await signedReport(moved, hanako));
    expect([holder.status, await errorCode(holder)]).toEqual([400, 'report.holder-mismatch']);
    const late = await send(await signedReport({ ...document, period: '2020-01' }, hanako));
    expect([late.status, await errorCode(late)]).toEqual([409, 'report.not-due']);
    const huge = await send({ signedReport: 'A'.repeat(200_000) });
    expect([huge.status, await errorCode(huge)]).toEqual([413, 'request.body-too-large']);
    expect((await reports()).sent).toEqual([]);
  });

  it('refuses a report for a contract the signer does not hold', async () => {
    await call(t, 'PUT', '/api/v1/insurer/contracts/OTHER-1', {
      headers: other.headers,
      body: {
        dueMonth: dueMonth(),
        holder: { ...hanakoHolder, name: '佐藤　結衣', dateOfBirth: '1992-07-03' },
      },
    });
    const [draft] = (await reports()).due as [StatusReportDraft];
    const [row] = await t.db.query<{ id: string }>(
      "SELECT id FROM status_report_contracts WHERE reference_number = 'OTHER-1'",
    );
    const document = {
      ...reportDocument(draft, box.deviceId),
      contractId: row?.id,
      insurer: { id: other.insurerId, name: '他社生命' },
      referenceNumber: 'OTHER-1',
    };
    const response = await send(await signedReport(document, hanako));
    expect([response.status, await errorCode(response)]).toEqual([403, 'report.contract-not-held']);
  });

  it('refuses a revoked and an expired signature certificate', async () => {
    const [draft] = (await reports()).due as [StatusReportDraft];
    const basicInfo = pki.holder('tanaka-hanako').basicInfo;
    const revoked = await issueEndEntity({ ca: pki.pki.ca.sign, purpose: 'sign', basicInfo });
    await recordIssued(pki.pki, revoked);
    await revokeCertificate(pki.pki, { purpose: 'sign', serial: revoked.serial, reason: 'unspecified' });
    const card = { signCertificateDer: revoked.der, signKeyPem: revoked.keyPem };
    const r1 = await send(await signedReport(reportDocument(draft, box.deviceId), card));
    expect([r1.status, await errorCode(r1)]).toEqual([403, 'jpki.cert-revoked']);
    const expired = await issueEndEntity({
      ca: pki.pki.ca.sign,
      purpose: 'sign',
      basicInfo,
      notBefore: new Date(Date.now() - 10 * day),
      notAfter: new Date(Date.now() - day),
    });
    const old = { signCertificateDer: expired.der, signKeyPem: expired.keyPem };
    const r2 = await send(await signedReport(reportDocument(draft, box.deviceId), old));
    expect([r2.status, await errorCode(r2)]).toEqual([401, 'jpki.cert-expired']);
  });

  it('gives a receipt, and the same receipt for a resend or a second signing of the same period', async () => {
    const [draft] = (await reports()).due as [StatusReportDraft];
    const body = await signedReport(reportDocument(draft, box.deviceId, [true, true, false]), hanako);
    const first = await send(body);
    expect(first.status).toBe(201);
    receipt = (await first.json()) as StatusReportReceipt;
    expect(receipt).toMatchObject({
      contractId: draft.contractId,
      period: draft.period,
      insurerName: 'マイナ生命保険',
    });
    expect(receipt.receiptNumber).toMatch(/^\d{4}-\d{4}-\d{6,}$/);
    const again = await send(body);
    expect([again.status, await again.json()]).toEqual([200, receipt]);
    const resigned = await send(await signedReport(reportDocument(draft, box.deviceId), hanako));
    expect([resigned.status, await resigned.json()]).toEqual([200, receipt]);
    expect(await reports()).toEqual({ due: [], sent: [receipt] });
    const [count] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM status_reports');
    expect(count?.n).toBe(1);
  });

  it('keeps a receipt notice in お知らせ; read marks it', async () => {
    const list = await call(t, 'GET', '/api/v1/residents/me/notices', { headers: session });
    const { notices } = (await list.json()) as {
      notices: { id: string; title: string; body: string; readAt: null }[];
    };
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'receipt', title: '現況届を受け付けました', readAt: null });
    expect(notices[0]?.body).toContain(receipt.receiptNumber);
    const read = await call(t, 'POST', `/api/v1/residents/me/notices/${notices[0]?.id}/read`, {
      headers: session,
    });
    expect(read.status).toBe(204);
    const after = (await (
      await call(t, 'GET', '/api/v1/residents/me/notices', { headers: session })
    ).json()) as {
      notices: { readAt: string | null }[];
    };
    expect(after.notices[0]?.readAt).not.toBeNull();
    const unknown = await call(t, 'POST', `/api/v1/residents/me/notices/${crypto.randomUUID()}/read`, {
      headers: session,
    });
    expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'notice.not-found']);
  });

  it('the insurer lists and reads the report; openssl verifies the CMS with the sign CA', async () => {
    const list = await call(t, 'GET', '/api/v1/insurer/reports', { headers: insurer.headers });
    const { reports: listed } = (await list.json()) as { reports: { reportId: string }[] };
    expect(listed.map((r) => r.reportId)).toEqual([receipt.reportId]);
    expect(
      await call(t, 'GET', '/api/v1/insurer/reports', { headers: other.headers }).then((r) => r.json()),
    ).toEqual({ reports: [] });
    const one = await call(t, 'GET', `/api/v1/insurer/reports/${receipt.reportId}`, {
      headers: insurer.headers,
    });
    const report = (await one.json()) as {
      document: { answers: { answer: boolean }[] };
      verification: unknown;
    };
    expect(report.document.answers.map((a) => a.answer)).toEqual([true, true, false]);
    expect(report.verification).toMatchObject({ revocation: { status: 'good' } });
    const foreign = await call(t, 'GET', `/api/v1/insurer/reports/${receipt.reportId}/cms`, {
      headers: other.headers,
    });
    expect(foreign.status).toBe(404);
    const cms = await call(t, 'GET', `/api/v1/insurer/reports/${receipt.reportId}/cms`, {
      headers: insurer.headers,
    });
    expect(cms.headers.get('content-type')).toMatch(/^application\/pkcs7-mime/);
    const der = new Uint8Array(await cms.arrayBuffer());
    const out = join(pki.dir, 'report.p7m');
    await writeFile(out, der);
    const verified = await openssl([
      'cms',
      '-verify',
      '-inform',
      'DER',
      '-in',
      out,
      '-CAfile',
      devPkiFiles(pki.dir).caCert('sign'),
      '-purpose',
      'any',
    ]);
    expect(verified.output).toContain('Verification successful');
    expect(verified.output).toContain('"type":"myna-tv/status-report/1"');
  });

  it('the outbox keeps the report while the endpoint is down and delivers it once when up', async () => {
    expect(await worker().runOnce()).toEqual({ delivered: 0, failed: 1, noEndpoint: 0 });
    let [state] = await deliveries();
    expect(state).toMatchObject({
      id: receipt.reportId,
      state: 'pending',
      attempts: 1,
      lastError: 'HTTP 503',
    });
    expect(await worker().runOnce()).toEqual({ delivered: 0, failed: 0, noEndpoint: 0 });
    endpoint.state.up = true;
    t.clock.advance(61_000);
    // Two workers (two nodes) at once: one delivery.
    const rounds = await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(rounds.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(endpoint.state.keys).toEqual([receipt.reportId, receipt.reportId]);
    expect(endpoint.state.received).toHaveLength(1);
    expect(endpoint.state.received[0]).toMatchObject({
      key: receipt.reportId,
      auth: 'Bearer insurer-endpoint-token-1234',
      body: { kind: 'status-report', receipt },
    });
    t.clock.advance(61_000);
    expect(await worker().runOnce()).toEqual({ delivered: 0, failed: 0, noEndpoint: 0 });
    [state] = await deliveries();
    expect(state).toMatchObject({ state: 'delivered', attempts: 2, lastError: null });
  });

  it('a delivery for an insurer without endpoint waits as no-endpoint, and goes once an endpoint is set', async () => {
    const [contract] = await t.db.query<{ id: string }>(
      "SELECT id FROM status_report_contracts WHERE reference_number = 'OTHER-1'",
    );
    const signalId = await recordSignal(t.db, {
      insurerId: other.insurerId,
      contractId: contract?.id ?? '',
      issuer: 'CN=test',
      serial: '01',
      revokedAt: null,
      now: t.clock(),
    });
    await enqueueDelivery(t.db, {
      id: signalId ?? '',
      insurerId: other.insurerId,
      kind: 'certificate-signal',
      now: t.clock(),
    });
    expect((await deliveries()).find((d) => d.id === signalId)).toMatchObject({
      state: 'no-endpoint',
      insurerName: '他社生命',
      nextAttemptAt: null,
    });
    expect(await worker().runOnce()).toEqual({ delivered: 0, failed: 0, noEndpoint: 0 });
    const profile = await call(t, 'PUT', '/api/v1/insurer/profile', {
      headers: other.headers,
      body: {
        displayName: '他社生命',
        endpoint: { url: endpoint.state.server?.url, token: 'other-token-0123456789' },
      },
    });
    expect(profile.status).toBe(200);
    expect(await worker().runOnce()).toEqual({ delivered: 1, failed: 0, noEndpoint: 0 });
    expect(endpoint.state.received.at(-1)).toMatchObject({
      key: signalId,
      auth: 'Bearer other-token-0123456789',
      body: { kind: 'certificate-signal', signal: { signalId, referenceNumber: 'OTHER-1' } },
    });
  });

  it('an insurer notice reaches the resident; markup is refused; an unknown contract is 404', async () => {
    const sent = await call(t, 'POST', '/api/v1/insurer/notices', {
      headers: insurer.headers,
      body: {
        referenceNumber: 'POL-0001',
        title: '現況届を確認しました',
        body: 'ありがとうございました。\n次回は来年です。',
      },
    });
    expect(sent.status).toBe(201);
    const bad = await call(t, 'POST', '/api/v1/insurer/notices', {
      headers: insurer.headers,
      body: { referenceNumber: 'POL-0001', title: 'x', body: '<script>alert(1)</script>' },
    });
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'request.invalid']);
    const none = await call(t, 'POST', '/api/v1/insurer/notices', {
      headers: insurer.headers,
      body: { referenceNumber: 'NOPE-1', title: 'x', body: 'y' },
    });
    expect([none.status, await errorCode(none)]).toEqual([404, 'insurer.contract-not-found']);
    await login();
    const { notices } = (await (
      await call(t, 'GET', '/api/v1/residents/me/notices', { headers: session })
    ).json()) as {
      notices: {
        senderName: string;
        senderKind: string;
        kind: string;
        title: string;
        readAt: string | null;
      }[];
    };
    expect(notices[0]).toMatchObject({
      senderName: 'マイナ生命保険',
      senderKind: 'insurer',
      kind: 'insurer-notice',
      title: '現況届を確認しました',
      readAt: null,
    });
  });

  it('the daily check reports a revoked signature certificate once: signal, delivery, notice', async () => {
    // The job's own clock runs days ahead; the verifier asks OCSP in real time (the responder's answers are
    // only fresh for real now), a new one per round so no cached answer hides the revocation.
    let days = 0;
    const jobClock = () => new Date(t.clock().getTime() + days * day);
    const check = () =>
      checkSignCertificates({
        db: t.db,
        cipher,
        certificates: pki.verifier().certificates,
        clock: jobClock,
        recheckAfterMs: day,
      });
    days += 1;
    expect(await check()).toEqual({ checked: 1, revoked: 0, expired: 0, unknown: 0 });
    const serial = serialHex(parseCertificate(hanako.signCertificateDer));
    await revokeCertificate(pki.pki, { purpose: 'sign', serial, reason: 'affiliationChanged' });
    expect(await check()).toEqual({ checked: 0, revoked: 0, expired: 0, unknown: 0 });
    days += 1;
    expect(await check()).toMatchObject({ checked: 1, revoked: 1 });
    days += 1;
    expect(await check()).toMatchObject({ checked: 0, revoked: 0 });
    const { signals } = (await (
      await call(t, 'GET', '/api/v1/insurer/signals', { headers: insurer.headers })
    ).json()) as {
      signals: { referenceNumber: string; meaning: string }[];
    };
    expect(signals).toHaveLength(1);
    expect(signals[0]?.referenceNumber).toBe('POL-0001');
    expect(signals[0]?.meaning).toContain('does not tell which');
    expect(await worker(jobClock).runOnce()).toMatchObject({ delivered: 1 });
    expect(endpoint.state.received.at(-1)?.body).toMatchObject({ kind: 'certificate-signal' });
    const [notice] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM resident_notices WHERE kind = 'certificate-renewal'",
    );
    expect(notice?.n).toBe(1);
  });
});
