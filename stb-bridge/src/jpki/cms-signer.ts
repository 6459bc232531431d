// CMS SignedData (RFC 5652) signed by the card: the host builds the signed attributes (contentType,
// signingTime, messageDigest), the card signs the DigestInfo of their DER (SET OF), and the signer's
// certificate (and optionally its CA) goes in. Output is DER, attached or detached.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
// The constants-only OID module of the verifier side: one list for both ends of the CMS. Imported by
// path because the backend's package entry would load the whole server into the set-top box.
import { algorithmOid, cmsOid } from '../../../backend/src/jpki/oids.ts';
import { sha256DigestInfo } from './digest-info.ts';

export type CmsSignatureAlgorithm = 'sha256WithRSAEncryption' | 'rsaEncryption';

export interface SignCmsOptions {
  content: Uint8Array;
  /** DER certificate of the signing key. */
  signerCertificate: Uint8Array;
  /** DER certificates to include after the signer's (e.g. the signature CA). */
  extraCertificates?: Uint8Array[];
  /** Signs a DigestInfo with the signer's key: the card, through JpkiClient.signDigestInfo. */
  signDigestInfo(digestInfo: Uint8Array): Promise<Uint8Array>;
  /** Leave the content out of the SignedData (the verifier supplies it). Default false. */
  detached?: boolean;
  /** Default now. */
  signingTime?: Date;
  /** How the SignerInfo names the signature algorithm; both mean PKCS#1 v1.5. Default sha256WithRSAEncryption. */
  signatureAlgorithm?: CmsSignatureAlgorithm;
}

/** Builds and signs a CMS SignedData; resolves with its DER (a ContentInfo). */
export async function signCms(options: SignCmsOptions): Promise<Uint8Array> {
  const signer = pkijs.Certificate.fromBER(options.signerCertificate);
  const sha256 = () =>
    new pkijs.AlgorithmIdentifier({ algorithmId: algorithmOid.sha256, algorithmParams: new asn1js.Null() });
  const digest = createHash('sha256').update(options.content).digest();
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSorted([
      attribute(cmsOid.contentType, new asn1js.ObjectIdentifier({ value: cmsOid.data })),
      attribute(cmsOid.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })),
      attribute(cmsOid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    ]),
  });
  // What is signed is the DER of the attributes as a SET OF, not with their [0] IMPLICIT tag (§5.4).
  const signedBytes = new Uint8Array(signedAttrs.toSchema().toBER());
  signedBytes[0] = 0x31;
  const signature = await options.signDigestInfo(sha256DigestInfo(signedBytes));

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: algorithmOid[options.signatureAlgorithm ?? 'sha256WithRSAEncryption'],
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: cmsOid.data });
  // Set after construction: pkijs's constructor would split the content into a constructed (BER-only) OCTET STRING.
  if (!options.detached) encapContentInfo.eContent = new asn1js.OctetString({ valueHex: options.content });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo,
    certificates: [signer, ...(options.extraCertificates ?? []).map((der) => pkijs.Certificate.fromBER(der))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: cmsOid.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** DER orders a SET OF by the encodings of its elements; verifiers re-encode it that way before checking. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  return encoded.sort((x, y) => Buffer.compare(x.der, y.der)).map(({ a }) => a);
}
