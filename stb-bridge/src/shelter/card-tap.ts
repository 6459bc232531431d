// A tap at the shelter desk: read the card's user-auth certificate (no PIN needed to read it), check it
// offline (card-trust.ts), and journal the check-in. With a PIN, when staff need proof that the holder is
// present: verify the PIN and have the card sign a fresh challenge, checked here against the certificate.
// A revoked, expired or untrusted card is journalled too, with its verdict, for staff to see and the
// backend to flag: the person is at the shelter either way.
import { randomBytes, verify, X509Certificate } from 'node:crypto';
import type { PersonRef, ShelterEvent } from '@myna-tv/backend';
import type { JpkiClient } from '../jpki/jpki-client.ts';
import { type CardCheck, type CardTrust, checkAuthCertificate } from './card-trust.ts';
import type { CheckinJournal } from './checkin-journal.ts';
import { ShelterError } from './shelter-error.ts';

export interface TapResult {
  event: ShelterEvent;
  check: CardCheck;
}

export async function tapCheckIn(options: {
  card: Pick<JpkiClient, 'readCertificate' | 'verifyPin' | 'signWithAuthKey'>;
  trust: CardTrust;
  journal: CheckinJournal;
  /** Members of one household share a group id (made by the staff page). */
  groupId: string | null;
  /** The holder's 4-digit user-auth PIN, for a tap with proof of presence. */
  pin?: string;
  now?: Date;
}): Promise<TapResult> {
  const { card, trust, journal } = options;
  const der = await card.readCertificate('auth');
  const check = checkCard(der, trust, options.now ?? new Date());
  const pinVerified = options.pin !== undefined;
  if (options.pin !== undefined) {
    await card.verifyPin('auth', options.pin);
    const challenge = randomBytes(32);
    const signature = await card.signWithAuthKey(challenge);
    if (!verify('sha256', challenge, new X509Certificate(der).publicKey, signature)) {
      throw new ShelterError(
        'shelter.card-unreadable',
        'the card signed with a key its certificate does not name',
      );
    }
  }
  const event = await journal.append({
    type: 'check-in',
    person: cardPerson(check, pinVerified),
    groupId: options.groupId,
  });
  return { event, check };
}

/** The holder of the card as events name them, without journalling anything (check-out or a note by tap). */
export async function readCardPerson(options: {
  card: Pick<JpkiClient, 'readCertificate'>;
  trust: CardTrust;
  now: Date;
}): Promise<{ person: PersonRef; check: CardCheck }> {
  const check = checkCard(await options.card.readCertificate('auth'), options.trust, options.now);
  return { person: cardPerson(check, false), check };
}

function checkCard(der: Uint8Array, trust: CardTrust, now: Date): CardCheck {
  try {
    return checkAuthCertificate(der, trust, now);
  } catch (err) {
    throw new ShelterError('shelter.card-unreadable', 'the card holds no readable certificate', {
      cause: err,
    });
  }
}

const cardPerson = (check: CardCheck, pinVerified: boolean): PersonRef => ({
  kind: 'card',
  certificateFingerprint: check.fingerprint,
  certificateNotAfter: check.notAfter.toISOString(),
  certificateSerial: check.serial,
  check: check.result,
  crlAgeSeconds: check.crlAgeSeconds,
  pinVerified,
});
