export { FORBIDDEN_AIDS, JPKI_AID, JpkiEf, MAX_TRIES, TOKEN_LABEL } from './card-ids.ts';
export { type CmsSignatureAlgorithm, type SignCmsOptions, signCms } from './cms-signer.ts';
export { sha256DigestInfo, sha256DigestInfoOfDigest } from './digest-info.ts';
export { type CertificateKind, JpkiClient, type TokenInfo } from './jpki-client.ts';
export { encodePin, type PinKind } from './pin-format.ts';
