import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, privateEncrypt, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCms } from './cms-signer.ts';

let dir: string;
let certDer: Uint8Array;
let keyPem: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cms-signer-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/C=JP/CN=cms signer test',
      '-days',
      '2',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  keyPem = readFileSync(join(dir, 'key.pem'), 'utf8');
  certDer = new Uint8Array(new X509Certificate(readFileSync(join(dir, 'cert.pem'))).raw);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Signs like the card: PKCS#1 v1.5 type-1 padding around the DigestInfo it is given. */
const cardLike = async (digestInfo: Uint8Array) =>
  new Uint8Array(
    privateEncrypt({ key: createPrivateKey(keyPem), padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  );

function opensslVerify(p7s: Uint8Array, extra: string[] = []): string {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}.p7s`);
  writeFileSync(file, p7s);
  return execFileSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-inform',
      'DER',
      '-in',
      file,
      '-CAfile',
      join(dir, 'cert.pem'),
      '-purpose',
      'any',
      ...extra,
    ],
    { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

describe('signCms', () => {
  const content = new TextEncoder().encode('現況届 2026 — status report\n');

  it('makes an attached SignedData openssl verifies and returns the content of', async () => {
    const p7s = await signCms({ content, signerCertificate: certDer, signDigestInfo: cardLike });
    expect(Buffer.from(opensslVerify(p7s), 'latin1').equals(Buffer.from(content))).toBe(true);
  });

  it('makes a detached one, with rsaEncryption as signature algorithm', async () => {
    const p7s = await signCms({
      content,
      signerCertificate: certDer,
      extraCertificates: [certDer],
      signDigestInfo: cardLike,
      detached: true,
      signatureAlgorithm: 'rsaEncryption',
    });
    const contentFile = join(dir, 'content.txt');
    writeFileSync(contentFile, content);
    opensslVerify(p7s, ['-content', contentFile, '-binary', '-out', '/dev/null']);
    const signed = parse(p7s);
    expect(signed.encapContentInfo.eContent).toBeUndefined();
    expect(signed.certificates).toHaveLength(2);
    expect(signed.signerInfos[0]?.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.1');
  });

  it('signs the DER SET OF of contentType, signingTime, messageDigest, in DER order', async () => {
    const signingTime = new Date('2026-04-01T09:30:00Z');
    const p7s = await signCms({ content, signerCertificate: certDer, signDigestInfo: cardLike, signingTime });
    const info = parse(p7s).signerInfos[0] as pkijs.SignerInfo;
    const types = info.signedAttrs?.attributes.map((a) => a.type);
    expect(types).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4']);
    expect(info.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11');
    const setOf = new Uint8Array(info.signedAttrs?.toSchema().toBER() as ArrayBuffer);
    setOf[0] = 0x31;
    const signature = info.signature.valueBlock.valueHexView;
    expect(verify('sha256', setOf, new X509Certificate(certDer).publicKey, signature)).toBe(true);
    expect(Buffer.from(p7s).includes(Buffer.from('260401093000Z'))).toBe(true);
  });
});

function parse(p7s: Uint8Array): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(p7s);
  expect(info.contentType).toBe('1.2.840.113549.1.7.2');
  return new pkijs.SignedData({ schema: info.content });
}
