// Resident registration and login end to end through the HTTP API, with the real development PKI (real
// certificates, OCSP, RSA signatures by the holders' keys), on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../accounts/index.ts';
import { issueEndEntity, recordIssued, revokeCertificate } from '../dev-jpki/index.ts';
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
import { startTestPki, type TestPki } from '../jpki/testing/test-pki.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await startTestPki();
  await revokeCertificate(pki.pki, { purpose: 'auth', holderId: 'suzuki-ichiro', reason: 'keyCompromise' });
});
afterAll(() => pki.close());

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;
type SessionBody = { residentId: string; sessionToken: string; created?: boolean };

/** A renewed card: new keys and certificates for the same person (or with other basic items). */
async function renewedCard(
  card: CardKeys,
  basicInfo = pki.holder('tanaka-hanako').basicInfo,
  options = { newAuth: true },
) {
  const sign = await issueEndEntity({ ca: pki.pki.ca.sign, purpose: 'sign', basicInfo });
  await recordIssued(pki.pki, sign);
  const auth = options.newAuth
    ? await issueEndEntity({ ca: pki.pki.ca.auth, purpose: 'auth', basicInfo: null })
    : undefined;
  if (auth) await recordIssued(pki.pki, auth);
  return {
    signCertificateDer: sign.der,
    signKeyPem: sign.keyPem,
    authCertificateDer: auth?.der ?? card.authCertificateDer,
    authKeyPem: auth?.keyPem ?? card.authKeyPem,
  };
}

describe.each(testDatabases)('residents on %s', (_name, openDatabase) => {
  let t: TestApp;
  let external: Awaited<ReturnType<typeof openDatabase>>;
  let box: EnrolledBox;
  let otherBox: EnrolledBox;
  let hanako: CardKeys;
  let residentId: string;
  let session: string;

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp({ pki, ...(external ? { db: external.db } : {}) });
    const admin = await loginAsAdmin(t);
    box = await enrolBox(t, admin);
    otherBox = await enrolBox(t, admin);
    hanako = cardOf(pki, pki.holder('tanaka-hanako'));
  });
  afterAll(async () => {
    await t.close();
    await external?.dispose();
  });

  const login = async (card: CardKeys, on: EnrolledBox = box) =>
    call(t, 'POST', '/api/v1/login', {
      headers: on.headers,
      body: loginProof(card, await fetchChallenge(t, on)),
    });
  const register = async (card: CardKeys) =>
    call(t, 'POST', '/api/v1/residents/registrations', {
      headers: box.headers,
      body: await registrationRequest(card, await fetchChallenge(t, box)),
    });

  it('a card that is not registered cannot log in: 403 resident.not-registered', async () => {
    const response = await login(hanako);
    expect([response.status, await errorCode(response)]).toEqual([403, 'resident.not-registered']);
  });

  it('registration takes the four items from the certificate, seals them, and logs in', async () => {
    const response = await register(hanako);
    expect(response.status).toBe(201);
    const body = (await response.json()) as SessionBody;
    expect(body.created).toBe(true);
    residentId = body.residentId;
    const me = await call(t, 'GET', '/api/v1/residents/me', { headers: asResident(box, body.sessionToken) });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      residentId,
      name: '田中　花子',
      dateOfBirth: { era: 'showa', date: '1948-04-12' },
      gender: 'female',
      address: '徳島県海部郡美波町奥河内字寺前１２３番地',
    });
    const [row] = await t.db.query('SELECT * FROM residents WHERE id = $1', [residentId]);
    expect(JSON.stringify(row)).not.toMatch(/田中|美波町|1948/);
    const actions = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id',
      [residentId],
    );
    expect(actions.map((a) => a.action)).toEqual(['resident.register', 'resident.read']);
  });

  it('login with the PIN-protected auth key opens a session bound to the box', async () => {
    const response = await login(hanako);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SessionBody;
    expect(body.residentId).toBe(residentId);
    session = body.sessionToken;
    expect((await call(t, 'GET', '/api/v1/residents/me', { headers: asResident(box, session) })).status).toBe(
      200,
    );
    const elsewhere = await call(t, 'GET', '/api/v1/residents/me', {
      headers: asResident(otherBox, session),
    });
    expect(elsewhere.status).toBe(401);
  });

  it('refuses a replayed proof and a challenge of another box', async () => {
    const challenge = await fetchChallenge(t, box);
    const proof = loginProof(hanako, challenge);
    expect((await call(t, 'POST', '/api/v1/login', { headers: box.headers, body: proof })).status).toBe(200);
    const replay = await call(t, 'POST', '/api/v1/login', { headers: box.headers, body: proof });
    expect([replay.status, await errorCode(replay)]).toEqual([401, 'jpki.challenge-replayed']);
    const foreign = loginProof(hanako, await fetchChallenge(t, otherBox));
    const wrongBox = await call(t, 'POST', '/api/v1/login', { headers: box.headers, body: foreign });
    expect([wrongBox.status, await errorCode(wrongBox)]).toEqual([401, 'jpki.challenge-wrong-device']);
  });

  it('a login writes one session bound to the box and resident, and its audit entry', async () => {
    const before = t.clock();
    const response = await login(hanako);
    const { sessionToken } = (await response.json()) as SessionBody;
    const [row] = await t.db.query<{ id: string; resident_id: string; device_id: string; expires_at: Date }>(
      'SELECT id, resident_id, device_id, expires_at FROM sessions WHERE token_hash = $1',
      [hashSecret(sessionToken)],
    );
    expect(row).toMatchObject({ resident_id: residentId, device_id: box.deviceId });
    expect(row?.expires_at.getTime()).toBeGreaterThan(before.getTime());
    const audit = await t.db.query(
      'SELECT actor_id, actor_role, action, target_type FROM audit_log WHERE target_id = $1',
      [row?.id],
    );
    expect(audit).toEqual([
      {
        actor_id: residentId,
        actor_role: 'resident',
        action: 'resident.login',
        target_type: 'resident-session',
      },
    ]);
  });

  it('refuses a signature by another key, and a registration signed for another challenge', async () => {
    const sato = cardOf(pki, pki.holder('sato-yui'));
    const forged = {
      ...loginProof(sato, await fetchChallenge(t, box)),
      certificate: loginProof(hanako, 'x').certificate,
    };
    const response = await call(t, 'POST', '/api/v1/login', { headers: box.headers, body: forged });
    expect([response.status, await errorCode(response)]).toEqual([401, 'jpki.signature-invalid']);

    const request = await registrationRequest(hanako, await fetchChallenge(t, box));
    request.proof = loginProof(hanako, await fetchChallenge(t, box));
    const mismatch = await call(t, 'POST', '/api/v1/residents/registrations', {
      headers: box.headers,
      body: request,
    });
    expect([mismatch.status, await errorCode(mismatch)]).toEqual([400, 'resident.registration-mismatch']);
  });

  it('a renewed card (new certificates, same four items) re-links to the same resident', async () => {
    const renewed = await renewedCard(hanako);
    const response = await register(renewed);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ residentId, created: false });
    expect((await login(renewed)).status).toBe(200);
    const old = await login(hanako);
    expect([old.status, await errorCode(old)]).toEqual([403, 'resident.not-registered']);
    hanako = renewed;
  });

  it('after a move (new signature certificate, same auth certificate) the items are updated', async () => {
    const moved = await renewedCard(
      hanako,
      { ...pki.holder('tanaka-hanako').basicInfo, address: '徳島県海部郡美波町北河内字本村１番地' },
      { newAuth: false },
    );
    const response = await register(moved);
    expect(await response.json()).toMatchObject({ residentId, created: false });
    const { sessionToken } = (await (await login(moved)).json()) as SessionBody;
    const me = await call(t, 'GET', '/api/v1/residents/me', { headers: asResident(box, sessionToken) });
    expect(((await me.json()) as { address: string }).address).toBe('徳島県海部郡美波町北河内字本村１番地');
  });

  it('a revoked auth certificate cannot log in: 403 jpki.cert-revoked', async () => {
    const response = await login(cardOf(pki, pki.holder('suzuki-ichiro')));
    expect([response.status, await errorCode(response)]).toEqual([403, 'jpki.cert-revoked']);
  });

  it('logout ends the session', async () => {
    const { sessionToken } = (await (await login(hanako)).json()) as SessionBody;
    const headers = asResident(box, sessionToken);
    expect((await call(t, 'POST', '/api/v1/logout', { headers })).status).toBe(204);
    expect((await call(t, 'GET', '/api/v1/residents/me', { headers })).status).toBe(401);
  });

  it('a session expires after 30 idle minutes with auth.session-expired', async () => {
    const headers = asResident(box, session);
    t.clock.advance(29 * 60_000);
    expect((await call(t, 'GET', '/api/v1/residents/me', { headers })).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await call(t, 'GET', '/api/v1/residents/me', { headers });
    expect([expired.status, await errorCode(expired)]).toEqual([401, 'auth.session-expired']);
  });

  it("revoking the box ends its residents' sessions", async () => {
    const { sessionToken } = (await (await login(hanako, otherBox)).json()) as SessionBody;
    const admin = await loginAsAdmin(t);
    expect(
      (await call(t, 'POST', `/api/v1/devices/${otherBox.deviceId}/revoke`, { headers: admin })).status,
    ).toBe(200);
    const [left] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions WHERE device_id = $1',
      [otherBox.deviceId],
    );
    expect(left?.n).toBe(0);
    const after = await call(t, 'GET', '/api/v1/residents/me', {
      headers: asResident(otherBox, sessionToken),
    });
    expect(after.status).toBe(401);
  });

  it('an expired challenge opens no session; a refused card proof still spends its challenge', async () => {
    const sessions = async () =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions'))[0]?.n;
    const opened = await sessions();
    const stale = await fetchChallenge(t, box);
    t.clock.advance(121_000);
    const expired = await call(t, 'POST', '/api/v1/login', {
      headers: box.headers,
      body: loginProof(hanako, stale),
    });
    expect([expired.status, await errorCode(expired)]).toEqual([401, 'jpki.challenge-expired']);

    const challenge = await fetchChallenge(t, box);
    const sato = cardOf(pki, pki.holder('sato-yui'));
    const forged = { ...loginProof(sato, challenge), certificate: loginProof(hanako, challenge).certificate };
    const refused = await call(t, 'POST', '/api/v1/login', { headers: box.headers, body: forged });
    expect([refused.status, await errorCode(refused)]).toEqual([401, 'jpki.signature-invalid']);
    const retried = await call(t, 'POST', '/api/v1/login', {
      headers: box.headers,
      body: loginProof(hanako, challenge),
    });
    expect([retried.status, await errorCode(retried)]).toEqual([401, 'jpki.challenge-replayed']);
    expect(await sessions()).toBe(opened);
  });
});
