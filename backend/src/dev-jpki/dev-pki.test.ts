import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCrl } from './crl-publication.ts';
import { type DevPki, initDevPki, loadDevPki } from './dev-pki.ts';
import { DevPkiError } from './dev-pki-error.ts';
import { devPkiFiles } from './dev-pki-files.ts';
import { readLedger } from './ledger.ts';
import { openssl } from './openssl.test-support.ts';
import { parseRevocationReason } from './revocation-reason.ts';
import { revokeCertificate } from './revoke-certificate.ts';

let dir: string;
let pki: DevPki;

async function crlText(purpose: 'sign' | 'auth'): Promise<string> {
  const files = devPkiFiles(dir);
  const args = [
    'crl',
    '-inform',
    'DER',
    '-in',
    files.crl(purpose),
    '-CAfile',
    files.caCert(purpose),
    '-noout',
    '-text',
  ];
  return (await openssl(args)).output;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-store-'));
  pki = await initDevPki({ dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('data folder', () => {
  it('holds the CA certificates and keys, holder profiles, ledger and CRLs', async () => {
    const files = devPkiFiles(dir);
    for (const path of [
      files.caCert('sign'),
      files.caKey('sign'),
      files.caCert('auth'),
      files.caKey('auth'),
      files.crl('sign'),
      files.crl('auth'),
      files.issued,
      files.revocations,
      files.holder('tanaka-hanako'),
    ]) {
      expect((await stat(path)).isFile()).toBe(true);
    }
    const profile = JSON.parse(await readFile(files.holder('sato-yui'), 'utf8'));
    expect(profile).toMatchObject({
      id: 'sato-yui',
      pin: '1234',
      password: 'ABC123',
      basicInfo: { gender: '2' },
    });
    expect((await readLedger(dir)).issued).toHaveLength(6);
  });

  it('init is idempotent and load reads the same PKI', async () => {
    const again = await initDevPki({ dir });
    expect(again.ca.sign.pem).toBe(pki.ca.sign.pem);
    expect(again.ca.auth.keyPem).toBe(pki.ca.auth.keyPem);
    expect(again.holders).toEqual(pki.holders);
    expect((await readLedger(dir)).issued).toHaveLength(6);
    const loaded = await loadDevPki(dir);
    expect(loaded.ca.sign.der).toEqual(pki.ca.sign.der);
    expect(loaded.holders.map((holder) => holder.id).sort()).toEqual(pki.holders.map((h) => h.id).sort());
  });

  it('load of an empty folder is dev-pki.not-found', async () => {
    await expect(loadDevPki(join(dir, 'nothing-here'))).rejects.toMatchObject({ code: 'dev-pki.not-found' });
  });
});

describe('revocation', () => {
  it('starts with empty, verifiable v2 CRLs', async () => {
    const text = await crlText('auth');
    expect(text).toContain('verify OK');
    expect(text).toContain('Version 2');
    expect(text).toMatch(/CRL Number:\s+1\n/);
    expect(text).toContain('No Revoked Certificates');
  });

  it('republishes the CRL with reason code and a higher number on each revocation', async () => {
    const death = await revokeCertificate(pki, {
      holderId: 'suzuki-ichiro',
      purpose: 'auth',
      reason: parseRevocationReason('death'),
    });
    expect(death.reason).toBe('cessationOfOperation');
    const loss = await revokeCertificate(pki, {
      holderId: 'sato-yui',
      purpose: 'auth',
      reason: 'keyCompromise',
    });
    const text = await crlText('auth');
    expect(text).toContain('verify OK');
    expect(text).toMatch(/CRL Number:\s+3\n/);
    expect(text).toMatch(
      new RegExp(
        `Serial Number: ${death.serial}\\s+Revocation Date: .+\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Cessation Of Operation`,
      ),
    );
    expect(text).toMatch(new RegExp(`Serial Number: ${loss.serial}[\\s\\S]+Key Compromise`));
    expect(await crlText('sign')).toContain('No Revoked Certificates');
  });

  it('revokes by serial, persists, and refuses a second revocation', async () => {
    const ledger = await readLedger(dir);
    const serial =
      ledger.issued.find((r) => r.holderId === 'tanaka-hanako' && r.purpose === 'sign')?.serial ?? '';
    const at = new Date('2026-02-01T00:00:00Z');
    await revokeCertificate(pki, { serial: serial.toLowerCase(), purpose: 'sign', reason: 'superseded', at });
    expect((await readLedger(dir)).revocations).toContainEqual({
      purpose: 'sign',
      serial,
      holderId: 'tanaka-hanako',
      reason: 'superseded',
      revokedAt: at.toISOString(),
    });
    expect(await crlText('sign')).toMatch(
      /Revocation Date: Feb {2}1 00:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Superseded/,
    );
    await expect(
      revokeCertificate(pki, { holderId: 'tanaka-hanako', purpose: 'sign', reason: 'superseded' }),
    ).rejects.toMatchObject({ code: 'dev-pki.already-revoked' });
  });

  it('rejects unknown holders, serials and reasons', async () => {
    await expect(
      revokeCertificate(pki, { holderId: 'nobody', purpose: 'sign', reason: 'keyCompromise' }),
    ).rejects.toMatchObject({
      code: 'dev-pki.not-found',
    });
    await expect(revokeCertificate(pki, { purpose: 'sign', reason: 'keyCompromise' })).rejects.toBeInstanceOf(
      DevPkiError,
    );
    expect(() => parseRevocationReason('stolen')).toThrow(DevPkiError);
  });

  it('republishes a CRL that is past its nextUpdate when asked for it', async () => {
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await currentCrl(pki, 'sign', later);
    expect(await crlText('sign')).toMatch(/CRL Number:\s+3\n/);
    expect((await readLedger(dir)).crlNumber.sign).toBe(3);
  });
});
