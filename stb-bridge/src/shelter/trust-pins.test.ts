// CA pinning of the trust download: a CA is accepted when it is pinned itself, or when it chains inside the
// downloaded bundle to a pinned root (each signature checked); an unpinned or forged chain is refused.
// Certificates are made with openssl (root → intermediate CA, and a look-alike root with the same name).
import { execFileSync } from 'node:child_process';
import type { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificatesOfPem, fingerprintOf, normaliseFingerprint, pinnedCa } from './trust-pins.ts';

const dir = mkdtempSync(join(tmpdir(), 'myna-trust-pins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const caExtensions = 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n';
writeFileSync(join(dir, 'ca.ext'), caExtensions);

function selfSigned(name: string): string {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '30',
    '-subj',
    '/C=JP/O=Test/CN=Test Root',
    '-addext',
    'basicConstraints=critical,CA:true',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  return readFileSync(join(dir, `${name}.pem`), 'utf8');
}
const root = selfSigned('root');
const lookAlike = selfSigned('look-alike');
openssl(
  'req',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-keyout',
  'auth.key',
  '-out',
  'auth.csr',
  '-subj',
  '/C=JP/O=Test/CN=Test Auth CA',
);
openssl(
  'x509',
  '-req',
  '-in',
  'auth.csr',
  '-CA',
  'root.pem',
  '-CAkey',
  'root.key',
  '-CAcreateserial',
  '-out',
  'auth.pem',
  '-days',
  '30',
  '-extfile',
  'ca.ext',
);
const authCa = readFileSync(join(dir, 'auth.pem'), 'utf8');
const fingerprint = (pem: string) => fingerprintOf(certificatesOfPem(pem)[0] as X509Certificate);

describe('trust pins', () => {
  it('accepts a pinned CA, and a CA whose bundle chains to a pinned root', () => {
    expect(fingerprintOf(pinnedCa(root, [fingerprint(root)]))).toBe(fingerprint(root));
    expect(fingerprintOf(pinnedCa(`${authCa}${root}`, [fingerprint(root)]))).toBe(fingerprint(authCa));
  });

  it('refuses a CA without its pinned root, and a root that only looks alike', () => {
    const refusal = (pem: string) => {
      try {
        pinnedCa(pem, [fingerprint(root)]);
        return null;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(refusal(authCa)).toBe('shelter.trust-unpinned');
    // Same name as the pinned root, another key: the intermediate's signature does not verify against it.
    expect(refusal(`${authCa}${lookAlike}`)).toBe('shelter.trust-unpinned');
    expect(refusal(lookAlike)).toBe('shelter.trust-unpinned');
  });

  it('reads fingerprints as openssl prints them', () => {
    const hex = fingerprint(root);
    const colons = hex.toUpperCase().match(/../g)?.join(':') ?? '';
    expect(normaliseFingerprint(colons)).toBe(hex);
    expect(() => normaliseFingerprint('abc')).toThrow(RangeError);
  });
});
