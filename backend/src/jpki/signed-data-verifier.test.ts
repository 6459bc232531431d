import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../dev-jpki/index.ts';
import { JpkiError } from './jpki-error.ts';
import { verifySignedData } from './signed-data-verifier.ts';
import { type SignCmsOptions, signCms } from './testing/test-cms.ts';
import { startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;
const content = new TextEncoder().encode('{"request":"registration","town":"美波町"}');

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

function signedBy(holderId: string, options: Partial<SignCmsOptions> = {}) {
  const holder = t.holder(holderId);
  return signCms({
    content,
    certificateDer: t.certificateDer(holder, 'sign'),
    keyPem: holder.signKeyPem,
    ...options,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JpkiError);
  return (error as JpkiError).code;
}

describe('verifySignedData', () => {
  it('verifies attached content and returns signer, basic info, content and signing time', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    const cms = await signedBy('tanaka-hanako', { signingTime });
    const result = await verifySignedData(t.verifier().certificates, { cms });
    expect(Buffer.from(result.content).equals(Buffer.from(content))).toBe(true);
    expect(result.signingTime).toEqual(signingTime);
    expect(result.basicInfo).toMatchObject({
      name: '田中　花子',
      dateOfBirth: { era: 'showa', date: '1948-04-12' },
    });
    expect(result.signer.purpose).toBe('sign');
  });

  it('verifies detached content given separately, and refuses other content', async () => {
    const cms = await signedBy('tanaka-hanako', { detached: true });
    const { certificates } = t.verifier();
    await expect(verifySignedData(certificates, { cms, content })).resolves.toBeDefined();
    const other = new TextEncoder().encode('something else');
    expect(await refusal(verifySignedData(certificates, { cms, content: other }))).toBe(
      'jpki.signature-invalid',
    );
    expect(await refusal(verifySignedData(certificates, { cms }))).toBe('jpki.cms-malformed');
  });

  it('refuses a corrupted signature', async () => {
    const cms = await signedBy('tanaka-hanako', { corruptSignature: true });
    expect(await refusal(verifySignedData(t.verifier().certificates, { cms }))).toBe(
      'jpki.signature-invalid',
    );
  });

  it('refuses missing signed attributes, a missing signer certificate and bytes that are not CMS', async () => {
    const { certificates } = t.verifier();
    const broken = [
      await signedBy('tanaka-hanako', { omitAttribute: 'signingTime' }),
      await signedBy('tanaka-hanako', { omitAttribute: 'messageDigest' }),
      await signedBy('tanaka-hanako', { omitAttribute: 'contentType' }),
      await signedBy('tanaka-hanako', { omitCertificate: true }),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
      new Uint8Array(),
    ];
    const good = await signedBy('tanaka-hanako');
    broken.push(good.subarray(0, good.length - 20));
    for (const cms of broken)
      expect(await refusal(verifySignedData(certificates, { cms }))).toBe('jpki.cms-malformed');
  });

  it('refuses a signature made with the auth key and certificate', async () => {
    const holder = t.holder('tanaka-hanako');
    const cms = await signCms({
      content,
      certificateDer: t.certificateDer(holder, 'auth'),
      keyPem: holder.authKeyPem,
    });
    expect(await refusal(verifySignedData(t.verifier().certificates, { cms }))).toBe(
      'jpki.cert-wrong-purpose',
    );
  });

  it('refuses a signature whose certificate has been revoked', async () => {
    const cms = await signedBy('sato-yui');
    await revokeCertificate(t.pki, { holderId: 'sato-yui', purpose: 'sign', reason: 'affiliationChanged' });
    const error = await verifySignedData(t.verifier().certificates, { cms }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'jpki.cert-revoked', revocation: { reason: 'affiliationChanged' } });
  });

  it('verifies what OpenSSL signs (attached and detached), and OpenSSL accepts what the test fixture signs', async () => {
    const holder = t.holder('tanaka-hanako');
    const path = (name: string) => join(t.dir, name);
    await writeFile(path('cert.pem'), holder.signCertPem);
    await writeFile(path('key.pem'), holder.signKeyPem);
    await writeFile(path('content.bin'), content);
    const sign = ['cms', '-sign', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', path('content.bin')];
    const signer = ['-signer', path('cert.pem'), '-inkey', path('key.pem')];
    execFileSync('openssl', [...sign, ...signer, '-nodetach', '-out', path('attached.p7s')]);
    execFileSync('openssl', [...sign, ...signer, '-out', path('detached.p7s')]);
    const { certificates } = t.verifier();
    const attached = await verifySignedData(certificates, { cms: await readFile(path('attached.p7s')) });
    expect(Buffer.from(attached.content).equals(Buffer.from(content))).toBe(true);
    await verifySignedData(certificates, { cms: await readFile(path('detached.p7s')), content });

    await writeFile(path('fixture.p7s'), await signedBy('tanaka-hanako'));
    const verify = ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', path('fixture.p7s')];
    const out = execFileSync('openssl', verify, { stdio: ['ignore', 'pipe', 'ignore'] });
    expect(out.toString()).toBe(Buffer.from(content).toString());
  });
});
