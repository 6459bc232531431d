import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicInfoOid, extensionOid, nameOid, policyOid } from '../jpki/oids.ts';
import { createCa } from './dev-ca.ts';
import { type DevPki, initDevPki } from './dev-pki.ts';
import { devPkiFiles } from './dev-pki-files.ts';
import { issueEndEntity } from './end-entity.ts';
import type { HolderProfile } from './holder-profile.ts';
import { openssl } from './openssl.test-support.ts';
import { fromPem } from './pem.ts';
import { fifthBirthdayAfter } from './validity.ts';

let dir: string;
let pki: DevPki;
const text = async (pem: string) =>
  (await openssl(['x509', '-noout', '-text', '-nameopt', 'RFC2253,utf8,-esc_msb'], Buffer.from(pem))).output;
const holder = (id: string) => pki.holders.find((entry) => entry.id === id) as HolderProfile;
const parse = (pem: string) => pkijs.Certificate.fromBER(fromPem(pem, 'CERTIFICATE'));

async function verifyWith(caPem: string, certPem: string) {
  const caFile = join(dir, `ca-${Math.random()}.pem`);
  const certFile = join(dir, `ee-${Math.random()}.pem`);
  await writeFile(caFile, caPem);
  await writeFile(certFile, certPem);
  return await openssl(['verify', '-CAfile', caFile, certFile]);
}

/** The SAN otherNames as [type-id, UTF8String value] pairs, in certificate order. */
function otherNames(certificate: pkijs.Certificate): Array<[string, string]> {
  const san = certificate.extensions?.find((extension) => extension.extnID === extensionOid.subjectAltName);
  const names = asn1js.fromBER(san?.extnValue.valueBlock.valueHexView ?? new Uint8Array())
    .result as asn1js.Sequence;
  return names.valueBlock.value.map((name) => {
    const [typeId, wrapped] = (name as asn1js.Constructed).valueBlock.value as [
      asn1js.ObjectIdentifier,
      asn1js.Constructed,
    ];
    const value = wrapped.valueBlock.value[0] as asn1js.Utf8String;
    expect(value).toBeInstanceOf(asn1js.Utf8String);
    return [typeId.valueBlock.toString(), value.valueBlock.value];
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-certs-'));
  pki = await initDevPki({ dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CA certificates', () => {
  it.each(['sign', 'auth'] as const)('%s CA has the J-LIS layout under O=JPKI-EMU', async (purpose) => {
    const out = await text(pki.ca[purpose].pem);
    const unit = purpose === 'sign' ? 'JPKI for digital signature' : 'JPKI for user authentication';
    const name = `OU=Japan Agency for Local Authority Information Systems,OU=${unit},O=JPKI-EMU,C=JP`;
    expect(out).toContain(`Subject: ${name}`);
    expect(out).toContain(`Issuer: ${name}`);
    expect(out).toContain('Public-Key: (2048 bit)');
    expect(out).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(out).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(out).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(out).toContain('X509v3 Subject Key Identifier');
    expect(out).toMatch(/X509v3 Subject Alternative Name:\s+DirName:/);
    // The CA's CRL distribution point is its own name (openssl prints DirNames in this form).
    expect(out).toMatch(
      /CRL Distribution Points:\s+Full Name:\s+DirName:C = JP, O = JPKI-EMU, OU = JPKI for/,
    );
    expect(out).toContain(`OU = ${unit}, OU = Japan Agency for Local Authority Information Systems\n`);
    const selfSigned = devPkiFiles(dir).caCert(purpose);
    expect((await openssl(['verify', '-CAfile', selfSigned, selfSigned])).status).toBe(0);
  });

  it('uses PrintableString for C and UTF8String elsewhere, and the Japanese service DirName in SAN', () => {
    const certificate = pki.ca.sign.certificate;
    for (const attribute of certificate.subject.typesAndValues) {
      const expected = attribute.type === nameOid.country ? asn1js.PrintableString : asn1js.Utf8String;
      expect(attribute.value).toBeInstanceOf(expected);
    }
    const san = certificate.extensions?.find((extension) => extension.extnID === extensionOid.subjectAltName);
    const altName = san?.parsedValue as pkijs.AltName;
    const dirName = altName.altNames[0]?.value as pkijs.RelativeDistinguishedNames;
    expect(dirName.typesAndValues.map((attribute) => attribute.value.valueBlock.value)).toEqual([
      'JP',
      '公的個人認証サービス',
      '公的個人認証サービス署名用',
      '地方公共団体情報システム機構',
    ]);
  });
});

describe('holder certificates', () => {
  it('issues at least three demo holders with keys, certificates and their CAs', () => {
    expect(pki.holders.map((entry) => entry.id)).toEqual(['tanaka-hanako', 'sato-yui', 'suzuki-ichiro']);
    for (const entry of pki.holders) {
      expect(entry.pin).toBe('1234');
      expect(entry.password).toBe('ABC123');
      expect(entry.authKeyPem).toContain('BEGIN PRIVATE KEY');
      expect(entry.signCaPem).toBe(pki.ca.sign.pem);
      expect(entry.authCaPem).toBe(pki.ca.auth.pem);
    }
  });

  it('signature certificate carries the J-LIS extensions', async () => {
    const out = await text(holder('tanaka-hanako').signCertPem);
    expect(out).toMatch(/Subject: CN=\d{19}EMU,L=Minami-cho,L=Tokushima-ken,C=JP/);
    expect(out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(out).toMatch(
      new RegExp(
        `Certificate Policies: critical\\s+Policy: ${policyOid.sign}\\s+CPS: http://www.jpki.go.jp/cps.html`,
      ),
    );
    expect(out).toMatch(/Issuer Alternative Name:\s+DirName:/);
    expect(out).toContain(
      'DirName:C = JP, O = JPKI-EMU, OU = JPKI for digital signature, OU = CRL Distribution Points, OU = Tokushima-ken, CN = Minami-cho CRLDP',
    );
    expect(out).toMatch(/Authority Key Identifier:\s+[0-9A-F:]+/);
    expect(out).toContain('othername: 1.2.392.200149.8.5.5.1::田中　花子');
  });

  it('SAN otherNames decode to the basic info in the real order', () => {
    expect(otherNames(parse(holder('tanaka-hanako').signCertPem))).toEqual([
      [basicInfoOid.commonName, '田中　花子'],
      [basicInfoOid.dateOfBirth, '319480412'],
      [basicInfoOid.gender, '2'],
      [basicInfoOid.address, '徳島県海部郡美波町奥河内字寺前１２３番地'],
      [basicInfoOid.commonNameSubstitute, '00000'],
      [basicInfoOid.addressSubstitute, '0'.repeat(20)],
    ]);
    const suzuki = new Map(otherNames(parse(holder('suzuki-ichiro').signCertPem)));
    expect(suzuki.get(basicInfoOid.addressSubstitute)).toBe('000000000000010000');
    expect(suzuki.get(basicInfoOid.dateOfBirth)).toBe('319410921');
    expect(suzuki.get(basicInfoOid.gender)).toBe('1');
  });

  it('user authentication certificate has no personal data', async () => {
    const out = await text(holder('sato-yui').authCertPem);
    expect(out).toMatch(/Subject: CN=[0-9A-F]{24},C=JP\n/);
    expect(out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(out).toMatch(new RegExp(`Certificate Policies: critical\\s+Policy: ${policyOid.auth}`));
    expect(out).not.toContain('Subject Alternative Name');
    expect(out).toContain('OU = JPKI for user authentication, OU = CRL Distribution Points');
  });

  it('runs to the 5th birthday after issue', () => {
    const certificate = parse(holder('sato-yui').signCertPem);
    const notBefore = certificate.notBefore.value;
    expect(certificate.notAfter.value).toEqual(fifthBirthdayAfter(notBefore, '419920703'));
    expect(parse(holder('sato-yui').authCertPem).notAfter.value).toEqual(certificate.notAfter.value);
  });

  it('chains to its own CA only', async () => {
    const entry = holder('tanaka-hanako');
    expect((await verifyWith(entry.signCaPem, entry.signCertPem)).status).toBe(0);
    expect((await verifyWith(entry.authCaPem, entry.authCertPem)).status).toBe(0);
    expect((await verifyWith(entry.authCaPem, entry.signCertPem)).status).not.toBe(0);
  });
});

describe('issueEndEntity for bad certificates', () => {
  const day = 24 * 60 * 60 * 1000;

  it('makes expired and not-yet-valid certificates', async () => {
    const expired = await issueEndEntity({
      ca: pki.ca.auth,
      purpose: 'auth',
      notBefore: new Date(Date.now() - 10 * day),
      notAfter: new Date(Date.now() - day),
    });
    expect((await verifyWith(pki.ca.auth.pem, expired.pem)).output).toContain('certificate has expired');
    const future = await issueEndEntity({
      ca: pki.ca.auth,
      purpose: 'auth',
      notBefore: new Date(Date.now() + day),
    });
    expect((await verifyWith(pki.ca.auth.pem, future.pem)).output).toContain('certificate is not yet valid');
  });

  it('makes certificates of a rogue CA with the same name', async () => {
    const rogue = await createCa({ purpose: 'sign' });
    const issued = await issueEndEntity({ ca: rogue, purpose: 'sign' });
    expect((await verifyWith(rogue.pem, issued.pem)).status).toBe(0);
    expect((await verifyWith(pki.ca.sign.pem, issued.pem)).status).not.toBe(0);
  });

  it('overrides key usage, policies and basic info, reusing a key', async () => {
    const original = await issueEndEntity({ ca: pki.ca.sign, purpose: 'sign' });
    const issued = await issueEndEntity({
      ca: pki.ca.sign,
      purpose: 'sign',
      subjectKey: { publicKey: await original.certificate.getPublicKey(), privateKey: original.privateKey },
      keyUsage: ['keyEncipherment'],
      policies: [policyOid.auth],
      basicInfo: null,
    });
    const out = await text(issued.pem);
    expect(out).toMatch(/Key Usage: critical\s+Key Encipherment\n/);
    expect(out).toContain(`Policy: ${policyOid.auth}`);
    expect(out).not.toContain('othername');
    expect(issued.keyPem).toBe(original.keyPem);
    const noPolicies = await issueEndEntity({ ca: pki.ca.auth, purpose: 'auth', policies: [] });
    expect(await text(noPolicies.pem)).not.toContain('Certificate Policies');
  });
});
