import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { revokeCertificate } from '../dev-jpki/index.ts';
import { verifyMain } from './cli.ts';
import { signCms } from './testing/test-cms.ts';
import { startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;
const content = new TextEncoder().encode('status report: all fine');

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

async function writeSigned(name: string, holderId: string, detached = false): Promise<string> {
  const holder = t.holder(holderId);
  const cms = await signCms({
    content,
    certificateDer: t.certificateDer(holder, 'sign'),
    keyPem: holder.signKeyPem,
    detached,
  });
  const path = join(t.dir, name);
  await writeFile(path, cms);
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
  try {
    return { code: await verifyMain(argv), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('verifyMain', () => {
  it('prints signer, basic info and revocation of a valid signature and exits 0', async () => {
    const file = await writeSigned('ok.p7s', 'tanaka-hanako');
    const { code, out } = await run(['verify', file, '--pki-dir', t.dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^signer: C=JP,L=Tokushima-ken,L=Minami-cho,CN=/m);
    expect(out).toMatch(/^name: 田中　花子$/m);
    expect(out).toMatch(/^date of birth: 1948-04-12 \(era showa\)$/m);
    expect(out).toMatch(/^revocation: good$/m);
  });

  it('verifies detached signatures with --content, and uses a served responder with --ocsp-url', async () => {
    const file = await writeSigned('detached.p7s', 'tanaka-hanako', true);
    const contentFile = join(t.dir, 'content.txt');
    await writeFile(contentFile, content);
    expect((await run([file, '--content', contentFile, '--pki-dir', t.dir])).code).toBe(0);
    expect(
      (await run([file, '--content', contentFile, '--pki-dir', t.dir, '--ocsp-url', t.ocsp.url])).code,
    ).toBe(0);
    expect((await run([file, '--pki-dir', t.dir])).out).toMatch(/^invalid: jpki.cms-malformed/m);
  });

  it('exits 1 with the error code and the revocation reason for a revoked signer', async () => {
    const file = await writeSigned('revoked.p7s', 'sato-yui');
    await revokeCertificate(t.pki, { holderId: 'sato-yui', purpose: 'sign', reason: 'cessationOfOperation' });
    const { code, out } = await run(['verify', file, '--pki-dir', t.dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/^revocation: revoked \(cessationOfOperation\) at /m);
    expect(out).toMatch(/^invalid: jpki.cert-revoked/m);
  });

  it('exits 2 on usage errors and unreadable input', async () => {
    expect((await run(['verify'])).code).toBe(2);
    expect((await run(['verify', 'a', 'b'])).code).toBe(2);
    expect((await run(['verify', '--bogus'])).code).toBe(2);
    expect((await run(['verify', join(t.dir, 'missing.p7s'), '--pki-dir', t.dir])).code).toBe(2);
    expect((await run(['verify', 'x.p7s', '--pki-dir', join(t.dir, 'nothing-here')])).code).toBe(2);
  });
});
