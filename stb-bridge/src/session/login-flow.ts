// 利用者証明 login, as the story goes: a one-time challenge from the backend, the user-authentication
// certificate (no PIN needed to read it), the PIN verified once, the card signs the challenge, the backend
// checks it all and opens a session on this box.
import type { LoginProof } from '@myna-tv/backend';
import type { JpkiClient } from '../jpki/jpki-client.ts';
import type { ResidentBackend } from './backend-client.ts';
import type { CardAccess } from './card-access.ts';
import { checkPinFormat, verifyPinOnce } from './pin-rejection.ts';

export interface ResidentFlowDeps {
  access: CardAccess;
  backend: ResidentBackend;
}

/** A session the backend opened; the token stays in the bridge. */
export interface OpenedResidentSession {
  sessionToken: string;
  expiresAt: string;
  /** For the TV app's greeting. */
  name: string;
}

export async function loginWithCard(
  deps: ResidentFlowDeps,
  secrets: { pin: string },
): Promise<OpenedResidentSession> {
  checkPinFormat('auth', secrets.pin);
  const { challenge } = await deps.backend.requestChallenge();
  const proof = await deps.access.withJpki(async (jpki) =>
    proveChallenge(jpki, { challenge, pin: secrets.pin, certificate: await jpki.readCertificate('auth') }),
  );
  const session = await deps.backend.login(proof);
  return withName(deps.backend, session);
}

/** The card's answer to a challenge: its auth certificate (already read) and the auth key's signature. */
export async function proveChallenge(
  jpki: JpkiClient,
  input: { challenge: string; pin: string; certificate: Uint8Array },
): Promise<LoginProof> {
  const { challenge, pin, certificate } = input;
  await verifyPinOnce(jpki, 'auth', pin);
  const signature = await jpki.signWithAuthKey(new Uint8Array(Buffer.from(challenge, 'base64url')));
  return {
    challenge,
    certificate: Buffer.from(certificate).toString('base64'),
    signature: Buffer.from(signature).toString('base64'),
  };
}

/** Adds the resident's name (from the backend, never from the card in this flow) to a fresh session. */
export async function withName(
  backend: ResidentBackend,
  session: { sessionToken: string; expiresAt: string },
): Promise<OpenedResidentSession> {
  const info = await backend.residentInfo(session.sessionToken);
  return { sessionToken: session.sessionToken, expiresAt: session.expiresAt, name: info.name };
}
