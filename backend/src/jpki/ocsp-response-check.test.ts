// Delegated OCSP responders (RFC 6960 §4.2.2.2): the development responder signs with the CA key, so these
// tests re-sign its answers with a responder certificate made here.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, createOcspHandler, type DevCa, generateRsaKeys } from '../dev-jpki/index.ts';
import { parseCertificate } from './certificate-der.ts';
import { createOcspStatusSource } from './ocsp-status-source.ts';
import { extensionOid, ocspOid } from './oids.ts';
import { type Listening, listen, startTestPki, type TestPki } from './testing/test-pki.ts';

type CryptoKey = Awaited<ReturnType<typeof generateRsaKeys>>['privateKey'];

let t: TestPki;
const servers: Listening[] = [];

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await t.close();
});

async function responderCertificate(options: { ca: DevCa; ocspSigning: boolean }) {
  const keys = await generateRsaKeys();
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 4242 });
  certificate.issuer = options.ca.certificate.subject;
  certificate.subject = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: 'OCSP' }) }),
    ],
  });
  certificate.notBefore.value = new Date(Date.now() - 86_400_000);
  certificate.notAfter.value = new Date(Date.now() + 86_400_000);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  if (options.ocspSigning) {
    const eku = new pkijs.ExtKeyUsage({ keyPurposes: [ocspOid.ocspSigning] });
    certificate.extensions = [
      new pkijs.Extension({ extnID: extensionOid.extKeyUsage, extnValue: eku.toSchema().toBER() }),
    ];
  }
  await certificate.sign(options.ca.privateKey, 'SHA-256');
  return {
    certificate: parseCertificate(new Uint8Array(certificate.toSchema().toBER())),
    privateKey: keys.privateKey,
  };
}

/** The development responder, its answers re-signed by `responder`. */
async function delegatedResponder(responder: { certificate: pkijs.Certificate; privateKey: CryptoKey }) {
  const real = createOcspHandler(t.pki);
  const server = await listen(async (request) => {
    const response = pkijs.OCSPResponse.fromBER(await (await real(request)).arrayBuffer());
    const bytes = response.responseBytes;
    if (bytes === undefined) return new Response('no response bytes', { status: 500 });
    const basic = pkijs.BasicOCSPResponse.fromBER(bytes.response.valueBlock.valueHexView);
    basic.tbsResponseData.responderID = responder.certificate.subject;
    basic.certs = [responder.certificate];
    await basic.sign(responder.privateKey, 'SHA-256');
    bytes.response = new asn1js.OctetString({ valueHex: basic.toSchema().toBER() });
    return new Response(new Uint8Array(response.toSchema().toBER()));
  });
  servers.push(server);
  return server.url;
}

function check(url: string) {
  const certificate = parseCertificate(t.certificateDer(t.holder(), 'auth'));
  const query = {
    certificate,
    issuer: t.pki.ca.auth.certificate,
    purpose: 'auth' as const,
    fingerprint: 'x',
  };
  return createOcspStatusSource({ url }).check(query);
}

describe('OCSP responder authorization', () => {
  it('accepts a responder the CA delegated with id-kp-OCSPSigning', async () => {
    const url = await delegatedResponder(
      await responderCertificate({ ca: t.pki.ca.auth, ocspSigning: true }),
    );
    expect(await check(url)).toEqual({ status: 'good' });
  });

  it('refuses a responder certificate without id-kp-OCSPSigning', async () => {
    const url = await delegatedResponder(
      await responderCertificate({ ca: t.pki.ca.auth, ocspSigning: false }),
    );
    expect(await check(url)).toMatchObject({ status: 'unknown', why: expect.stringMatching(/delegate/) });
  });

  it('refuses a responder certified by another CA with the same name', async () => {
    const rogue = await createCa({ purpose: 'auth' });
    const url = await delegatedResponder(await responderCertificate({ ca: rogue, ocspSigning: true }));
    expect(await check(url)).toMatchObject({ status: 'unknown', why: expect.stringMatching(/delegate/) });
  });
});
