// Reading an OCSP response (RFC 6960) for one certificate: signed by the CA itself or by a responder the CA
// delegated (id-kp-OCSPSigning), our nonce echoed, fresh, and about our CertID. Any failure is an `unknown`
// status with the reason, never a throw: the caller decides what unknown means (it is never good).
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { extensionOid, ocspOid } from './oids.ts';
import { type RevocationStatus, revocationReasonOf } from './revocation-status.ts';
import { publicKeyOf, verifySignedStructure } from './rsa-signature.ts';

export interface OcspExpectation {
  certId: pkijs.CertID;
  /** The raw nonce we sent. */
  nonce: Uint8Array;
  issuer: pkijs.Certificate;
  now: Date;
  /** Clock difference tolerated between us and the responder. */
  skewMs: number;
}

const unknown = (why: string): RevocationStatus => ({ status: 'unknown', why });

export function readOcspResponse(body: Uint8Array, expect: OcspExpectation): RevocationStatus {
  let basic: pkijs.BasicOCSPResponse;
  try {
    const response = pkijs.OCSPResponse.fromBER(body);
    const code = response.responseStatus.valueBlock.valueDec;
    if (code !== 0) return unknown(`OCSP responder answered status ${code}`);
    if (response.responseBytes?.responseType !== ocspOid.basicResponse)
      return unknown('OCSP response is not basic');
    basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  } catch {
    return unknown('OCSP response is not DER');
  }
  if (!signedByAuthorizedResponder(basic, expect))
    return unknown('OCSP response not signed by the CA or its delegate');
  if (!nonceMatches(basic.tbsResponseData.responseExtensions, expect.nonce))
    return unknown('OCSP nonce mismatch');
  const single = basic.tbsResponseData.responses.find((r) => r.certID.isEqual(expect.certId));
  if (single === undefined) return unknown('OCSP response is not about this certificate');
  const now = expect.now.getTime();
  if (single.thisUpdate.getTime() > now + expect.skewMs) return unknown('OCSP thisUpdate is in the future');
  if (single.nextUpdate !== undefined && single.nextUpdate.getTime() < now - expect.skewMs) {
    return unknown(`OCSP response is stale (nextUpdate ${single.nextUpdate.toISOString()})`);
  }
  return certStatusOf(single.certStatus);
}

function signedByAuthorizedResponder(basic: pkijs.BasicOCSPResponse, expect: OcspExpectation): boolean {
  const responderId: unknown = basic.tbsResponseData.responderID;
  const issuerKey = publicKeyOf(expect.issuer);
  let signer: pkijs.Certificate | undefined;
  if (isResponder(expect.issuer, responderId)) signer = expect.issuer;
  else {
    signer = (basic.certs ?? []).find(
      (c) =>
        isResponder(c, responderId) &&
        c.issuer.isEqual(expect.issuer.subject) &&
        hasOcspSigning(c) &&
        c.notBefore.value <= expect.now &&
        c.notAfter.value >= expect.now &&
        verifySignedStructure({
          algorithm: c.signatureAlgorithm,
          tbs: c.tbsView,
          signature: c.signatureValue.valueBlock.valueHexView,
          key: issuerKey,
        }),
    );
  }
  if (signer === undefined) return false;
  return verifySignedStructure({
    algorithm: basic.signatureAlgorithm,
    tbs: basic.tbsResponseData.tbsView,
    signature: basic.signature.valueBlock.valueHexView,
    key: signer === expect.issuer ? issuerKey : publicKeyOf(signer),
  });
}

/** ResponderID is byName (the subject) or byKey (SHA-1 of the subjectPublicKey BIT STRING contents). */
function isResponder(certificate: pkijs.Certificate, responderId: unknown): boolean {
  if (responderId instanceof pkijs.RelativeDistinguishedNames)
    return certificate.subject.isEqual(responderId);
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = createHash('sha1').update(
      certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
    );
    return Buffer.from(responderId.valueBlock.valueHexView).equals(keyHash.digest());
  }
  return false;
}

function hasOcspSigning(certificate: pkijs.Certificate): boolean {
  const eku = certificate.extensions?.find((e) => e.extnID === extensionOid.extKeyUsage)?.parsedValue;
  return eku instanceof pkijs.ExtKeyUsage && eku.keyPurposes.includes(ocspOid.ocspSigning);
}

/** RFC 8954 wraps the nonce in an OCTET STRING inside extnValue; some responders echo it bare. */
function nonceMatches(extensions: pkijs.Extension[] | undefined, nonce: Uint8Array): boolean {
  const echoed = extensions?.find((e) => e.extnID === ocspOid.nonce)?.extnValue.valueBlock.valueHexView;
  if (echoed === undefined) return false;
  const wrapped = new Uint8Array(new asn1js.OctetString({ valueHex: nonce }).toBER());
  return Buffer.from(echoed).equals(wrapped) || Buffer.from(echoed).equals(nonce);
}

/** CertStatus ::= CHOICE { good [0], revoked [1] RevokedInfo, unknown [2] }. */
function certStatusOf(block: asn1js.AsnType): RevocationStatus {
  const tag = block.idBlock.tagNumber;
  if (tag === 0) return { status: 'good' };
  if (tag !== 1 || !(block instanceof asn1js.Constructed))
    return unknown('OCSP responder does not know the certificate');
  const [time, reason] = block.valueBlock.value;
  if (!(time instanceof asn1js.GeneralizedTime)) return unknown('OCSP RevokedInfo without revocationTime');
  const code = reason instanceof asn1js.Constructed ? reason.valueBlock.value[0] : undefined;
  return {
    status: 'revoked',
    revokedAt: time.toDate(),
    reason: revocationReasonOf(code instanceof asn1js.Enumerated ? code.valueBlock.valueDec : undefined),
  };
}
