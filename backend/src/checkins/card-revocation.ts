// The backend's own revocation check of the cards tapped at shelters, at ingestion: the terminal checked each
// card offline against the CRL it had cached (possibly days old); the backend checks the certificate's serial
// again against the current user-auth CRL (the same CRL source and rules as logins: jpki/crl-status-source.ts,
// signature by an auth trust anchor, fresh). A card found revoked is stored flagged `revoked` for staff (the
// person is at the shelter either way); the terminal's own verdict stays beside it (`card_check`).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CrlLocation, createCrlStatusSource, type RevocationStatus } from '../jpki/index.ts';

export interface CardRevocationCheck {
  /** Serials (upper-case hex) found on the current CRL; an unreadable or stale CRL finds none. */
  revokedAmong(serials: readonly string[]): Promise<Set<string>>;
}

/** How long one loaded CRL serves (a batch of 500 taps loads it once). */
const crlReuseMs = 60_000;

export function createCardRevocationCheck(options: {
  loadCrl: (location: CrlLocation) => Promise<Uint8Array | undefined>;
  /** The user-auth trust anchors: the CRL must be signed by one. */
  issuers: readonly pkijs.Certificate[];
  now: () => Date;
}): CardRevocationCheck {
  let cached: { at: number; crl: Promise<Uint8Array | undefined> } | null = null;
  const source = createCrlStatusSource({
    loadCrl: (location) => {
      const at = options.now().getTime();
      if (cached === null || at - cached.at > crlReuseMs) cached = { at, crl: options.loadCrl(location) };
      return cached.crl;
    },
    now: options.now,
  });
  // The CRL rules look only at the serial (and the CRL distribution point, absent here): a certificate
  // carrying just the serial asks exactly "is this serial on the CA's CRL".
  const statusOf = async (serial: string): Promise<RevocationStatus> => {
    const certificate = new pkijs.Certificate({
      serialNumber: new asn1js.Integer({ valueHex: serialBytes(serial) }),
    });
    let status: RevocationStatus = { status: 'unknown', why: 'no auth trust anchor' };
    for (const issuer of options.issuers) {
      status = await source.check({ certificate, issuer, purpose: 'auth', fingerprint: `serial:${serial}` });
      if (status.status !== 'unknown') return status;
    }
    return status;
  };
  return {
    async revokedAmong(serials) {
      const revoked = new Set<string>();
      for (const serial of new Set(serials)) {
        if ((await statusOf(serial)).status === 'revoked') revoked.add(serial);
      }
      return revoked;
    },
  };
}

/** The DER INTEGER content of a positive serial: even length, a 00 before a first byte with the high bit set. */
function serialBytes(serial: string): Uint8Array {
  const bytes = Buffer.from(serial.length % 2 === 1 ? `0${serial}` : serial, 'hex');
  return (bytes[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}
