// Registering a resident with the card (署名用 + 利用者証明用). Both signatures are checked by the JPKI
// verifier (chain, revocation, the one-time challenge of this device); the four basic items are taken from
// the verified signature certificate, never from the request.
//
// Who is "the same resident" (the re-link rule):
//   1. a resident whose four basic items equal the new certificate's (a renewed card or certificate: new
//      certificates, same person) — its auth certificate is replaced by the new one;
//   2. otherwise the resident the presented auth certificate is linked to (the items changed, e.g. after a
//      move the signature certificate is re-issued while the auth certificate lives on) — its items are
//      updated;
//   3. otherwise a new resident.
// A resident has one linked auth certificate: the latest registered card.
import { type OpenedSession, openSession, type SessionPolicy } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import { type Database, DbError } from '../db/index.ts';
import {
  type CertificateVerifier,
  type LoginVerifier,
  renderName,
  serialHex,
  type VerifiedSignedData,
  verifySignedData,
} from '../jpki/index.ts';
import { cmsOid } from '../jpki/oids.ts';
import { basicInfoMatchKey } from './basic-info-match.ts';
import type { BlindIndex } from './blind-index.ts';
import {
  type RegistrationDocument,
  type RegistrationRequest,
  registrationDocumentSchema,
} from './contracts.ts';
import { ResidentError } from './resident-error.ts';
import {
  findResidentByAuthCertificate,
  findResidentByIndex,
  linkAuthCertificate,
  saveResident,
} from './resident-records.ts';
import { rememberSignCertificate } from './sign-certificates.ts';

export interface CardVerifiers {
  login: LoginVerifier;
  certificates: CertificateVerifier;
}

export interface Registration {
  residentId: string;
  /** True when a new resident was created (rule 3). */
  created: boolean;
  session: OpenedSession;
}

function readDocument(signed: VerifiedSignedData): RegistrationDocument {
  if (signed.contentType !== cmsOid.data) {
    throw new ResidentError('resident.registration-malformed', 'the signed content must be id-data');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(signed.content));
  } catch (cause) {
    throw new ResidentError('resident.registration-malformed', 'the signed content is not UTF-8 JSON', {
      cause,
    });
  }
  const parsed = registrationDocumentSchema.safeParse(json);
  if (!parsed.success) {
    throw new ResidentError(
      'resident.registration-malformed',
      'the signed content is not a registration document',
    );
  }
  return parsed.data;
}

export async function registerResident(
  db: Database,
  options: {
    verifiers: CardVerifiers;
    cipher: FieldCipher;
    blindIndex: BlindIndex;
    deviceId: string;
    request: RegistrationRequest;
    sessionPolicy: SessionPolicy;
    requestId: string | null;
    now: Date;
  },
): Promise<Registration> {
  const { verifiers, request, deviceId, now } = options;
  // The proof first: it consumes the challenge, so a replayed registration fails before any CMS work.
  const login = await verifiers.login.verifyProof({ deviceId, proof: request.proof });
  const signed = await verifySignedData(verifiers.certificates, {
    cms: new Uint8Array(Buffer.from(request.signedRegistration, 'base64')),
  });
  const document = readDocument(signed);
  if (
    document.challenge !== request.proof.challenge ||
    document.authCertificateSha256 !== login.certificate.fingerprint
  ) {
    throw new ResidentError(
      'resident.registration-mismatch',
      'the signed registration names another challenge or auth certificate than the proof',
    );
  }
  const matchKey = basicInfoMatchKey(signed.basicInfo);
  const signCertificate = {
    issuer: renderName(signed.signer.certificate.issuer),
    serial: serialHex(signed.signer.certificate),
  };
  const save = () =>
    db.transaction(async (tx) => {
      const byItems = await findResidentByIndex(tx, options.blindIndex.candidates(matchKey));
      const byCertificate = await findResidentByAuthCertificate(tx, login.certificate.fingerprint);
      const existing = byItems ?? byCertificate;
      const residentId = existing ?? crypto.randomUUID();
      await saveResident(tx, {
        residentId,
        isNew: existing === undefined,
        cipher: options.cipher,
        basicInfo: signed.basicInfo,
        index: options.blindIndex.current(matchKey),
        signCertificate,
        now,
      });
      await rememberSignCertificate(tx, options.cipher, {
        residentId,
        ...signCertificate,
        der: signed.signer.der,
        now,
      });
      await linkAuthCertificate(tx, {
        residentId,
        fingerprint: login.certificate.fingerprint,
        notAfter: login.certificate.validity.notAfter,
        now,
      });
      const session = await openSession(tx, {
        subject: { residentId, deviceId },
        policy: options.sessionPolicy,
        now,
      });
      await recordAudit(tx, {
        actor: { id: residentId, role: 'resident', requestId: options.requestId },
        action: existing === undefined ? 'resident.register' : 'resident.relink',
        target: { type: 'resident', id: residentId },
        at: now,
      });
      return { residentId, created: existing === undefined, session };
    });
  try {
    return await save();
  } catch (error) {
    // Two registrations of one new person at once: the second sees the first's row when it retries.
    if (error instanceof DbError && error.sqlState === '23505') return save();
    throw error;
  }
}
