import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEndEntity, recordIssued, revokeCertificate } from '../dev-jpki/index.ts';
import { parseCertificate } from './certificate-der.ts';
import { type CrlLocation, createCrlStatusSource } from './crl-status-source.ts';
import type { StatusQuery } from './revocation-status.ts';
import { startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

function authQuery(der = t.certificateDer(t.holder(), 'auth')): StatusQuery {
  return {
    certificate: parseCertificate(der),
    issuer: t.pki.ca.auth.certificate,
    purpose: 'auth',
    fingerprint: 'x',
  };
}

describe('createCrlStatusSource', () => {
  it('answers good for a certificate not on the CA’s CRL, asking by the CRL DP DirName', async () => {
    const asked: CrlLocation[] = [];
    const source = createCrlStatusSource({
      loadCrl: async (location) => {
        asked.push(location);
        return t.loadCrl(location.purpose);
      },
    });
    expect(await source.check(authQuery())).toEqual({ status: 'good' });
    expect(asked[0]?.distributionPoint).toMatch(
      /^C=JP,O=JPKI-EMU,OU=JPKI for user authentication,OU=CRL Distribution Points/,
    );
    expect(asked[0]?.issuer).toBe(t.pki.ca.auth.certificate);
  });

  it('answers revoked with reason and time', async () => {
    const issued = await issueEndEntity({ ca: t.pki.ca.auth, purpose: 'auth' });
    await recordIssued(t.pki, issued);
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await revokeCertificate(t.pki, { serial: issued.serial, purpose: 'auth', reason: 'superseded', at });
    const source = createCrlStatusSource({ loadCrl: ({ purpose }) => t.loadCrl(purpose) });
    expect(await source.check(authQuery(issued.der))).toEqual({
      status: 'revoked',
      reason: 'superseded',
      revokedAt: at,
    });
  });

  it('is unknown for a stale CRL, a CRL from the future, another CA’s CRL, garbage or none', async () => {
    const cases: { options: Parameters<typeof createCrlStatusSource>[0]; why: RegExp }[] = [
      {
        options: { loadCrl: () => t.loadCrl('auth'), now: () => new Date(Date.now() + 2 * 86_400_000) },
        why: /stale/,
      },
      {
        options: { loadCrl: () => t.loadCrl('auth'), now: () => new Date(Date.now() - 3_600_000) },
        why: /future/,
      },
      { options: { loadCrl: () => t.loadCrl('sign') }, why: /not signed by the issuing CA/ },
      { options: { loadCrl: async () => new Uint8Array([1, 2, 3]) }, why: /not DER/ },
      { options: { loadCrl: async () => undefined }, why: /no CRL for C=JP/ },
      {
        options: {
          loadCrl: async () => {
            throw new Error('disk on fire');
          },
        },
        why: /disk on fire/,
      },
    ];
    for (const { options, why } of cases) {
      expect(await createCrlStatusSource(options).check(authQuery())).toMatchObject({
        status: 'unknown',
        why,
      });
    }
  });
});
