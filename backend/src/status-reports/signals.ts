// Signals to insurers from the daily 現況確認: the signature certificate of a contract's resident was revoked.
// A revocation means one of the four items changed (a move, a new name), the card was lost or returned, or
// the holder died; J-LIS does not say which to a relying party, so the signal says exactly that and never
// states a death: the insurer follows up.
import type { Queryable } from '../db/index.ts';
import type { CertificateSignal } from './contracts.ts';

export const revokedSignalMeaning =
  'The signature certificate of this contract holder was revoked. This happens when one of the four basic ' +
  'items (name, address, date of birth, gender) changed, when the card was lost or returned, or when the ' +
  'holder died. It does not tell which: please follow up. ' +
  '署名用電子証明書が失効しました。基本4情報（氏名・住所・生年月日・性別）の変更、カードの紛失・返納、' +
  'またはご本人の死亡などの場合に失効します。どれに当たるかは分かりません。ご確認ください。';

interface SignalRow {
  id: string;
  contract_id: string;
  reference_number: string;
  revoked_at: Date | null;
  detected_at: Date;
}

const toSignal = (row: SignalRow): CertificateSignal => ({
  signalId: row.id,
  kind: 'sign-certificate-revoked',
  contractId: row.contract_id,
  referenceNumber: row.reference_number,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  detectedAt: row.detected_at.toISOString(),
  meaning: revokedSignalMeaning,
});

const select = `SELECT s.id, s.contract_id, c.reference_number, s.revoked_at, s.detected_at
  FROM insurer_signals s JOIN status_report_contracts c ON c.id = s.contract_id`;

/** Records the signal for one contract; resolves to its id, or undefined if it was already recorded. */
export async function recordSignal(
  db: Queryable,
  options: {
    insurerId: string;
    contractId: string;
    issuer: string;
    serial: string;
    revokedAt: Date | null;
    now: Date;
  },
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO insurer_signals (id, insurer_id, contract_id, kind, cert_issuer, cert_serial, revoked_at,
       detected_at) VALUES ($1, $2, $3, 'sign-certificate-revoked', $4, $5, $6, $7)
     ON CONFLICT (contract_id, cert_issuer, cert_serial) DO NOTHING RETURNING id`,
    [
      crypto.randomUUID(),
      options.insurerId,
      options.contractId,
      options.issuer,
      options.serial,
      options.revokedAt,
      options.now,
    ],
  );
  return rows[0]?.id;
}

export async function readSignal(db: Queryable, signalId: string): Promise<CertificateSignal> {
  const rows = await db.query<SignalRow>(`${select} WHERE s.id = $1`, [signalId]);
  if (rows[0] === undefined) throw new Error(`signal ${signalId} missing`);
  return toSignal(rows[0]);
}

export async function listSignals(
  db: Queryable,
  options: { insurerId: string; since: Date | undefined; limit: number },
): Promise<CertificateSignal[]> {
  const rows = await db.query<SignalRow>(
    `${select} WHERE s.insurer_id = $1 AND s.detected_at > $2 ORDER BY s.detected_at, s.id LIMIT $3`,
    [options.insurerId, options.since ?? new Date(0), options.limit],
  );
  return rows.map(toSignal);
}
