// What the logged-in resident sees: the reports due (pre-filled from their verified four items, the contract
// and the insurer's form) and the receipts of the ones sent.
import type { AuditActor } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type BlindIndex, readResident } from '../residents/index.ts';
import type { ResidentStatusReports, StatusReportDraft } from './contracts.ts';
import { openPeriod } from './due-period.ts';
import { readInsurerProfile } from './insurer-profiles.ts';
import { contractsOfResident } from './report-contracts.ts';
import { findExistingReport, receiptsOfResident } from './report-records.ts';

export async function residentStatusReports(
  db: Database,
  options: { residentId: string; cipher: FieldCipher; blindIndex: BlindIndex; actor: AuditActor; now: Date },
): Promise<ResidentStatusReports> {
  const { residentId, now } = options;
  const resident = await readResident(db, { residentId, cipher: options.cipher, actor: options.actor, now });
  const { name, dateOfBirth, gender, address } = resident.basicInfo;
  const contracts = await contractsOfResident(db, {
    residentId,
    basicInfo: resident.basicInfo,
    blindIndex: options.blindIndex,
  });
  const due: StatusReportDraft[] = [];
  for (const contract of contracts) {
    const open = openPeriod({ dueMonth: contract.dueMonth, contractCreatedAt: contract.createdAt, now });
    if (open === undefined) continue;
    if (await findExistingReport(db, { contractId: contract.contractId, period: open.period })) continue;
    const profile = await readInsurerProfile(db, contract.insurerId);
    if (profile === undefined) continue;
    due.push({
      contractId: contract.contractId,
      ...open,
      insurer: { id: contract.insurerId, name: profile.displayName },
      referenceNumber: contract.referenceNumber,
      holder: { name, dateOfBirth: dateOfBirth.date, gender, address },
      declaration: profile.declaration,
      questions: profile.questions,
    });
  }
  return { due, sent: await receiptsOfResident(db, residentId) };
}
