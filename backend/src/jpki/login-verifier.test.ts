import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HolderProfile, revokeCertificate } from '../dev-jpki/index.ts';
import type { LoginChallenge, LoginProof } from './contracts.ts';
import { JpkiError } from './jpki-error.ts';
import { LoginVerifier } from './login-verifier.ts';
import { MemoryChallengeStore } from './memory-challenge-store.ts';
import { refusedUrl, startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

/** What the card does: RSASSA-PKCS1-v1_5 over the SHA-256 DigestInfo of the raw challenge bytes. */
function cardProof(
  holder: HolderProfile,
  challenge: LoginChallenge,
  options: { keyPem?: string } = {},
): LoginProof {
  const bytes = Buffer.from(challenge.challenge, 'base64url');
  return {
    challenge: challenge.challenge,
    certificate: Buffer.from(t.certificateDer(holder, 'auth')).toString('base64'),
    signature: sign('sha256', bytes, options.keyPem ?? holder.authKeyPem).toString('base64'),
  };
}

function loginVerifier(options: { now?: () => Date; ocspUrl?: string } = {}) {
  const { certificates } = t.verifier(options);
  return new LoginVerifier({ certificates, challenges: new MemoryChallengeStore(), ...options });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JpkiError);
  return (error as JpkiError).code;
}

describe('LoginVerifier', () => {
  it('issues a 32-byte, two-minute challenge and accepts the card’s proof once', async () => {
    const now = new Date();
    const login = loginVerifier({ now: () => now });
    const challenge = await login.issueChallenge({ deviceId: 'stb-1' });
    expect(Buffer.from(challenge.challenge, 'base64url')).toHaveLength(32);
    expect(Date.parse(challenge.expiresAt) - now.getTime()).toBe(120_000);
    const holder = t.holder();
    const result = await login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, challenge) });
    expect(result.deviceId).toBe('stb-1');
    expect(result.holderId).toMatch(/^[0-9A-F]{24}$/);
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, challenge) }))).toBe(
      'jpki.challenge-replayed',
    );
  });

  it('refuses unknown, expired and other-device challenges', async () => {
    let now = new Date();
    const login = loginVerifier({ now: () => now });
    const holder = t.holder();
    const forged = { challenge: Buffer.alloc(32, 7).toString('base64url'), expiresAt: now.toISOString() };
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, forged) }))).toBe(
      'jpki.challenge-unknown',
    );
    const notBase64 = { ...cardProof(holder, forged), challenge: 'x' };
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: notBase64 }))).toBe(
      'jpki.challenge-unknown',
    );
    const other = await login.issueChallenge({ deviceId: 'stb-2' });
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, other) }))).toBe(
      'jpki.challenge-wrong-device',
    );
    const late = await login.issueChallenge({ deviceId: 'stb-1' });
    now = new Date(now.getTime() + 120_001);
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, late) }))).toBe(
      'jpki.challenge-expired',
    );
  });

  it('refuses a signature by another key, over other bytes, or not base64', async () => {
    const login = loginVerifier();
    const holder = t.holder();
    const cases: ((c: LoginChallenge) => LoginProof)[] = [
      (c) => cardProof(holder, c, { keyPem: holder.signKeyPem }),
      (c) => cardProof(holder, c, { keyPem: t.holder('sato-yui').authKeyPem }),
      (c) => ({
        ...cardProof(holder, c),
        signature: sign('sha256', Buffer.from('other'), holder.authKeyPem).toString('base64'),
      }),
      (c) => ({ ...cardProof(holder, c), signature: '***' }),
    ];
    for (const proofOf of cases) {
      const challenge = await login.issueChallenge({ deviceId: 'stb-1' });
      expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: proofOf(challenge) }))).toBe(
        'jpki.signature-invalid',
      );
    }
  });

  it('refuses a signature certificate, a malformed or oversized certificate', async () => {
    const login = loginVerifier();
    const holder = t.holder();
    const signCert = Buffer.from(t.certificateDer(holder, 'sign')).toString('base64');
    const cases: [string, string][] = [
      [signCert, 'jpki.cert-wrong-purpose'],
      [
        Buffer.from(t.certificateDer(holder, 'auth').subarray(0, 300)).toString('base64'),
        'jpki.cert-malformed',
      ],
      [Buffer.alloc(20_000, 0x30).toString('base64'), 'jpki.cert-malformed'],
      ['not base64!', 'jpki.cert-malformed'],
    ];
    for (const [certificate, code] of cases) {
      const challenge = await login.issueChallenge({ deviceId: 'stb-1' });
      const proof = { ...cardProof(holder, challenge), certificate };
      expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof }))).toBe(code);
    }
  });

  it('refuses a revoked auth certificate, and any login when revocation status is unknown', async () => {
    const down = loginVerifier({ ocspUrl: await refusedUrl() });
    const holder = t.holder('sato-yui');
    const c1 = await down.issueChallenge({ deviceId: 'stb-1' });
    expect(await refusal(down.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, c1) }))).toBe(
      'jpki.status-unknown',
    );
    await revokeCertificate(t.pki, { holderId: holder.id, purpose: 'auth', reason: 'keyCompromise' });
    const login = loginVerifier();
    const c2 = await login.issueChallenge({ deviceId: 'stb-1' });
    expect(await refusal(login.verifyProof({ deviceId: 'stb-1', proof: cardProof(holder, c2) }))).toBe(
      'jpki.cert-revoked',
    );
  });
});
