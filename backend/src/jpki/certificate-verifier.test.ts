import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueEndEntity, recordIssued, revokeCertificate } from '../dev-jpki/index.ts';
import { CertificateVerifier } from './certificate-verifier.ts';
import { JpkiError } from './jpki-error.ts';
import { startTestPki, type TestPki } from './testing/test-pki.ts';
import { trustAnchorsFromDer } from './trust-anchors.ts';

const day = 86_400_000;
let t: TestPki;

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

async function rejection(promise: Promise<unknown>): Promise<JpkiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JpkiError);
  return error as JpkiError;
}

describe('CertificateVerifier', () => {
  it('accepts a holder’s auth and sign certificates (chain, profile, OCSP good)', async () => {
    const { certificates } = t.verifier();
    const holder = t.holder();
    const auth = await certificates.verify({ der: t.certificateDer(holder, 'auth'), purpose: 'auth' });
    expect(auth.issuer).toBe(t.anchors.auth[0]);
    const sign = await certificates.verify({ der: t.certificateDer(holder, 'sign'), purpose: 'sign' });
    expect(sign.purpose).toBe('sign');
  });

  it('refuses a certificate of another CA, whether its DN differs or only its key', async () => {
    const { certificates } = t.verifier();
    for (const organization of ['ROGUE', undefined]) {
      const rogue = await createCa({ purpose: 'auth', ...(organization ? { organization } : {}) });
      const issued = await issueEndEntity({ ca: rogue, purpose: 'auth' });
      const error = await rejection(certificates.verify({ der: issued.der, purpose: 'auth' }));
      expect(error.code).toBe('jpki.cert-untrusted');
    }
  });

  it('picks the issuer among CA generations sharing one DN by key, not by name', async () => {
    const nextGeneration = await createCa({ purpose: 'auth' });
    const anchors = trustAnchorsFromDer({
      sign: [t.pki.ca.sign.der],
      auth: [t.pki.ca.auth.der, nextGeneration.der],
    });
    const verifier = new CertificateVerifier({ anchors, statusSource: t.verifier().status });
    const issued = await issueEndEntity({ ca: nextGeneration, purpose: 'auth' });
    const fromNew = await verifier.validateChain({ der: issued.der, purpose: 'auth' });
    expect(fromNew.issuer).toBe(anchors.auth[1]);
    const fromOld = await verifier.validateChain({
      der: t.certificateDer(t.holder(), 'auth'),
      purpose: 'auth',
    });
    expect(fromOld.issuer).toBe(anchors.auth[0]);
  });

  it('refuses expired and not-yet-valid certificates', async () => {
    const { certificates } = t.verifier();
    const now = Date.now();
    const expired = await issueEndEntity({
      ca: t.pki.ca.auth,
      purpose: 'auth',
      notBefore: new Date(now - 400 * day),
      notAfter: new Date(now - day),
    });
    const early = await issueEndEntity({
      ca: t.pki.ca.auth,
      purpose: 'auth',
      notBefore: new Date(now + day),
    });
    expect((await rejection(certificates.verify({ der: expired.der, purpose: 'auth' }))).code).toBe(
      'jpki.cert-expired',
    );
    expect((await rejection(certificates.verify({ der: early.der, purpose: 'auth' }))).code).toBe(
      'jpki.cert-not-yet-valid',
    );
  });

  it('refuses a certificate whose issuing CA certificate has expired', async () => {
    const now = Date.now();
    const oldCa = await createCa({
      purpose: 'auth',
      notBefore: new Date(now - 3650 * day),
      notAfter: new Date(now - day),
    });
    const issued = await issueEndEntity({ ca: oldCa, purpose: 'auth', notBefore: new Date(now - 10 * day) });
    const anchors = trustAnchorsFromDer({ sign: [], auth: [oldCa.der] });
    const verifier = new CertificateVerifier({ anchors, statusSource: t.verifier().status });
    const error = await rejection(verifier.validateChain({ der: issued.der, purpose: 'auth' }));
    expect(error.code).toBe('jpki.cert-expired');
    expect(error.message).toMatch(/issuing CA/);
  });

  it('checks validity on every call even when the chain verdict is cached', async () => {
    let now = new Date();
    const { certificates } = t.verifier({ now: () => now });
    const der = t.certificateDer(t.holder(), 'auth');
    const first = await certificates.validateChain({ der, purpose: 'auth' });
    await certificates.validateChain({ der, purpose: 'auth' });
    expect(certificates.chainCacheStats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
    now = new Date(first.validity.notAfter.getTime() + 1000);
    const error = await rejection(certificates.validateChain({ der, purpose: 'auth' }));
    expect(error.code).toBe('jpki.cert-expired');
  });

  it('refuses an auth certificate where a signature one is expected, and vice versa', async () => {
    const { certificates } = t.verifier();
    const holder = t.holder();
    const asSign = await rejection(
      certificates.verify({ der: t.certificateDer(holder, 'auth'), purpose: 'sign' }),
    );
    expect(asSign.code).toBe('jpki.cert-wrong-purpose');
    const asAuth = await rejection(
      certificates.verify({ der: t.certificateDer(holder, 'sign'), purpose: 'auth' }),
    );
    expect(asAuth.code).toBe('jpki.cert-wrong-purpose');
  });

  it('refuses wrong key usage, missing policies and a CA certificate offered as end entity', async () => {
    const { certificates } = t.verifier();
    const noNonRepudiation = await issueEndEntity({
      ca: t.pki.ca.sign,
      purpose: 'sign',
      keyUsage: ['digitalSignature'],
    });
    const noPolicies = await issueEndEntity({ ca: t.pki.ca.auth, purpose: 'auth', policies: [] });
    const cases = [
      { der: noNonRepudiation.der, purpose: 'sign' as const },
      { der: noPolicies.der, purpose: 'auth' as const },
      { der: t.pki.ca.auth.der, purpose: 'auth' as const },
    ];
    for (const input of cases) {
      expect((await rejection(certificates.verify(input))).code).toBe('jpki.cert-wrong-purpose');
    }
  });

  it('refuses empty, truncated, oversized and non-certificate bytes as malformed', async () => {
    const { certificates } = t.verifier();
    const der = t.certificateDer(t.holder(), 'auth');
    const oversized = new Uint8Array(8 * 1024 + 1);
    oversized.set(der);
    const inputs = [
      new Uint8Array(),
      der.subarray(0, der.length - 10),
      oversized,
      new Uint8Array([0x30, 0x03, 1, 2, 3]),
    ];
    for (const bytes of inputs) {
      expect((await rejection(certificates.verify({ der: bytes, purpose: 'auth' }))).code).toBe(
        'jpki.cert-malformed',
      );
    }
  });

  it('refuses a revoked certificate with the reason and time from OCSP', async () => {
    const { certificates } = t.verifier();
    const issued = await issueEndEntity({ ca: t.pki.ca.auth, purpose: 'auth' });
    await recordIssued(t.pki, issued);
    await certificates.verify({ der: issued.der, purpose: 'auth' });
    const revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await revokeCertificate(t.pki, {
      serial: issued.serial,
      purpose: 'auth',
      reason: 'keyCompromise',
      at: revokedAt,
    });
    const fresh = t.verifier().certificates; // the first verifier cached `good` for five minutes
    const error = await rejection(fresh.verify({ der: issued.der, purpose: 'auth' }));
    expect(error.code).toBe('jpki.cert-revoked');
    expect(error.revocation).toEqual({ status: 'revoked', reason: 'keyCompromise', revokedAt });
  });
});
