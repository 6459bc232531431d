// What a My Number Card (a development PKI holder) does for the backend's login and registration, with real
// RSA signatures by the holder's keys: the auth key signs the raw challenge, the sign key signs the
// registration document as CMS (through the bridge's own CMS builder).
import { constants, createHash, createPrivateKey, type KeyObject, privateEncrypt, sign } from 'node:crypto';
import type { HolderProfile, LoginProof, RegistrationRequest } from '@myna-tv/backend';
import { signCms } from '@myna-tv/stb-bridge';

/** The DER inside a PEM block. */
export function derOfPem(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
}

export interface ResidentCard {
  authCertificate: string;
  authCertificateDer: Uint8Array;
  authKey: KeyObject;
  signCertificateDer: Uint8Array;
  signKey: KeyObject;
}

export function cardOf(
  holder: Pick<HolderProfile, 'authCertPem' | 'authKeyPem' | 'signCertPem' | 'signKeyPem'>,
) {
  const authCertificateDer = derOfPem(holder.authCertPem);
  return {
    authCertificate: Buffer.from(authCertificateDer).toString('base64'),
    authCertificateDer,
    authKey: createPrivateKey(holder.authKeyPem),
    signCertificateDer: derOfPem(holder.signCertPem),
    signKey: createPrivateKey(holder.signKeyPem),
  } satisfies ResidentCard;
}

export function loginProof(card: ResidentCard, challenge: string): LoginProof {
  const signature = sign('sha256', Buffer.from(challenge, 'base64url'), card.authKey);
  return { challenge, certificate: card.authCertificate, signature: signature.toString('base64') };
}

export async function registrationRequest(
  card: ResidentCard,
  challenge: string,
): Promise<RegistrationRequest> {
  const document = {
    type: 'myna-tv/resident-registration/1',
    challenge,
    authCertificateSha256: createHash('sha256').update(card.authCertificateDer).digest('hex'),
  };
  const cms = await signCms({
    content: new TextEncoder().encode(JSON.stringify(document)),
    signerCertificate: card.signCertificateDer,
    signDigestInfo: async (digestInfo) =>
      new Uint8Array(privateEncrypt({ key: card.signKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo)),
  });
  return { signedRegistration: Buffer.from(cms).toString('base64'), proof: loginProof(card, challenge) };
}
