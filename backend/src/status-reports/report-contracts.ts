// Contracts linking a person to an insurer (reference number, due month). The insurer names the person by
// the four items; they are matched to a registered resident through the blind index, now or when the
// resident first asks for their reports (a contract may exist before the resident registers). Once matched,
// the contract stays with that resident (a later move changes the items, not the person).
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import type { CertificateBasicInfo } from '../jpki/index.ts';
import { type BlindIndex, basicInfoMatchKey } from '../residents/index.ts';
import type { ContractInput, StatusReportContract, StatusReportHolder } from './contracts.ts';

export interface ContractRecord {
  contractId: string;
  insurerId: string;
  referenceNumber: string;
  dueMonth: number;
  residentId: string | null;
  /** The blind index of the four items the insurer gave. */
  basicInfoIndex: string;
  createdAt: Date;
}

interface ContractRow {
  id: string;
  insurer_id: string;
  reference_number: string;
  due_month: number;
  resident_id: string | null;
  basic_info_index: string;
  created_at: Date;
}

const columns = 'id, insurer_id, reference_number, due_month, resident_id, basic_info_index, created_at';

const toRecord = (row: ContractRow): ContractRecord => ({
  contractId: row.id,
  insurerId: row.insurer_id,
  referenceNumber: row.reference_number,
  dueMonth: row.due_month,
  residentId: row.resident_id,
  basicInfoIndex: row.basic_info_index,
  createdAt: row.created_at,
});

/** The match key of a report's or contract's holder, as basicInfoMatchKey computes it for certificates. */
export function holderMatchKey(holder: StatusReportHolder): string {
  const asCertificate: CertificateBasicInfo = {
    name: holder.name,
    nameSubstitutes: [],
    dateOfBirth: { era: 'unknown', date: holder.dateOfBirth },
    gender: holder.gender,
    address: holder.address,
    addressSubstitutes: [],
  };
  return basicInfoMatchKey(asCertificate);
}

export async function putContract(
  db: Queryable,
  options: {
    cipher: FieldCipher;
    blindIndex: BlindIndex;
    insurerId: string;
    referenceNumber: string;
    input: ContractInput;
    now: Date;
  },
): Promise<{ contract: StatusReportContract; created: boolean }> {
  const { cipher, blindIndex, insurerId, referenceNumber, input, now } = options;
  const key = holderMatchKey(input.holder);
  const [resident] = await db.query<{ id: string }>(
    'SELECT id FROM residents WHERE basic_info_index = ANY($1::text[])',
    [blindIndex.candidates(key)],
  );
  const id = crypto.randomUUID();
  const [existing] = await db.query<{ id: string }>(
    'SELECT id FROM status_report_contracts WHERE insurer_id = $1 AND reference_number = $2',
    [insurerId, referenceNumber],
  );
  const contractId = existing?.id ?? id;
  const sealed = cipher.encrypt(JSON.stringify(input.holder), {
    table: 'status_report_contracts',
    column: 'basic_info_sealed',
    rowId: contractId,
  });
  // A matched contract keeps its resident; the insurer's update of the items does not move it.
  const rows = await db.query<ContractRow>(
    `INSERT INTO status_report_contracts (id, insurer_id, reference_number, due_month, basic_info_index,
       basic_info_sealed, resident_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (insurer_id, reference_number) DO UPDATE SET due_month = $4, basic_info_index = $5,
       basic_info_sealed = $6, resident_id = COALESCE(status_report_contracts.resident_id, $7), updated_at = $8
     RETURNING ${columns}`,
    [
      contractId,
      insurerId,
      referenceNumber,
      input.dueMonth,
      blindIndex.current(key),
      sealed,
      resident?.id ?? null,
      now,
    ],
  );
  const row = rows[0] as ContractRow;
  return {
    contract: {
      contractId: row.id,
      referenceNumber: row.reference_number,
      dueMonth: row.due_month,
      matched: row.resident_id !== null,
    },
    created: existing === undefined,
  };
}

/**
 * The contracts of a resident: those matched to them, and unmatched ones naming their four items (matched
 * now). `basicInfo` is the resident's verified four items.
 */
export async function contractsOfResident(
  db: Queryable,
  options: { residentId: string; basicInfo: CertificateBasicInfo; blindIndex: BlindIndex },
): Promise<ContractRecord[]> {
  const candidates = options.blindIndex.candidates(basicInfoMatchKey(options.basicInfo));
  await db.query(
    `UPDATE status_report_contracts SET resident_id = $1
      WHERE resident_id IS NULL AND basic_info_index = ANY($2::text[])`,
    [options.residentId, candidates],
  );
  const rows = await db.query<ContractRow>(
    `SELECT ${columns} FROM status_report_contracts WHERE resident_id = $1 ORDER BY created_at, id`,
    [options.residentId],
  );
  return rows.map(toRecord);
}

export async function readContract(db: Queryable, contractId: string): Promise<ContractRecord | undefined> {
  const rows = await db.query<ContractRow>(`SELECT ${columns} FROM status_report_contracts WHERE id = $1`, [
    contractId,
  ]);
  return rows[0] && toRecord(rows[0]);
}

export async function findInsurerContract(
  db: Queryable,
  insurerId: string,
  referenceNumber: string,
): Promise<ContractRecord | undefined> {
  const rows = await db.query<ContractRow>(
    `SELECT ${columns} FROM status_report_contracts WHERE insurer_id = $1 AND reference_number = $2`,
    [insurerId, referenceNumber],
  );
  return rows[0] && toRecord(rows[0]);
}
