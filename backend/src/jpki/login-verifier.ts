// Card login: the backend hands a device a one-time challenge; the card signs its raw bytes with the auth key
// (RSASSA-PKCS1-v1_5 / SHA-256) and the device returns the signature with the auth certificate. Verified
// here: the challenge (known, unused, unexpired, same device), the chain (auth purpose, cached), the
// signature (node:crypto, KeyObject cached with the chain verdict) and revocation (cached status).
import { randomBytes } from 'node:crypto';
import { maxCertificateBytes } from './certificate-der.ts';
import type { CertificateVerifier } from './certificate-verifier.ts';
import type { ValidatedCertificate } from './chain-validator.ts';
import type { ChallengeStore, StoredChallenge } from './challenge-store.ts';
import type { LoginChallenge, LoginProof } from './contracts.ts';
import { subjectCommonName } from './distinguished-name.ts';
import { JpkiError } from './jpki-error.ts';
import { verifyRsaSignature } from './rsa-signature.ts';

export interface LoginVerifierOptions {
  certificates: CertificateVerifier;
  challenges: ChallengeStore;
  /** How long a challenge may be answered (default 2 min). */
  challengeTtlMs?: number;
  now?: () => Date;
}

export interface VerifiedLogin {
  deviceId: string;
  /** The auth certificate's subject CN: an opaque, stable holder id (not the My Number). */
  holderId: string;
  certificate: ValidatedCertificate;
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64url = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, unpadded
const maxSignatureBytes = 512; // RSA-4096 at most

export class LoginVerifier {
  readonly #certificates: CertificateVerifier;
  readonly #challenges: ChallengeStore;
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(options: LoginVerifierOptions) {
    this.#certificates = options.certificates;
    this.#challenges = options.challenges;
    this.#ttlMs = options.challengeTtlMs ?? 120_000;
    this.#now = options.now ?? (() => options.certificates.now());
  }

  async issueChallenge(input: { deviceId: string }): Promise<LoginChallenge> {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.#now().getTime() + this.#ttlMs);
    await this.#challenges.save({ challenge, deviceId: input.deviceId, expiresAt });
    return { challenge, expiresAt: expiresAt.toISOString() };
  }

  /** Throws JpkiError (challenge-*, cert-*, signature-invalid, status-unknown) unless the proof is good. */
  async verifyProof(input: { deviceId: string; proof: LoginProof }): Promise<VerifiedLogin> {
    await this.redeemChallenge({ challenge: input.proof.challenge, deviceId: input.deviceId });
    return this.verifySignedChallenge(input);
  }

  /**
   * The card half of `verifyProof`: certificate chain, signature over the challenge bytes and revocation,
   * without redeeming the challenge. For a caller that redeems the challenge itself in the same atomic step
   * as what the login grants (resident login: one statement); on any refusal it must still call
   * `redeemChallenge` first, so the challenge is spent and its errors come before the card's.
   */
  async verifySignedChallenge(input: { deviceId: string; proof: LoginProof }): Promise<VerifiedLogin> {
    const { deviceId, proof } = input;
    const der = decodeBase64(proof.certificate, maxCertificateBytes, 'jpki.cert-malformed', 'certificate');
    const signature = decodeBase64(proof.signature, maxSignatureBytes, 'jpki.signature-invalid', 'signature');
    const certificate = await this.#certificates.validateChain({ der, purpose: 'auth', at: this.#now() });
    const signed = Buffer.from(proof.challenge, 'base64url');
    if (!verifyRsaSignature({ hash: 'sha256', data: signed, signature, key: certificate.publicKey })) {
      throw new JpkiError(
        'jpki.signature-invalid',
        'the challenge signature does not verify with the certificate',
      );
    }
    await this.#certificates.checkRevocation(certificate);
    return {
      deviceId,
      holderId: subjectCommonName(certificate.certificate) ?? certificate.fingerprint,
      certificate,
    };
  }

  /** Marks the challenge used; throws JpkiError challenge-* unless it was issued to `deviceId`, unused and
   * unexpired. */
  async redeemChallenge(input: { challenge: string; deviceId: string }): Promise<void> {
    const { challenge, deviceId } = input;
    const taken = base64url.test(challenge) ? await this.#challenges.consume(challenge) : undefined;
    assertChallengeAccepted(taken, deviceId, this.#now());
  }
}

/** The one rule for a consumed challenge: throws JpkiError challenge-* unless it was issued, not used before,
 * unexpired at `now` and issued to `deviceId`. */
export function assertChallengeAccepted(
  taken: { record: StoredChallenge; alreadyUsed: boolean } | undefined,
  deviceId: string,
  now: Date,
): void {
  if (taken === undefined) throw new JpkiError('jpki.challenge-unknown', 'challenge was not issued here');
  if (taken.alreadyUsed) throw new JpkiError('jpki.challenge-replayed', 'challenge was already used');
  if (taken.record.expiresAt.getTime() < now.getTime()) {
    throw new JpkiError(
      'jpki.challenge-expired',
      `challenge expired at ${taken.record.expiresAt.toISOString()}`,
    );
  }
  if (taken.record.deviceId !== deviceId) {
    throw new JpkiError('jpki.challenge-wrong-device', 'challenge was issued to another device');
  }
}

function decodeBase64(
  text: string,
  maxBytes: number,
  code: 'jpki.cert-malformed' | 'jpki.signature-invalid',
  what: string,
): Uint8Array {
  if (text.length === 0 || text.length > Math.ceil(maxBytes / 3) * 4 || !base64.test(text)) {
    throw new JpkiError(code, `${what} is not base64 of at most ${maxBytes} bytes`);
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}
