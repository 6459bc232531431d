// Answers an OCSP request (RFC 6960) for the development CAs. Responses are signed directly by the CA
// that issued the certificate (no delegated responder), with that CA certificate attached, so a verifier
// can check them with nothing but the CA it already trusts.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { algorithmOid, ocspOid } from '../jpki/oids.ts';
import { ensurePkijsEngine } from '../jpki/pkijs-engine.ts';
import { serialHexOf } from './certificate-serial.ts';
import type { DevCa } from './dev-ca.ts';
import type { DevPki } from './dev-pki.ts';
import { type Ledger, readLedger } from './ledger.ts';
import { revocationReasonCode } from './revocation-reason.ts';
import { wholeSeconds } from './validity.ts';

export const ocspResponseStatus = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;
export type OcspResponseStatus = keyof typeof ocspResponseStatus;

/** How long a client may rely on an answer (nextUpdate − thisUpdate). */
export const ocspAnswerLifetimeMs = 60 * 60 * 1000;

const certIdHashes: Record<string, string> = {
  [ocspOid.sha1]: 'sha1',
  [algorithmOid.sha256]: 'sha256',
  [algorithmOid.sha384]: 'sha384',
  [algorithmOid.sha512]: 'sha512',
};

function statusOnly(status: OcspResponseStatus): Uint8Array {
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: ocspResponseStatus[status] }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

/** Does `certID` name `ca` as the issuer (name and key hashes under the request's own hash algorithm)? */
function isIssuedBy(certID: pkijs.CertID, ca: DevCa): boolean {
  const hash = certIdHashes[certID.hashAlgorithm.algorithmId];
  if (!hash) return false;
  const digest = (data: ArrayBuffer | Uint8Array) =>
    createHash(hash).update(new Uint8Array(data)).digest('hex');
  const nameHash = digest(ca.certificate.subject.toSchema().toBER(false));
  const keyHash = digest(ca.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  return (
    Buffer.from(certID.issuerNameHash.valueBlock.valueHexView).toString('hex') === nameHash &&
    Buffer.from(certID.issuerKeyHash.valueBlock.valueHexView).toString('hex') === keyHash
  );
}

function contextTag(tagNumber: number, value?: asn1js.BaseBlock[]): asn1js.BaseBlock {
  const idBlock = { tagClass: 3, tagNumber };
  return value ? new asn1js.Constructed({ idBlock, value }) : new asn1js.Primitive({ idBlock });
}

/** CertStatus: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL. */
function certStatus(certID: pkijs.CertID, ca: DevCa | undefined, ledger: Ledger): asn1js.BaseBlock {
  if (!ca) return contextTag(2);
  const serial = serialHexOf(certID.serialNumber);
  const purpose = ca.purpose;
  if (!ledger.issued.some((record) => record.purpose === purpose && record.serial === serial))
    return contextTag(2);
  const revoked = ledger.revocations.find((record) => record.purpose === purpose && record.serial === serial);
  if (!revoked) return contextTag(0);
  return contextTag(1, [
    new asn1js.GeneralizedTime({ valueDate: new Date(revoked.revokedAt) }),
    contextTag(0, [new asn1js.Enumerated({ value: revocationReasonCode(revoked.reason) })]),
  ]);
}

async function answer(pki: DevPki, request: pkijs.OCSPRequest, now: Date): Promise<Uint8Array> {
  const requests = request.tbsRequest.requestList;
  if (requests.length === 0) return statusOnly('malformedRequest');
  const cas = [pki.ca.sign, pki.ca.auth];
  const issuers = requests.map(({ reqCert }) => cas.find((ca) => isIssuedBy(reqCert, ca)));
  // One signature per response: the first CA we recognise answers, others' certificates are `unknown` to it.
  const signer = issuers.find((ca) => ca !== undefined);
  if (!signer) return statusOnly('unauthorized');

  const ledger = await readLedger(pki.dir);
  const thisUpdate = wholeSeconds(now);
  const nextUpdate = new Date(thisUpdate.getTime() + ocspAnswerLifetimeMs);
  const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === ocspOid.nonce);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: signer.keyId }),
      producedAt: thisUpdate,
      responses: requests.map(
        ({ reqCert }, index) =>
          new pkijs.SingleResponse({
            certID: reqCert,
            certStatus: certStatus(reqCert, issuers[index] === signer ? signer : undefined, ledger),
            thisUpdate,
            nextUpdate,
          }),
      ),
      ...(nonce ? { responseExtensions: [nonce] } : {}),
    }),
    certs: [signer.certificate],
  });
  await basic.sign(signer.privateKey, 'SHA-256');
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: ocspResponseStatus.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: ocspOid.basicResponse,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

/** DER OCSPResponse for a DER OCSPRequest. Never throws: bad input is `malformedRequest`, faults `internalError`. */
export async function answerOcspRequest(
  pki: DevPki,
  requestDer: Uint8Array,
  now = new Date(),
): Promise<Uint8Array> {
  ensurePkijsEngine();
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(requestDer);
  } catch {
    return statusOnly('malformedRequest');
  }
  try {
    return await answer(pki, request, now);
  } catch {
    return statusOnly('internalError');
  }
}
