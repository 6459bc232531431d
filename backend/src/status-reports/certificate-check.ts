// The daily 現況確認: the revocation status of each resident's signature certificate is asked again (OCSP,
// CRL fallback, through the same verifier as at receipt). On the first answer "revoked" each insurer holding
// a contract with the resident gets a signal (recorded, and delivered through the outbox) and the resident a
// notice asking to register the renewed certificate. The good→revoked transition is one conditional UPDATE,
// so however many nodes or rounds see the revocation, it is reported once.
//
// The certificates are the ones residents/sign-certificates.ts remembered (at registration and on each accepted
// report); the job checks those still named by the resident's record (residents.sign_cert_issuer/serial), i.e.
// not replaced by a later registration.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type CertificateVerifier, isJpkiError } from '../jpki/index.ts';
import { addNotice } from '../mailbox/index.ts';
import { openSignCertificate } from '../residents/index.ts';
import { enqueueDelivery } from './delivery-outbox.ts';
import { recordSignal } from './signals.ts';

export interface CertificateCheckRound {
  checked: number;
  revoked: number;
  expired: number;
  /** Status unknown (responder and CRL unavailable) or chain no longer valid: asked again next round. */
  unknown: number;
}

export const renewalNotice = {
  title: '署名用電子証明書の再登録をお願いします',
  body:
    'お使いのマイナンバーカードの署名用電子証明書が使えなくなりました。\n' +
    '住所や氏名が変わったときや、カードを新しくしたときに起こります。\n' +
    '新しいカードや証明書をお持ちでしたら、テレビの「設定」からもう一度登録してください。\n' +
    'わからないときは、お住まいの市町村の窓口にご相談ください。',
};

export async function checkSignCertificates(options: {
  db: Database;
  cipher: FieldCipher;
  certificates: CertificateVerifier;
  clock: () => Date;
  /** A certificate is asked again once its last answer is this old. */
  recheckAfterMs: number;
  limit?: number;
}): Promise<CertificateCheckRound> {
  const { db, cipher, certificates, clock } = options;
  const now = clock();
  const due = await db.query<{ issuer: string; serial: string; resident_id: string; der_sealed: string }>(
    `SELECT s.issuer, s.serial, s.resident_id, s.der_sealed
       FROM sign_certificates s
       JOIN residents r ON r.id = s.resident_id AND r.sign_cert_issuer = s.issuer AND r.sign_cert_serial = s.serial
      WHERE s.status = 'good' AND s.checked_at <= $1 ORDER BY s.checked_at LIMIT $2`,
    [new Date(now.getTime() - options.recheckAfterMs), options.limit ?? 1000],
  );
  const round: CertificateCheckRound = { checked: 0, revoked: 0, expired: 0, unknown: 0 };
  for (const row of due) {
    round.checked += 1;
    const { issuer, serial } = row;
    const key = [issuer, serial];
    const der = openSignCertificate(cipher, row);
    try {
      await certificates.verify({ der, purpose: 'sign', at: now });
      await db.query('UPDATE sign_certificates SET checked_at = $3 WHERE issuer = $1 AND serial = $2', [
        ...key,
        now,
      ]);
    } catch (error) {
      if (isJpkiError(error, 'jpki.cert-expired')) {
        // Expiry is no event to report (the card is renewed at the office); it is simply not checked again.
        await db.query(
          `UPDATE sign_certificates SET status = 'expired', checked_at = $3 WHERE issuer = $1 AND serial = $2`,
          [...key, now],
        );
        round.expired += 1;
      } else if (isJpkiError(error, 'jpki.cert-revoked')) {
        const revokedAt = error.revocation?.status === 'revoked' ? error.revocation.revokedAt : null;
        if (
          await reportRevocation(db, cipher, { issuer, serial, residentId: row.resident_id, revokedAt, now })
        )
          round.revoked += 1;
      } else if (isJpkiError(error)) {
        round.unknown += 1;
      } else {
        throw error;
      }
    }
  }
  return round;
}

async function reportRevocation(
  db: Database,
  cipher: FieldCipher,
  options: { issuer: string; serial: string; residentId: string; revokedAt: Date | null; now: Date },
): Promise<boolean> {
  const { issuer, serial, residentId, now } = options;
  return db.transaction(async (tx) => {
    const changed = await tx.query(
      `UPDATE sign_certificates SET status = 'revoked', revoked_at = $3, checked_at = $4
        WHERE issuer = $1 AND serial = $2 AND status = 'good' RETURNING serial`,
      [issuer, serial, options.revokedAt, now],
    );
    if (changed.length === 0) return false;
    const contracts = await tx.query<{ id: string; insurer_id: string }>(
      'SELECT id, insurer_id FROM status_report_contracts WHERE resident_id = $1',
      [residentId],
    );
    for (const contract of contracts) {
      const signalId = await recordSignal(tx, {
        insurerId: contract.insurer_id,
        contractId: contract.id,
        issuer,
        serial,
        revokedAt: options.revokedAt,
        now,
      });
      if (signalId !== undefined)
        await enqueueDelivery(tx, {
          id: signalId,
          insurerId: contract.insurer_id,
          kind: 'certificate-signal',
          now,
        });
    }
    await addNotice(tx, cipher, {
      residentId,
      sender: { kind: 'system', id: null, name: 'マイナTV' },
      kind: 'certificate-renewal',
      ...renewalNotice,
      dedupeKey: `certificate-renewal:${issuer}#${serial}`,
      now,
    });
    return true;
  });
}
