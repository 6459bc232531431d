import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlertError } from './alert-error.ts';
import { parseAlert } from './parse-alert.ts';
import { signersPolicy } from './signature-policy.ts';
import { createCertificate, signCap, type TestCertificate } from './test-pki.test-support.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const day = 86_400_000;
const sender = 'bousai@town.minami.example.jp';

let root: TestCertificate;
let intermediate: TestCertificate;
let signer: TestCertificate;
let signerViaIntermediate: TestCertificate;
let rogueRoot: TestCertificate;
let rogueSigner: TestCertificate;
let expiredSigner: TestCertificate;

beforeAll(async () => {
  root = await createCertificate({ commonName: 'Myna TV Test Alert Root', ca: true }, null);
  intermediate = await createCertificate({ commonName: 'Myna TV Test Alert CA 1', ca: true }, root);
  signer = await createCertificate({ commonName: sender, organization: '美波町' }, root);
  signerViaIntermediate = await createCertificate({ commonName: sender }, intermediate);
  rogueRoot = await createCertificate({ commonName: 'Myna TV Test Alert Root', ca: true }, null);
  rogueSigner = await createCertificate({ commonName: sender }, rogueRoot);
  expiredSigner = await createCertificate(
    { commonName: sender, notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) },
    root,
  );
});

const parse = (xml: string, options: Parameters<typeof parseAlert>[1] = {}) =>
  parseAlert(xml, { anchors: [root.x509], ...options });

describe('XML-DSig on CAP', () => {
  it('verifies a signed message and names the signer', () => {
    const alert = parse(signCap(fixture('cap-evacuation-polygon.xml'), signer));
    expect(alert.signature).toEqual({ present: true, valid: true, signer: `C=JP, O=美波町, CN=${sender}` });
    expect(alert.infos[0]?.event).toBe('避難指示');
  });

  it('verifies a cap:-prefixed message', () => {
    expect(parse(signCap(fixture('cap-prefixed-multi-info.xml'), signer)).signature.valid).toBe(true);
  });

  it('follows a chain through an intermediate carried in KeyInfo', () => {
    const xml = signCap(fixture('cap-evacuation-polygon.xml'), signerViaIntermediate, {
      chain: [intermediate],
    });
    expect(parse(xml).signature.valid).toBe(true);
    // Without the intermediate the chain cannot be built.
    const bare = signCap(fixture('cap-evacuation-polygon.xml'), signerViaIntermediate);
    expect(parse(bare).signature).toMatchObject({ present: true, valid: false });
  });

  it('is invalid when any signed content changes', () => {
    const signed = signCap(fixture('cap-evacuation-polygon.xml'), signer);
    const tampered = signed.replace('<value>4</value>', '<value>5</value>');
    expect(tampered).not.toBe(signed);
    expect(parse(tampered).signature).toMatchObject({
      present: true,
      valid: false,
      reason: 'signature does not match the message',
    });
  });

  it('is invalid when the certificate does not chain to an anchor (same name, other key)', () => {
    const alert = parse(signCap(fixture('cap-evacuation-polygon.xml'), rogueSigner));
    expect(alert.signature.valid).toBe(false);
    expect(alert.signature.reason).toMatch(/does not chain/);
  });

  it('is invalid with an expired signer certificate, and with no anchors at all', () => {
    const expired = parse(signCap(fixture('cap-evacuation-polygon.xml'), expiredSigner));
    expect(expired.signature.reason).toMatch(/not valid at/);
    const noAnchors = parseAlert(signCap(fixture('cap-evacuation-polygon.xml'), signer));
    expect(noAnchors.signature).toMatchObject({ present: true, valid: false });
  });

  it('rejects SHA-1 unless the sender is allowed legacy SHA-1', () => {
    const xml = signCap(fixture('cap-evacuation-polygon.xml'), signer, { sha1: true });
    expect(parse(xml).signature.reason).toMatch(/rsa-sha1 is not accepted/);
    expect(parse(xml, { sha1Senders: [sender] }).signature.valid).toBe(true);
  });

  it('treats a Signature nested below the root as signature wrapping', () => {
    const signed = signCap(fixture('cap-evacuation-polygon.xml'), signer);
    const signature = signed.slice(signed.indexOf('<Signature'), signed.indexOf('</Signature>') + 12);
    const wrapped = signed
      .replace(signature, '')
      .replace('</info>', `<parameter>${signature}</parameter></info>`);
    expect(parse(wrapped).signature).toMatchObject({ present: true, valid: false });
    expect(parse(wrapped).signature.reason).toMatch(/nested/);
  });

  it('accepts two signatures that each exclude the other (sender + aggregator)', () => {
    const once = signCap(fixture('cap-evacuation-polygon.xml'), signer);
    // The aggregator signs the original message, then both signatures sit side by side.
    const aggregator = signCap(fixture('cap-evacuation-polygon.xml'), signerViaIntermediate, {
      chain: [intermediate],
    });
    const second = aggregator.slice(
      aggregator.indexOf('<Signature'),
      aggregator.indexOf('</Signature>') + 12,
    );
    const both = once.replace('</alert>', `${second}</alert>`);
    expect(parse(both).signature).toMatchObject({ present: true, valid: true });
  });

  it('reads a placeholder Signature with no content as present and invalid', () => {
    const xml = fixture('cap-evacuation-polygon.xml').replace(
      '</alert>',
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">...</Signature></alert>',
    );
    expect(parse(xml).signature).toMatchObject({ present: true, valid: false });
  });
});

describe('signature policy', { timeout: 120_000 }, () => {
  const policy = signersPolicy([sender]);

  it('rejects an unsigned message from a publisher that must sign', () => {
    expect(() => parse(fixture('cap-evacuation-polygon.xml'), { policy })).toThrow(
      expect.objectContaining({ code: 'alert.signature-required' }),
    );
  });

  it('rejects a badly signed message from a publisher that must sign', () => {
    const xml = signCap(fixture('cap-evacuation-polygon.xml'), rogueSigner);
    expect(() => parse(xml, { policy })).toThrow(AlertError);
    expect(() => parse(xml, { policy })).toThrow(
      expect.objectContaining({ code: 'alert.signature-invalid' }),
    );
  });

  it('accepts a well signed message, and leaves other publishers alone', () => {
    expect(parse(signCap(fixture('cap-evacuation-polygon.xml'), signer), { policy }).signature.valid).toBe(
      true,
    );
    expect(parse(fixture('cap-foreign-cancel.xml'), { policy }).signature.present).toBe(false);
  });

  it('the CLI verifies with --anchor and enforces --must-sign (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-sig-'));
    const anchor = join(dir, 'root.pem');
    const signedFile = join(dir, 'signed.xml');
    writeFileSync(anchor, root.pem);
    writeFileSync(signedFile, signCap(fixture('cap-evacuation-polygon.xml'), signer));
    const cli = new URL('cli.ts', import.meta.url).pathname;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', cli, 'parse', signedFile, '--anchor', anchor, '--must-sign', sender],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out).signature).toEqual({
      present: true,
      valid: true,
      signer: `C=JP, O=美波町, CN=${sender}`,
    });
    const unsigned = join(dir, 'unsigned.xml');
    writeFileSync(unsigned, fixture('cap-evacuation-polygon.xml'));
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', cli, 'parse', unsigned, '--must-sign-all'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toMatch(/alert\.signature-required/);
  });
});
