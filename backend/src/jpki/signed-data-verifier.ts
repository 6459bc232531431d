// CMS SignedData (RFC 5652) made with a signature certificate: signed registration requests and status
// reports. One signer, signed attributes required (contentType matching, messageDigest over the content,
// signingTime), signer certificate included, chain to the sign CA and revocation. Attached or detached.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CertificateBasicInfo, extractBasicInfo } from './basic-info.ts';
import { certificateDer } from './certificate-der.ts';
import type { CertificateVerifier } from './certificate-verifier.ts';
import type { ValidatedCertificate } from './chain-validator.ts';
import { JpkiError } from './jpki-error.ts';
import { algorithmOid, cmsOid, extensionOid } from './oids.ts';
import { hashOfDigestAlgorithm, hashOfSignatureAlgorithm, verifyRsaSignature } from './rsa-signature.ts';

export interface VerifiedSignedData {
  signer: ValidatedCertificate;
  basicInfo: CertificateBasicInfo;
  /** The signed content (attached, or the detached content given). */
  content: Uint8Array;
  contentType: string;
  signingTime: Date;
}

export interface VerifySignedDataInput {
  /** DER ContentInfo holding the SignedData (a .p7s file). */
  cms: Uint8Array;
  /** The content, when the signature is detached. */
  content?: Uint8Array;
  /** Time the signer certificate must be valid at (default now). */
  at?: Date;
  /** Larger inputs are refused unparsed (default 1 MiB). */
  maxBytes?: number;
}

const malformed = (message: string, cause?: unknown) =>
  new JpkiError('jpki.cms-malformed', message, { cause });

export async function verifySignedData(
  certificates: CertificateVerifier,
  input: VerifySignedDataInput,
): Promise<VerifiedSignedData> {
  const signedData = parseSignedData(input.cms, input.maxBytes ?? 1024 * 1024);
  const [signerInfo, ...others] = signedData.signerInfos;
  if (signerInfo === undefined || others.length > 0) throw malformed('exactly one signer expected');
  const attributes = signedAttributes(signerInfo, signedData.encapContentInfo.eContentType);
  const content = contentOf(signedData, input.content);
  const signerCertificate = findSignerCertificate(signedData, signerInfo);

  const signer = await certificates.validateChain({
    der: certificateDer(signerCertificate),
    purpose: 'sign',
    at: input.at,
  });
  const digestHash = hashOfDigestAlgorithm(signerInfo.digestAlgorithm.algorithmId);
  if (digestHash === undefined)
    throw malformed(`unsupported digest ${signerInfo.digestAlgorithm.algorithmId}`);
  const digest = createHash(digestHash).update(content).digest();
  if (!digest.equals(attributes.messageDigest))
    throw new JpkiError('jpki.signature-invalid', 'messageDigest does not match the content');
  const sigAlg = signerInfo.signatureAlgorithm.algorithmId;
  const signatureHash = sigAlg === algorithmOid.rsaEncryption ? digestHash : hashOfSignatureAlgorithm(sigAlg);
  if (signatureHash === undefined) throw malformed(`unsupported signature algorithm ${sigAlg}`);
  const valid = verifyRsaSignature({
    hash: signatureHash,
    data: new Uint8Array(attributes.encoded),
    signature: signerInfo.signature.valueBlock.valueHexView,
    key: signer.publicKey,
  });
  if (!valid)
    throw new JpkiError('jpki.signature-invalid', 'the signature over the signed attributes does not verify');
  const basicInfo = extractBasicInfo(signer.certificate);
  await certificates.checkRevocation(signer);
  return {
    signer,
    basicInfo,
    content,
    contentType: signedData.encapContentInfo.eContentType,
    signingTime: attributes.signingTime,
  };
}

function parseSignedData(cms: Uint8Array, maxBytes: number): pkijs.SignedData {
  if (cms.byteLength === 0 || cms.byteLength > maxBytes)
    throw malformed(`CMS is ${cms.byteLength} bytes (1..${maxBytes})`);
  const asn1 = asn1js.fromBER(cms);
  if (asn1.offset === -1 || asn1.offset !== cms.byteLength)
    throw malformed('CMS is not one complete DER object');
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== cmsOid.signedData) throw new Error(`content type ${info.contentType}`);
    return new pkijs.SignedData({ schema: info.content });
  } catch (cause) {
    throw malformed('not a CMS SignedData', cause);
  }
}

function signedAttributes(signerInfo: pkijs.SignerInfo, eContentType: string) {
  const attrs = signerInfo.signedAttrs;
  if (attrs === undefined) throw malformed('no signed attributes');
  const single = (type: string, what: string): unknown => {
    const found = attrs.attributes.filter((a) => a.type === type);
    if (found.length !== 1 || found[0]?.values.length !== 1)
      throw malformed(`signed attribute ${what} missing or repeated`);
    return found[0].values[0];
  };
  const contentType = single(cmsOid.contentType, 'contentType');
  if (
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.valueBlock.toString() !== eContentType
  ) {
    throw malformed('contentType attribute does not match the content');
  }
  const messageDigest = single(cmsOid.messageDigest, 'messageDigest');
  if (!(messageDigest instanceof asn1js.OctetString)) throw malformed('messageDigest is not an OCTET STRING');
  const signingTime = single(cmsOid.signingTime, 'signingTime');
  if (!(signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime)) {
    throw malformed('signingTime is not a time');
  }
  return {
    messageDigest: Buffer.from(messageDigest.valueBlock.valueHexView),
    signingTime: signingTime.toDate(),
    /** DER of the attributes with the SET OF tag, as signed (pkijs already swapped [0] for 0x31). */
    encoded: attrs.encodedValue,
  };
}

function contentOf(signedData: pkijs.SignedData, detached: Uint8Array | undefined): Uint8Array {
  const eContent = signedData.encapContentInfo.eContent;
  if (eContent === undefined) {
    if (detached === undefined) throw malformed('detached signature but no content given');
    return detached;
  }
  const attached = new Uint8Array(eContent.getValue());
  if (detached !== undefined && !Buffer.from(detached).equals(attached)) {
    throw malformed('content given differs from the attached content');
  }
  return attached;
}

function findSignerCertificate(
  signedData: pkijs.SignedData,
  signerInfo: pkijs.SignerInfo,
): pkijs.Certificate {
  const sid: unknown = signerInfo.sid;
  const found = (signedData.certificates ?? []).find((c): c is pkijs.Certificate => {
    if (!(c instanceof pkijs.Certificate)) return false;
    if (sid instanceof pkijs.IssuerAndSerialNumber)
      return c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber);
    const ski = c.extensions?.find((e) => e.extnID === extensionOid.subjectKeyIdentifier)?.parsedValue;
    return (
      sid instanceof asn1js.Primitive &&
      ski instanceof asn1js.OctetString &&
      Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from(sid.valueBlock.valueHexView))
    );
  });
  if (found === undefined) throw malformed('signer certificate not included');
  return found;
}
