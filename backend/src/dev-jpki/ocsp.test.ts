import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocspOid } from '../jpki/oids.ts';
import { createCa } from './dev-ca.ts';
import { type DevPki, initDevPki, recordIssued } from './dev-pki.ts';
import { devPkiFiles } from './dev-pki-files.ts';
import { type DevPkiServer, startDevPkiServer } from './dev-pki-server.ts';
import { issueEndEntity } from './end-entity.ts';
import type { HolderProfile } from './holder-profile.ts';
import { createOcspHandler } from './ocsp-handler.ts';
import { answerOcspRequest } from './ocsp-response.ts';
import { openssl } from './openssl.test-support.ts';
import { fromPem } from './pem.ts';
import { revokeCertificate } from './revoke-certificate.ts';

let dir: string;
let pki: DevPki;
let server: DevPkiServer;
const holder = (id: string) => pki.holders.find((entry) => entry.id === id) as HolderProfile;

async function pemFile(name: string, pem: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, pem);
  return path;
}

/** `openssl ocsp` against the served responder, trusting only the CA of `purpose`. */
async function askOpenssl(certPem: string, purpose: 'sign' | 'auth', issuerPem = pki.ca[purpose].pem) {
  const issuer = await pemFile(`issuer-${Math.random()}.pem`, issuerPem);
  const cert = await pemFile(`cert-${Math.random()}.pem`, certPem);
  const caFile = devPkiFiles(dir).caCert(purpose);
  const args = ['ocsp', '-issuer', issuer, '-cert', cert, '-CAfile', caFile, '-url', `${server.url}/ocsp`];
  return openssl(args);
}

function statusOf(der: Uint8Array): number {
  return pkijs.OCSPResponse.fromBER(der).responseStatus.valueBlock.valueDec;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-ocsp-'));
  pki = await initDevPki({ dir });
  server = await startDevPkiServer({ pki, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OCSP responder', () => {
  it('answers good for a current certificate, signed, with the nonce echoed', async () => {
    const { status, output } = await askOpenssl(holder('sato-yui').signCertPem, 'sign');
    expect(status).toBe(0);
    expect(output).toContain('Response verify OK');
    expect(output).toMatch(/cert-[\d.]+\.pem: good\s+This Update: .+\s+Next Update: /);
    expect(output).not.toContain('WARNING'); // openssl warns when the nonce is missing or differs
  });

  it('flips to revoked with reason and time after revokeCertificate', async () => {
    const at = new Date('2026-01-15T03:00:00Z');
    await revokeCertificate(pki, {
      holderId: 'tanaka-hanako',
      purpose: 'sign',
      reason: 'affiliationChanged',
      at,
    });
    const { output } = await askOpenssl(holder('tanaka-hanako').signCertPem, 'sign');
    expect(output).toContain('Response verify OK');
    expect(output).toMatch(
      /: revoked\s+This Update: .+\s+Next Update: .+\s+Reason: affiliationChanged\s+Revocation Time: Jan 15 03:00:00 2026 GMT/,
    );
    // The user authentication certificate survives a change of the basic info.
    expect((await askOpenssl(holder('tanaka-hanako').authCertPem, 'auth')).output).toMatch(/: good/);
  });

  it('answers unknown for a serial it never issued, good once recorded', async () => {
    const stray = await issueEndEntity({ ca: pki.ca.auth, purpose: 'auth' });
    expect((await askOpenssl(stray.pem, 'auth')).output).toMatch(/: unknown/);
    await recordIssued(pki, stray);
    expect((await askOpenssl(stray.pem, 'auth')).output).toMatch(/: good/);
  });

  it('answers unauthorized for another CA', async () => {
    const rogue = await createCa({ purpose: 'auth', organization: 'ROGUE' });
    const issued = await issueEndEntity({ ca: rogue, purpose: 'auth' });
    expect((await askOpenssl(issued.pem, 'auth', rogue.pem)).output).toContain('unauthorized (6)');
  });

  it('answers GET requests with the base64 request URL-encoded in the path', async () => {
    const issuer = await pemFile('get-issuer.pem', pki.ca.auth.pem);
    const cert = await pemFile('get-cert.pem', holder('sato-yui').authCertPem);
    const requestFile = join(dir, 'get-request.der');
    await openssl(['ocsp', '-issuer', issuer, '-cert', cert, '-no_nonce', '-reqout', requestFile]);
    const encoded = encodeURIComponent((await readFile(requestFile)).toString('base64'));
    const response = await fetch(`${server.url}/ocsp/${encoded}`);
    expect(response.headers.get('content-type')).toBe('application/ocsp-response');
    const responseFile = join(dir, 'get-response.der');
    await writeFile(responseFile, new Uint8Array(await response.arrayBuffer()));
    const caFile = devPkiFiles(dir).caCert('auth');
    const checked = await openssl([
      'ocsp',
      '-respin',
      responseFile,
      '-CAfile',
      caFile,
      '-issuer',
      issuer,
      '-cert',
      cert,
      '-no_nonce',
    ]);
    expect(checked.output).toContain('Response verify OK');
    expect(checked.output).toMatch(/get-cert\.pem: good/);
  });

  it('answers malformedRequest to garbage, never failing', async () => {
    const posted = await fetch(`${server.url}/ocsp`, { method: 'POST', body: 'not DER at all' });
    expect(posted.status).toBe(200);
    expect(statusOf(new Uint8Array(await posted.arrayBuffer()))).toBe(1);
    const got = await fetch(`${server.url}/ocsp/%25%25not-base64`);
    expect(statusOf(new Uint8Array(await got.arrayBuffer()))).toBe(1);
    const handler = createOcspHandler(pki);
    const bare = await handler(new Request('http://x/'));
    expect(statusOf(new Uint8Array(await bare.arrayBuffer()))).toBe(1);
    expect((await handler(new Request('http://x/', { method: 'PUT', body: 'x' }))).status).toBe(405);
    const empty = new pkijs.OCSPRequest();
    expect(statusOf(await answerOcspRequest(pki, new Uint8Array(empty.toSchema(true).toBER(false))))).toBe(1);
  });

  it('verifies with pkijs against the CA and echoes a pkijs-built nonce', async () => {
    const certificate = pkijs.Certificate.fromBER(
      fromPem(holder('suzuki-ichiro').signCertPem, 'CERTIFICATE'),
    );
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(certificate, {
      hashAlgorithm: 'SHA-256',
      issuerCertificate: pki.ca.sign.certificate,
    });
    const nonce = new asn1js.OctetString({ valueHex: crypto.getRandomValues(new Uint8Array(16)) }).toBER(
      false,
    );
    request.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: ocspOid.nonce, extnValue: nonce })];
    const der = await answerOcspRequest(pki, new Uint8Array(request.toSchema(true).toBER(false)));
    const response = pkijs.OCSPResponse.fromBER(der);
    const basic = pkijs.BasicOCSPResponse.fromBER(
      response.responseBytes?.response.valueBlock.valueHexView ?? new Uint8Array(),
    );
    expect(await basic.verify({ trustedCerts: [pki.ca.sign.certificate] })).toBe(true);
    expect((await response.getCertificateStatus(certificate, pki.ca.sign.certificate)).status).toBe(0);
    const echoed = basic.tbsResponseData.responseExtensions?.find(
      (extension) => extension.extnID === ocspOid.nonce,
    );
    expect(Buffer.from(echoed?.extnValue.valueBlock.valueHexView ?? [])).toEqual(Buffer.from(nonce));
  });

  it('serves each CA CRL, current and signed', async () => {
    const crlFile = join(dir, 'served-sign.crl');
    await writeFile(crlFile, new Uint8Array(await (await fetch(`${server.url}/sign.crl`)).arrayBuffer()));
    const caFile = devPkiFiles(dir).caCert('sign');
    const { output } = await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      crlFile,
      '-CAfile',
      caFile,
      '-noout',
      '-text',
    ]);
    expect(output).toContain('verify OK');
    const tanakaSerial = pkijs.Certificate.fromBER(
      fromPem(holder('tanaka-hanako').signCertPem, 'CERTIFICATE'),
    );
    const serialHex = Buffer.from(tanakaSerial.serialNumber.valueBlock.valueHexView)
      .toString('hex')
      .toUpperCase();
    expect(output).toContain(`Serial Number: ${serialHex}`);
  });
});
