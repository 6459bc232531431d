// Test support: CMS SignedData as a signing client would make it with the card's signature key
// (RSASSA-PKCS1-v1_5 / SHA-256 over the signed attributes), with switches to break it in each way.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { importPrivateKeyPem } from '../../dev-jpki/index.ts';
import { parseCertificate } from '../certificate-der.ts';
import { cmsOid } from '../oids.ts';
import { ensurePkijsEngine } from '../pkijs-engine.ts';

export interface SignCmsOptions {
  content: Uint8Array;
  certificateDer: Uint8Array;
  keyPem: string;
  detached?: boolean;
  omitAttribute?: 'contentType' | 'messageDigest' | 'signingTime';
  omitCertificate?: boolean;
  corruptSignature?: boolean;
  signingTime?: Date;
}

export async function signCms(options: SignCmsOptions): Promise<Uint8Array> {
  ensurePkijsEngine();
  const certificate = parseCertificate(options.certificateDer);
  const digest = createHash('sha256').update(options.content).digest();
  const attributes = [
    new pkijs.Attribute({
      type: cmsOid.contentType,
      values: [new asn1js.ObjectIdentifier({ value: cmsOid.data })],
    }),
    new pkijs.Attribute({
      type: cmsOid.messageDigest,
      values: [new asn1js.OctetString({ valueHex: digest })],
    }),
    new pkijs.Attribute({
      type: cmsOid.signingTime,
      values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
    }),
  ].filter((a) => a.type !== (options.omitAttribute && cmsOid[options.omitAttribute]));
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: cmsOid.data,
      ...(options.detached ? {} : { eContent: new asn1js.OctetString({ valueHex: options.content }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    ...(options.omitCertificate ? {} : { certificates: [certificate] }),
  });
  await signedData.sign(await importPrivateKeyPem(options.keyPem), 0, 'SHA-256', options.content);
  const signerInfo = signedData.signerInfos[0];
  if (options.corruptSignature && signerInfo) {
    const bytes = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    signerInfo.signature = new asn1js.OctetString({ valueHex: bytes });
  }
  const info = new pkijs.ContentInfo({ contentType: cmsOid.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER());
}
