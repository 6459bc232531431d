import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCa,
  createOcspHandler,
  issueEndEntity,
  recordIssued,
  revokeCertificate,
} from '../dev-jpki/index.ts';
import { parseCertificate } from './certificate-der.ts';
import { JpkiError } from './jpki-error.ts';
import { createOcspStatusSource } from './ocsp-status-source.ts';
import type { StatusQuery } from './revocation-status.ts';
import { type Listening, listen, refusedUrl, startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;
const servers: Listening[] = [];

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await t.close();
});

async function serveForTest(handler: (request: Request) => Response | Promise<Response>): Promise<string> {
  const server = await listen(handler);
  servers.push(server);
  return server.url;
}

function authQuery(der = t.certificateDer(t.holder(), 'auth')): StatusQuery {
  return {
    certificate: parseCertificate(der),
    issuer: t.pki.ca.auth.certificate,
    purpose: 'auth',
    fingerprint: 'x',
  };
}

async function statusFrom(url: string, options: { now?: () => Date } = {}) {
  return createOcspStatusSource({ url, timeoutMs: 500, ...options }).check(authQuery());
}

describe('createOcspStatusSource', () => {
  it('answers good for an issued certificate, over HTTP with a nonce', async () => {
    expect(await statusFrom(t.ocsp.url)).toEqual({ status: 'good' });
  });

  it('answers revoked with reason and time', async () => {
    const issued = await issueEndEntity({ ca: t.pki.ca.auth, purpose: 'auth' });
    await recordIssued(t.pki, issued);
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await revokeCertificate(t.pki, {
      serial: issued.serial,
      purpose: 'auth',
      reason: 'affiliationChanged',
      at,
    });
    const status = await createOcspStatusSource({ url: t.ocsp.url }).check(authQuery(issued.der));
    expect(status).toEqual({ status: 'revoked', reason: 'affiliationChanged', revokedAt: at });
  });

  it('is unknown when the responder does not know the certificate', async () => {
    const issued = await issueEndEntity({ ca: t.pki.ca.auth, purpose: 'auth' }); // not in the ledger
    const status = await createOcspStatusSource({ url: t.ocsp.url }).check(authQuery(issued.der));
    expect(status).toMatchObject({ status: 'unknown', why: expect.stringMatching(/does not know/) });
  });

  it('is unknown when the connection is refused, times out or gets HTTP 500', async () => {
    expect(await statusFrom(await refusedUrl())).toMatchObject({
      status: 'unknown',
      why: expect.stringMatching(/unreachable/),
    });
    const slow = await serveForTest(
      () => new Promise((resolve) => setTimeout(() => resolve(new Response('late')), 3000)),
    );
    expect(await statusFrom(slow)).toMatchObject({
      status: 'unknown',
      why: expect.stringMatching(/unreachable/),
    });
    const failing = await serveForTest(() => new Response('oops', { status: 500 }));
    expect(await statusFrom(failing)).toMatchObject({
      status: 'unknown',
      why: expect.stringMatching(/HTTP 500/),
    });
  });

  it('is unknown when the responder answers garbage or an error status', async () => {
    const garbage = await serveForTest(() => new Response(new Uint8Array([0x30, 0x82, 0xff, 0x00, 1, 2, 3])));
    expect(await statusFrom(garbage)).toMatchObject({
      status: 'unknown',
      why: expect.stringMatching(/not DER/),
    });
    const malformed = await serveForTest(() => new Response(new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x01])));
    expect(await statusFrom(malformed)).toMatchObject({
      status: 'unknown',
      why: expect.stringMatching(/status 1/),
    });
  });

  it('is unknown when the nonce does not match (a replayed response)', async () => {
    const real = createOcspHandler(t.pki);
    let recorded: ArrayBuffer | undefined;
    const replaying = await serveForTest(async (request) => {
      recorded ??= await (await real(request)).arrayBuffer();
      return new Response(recorded);
    });
    expect(await statusFrom(replaying)).toEqual({ status: 'good' });
    expect(await statusFrom(replaying)).toMatchObject({ status: 'unknown', why: 'OCSP nonce mismatch' });
  });

  it('is unknown when the response is stale or from the future', async () => {
    const later = () => new Date(Date.now() + 2 * 3_600_000); // past nextUpdate (1 h) plus skew (5 min)
    expect(await statusFrom(t.ocsp.url, { now: later })).toMatchObject({
      why: expect.stringMatching(/stale/),
    });
    const earlier = () => new Date(Date.now() - 3_600_000);
    expect(await statusFrom(t.ocsp.url, { now: earlier })).toMatchObject({
      why: expect.stringMatching(/future/),
    });
  });

  it('is unknown when the response is signed by another key than the CA’s', async () => {
    const rogue = await createCa({ purpose: 'auth' });
    const forged = {
      ...t.pki,
      ca: { ...t.pki.ca, auth: { ...t.pki.ca.auth, privateKey: rogue.privateKey } },
    };
    const url = await serveForTest(createOcspHandler(forged));
    expect(await statusFrom(url)).toMatchObject({ why: expect.stringMatching(/not signed by the CA/) });
  });

  it('is unknown when the response is about another certificate', async () => {
    const real = createOcspHandler(t.pki);
    const other = parseCertificate(t.certificateDer(t.holder('sato-yui'), 'auth'));
    const swapping = await serveForTest(async (request) => {
      const ocspRequest = pkijs.OCSPRequest.fromBER(await request.arrayBuffer());
      const first = ocspRequest.tbsRequest.requestList[0];
      if (first) first.reqCert.serialNumber = other.serialNumber;
      const body = new Uint8Array(ocspRequest.toSchema(true).toBER());
      return real(new Request(request.url, { method: 'POST', body }));
    });
    expect(await statusFrom(swapping)).toMatchObject({
      why: expect.stringMatching(/not about this certificate/),
    });
  });

  it('makes the verifier refuse a certificate whose status is unknown', async () => {
    const { certificates } = t.verifier({ ocspUrl: await refusedUrl() });
    const error = await certificates
      .verify({ der: t.certificateDer(t.holder(), 'auth'), purpose: 'auth' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(JpkiError);
    expect(error.code).toBe('jpki.status-unknown');
    expect(error.revocation).toMatchObject({ status: 'unknown' });
  });

  it('falls back to the CRL when the responder is down', async () => {
    const { certificates } = t.verifier({ ocspUrl: await refusedUrl(), crl: true });
    await expect(
      certificates.verify({ der: t.certificateDer(t.holder(), 'auth'), purpose: 'auth' }),
    ).resolves.toBeDefined();
  });
});
